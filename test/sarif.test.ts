import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Log, Result } from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { summarizeRules } from '../src/cli/rule-docs.js';
import { formatSarif, SARIF_MAX_RESULTS } from '../src/reporters/sarif.js';
import { makeFinding, makeReport } from './helpers/findings.js';
import { fixtureNames, ROOT, scanFixture } from './helpers/scan-fixture.js';

const RULE_SUMMARIES = summarizeRules(RULES);
// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

let validateSarif: ValidateFunction;

beforeAll(() => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/data/sarif-schema-2.1.0.json'), 'utf8'));
  // The schema's own style trips Ajv's strict mode (e.g. `required` under `anyOf`); validation is unaffected.
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  validateSarif = ajv.compile(schema);
});

/** Schema-valid, and every region names its start line (errata 01's rule, absent from the schema copy). */
function expectValid(text: string): Log {
  const log = JSON.parse(text) as Log;
  const valid = validateSarif(log);
  expect(validateSarif.errors ?? [], 'SARIF schema errors').toEqual([]);
  expect(valid).toBe(true);
  for (const result of log.runs[0]!.results ?? []) {
    for (const location of [...(result.locations ?? []), ...(result.relatedLocations ?? [])]) {
      expect(location.physicalLocation?.region?.startLine).toBeGreaterThanOrEqual(1);
    }
  }
  return log;
}

