import { ts } from 'ts-morph';
import { ModuleFacts, USE_NODE_KINDS } from '../../src/facts/module-facts.js';
import { parseText } from '../../src/engine/parse.js';

/** A module's facts, built the way the engine builds them: one walk feeding `recordUse`. */
export function factsOf(source: string, file = 'module.ts'): ModuleFacts {
  const { sourceFile } = parseText(file, source);
  const facts = new ModuleFacts(sourceFile);
  const kinds = new Set(USE_NODE_KINDS);
  const visit = (node: ts.Node): void => {
    if (kinds.has(node.kind)) facts.recordUse(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return facts;
}
