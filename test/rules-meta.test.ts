import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_STORES, STATE_SOURCES } from '../src/catalogue/catalogue.js';
import { RULES } from '../rules/index.js';
import { KINDS } from '../src/report/kinds.js';
import { analyseSnippet, expectedFindings, fixtureNames, ROOT } from './helpers/scan-fixture.js';
import { updateReadme } from './tools/rule-docs.mjs';

const RULE_FILES = readdirSync(join(ROOT, 'rules'))
  .filter((name) => name.endsWith('.ts') && name !== 'index.ts' && name !== 'catalogue.ts')
  .map((name) => name.replace(/\.ts$/, ''))
  .sort();

const ALL_EXPECTATIONS = fixtureNames().flatMap(expectedFindings);

describe('rule registry', () => {
  it('lists exactly the rule files, sorted by id', () => {
    expect(RULES.map((rule) => rule.id)).toEqual(RULE_FILES);
  });

  it('gives every rule its own precedence: which rule keeps a holder never depends on report order', () => {
    const rulesAt = new Map<number, string[]>();
    for (const rule of RULES) rulesAt.set(rule.precedence, [...(rulesAt.get(rule.precedence) ?? []), rule.id]);
    expect([...rulesAt.values()].filter((ids) => ids.length > 1)).toEqual([]);
  });
});

describe.each(RULES.map((rule) => [rule.id, rule] as const))('rule %s', (id, rule) => {
  it('has complete metadata in the house style', () => {
    expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(id.startsWith('no-')).toBe(false);
    expect(KINDS).toContain(rule.kind);
    expect(rule.description).toMatch(/^Flags /);
    expect(rule.move).toMatch(/^[A-Z]/);
    for (const text of [rule.title, rule.impact, rule.docs.rationale, rule.docs.notState, rule.docs.flagged, rule.docs.notFlagged]) {
      expect(text.trim().length).toBeGreaterThan(10);
    }
  });

  it('flags its documented example', () => {
    const flagged = analyseSnippet(rule.docs.flagged).filter((finding) => finding.instanceLocal);
    expect(flagged.map((finding) => finding.ruleId)).toContain(id);
  });

  it('does not flag its documented look-alike (an Instance-local N line is not a flag)', () => {
    const flagged = analyseSnippet(rule.docs.notFlagged).filter((finding) => finding.instanceLocal);
    expect(flagged.map((finding) => finding.ruleId)).not.toContain(id);
  });

  it('uses every message id it declares', () => {
    const source = readFileSync(join(ROOT, 'rules', `${id}.ts`), 'utf8');
    for (const messageId of Object.keys(rule.messages)) expect(source).toContain(`'${messageId}'`);
  });

  it('has at least one fixture expectation', () => {
    expect(ALL_EXPECTATIONS.some((line) => line.includes(` ${id} `))).toBe(true);
  });
});

describe('catalogue', () => {
  it('names only registered rules, with their kind', () => {
    for (const source of STATE_SOURCES) {
      const rule = RULES.find((candidate) => candidate.id === source.rule);
      expect(rule, `${source.module} ${source.export}`).toBeDefined();
      expect(source.kind).toBe(rule!.kind);
    }
  });

  it('keeps sources and shared stores sorted by module', () => {
    for (const entries of [STATE_SOURCES, SHARED_STORES]) {
      const modules = entries.map((entry) => entry.module);
      expect(modules).toEqual([...modules].sort());
    }
  });

  it("keeps each module's sources in one family: one rule reports them all", () => {
    const rulesByModule = new Map<string, Set<string>>();
    for (const source of STATE_SOURCES) rulesByModule.set(source.module, (rulesByModule.get(source.module) ?? new Set()).add(source.rule));
    expect([...rulesByModule].filter(([, rules]) => rules.size > 1)).toEqual([]);
  });
});

describe('README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it("has the rule table, the precedence order and the rule reference generated from the rules' metadata", () => {
    expect(updateReadme(readme, RULES), "README.md's rule sections are out of step with the rules: run npm run docs").toBe(readme);
  });

  it('starts with the two set-up commands that .ci/run relies on', () => {
    expect(readme.split('\n').slice(2, 6)).toEqual(['```sh', 'npm install && node bin/hidden-state.js scan fixtures/express-shop', 'npm test', '```']);
    expect(readFileSync(join(ROOT, '.ci/run'), 'utf8')).toMatch(/^npm test$/m);
  });
});
