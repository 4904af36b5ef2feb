import { describe, expect, it } from 'vitest';
import { analyseSnippet } from '../helpers/scan-fixture.js';

function lines(text: string): string[] {
  return analyseSnippet(text).map((finding) => `${finding.line} ${finding.ruleId}`);
}

describe('local-queue', () => {
  it('yields one local-queue line for a drained buffer, not a module-cache line beside it', () => {
    const findings = analyseSnippet(
      [
        "import express from 'express';",
        'const app = express();',
        'const outbox: object[] = [];',
        "app.post('/emails', (req, res) => { outbox.push(req.body); res.status(202).end(); });",
        'export async function drain() {',
        '  while (outbox.length > 0) await send(outbox.shift()!);',
        '}',
        'declare function send(email: object): Promise<void>;',
      ].join('\n'),
    );
    expect(findings.map((finding) => `${finding.line} ${finding.ruleId} ${finding.confidence}`)).toEqual(['3 local-queue high']);
    expect(findings[0]?.message).toBe('array `outbox` holds outgoing work in process memory until it is drained (filled by .push(), drained by .shift())');
  });

  it('counts `length = 0` and `= []` as drains only when the function reads the items first', () => {
    expect(
      lines(
        [
          'const auditTrail: string[] = [];',
          'export function audit(line: string) { auditTrail.push(line); }',
          'export async function ship() { await post([...auditTrail]); auditTrail.length = 0; }',
          'let clicks: string[] = [];',
          'export function click(id: string) { clicks.push(id); }',
          'export function resetForTests() { clicks = []; }',
          'declare function post(lines: string[]): Promise<void>;',
        ].join('\n'),
      ),
    ).toEqual(['1 local-queue', '4 module-cache']);
  });

  it('does not count a splice that removes one entry as a drain', () => {
    expect(
      lines(
        [
          'const subscribers: string[] = [];',
          'export function subscribe(id: string) { subscribers.push(id); }',
          'export function unsubscribe(id: string) { subscribers.splice(subscribers.indexOf(id), 1); }',
        ].join('\n'),
      ),
    ).toEqual(['1 module-cache']);
  });

  it('flags a library queue fed at run time or exported, and skips one used only while loading', () => {
    expect(
      lines(
        [
          "import PQueue from 'p-queue';",
          "import Queue from 'better-queue';",
          "import { cargo } from 'async';",
          'const resizes = new PQueue({ concurrency: 1 });',
          'export function resize(id: string) { void resizes.add(() => fetch(`/resize/${id}`)); }',
          'export const exports = new Queue((job: unknown, done: () => void) => done());',
          'const migrations = cargo((tasks: unknown[], done: () => void) => done(), 10);',
          "migrations.push({ step: 'seed' });",
        ].join('\n'),
      ),
    ).toEqual(['4 local-queue', '6 local-queue']);
  });
});
