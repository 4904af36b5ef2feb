import { ts } from '../src/shared/typescript.cjs';
import { describe, expect, it } from 'vitest';
import { SHARED_STORES, STATE_SOURCES } from '../src/catalogue/catalogue.js';
import { createCatalogue } from '../src/catalogue/types.js';
import { analyse } from '../src/engine/engine.js';
import { parseText } from '../src/engine/parse.js';
import { defineRule, type Rule, type RuleVisitors } from '../src/engine/rule.js';
import { testRule } from './helpers/rule-tester.js';

// A rule written here, visiting node kinds no rule of rules/ visits: the engine dispatches them
// with no change to any other file (issue 15: adding a rule touches its file, its fixture and the index).
const uploadPathRule = defineRule({
  id: 'upload-path',
  kind: 'local-disk',
  title: 'Upload path under the temporary folder',
  description: 'Flags a path built under /tmp from a template, and a throw that gives up on a missing upload.',
  severity: 'warning',
  impact: 'A file written under /tmp is on this instance only.',
  move: 'Write uploads to object storage.',
  precedence: 1,
  messages: {
    path: 'path under {{folder}} is on this instance only',
    thrown: 'upload missing on this instance',
  },
  docs: { rationale: 'Local disk.', notState: 'Paths outside /tmp.', flagged: '', notFlagged: '' },
  create(context) {
    return {
      TemplateExpression(node) {
        if (!node.head.text.startsWith('/tmp/')) return;
        context.report({ node, messageId: 'path', data: { folder: node.head.text }, symbol: node.head.text });
      },
      ThrowStatement(node) {
        if (node.expression && ts.isNewExpression(node.expression) && node.expression.getText(context.sourceFile).includes('upload')) {
          context.report({ node, messageId: 'thrown', symbol: 'throw', confidence: 'low' });
        }
      },
    };
  },
});

function findingsOf(rule: Rule, text: string) {
  return analyse([parseText('uploads.ts', text)], [{ rule, severity: rule.severity }], createCatalogue(STATE_SOURCES, SHARED_STORES));
}

// The rule through the table-driven tester, beside every registered rule.
testRule(uploadPathRule, {
  valid: [{ name: 'a template path outside /tmp, and a throw about something else', code: ['export const urlOf = (id: string) => `/files/${id}`;', "throw new Error('other');"] }],
  invalid: [
    {
      name: 'a TemplateExpression and a ThrowStatement, kinds no rule of rules/ visits',
      code: [
        'export function pathOf(id: string) {',
        '  return `/tmp/uploads/${id}`;',
        '}',
        'export function check(found: boolean) {',
        "  if (!found) throw new Error('upload missing');",
        '}',
      ],
      findings: [
        { line: 2, column: 10, messageId: 'path', message: 'path under /tmp/uploads/ is on this instance only', severity: 'warning', confidence: 'high' },
        { line: 5, column: 15, messageId: 'thrown', severity: 'warning', confidence: 'low' },
      ],
    },
  ],
});

describe('visitors of any node kind', () => {
  it('dispatches every node of a file, each once, to a visitor keyed by its kind name', () => {
    const text = [
      "import { readFile } from 'node:fs/promises';",
      'export class Orders<T> {',
      '  #seen = new Set<string>();',
      '  async load(id: string): Promise<T | undefined> {',
      '    if (this.#seen.has(id)) return undefined;',
      '    const body = await readFile(`/data/${id}.json`, "utf8");',
      '    for (const [key, value] of Object.entries(JSON.parse(body))) void [key, value];',
      '    return (JSON.parse(body) as T) ?? undefined;',
      '  }',
      '}',
      'label: while (true) { debugger; break label; }',
    ].join('\n');
    const seen: string[] = [];
    const everyKind = defineRule({
      ...uploadPathRule,
      id: 'every-kind',
      create: () => Object.fromEntries(kindNames().map((name) => [name, () => seen.push(name)])) as RuleVisitors,
    });
    expect(findingsOf(everyKind, text).errors).toEqual([]);
    expect(seen).toEqual(kindsInOrder(parseText('uploads.ts', text).sourceFile));
    expect(seen).toEqual(expect.arrayContaining(['LabeledStatement', 'DebuggerStatement', 'PrivateIdentifier', 'AwaitExpression']));
  });

  it('refuses a visitor name that is no syntax kind, naming the rule', () => {
    const misspelt = defineRule({ ...uploadPathRule, create: () => ({ ThrowStatment: () => undefined }) as RuleVisitors });
    expect(() => findingsOf(misspelt, 'throw 1;')).toThrow("rule upload-path: unknown visitor 'ThrowStatment'");
  });
});

/** Every syntax kind name, without the range markers that alias real kinds. */
function kindNames(): string[] {
  return Object.keys(ts.SyntaxKind).filter((name) => Number.isNaN(Number(name)) && !/^(First|Last)[A-Z]|^Count$/.test(name));
}

/** The kind names of a tree's nodes, parents before children, as TypeScript's own recursion gives them. */
function kindsInOrder(root: ts.Node): string[] {
  const names = new Map(kindNames().map((name) => [ts.SyntaxKind[name as keyof typeof ts.SyntaxKind], name]));
  const order: string[] = [];
  const visit = (node: ts.Node): void => {
    order.push(names.get(node.kind)!);
    ts.forEachChild(node, visit);
  };
  visit(root);
  return order;
}
