// The parse-only floor: read every file, parse it with TypeScript, visit every node.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const files = readFileSync(0, 'utf8').split('\n').filter(Boolean);
let nodes = 0;
const visit = (node) => {
  nodes++;
  ts.forEachChild(node, visit);
};
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
}
process.stdout.write(`${files.length} files, ${nodes} nodes\n`);