describe('SARIF reporter', () => {
  it('the schema check is real: it rejects a result with line 0 and an unknown level', () => {
    const broken = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal', locations: [{ physicalLocation: { artifactLocation: { uri: 'src/a.ts' }, region: { startLine: 0 } } }] }] }] };
    expect(validateSarif(broken)).toBe(false);
    expect(validateSarif.errors!.map((error) => error.instancePath).sort()).toEqual([
      '/runs/0/results/0/level',
      '/runs/0/results/0/locations/0/physicalLocation/region/startLine',
    ]);
  });

  it('describes the Express shop in one valid run with every rule', () => {
    const { report } = scanFixture('express-shop');
    const log = expectValid(formatSarif(report, { rules: RULE_SUMMARIES }));
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules!;
    expect(rules.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    for (const [index, rule] of RULES.entries()) {
      expect(rules[index]).toMatchObject({
        shortDescription: { text: rule.title },
        helpUri: expect.stringMatching(new RegExp(`^https://\\S+#${rule.id}$`)),
        defaultConfiguration: { level: rule.severity === 'info' ? 'note' : rule.severity },
      });
      expect(rules[index]!.fullDescription!.text).toContain(rule.description);
      expect(rules[index]!.help!.text).toContain(rule.move);
    }
    expect(run.results).toHaveLength(report.findings.length);
    run.results!.forEach((result, index) => {
      const finding = report.findings[index]!;
      expect(rules[result.ruleIndex!]!.id).toBe(finding.ruleId);
      expect(result.partialFingerprints).toEqual({ 'hiddenStateFingerprint/v1': finding.fingerprint });
      expect(result.locations![0]!.physicalLocation).toEqual({
        artifactLocation: { uri: finding.file, uriBaseId: '%SRCROOT%' },
        region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
      });
      expect(result.properties).toMatchObject({ instanceLocal: finding.instanceLocal, kind: finding.kind, confidence: finding.confidence });
      expect(result.message.text).toContain(finding.move);
    });
  });

  it.each(fixtureNames())('gives a valid run for the %s fixture, one result per finding', (name) => {
    const { report } = scanFixture(name);
    const log = expectValid(formatSarif(report, { rules: RULE_SUMMARIES }));
    expect(log.runs[0]!.results!.map((result) => result.partialFingerprints!['hiddenStateFingerprint/v1'])).toEqual(report.findings.map((finding) => finding.fingerprint));
  });

  it('maps severity to level and keeps suppressions, baseline state, evidence and facts', () => {
    const report = makeReport(
      [
        makeFinding({ fingerprint: 'a1', suppression: { kind: 'next-line', justification: 'rebuilt on every instance', line: 2 }, baselineState: 'new' }),
        makeFinding({ fingerprint: 'b2', line: 8, endLine: 8, severity: 'warning', ruleId: 'library-cache', baselineState: 'unchanged', properties: { max: 500 } }),
        makeFinding({ fingerprint: 'c3', line: 12, endLine: 12, severity: 'info', instanceLocal: false, file: 'src/my routes/ü.ts', evidence: [] }),
      ],
      { suppressionProblems: [{ file: 'src/cart.ts', line: 20, problem: 'missing-reason', ruleId: 'module-cache', message: 'gives no reason' }] },
    );
    const log = expectValid(formatSarif({ ...report, errors: [{ file: 'src/broken.ts', message: 'parse error at 1:3' }] }, { rules: RULE_SUMMARIES }));
    const [suppressed, baselined, shared] = log.runs[0]!.results! as [Result, Result, Result];
    expect(suppressed.suppressions).toEqual([
      { kind: 'inSource', status: 'accepted', justification: 'rebuilt on every instance', location: expect.objectContaining({ physicalLocation: expect.objectContaining({ region: { startLine: 2 } }) }) },
    ]);
    expect(suppressed.baselineState).toBe('new');
    expect(suppressed.relatedLocations).toEqual([
      { id: 1, physicalLocation: { artifactLocation: { uri: 'src/cart.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 9 } }, message: { text: 'written by .set() in addItem' } },
    ]);
    expect([suppressed.level, baselined.level, shared.level]).toEqual(['error', 'warning', 'note']);
    expect(baselined).toMatchObject({ baselineState: 'unchanged', properties: { facts: { max: 500 } } });
    expect(baselined.suppressions).toBeUndefined();
    expect(shared.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('src/my%20routes/%C3%BC.ts');
    const notifications = log.runs[0]!.invocations![0]!.toolExecutionNotifications!;
    expect(notifications.map((notification) => [notification.level, notification.message.text])).toEqual([
      ['warning', 'src/broken.ts was not analysed: parse error at 1:3'],
      ['error', 'gives no reason'],
    ]);
  });

  it(`cuts a run to GitHub's ${SARIF_MAX_RESULTS} results, keeping the severe ones and saying so`, () => {
    const notes = Array.from({ length: 10 }, (_, index) => makeFinding({ fingerprint: `n${index}`, line: index + 1, severity: 'info', instanceLocal: false }));
    const errors = Array.from({ length: SARIF_MAX_RESULTS }, (_, index) => makeFinding({ fingerprint: `e${index}`, file: `src/m${String(index).padStart(5, '0')}.ts` }));
    const report = makeReport([...notes, ...errors]);
    const log = expectValid(formatSarif(report, { rules: RULE_SUMMARIES }));
    const run = log.runs[0]!;
    expect(run.results).toHaveLength(SARIF_MAX_RESULTS);
    expect(run.results!.every((result) => result.level === 'error')).toBe(true);
    expect(run.properties).toMatchObject({ resultsOmitted: 10 });
    expect(run.invocations![0]!.toolExecutionNotifications![0]!.message.text).toMatch(
      /^Only 25000 of 25010 results are in this run: GitHub code scanning accepts at most 25000 results per run\./,
    );
  });

  it('gives the same bytes for the same report', () => {
    const { report } = scanFixture('express-shop');
    expect(formatSarif(report, { rules: RULE_SUMMARIES })).toBe(formatSarif(scanFixture('express-shop').report, { rules: RULE_SUMMARIES }));
  });
});

describe('SARIF locations outside the working directory', () => {
  it('a file outside %SRCROOT% (../x/ok.ts) gets an absolute file: URI; files inside stay relative', async () => {
    const { runInProcess, temporaryFolder } = await import('./helpers/run-cli.js');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const root = temporaryFolder();
    mkdirSync(join(root, 'x'));
    mkdirSync(join(root, 'here/src'), { recursive: true });
    const state = 'const seen = new Map();\nexport function keep(id: string) { seen.set(id, 1); }\n';
    writeFileSync(join(root, 'x/ok ts.ts'), state);
    writeFileSync(join(root, 'here/src/in.ts'), state);
    const run = await runInProcess(['scan', '../x', 'src', '-f', 'sarif'], join(root, 'here'));
    const uris = (JSON.parse(run.stdout) as Log).runs[0]!.results!.map((result) => result.locations![0]!.physicalLocation!.artifactLocation!);
    expect(uris).toEqual([{ uri: new URL(`file://${join(root, 'x/ok ts.ts')}`).href }, { uri: 'src/in.ts', uriBaseId: '%SRCROOT%' }]);
  });
});
