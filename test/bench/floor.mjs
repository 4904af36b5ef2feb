// The parse-only floor: read every file on stdin's list, parse it with TypeScript as the scan does
// (parent pointers, no JSDoc, script kind by extension) and visit every node: no analysis can be
// faster. TypeScript is loaded with createRequire: an ES-module `import` of its 9 MB CommonJS file
// costs ~250 ms more, Node scanning the source for export names.
// `--threads n` (n > 1) splits the list across n worker threads, each loading TypeScript itself.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

function parseFiles(files) {
  const ts = createRequire(import.meta.url)('typescript');
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  let nodes = 0;
  const visit = (node) => {
    nodes++;
    ts.forEachChild(node, visit);
  };
  for (const file of files) {
    const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : /\.[cm]?ts$/.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JSX;
    visit(ts.createSourceFile(file, readFileSync(file, 'utf8'), options, true, kind));
  }
  return nodes;
}

function parseInWorkers(files, threads) {
  // Every thread-th file, so that each thread gets a like mix of small and large files.
  const slices = Array.from({ length: threads }, (_, thread) => files.filter((_, index) => index % threads === thread));
  const counts = slices.map(
    (slice) =>
      new Promise((resolve, reject) => {
        const worker = new Worker(new URL(import.meta.url), { workerData: slice });
        worker.once('message', resolve);
        worker.once('error', reject);
      }),
  );
  return Promise.all(counts).then((each) => each.reduce((sum, count) => sum + count, 0));
}

if (isMainThread) {
  const files = readFileSync(0, 'utf8').split('\n').filter(Boolean);
  const flag = process.argv.indexOf('--threads');
  const threads = flag > 0 ? Number(process.argv[flag + 1]) : 1;
  const nodes = threads > 1 ? await parseInWorkers(files, threads) : parseFiles(files);
  process.stdout.write(`${files.length} files, ${nodes} nodes, ${threads} thread(s)\n`);
} else {
  parentPort.postMessage(parseFiles(workerData));
}
