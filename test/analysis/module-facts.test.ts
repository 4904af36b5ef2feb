import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { ModuleFacts, USE_NODE_KINDS } from '../../src/analysis/module-facts.js';
import { parseText } from '../../src/project.js';

function factsOf(text: string): ModuleFacts {
  const { sourceFile } = parseText('facts.ts', text);
  const facts = new ModuleFacts(sourceFile);
  const visit = (node: ts.Node): void => {
    if (USE_NODE_KINDS.includes(node.kind)) facts.recordUse(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return facts;
}

describe('ModuleFacts member writes', () => {
  it('records a write keyed by a variable as a computed key, and a literal key as a fixed slot', () => {
    const facts = factsOf(
      ['const prices: Record<string, number> = {};', 'export function set(sku: string) {', '  prices[sku] = 1;', "  prices['total'] = 2;", '  prices[0] = 3;', '}'].join('\n'),
    );
    expect(facts.usesOf('prices').map((use) => [use.kind, use.computedKey])).toEqual([
      ['member-assign', true],
      ['member-assign', false],
      ['member-assign', false],
    ]);
  });
});
