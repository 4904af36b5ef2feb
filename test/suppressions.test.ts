import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import type { Finding } from '../src/report/finding.js';
import { parseText } from '../src/engine/parse.js';
import { commentsContaining } from '../src/engine/source-comments.js';
import { applySuppressions, parseDirectives, SUPPRESSION_MARKER } from '../src/engine/suppressions.js';
import { analyseSnippet } from './helpers/scan-fixture.js';

const RULE_IDS = RULES.map((rule) => rule.id);

/** Runs every rule on the module, then its suppression comments. */
function suppress(lines: string[], reportUnused = false) {
  const text = lines.join('\n');
  const findings = analyseSnippet(text, 'src/service.ts');
  const parsed = parseDirectives('src/service.ts', commentsContaining(parseText('src/service.ts', text).sourceFile, SUPPRESSION_MARKER), RULE_IDS);
  const outcome = applySuppressions(findings, parsed.directives);
  const describe = (finding: Finding): string => `${finding.line} ${finding.symbol}${finding.suppression ? ` suppressed(${finding.suppression.kind}: ${finding.suppression.justification})` : ''}`;
  return { findings: outcome.findings.map(describe), problems: [...parsed.problems, ...(reportUnused ? outcome.unused : [])].map((problem) => `${problem.line} ${problem.problem}`) };
}

const WRITER = ['export function remember(id: string) {', '  carts.set(id, []);', '  orders.set(id, []);', '  seen.add(id);', '}'];

describe('suppression comments', () => {
  it('next-line covers the finding on the next line only', () => {
    const result = suppress([
      '// hidden-state-ignore-next-line module-cache -- warm-up data, rebuilt on each instance',
      'const carts = new Map<string, string[]>();',
      'const orders = new Map<string, string[]>();',
      'const seen = new Set<string>();',
      ...WRITER,
    ]);
    expect(result.findings).toEqual(['2 carts suppressed(next-line: warm-up data, rebuilt on each instance)', '3 orders', '4 seen']);
    expect(result.problems).toEqual([]);
  });

  it('the same-line form covers the declaration it ends, even across lines; block comments work too', () => {
    const result = suppress([
      'const carts = new Map<string, string[]>(); // hidden-state-ignore-line module-cache -- per-instance by design',
      'const orders = new Map<',
      '  string,',
      '  string[]',
      '>(); /* hidden-state-ignore-line module-cache -- drained by the queue worker */',
      'const seen = new Set<string>();',
      ...WRITER,
    ]);
    expect(result.findings).toEqual([
      '1 carts suppressed(same-line: per-instance by design)',
      '2 orders suppressed(same-line: drained by the queue worker)',
      '6 seen',
    ]);
  });

  it('the file form covers every finding of its rule in the file, and no other rule', () => {
    const result = suppress([
      '/**',
      ' * hidden-state-ignore-file module-cache -- a single-instance admin tool,',
      ' *   never scaled out',
      ' */',
      "import { writeFileSync } from 'node:fs';",
      'const carts = new Map<string, string[]>();',
      'const orders = new Map<string, string[]>();',
      'const seen = new Set<string>();',
      ...WRITER,
      "export function save() { writeFileSync('state.json', '{}'); }",
    ]);
    expect(result.findings).toEqual([
      '6 carts suppressed(file: a single-instance admin tool, never scaled out)',
      '7 orders suppressed(file: a single-instance admin tool, never scaled out)',
      '8 seen suppressed(file: a single-instance admin tool, never scaled out)',
      '14 writeFileSync() ',
    ].map((line) => line.trim()));
  });

  it('a comment for another rule covers nothing and, on request, is reported unused', () => {
    const lines = ['// hidden-state-ignore-next-line library-cache -- not this one', 'const carts = new Map<string, string[]>();', 'const orders = new Map();', 'const seen = new Set();', ...WRITER];
    expect(suppress(lines).findings).toEqual(['2 carts', '3 orders', '4 seen']);
    expect(suppress(lines).problems).toEqual([]);
    expect(suppress(lines, true).problems).toEqual(['1 unused']);
  });

  it.each([
    ['// hidden-state-ignore-next-line module-cache', 'missing-reason'],
    ['// hidden-state-ignore-next-line module-cache --   ', 'missing-reason'],
    ['// hidden-state-ignore-next-line module-cache because it is fine', 'missing-reason'],
    ['// hidden-state-ignore-next-line -- no rule named', 'missing-rule'],
    ['// hidden-state-ignore-next-line no-module-cache -- typo in the rule', 'unknown-rule'],
  ])('%s is a problem (%s) and silences nothing', (comment, problem) => {
    const result = suppress([comment, 'const carts = new Map();', 'const orders = new Map();', 'const seen = new Set();', ...WRITER]);
    expect(result.findings).toEqual(['2 carts', '3 orders', '4 seen']);
    expect(result.problems).toEqual([`1 ${problem}`]);
  });

  it('text that only looks like a comment, in a string or a template, is not a directive', () => {
    const result = suppress([
      "const help = '// hidden-state-ignore-next-line module-cache';",
      'const carts = new Map();',
      'const usage = `',
      '/* hidden-state-ignore-file module-cache -- example */`;',
      'const orders = new Map();',
      'const seen = new Set();',
      ...WRITER,
    ]);
    expect(result.findings).toEqual(['2 carts', '5 orders', '6 seen']);
    expect(result.problems).toEqual([]);
  });
});
