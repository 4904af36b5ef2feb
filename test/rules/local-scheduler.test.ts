import { describe, expect, it } from 'vitest';
import { analyseSnippet, scanFixture } from '../helpers/scan-fixture.js';

const RULE = 'local-scheduler';

function scheduled(text: string) {
  return analyseSnippet(text).filter((finding) => finding.ruleId === RULE);
}

describe('local-scheduler', () => {
  it('reads the period of a setInterval from constant arithmetic and module constants', () => {
    const [literal, constant] = scheduled(
      [
        'declare function sweep(): void;',
        'setInterval(sweep, 60 * 1000);',
        'const FIVE_MINUTES = 5 * 60_000;',
        'setInterval(() => sweep(), FIVE_MINUTES);',
      ].join('\n'),
    );
    expect(literal?.properties).toEqual({ periodMs: 60_000 });
    expect(literal?.message).toBe('setInterval job every 1 min started in module scope runs in every instance');
    expect(constant?.properties).toEqual({ periodMs: 300_000 });
    expect(constant?.symbol).toBe('setInterval(sweep)');
  });

  it('leaves out the period when the delay is not a constant', () => {
    const [finding] = scheduled('declare function sweep(): void;\nsetInterval(sweep, Number(process.env.SWEEP_MS));');
    expect(finding?.properties).toBeUndefined();
  });

  it('attaches the cron expression and the period of every library job in the fixtures', () => {
    const properties = (name: string) =>
      scanFixture(name)
        .report.findings.filter((finding) => finding.ruleId === RULE)
        .map((finding) => `${finding.line} ${JSON.stringify(finding.properties ?? {})}`);
    expect(properties('reminder-jobs')).toEqual([
      '9 {"periodMs":900000}',
      '13 {"periodMs":300000}',
      '27 {"periodMs":60000}',
      '29 {"schedule":"0 8 * * *"}',
      '31 {"schedule":"0 2 * * *"}',
      '33 {"schedule":"0 0 * * 0"}',
    ]);
    expect(properties('nest-notifications')).toEqual([
      '12 {"periodMs":900000}',
      '20 {"schedule":"0 */30 * * * *"}',
      '25 {"periodMs":86400000}',
      '30 {"periodMs":30000}',
      '35 {}',
    ]);
  });

  it('does not flag timers that belong to one request, one connection or one bounded poll', () => {
    const findings = scheduled(
      [
        "import express from 'express';",
        "import { WebSocketServer } from 'ws';",
        'const app = express();',
        "app.get('/live', (req, res) => {",
        '  const keepAlive = setInterval(() => res.write(":\\n\\n"), 15_000);',
        "  req.on('close', () => clearInterval(keepAlive));",
        '});',
        'const wss = new WebSocketServer({ port: 1 });',
        "wss.on('connection', (ws) => { setInterval(() => ws.ping(), 30_000); });",
        'export function waitFor(ready: () => boolean) {',
        '  return new Promise<void>((resolve) => {',
        '    const poll = setInterval(() => { if (ready()) { clearInterval(poll); resolve(); } }, 500);',
        '  });',
        '}',
      ].join('\n'),
    );
    expect(findings).toEqual([]);
  });

  it('does not flag a timer that reports the instance\'s own gauges or health', () => {
    const findings = scheduled(
      [
        "import { metrics } from './metrics.js';",
        'export function init(server: { getConnections(cb: (error: Error | null, count: number) => void): void }) {',
        '  setInterval(() => server.getConnections((_error, count) => metrics.gauge("connections", count)), 5000);',
        '  setInterval(() => metrics.gauge("heap", process.memoryUsage().heapUsed), 5000);',
        '}',
      ].join('\n'),
    );
    expect(findings).toEqual([]);
  });

  it('flags a timer that is cleared only at shutdown', () => {
    const findings = scheduled(
      [
        'declare function sendDigests(): Promise<void>;',
        'const digests = setInterval(() => void sendDigests(), 3_600_000);',
        "process.on('SIGTERM', () => clearInterval(digests));",
      ].join('\n'),
    );
    expect(findings.map((finding) => finding.line)).toEqual([2]);
  });

  it('flags a timer started in a start-up function with high confidence and elsewhere with medium', () => {
    const findings = scheduled(
      [
        'declare function refresh(): void;',
        'export function startJobs() { setInterval(refresh, 1000); }',
        'export function enableRefresh() { setInterval(refresh, 1000); }',
      ].join('\n'),
    );
    expect(findings.map((finding) => `${finding.line} ${finding.confidence}`)).toEqual(['2 high', '3 medium']);
  });

  it('treats a setTimeout that re-arms its own function without arguments as periodic, not a retry with arguments', () => {
    const findings = scheduled(
      [
        'declare function importFeed(): Promise<void>;',
        'async function poll() { await importFeed(); setTimeout(() => void poll(), 30_000); }',
        'void poll();',
        'async function retry(attempt: number) { if (attempt < 3) setTimeout(() => retry(attempt + 1), 1000); }',
        'void retry(0);',
      ].join('\n'),
    );
    expect(findings.map((finding) => `${finding.line} ${finding.message}`)).toEqual([
      '2 `poll` reschedules itself with setTimeout every 30 s in every instance',
    ]);
  });

  it('does not take a local function named setInterval for the timer', () => {
    expect(scheduled('function setInterval(run: () => void, ms: number) { return { run, ms }; }\nsetInterval(() => undefined, 10);')).toEqual([]);
  });

  it('reports a timer flushing a singleton buffer through a method as the buffer only', () => {
    const findings = analyseSnippet(
      [
        'class Outbox {',
        '  private pending: string[] = [];',
        '  add(message: string) { this.pending.push(message); }',
        '  async flush() { const batch = this.pending; this.pending = []; await fetch("/send", { method: "POST", body: batch.join() }); }',
        '}',
        'export const outbox = new Outbox();',
        'setInterval(() => void outbox.flush(), 1000);',
      ].join('\n'),
    );
    expect(findings.map((finding) => `${finding.line} ${finding.ruleId}`)).toEqual(['2 local-queue']);
  });

  it('reports BullMQ repeatable jobs on an injected queue as Instance-local N, and ignores one-off jobs', () => {
    const findings = scheduled(
      [
        "import { Injectable } from '@nestjs/common';",
        "import { InjectQueue } from '@nestjs/bullmq';",
        "import { Queue } from 'bullmq';",
        '@Injectable()',
        'export class ReportScheduler {',
        "  constructor(@InjectQueue('reports') private readonly reports: Queue) {}",
        '  async onModuleInit() {',
        "    await this.reports.add('weekly', {}, { repeat: { every: 7 * 24 * 3600 * 1000 } });",
        "    await this.reports.add('now', { every: 5, at: Date.now() });",
        "    await this.reports.add('hourly', { every: 5 }, { repeat: { pattern: '0 * * * *' } });",
        '  }',
        '}',
      ].join('\n'),
    );
    expect(findings.map((finding) => `${finding.line} ${finding.instanceLocal} ${JSON.stringify(finding.properties)}`)).toEqual([
      '8 false {"periodMs":604800000}',
      '10 false {"schedule":"0 * * * *"}',
    ]);
  });

  it('reports Bull repeatable jobs created from a CommonJS require as Instance-local N', () => {
    const findings = scheduled(
      [
        "const Queue = require('bull');",
        "const emails = new Queue('emails', process.env.REDIS_URL);",
        "emails.add({ kind: 'digest' }, { repeat: { cron: '0 7 * * 1' } });",
      ].join('\n'),
    );
    expect(findings.map((finding) => `${finding.line} ${finding.instanceLocal} ${finding.properties?.schedule}`)).toEqual(['3 false 0 7 * * 1']);
  });
});
