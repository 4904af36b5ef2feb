import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { XmlDocument, XsdValidator, type XmlElement } from 'libxml2-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatGitlab, type CodeQualityIssue } from '../src/reporters/gitlab.js';
import { formatJunit } from '../src/reporters/junit.js';
import { makeFinding, makeReport } from './helpers/findings.js';
import { runInProcess } from './helpers/run-cli.js';
import { ROOT, scanFixture } from './helpers/scan-fixture.js';

// test/data/README.md says where each schema comes from.
let validateIssue: ValidateFunction;
let junitSchema: XmlDocument;
let validateJunit: XsdValidator;

beforeAll(() => {
  validateIssue = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(ROOT, 'test/data/gitlab-codeclimate.schema.json'), 'utf8')));
  junitSchema = XmlDocument.fromString(readFileSync(join(ROOT, 'test/data/junit-10.xsd'), 'utf8'));
  validateJunit = XsdValidator.fromDoc(junitSchema);
});

afterAll(() => {
  validateJunit.dispose();
  junitSchema.dispose();
});

const GITLAB_SEVERITIES = ['info', 'minor', 'major', 'critical', 'blocker'];

/**
 * What GitLab accepts: a JSON array (no byte-order mark) of entries valid against its schema
 * (its parser stops at the first invalid one), plus what its documentation requires beyond the
 * schema: check_name, a documented severity, a relative path and a line, unique fingerprints
 * (a repeated one replaces the first).
 */
