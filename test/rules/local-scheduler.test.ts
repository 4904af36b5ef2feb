import { describe, expect, it } from 'vitest';
import { testRule } from '../helpers/rule-tester.js';
import { scanFixture } from '../helpers/scan-fixture.js';

testRule('local-scheduler', {
  valid: [
    {
      name: 'timers that belong to one request, one connection or one bounded poll',
      code: [
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
      ],
    },
    {
      name: "a timer that reports the instance's own gauges or health",
      code: [
        "import { metrics } from './metrics.js';",
        'export function init(server: { getConnections(cb: (error: Error | null, count: number) => void): void }) {',
        '  setInterval(() => server.getConnections((_error, count) => metrics.gauge("connections", count)), 5000);',
        '  setInterval(() => metrics.gauge("heap", process.memoryUsage().heapUsed), 5000);',
        '}',
      ],
    },
    {
      name: 'a local function named setInterval',
      code: ['function setInterval(run: () => void, ms: number) { return { run, ms }; }', 'setInterval(() => undefined, 10);'],
    },
  ],
  invalid: [
    {
      name: 'the period of a setInterval from constant arithmetic and module constants',
      code: ['declare function sweep(): void;', 'setInterval(sweep, 60 * 1000);', 'const FIVE_MINUTES = 5 * 60_000;', 'setInterval(() => sweep(), FIVE_MINUTES);'],
      findings: [
        { line: 2, properties: { periodMs: 60_000 }, message: 'setInterval job every 1 min started in module scope runs in every instance' },
        { line: 4, properties: { periodMs: 300_000 }, symbol: 'setInterval(sweep)' },
      ],
    },
    {
      name: 'no period when the delay is not a constant',
      code: ['declare function sweep(): void;', 'setInterval(sweep, Number(process.env.SWEEP_MS));'],
      findings: [{ line: 2, properties: undefined }],
    },
    {
      name: 'a timer that is cleared only at shutdown',
      code: ['declare function sendDigests(): Promise<void>;', 'const digests = setInterval(() => void sendDigests(), 3_600_000);', "process.on('SIGTERM', () => clearInterval(digests));"],
      findings: [{ line: 2 }],
    },
    {
      name: 'a timer started in a start-up function with high confidence, elsewhere with medium',
      code: ['declare function refresh(): void;', 'export function startJobs() { setInterval(refresh, 1000); }', 'export function enableRefresh() { setInterval(refresh, 1000); }'],
      findings: [
        { line: 2, confidence: 'high' },
        { line: 3, confidence: 'medium' },
      ],
    },
    {
      name: 'a setTimeout that re-arms its own function without arguments is periodic; a retry with arguments is not',
      code: [
        'declare function importFeed(): Promise<void>;',
        'async function poll() { await importFeed(); setTimeout(() => void poll(), 30_000); }',
        'void poll();',
        'async function retry(attempt: number) { if (attempt < 3) setTimeout(() => retry(attempt + 1), 1000); }',
        'void retry(0);',
      ],
      findings: [{ line: 2, message: '`poll` reschedules itself with setTimeout every 30 s in every instance' }],
    },
    {
      name: 'a timer flushing a singleton buffer through a method is reported as the buffer only',
      code: [
        'class Outbox {',
        '  private pending: string[] = [];',
        '  add(message: string) { this.pending.push(message); }',
        '  async flush() { const batch = this.pending; this.pending = []; await fetch("/send", { method: "POST", body: batch.join() }); }',
        '}',
        'export const outbox = new Outbox();',
        'setInterval(() => void outbox.flush(), 1000);',
      ],
      findings: [{ line: 2, ruleId: 'local-queue' }],
    },
    {
      name: 'BullMQ repeatable jobs on an injected queue as Instance-local N; one-off jobs ignored',
      code: [
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
      ],
      findings: [
        { line: 8, instanceLocal: false, properties: { periodMs: 604_800_000 } },
        { line: 10, instanceLocal: false, properties: { schedule: '0 * * * *' } },
      ],
    },
    {
      name: 'Bull repeatable jobs created from a CommonJS require as Instance-local N',
      code: ["const Queue = require('bull');", "const emails = new Queue('emails', process.env.REDIS_URL);", "emails.add({ kind: 'digest' }, { repeat: { cron: '0 7 * * 1' } });"],
      findings: [{ line: 3, instanceLocal: false, properties: { schedule: '0 7 * * 1' } }],
    },
  ],
});

describe('local-scheduler on the fixtures', () => {
  it('attaches the cron expression and the period of every library job', () => {
    const properties = (name: string) =>
      scanFixture(name)
        .report.findings.filter((finding) => finding.ruleId === 'local-scheduler')
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
});