function expectGitlabReport(text: string): CodeQualityIssue[] {
  expect(text.charCodeAt(0)).not.toBe(0xfeff);
  const issues = JSON.parse(text) as CodeQualityIssue[];
  expect(Array.isArray(issues)).toBe(true);
  for (const issue of issues) {
    expect(validateIssue(issue), JSON.stringify(validateIssue.errors)).toBe(true);
    expect(issue.check_name).toMatch(/^hidden-state\/[a-z-]+$/);
    expect(GITLAB_SEVERITIES).toContain(issue.severity);
    expect(issue.location.path).not.toMatch(/^\//);
    expect(Number.isInteger(issue.location.lines.begin) && issue.location.lines.begin >= 1).toBe(true);
  }
  expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(issues.length);
  return issues;
}

/** Well-formed, valid against Jenkins' JUnit schema; the parsed document for queries (disposed by the caller). */
function expectJunit(text: string): XmlDocument {
  const document = XmlDocument.fromString(text);
  try {
    validateJunit.validate(document);
  } catch (error) {
    document.dispose();
    throw error;
  }
  return document;
}

function attribute(node: XmlElement, name: string): string | undefined {
  return node.attr(name)?.value;
}

describe('--format gitlab (GitLab Code Quality)', () => {
  it('the schema check is real: GitLab refuses an entry without a fingerprint or with a line that is not a number', () => {
    expect(validateIssue({ description: 'd', severity: 'major', location: { path: 'a.ts', lines: { begin: 1 } } })).toBe(false);
    expect(validateIssue({ description: 'd', fingerprint: 'f', severity: 'major', location: { path: 'a.ts', lines: { begin: '1' } } })).toBe(false);
  });

  it('lists each instance-local finding of the Express shop with its rule, severity, place and fingerprint', () => {
    const { report } = scanFixture('express-shop');
    const issues = expectGitlabReport(formatGitlab(report));
    const local = report.findings.filter((finding) => finding.instanceLocal);
    expect(local.length).toBeGreaterThan(0);
    expect(issues).toEqual(
      local.map((finding) => ({
        description: `${finding.message}. Proposed move: ${finding.move}`,
        check_name: `hidden-state/${finding.ruleId}`,
        fingerprint: finding.fingerprint,
        severity: finding.severity === 'error' ? 'major' : finding.severity === 'warning' ? 'minor' : 'info',
        location: { path: finding.file, lines: { begin: finding.line, end: finding.endLine } },
      })),
    );
  });

  it('leaves out shared, suppressed and baselined lines; lists broken comments and unread files; keeps fingerprints unique', () => {
    const report = makeReport(
      [
        makeFinding({ line: 3, fingerprint: 'same' }),
        makeFinding({ line: 8, fingerprint: 'same', severity: 'warning' }),
        makeFinding({ line: 12, instanceLocal: false, severity: 'info', fingerprint: 'shared' }),
        makeFinding({ line: 14, fingerprint: 'accepted', suppression: { kind: 'next-line', justification: 'one instance by design', line: 13 } }),
        makeFinding({ line: 16, fingerprint: 'old', baselineState: 'unchanged' }),
      ],
      {
        errors: [{ file: 'src/legacy.js', message: 'parse error at 3:1' }],
        suppressionProblems: [{ file: 'src/cart.ts', line: 20, problem: 'missing-reason', ruleId: 'module-cache', message: 'the comment gives no reason' }],
      },
    );
    const issues = expectGitlabReport(formatGitlab(report));
    expect(issues.map((issue) => [issue.check_name, issue.location.lines.begin, issue.severity, issue.fingerprint])).toEqual([
      ['hidden-state/module-cache', 3, 'major', 'same'],
      ['hidden-state/module-cache', 8, 'minor', 'same#2'],
      ['hidden-state/suppression-comment', 20, 'major', 'suppression:missing-reason:src/cart.ts:20'],
      ['hidden-state/file-not-analysed', 1, 'major', 'not-analysed:src/legacy.js'],
    ]);
  });

  it('is an empty array when there is nothing to fix', () => {
    expect(expectGitlabReport(formatGitlab(makeReport([])))).toEqual([]);
  });

  it('keeps names exact from the command line, and exits by the gate', async () => {
    const run = await runInProcess(['scan', 'fixtures/express-shop', '-f', 'gitlab']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Gate failed/);
    expect(expectGitlabReport(run.stdout).map((issue) => issue.location.path)).toContain('fixtures/express-shop/src/routes/cart.ts');
  });
});

describe('--format junit', () => {
  it('the schema check is real: it refuses a suite without its counts and a testcase without a name', () => {
    const document = XmlDocument.fromString('<testsuites><testsuite name="x" tests="1"><testcase classname="c"/></testsuite></testsuites>');
    expect(() => validateJunit.validate(document)).toThrow(/failures.*required|name.*required/s);
    document.dispose();
  });

  it('gives one suite per rule and a failing case per instance-local finding of the Express shop', () => {
    const { report } = scanFixture('express-shop');
    const document = expectJunit(formatJunit(report));
    try {
      const rules = [...new Set(report.findings.map((finding) => finding.ruleId))].sort();
      const suites = document.find('/testsuites/testsuite') as XmlElement[];
      expect(suites.map((suite) => attribute(suite, 'name'))).toEqual(rules);
      for (const suite of suites) {
        const own = report.findings.filter((finding) => finding.ruleId === attribute(suite, 'name'));
        expect(attribute(suite, 'tests')).toBe(String(own.length));
        expect(attribute(suite, 'failures')).toBe(String(own.filter((finding) => finding.instanceLocal).length));
      }
      const failures = document.find('//testcase[failure]') as XmlElement[];
      expect(failures.map((testCase) => attribute(testCase, 'name'))).toEqual(
        rules.flatMap((rule) => report.findings.filter((finding) => finding.ruleId === rule && finding.instanceLocal)).map((finding) => `${finding.file}:${finding.line} ${finding.symbol}`),
      );
      const first = report.findings.find((finding) => finding.ruleId === rules[0])!;
      const failure = document.get('//testcase[1]/failure') as XmlElement;
      expect(attribute(failure, 'message')).toBe(first.message);
      expect(failure.content).toContain(`Proposed move: ${first.move}`);
      expect(attribute(document.root, 'failures')).toBe(String(report.summary.instanceLocal));
    } finally {
      document.dispose();
    }
  });

  it('passes shared lines, skips accepted ones, and reports unread files and broken comments in the hidden-state suite', () => {
    const report = makeReport(
      [
        makeFinding({ line: 3, message: 'Map `carts` <written> & "kept"\u0007' }),
        makeFinding({ line: 12, instanceLocal: false, severity: 'info' }),
        makeFinding({ line: 14, suppression: { kind: 'next-line', justification: 'by design', line: 13 } }),
      ],
      {
        errors: [{ file: 'src/legacy.js', message: 'parse error at 3:1' }],
        suppressionProblems: [{ file: 'src/cart.ts', line: 20, problem: 'missing-reason', message: 'the comment gives no reason' }],
      },
    );
    const document = expectJunit(formatJunit(report));
    try {
      const suite = (name: string): XmlElement => document.get(`/testsuites/testsuite[@name='${name}']`) as XmlElement;
      expect(['tests', 'failures', 'errors', 'skipped'].map((key) => attribute(suite('module-cache'), key))).toEqual(['3', '1', '0', '1']);
      expect(['tests', 'failures', 'errors'].map((key) => attribute(suite('hidden-state'), key))).toEqual(['2', '1', '1']);
      expect(attribute(document.get("//failure[@type='error']") as XmlElement, 'message')).toBe('Map `carts` <written> & "kept"\\u0007');
      expect((document.get("//skipped") as XmlElement).attr('message')?.value).toBe('Suppressed: by design');
      expect(attribute(document.get('//error') as XmlElement, 'message')).toBe('File not analysed: parse error at 3:1');
    } finally {
      document.dispose();
    }
  });

  it('a clean scan is one passing case, not an empty report', () => {
    const document = expectJunit(formatJunit(makeReport([])));
    try {
      expect(document.find('//testcase').length).toBe(1);
      expect(attribute(document.root, 'failures')).toBe('0');
    } finally {
      document.dispose();
    }
  });
});
