import { describe, expect, it } from 'vitest';
import { linesOf, ruleLines, source } from './lines.js';

describe('local-lock', () => {
  it('skips a mutex created per request', () => {
    const text = source(
      "import { Mutex } from 'async-mutex';",
      "import express from 'express';",
      'const app = express();',
      "app.post('/orders', async (req, res) => {",
      '  const steps = new Mutex();',
      '  res.json(await steps.runExclusive(async () => req.body));',
      '});',
    );
    expect(linesOf(text)).toEqual([]);
  });

  it('reports a wrapped mutex once, on the holder', () => {
    const text = source("import { Mutex, withTimeout } from 'async-mutex';", 'export const ledger = withTimeout(new Mutex(), 500);');
    expect(linesOf(text)).toEqual(['2 local-lock Y high']);
  });

  it('treats p-limit as a lock only at concurrency 1', () => {
    const text = source(
      "import pLimit from 'p-limit';",
      'const imports = pLimit({ concurrency: 1 });',
      'const outbound = pLimit(2);',
      'const dynamic = pLimit(Number(process.env.LIMIT));',
    );
    expect(linesOf(text)).toEqual(['2 local-lock Y medium']);
  });

  it('does not take an in-flight tracker that never checks for a lock', () => {
    const text = source(
      'const openRequests = new Set<string>();',
      'export async function track(id: string, work: () => Promise<void>) {',
      '  openRequests.add(id);',
      '  try { await work(); } finally { openRequests.delete(id); }',
      '}',
    );
    expect(ruleLines(text, 'local-lock')).toEqual([]);
    expect(linesOf(text)).toEqual(['1 module-cache Y medium']);
  });

  it('reports a check-mark-release Map as a lock, medium without a finally', () => {
    const text = source(
      'const exporting = new Map<string, number>();',
      'export async function exportReport(id: string) {',
      '  if (exporting.get(id)) return false;',
      '  exporting.set(id, Date.now());',
      '  await fetch(`https://reports.example.com/${id}`);',
      '  exporting.delete(id);',
      '  return true;',
      '}',
    );
    expect(linesOf(text)).toEqual(['1 local-lock Y medium']);
  });

  it('does not take a flag set and cleared by different functions for a busy flag', () => {
    const text = source(
      'let paused = false;',
      'export function pause() { paused = true; }',
      'export function resume() { paused = false; }',
    );
    expect(ruleLines(text, 'local-lock')).toEqual([]);
    expect(linesOf(text)).toEqual(['1 mutable-global Y medium']);
  });

  it('reports a busy flag on a NestJS singleton and wins over mutable-global', () => {
    const text = source(
      "import { Injectable } from '@nestjs/common';",
      '@Injectable()',
      'export class InvoiceSync {',
      '  private running = false;',
      '  async sync() {',
      '    if (this.running) return;',
      '    this.running = true;',
      '    try { await fetch("https://erp.example.com/invoices"); } finally { this.running = false; }',
      '  }',
      '}',
    );
    expect(linesOf(text)).toEqual(['4 local-lock Y high']);
  });

  it('reports redis-semaphore and Redlock kept for the process as Instance-local N', () => {
    const text = source(
      "import Redis from 'ioredis';",
      "import { Mutex } from 'redis-semaphore';",
      "import { Redlock } from '@sesamecare-oss/redlock';",
      'const redis = new Redis();',
      "export const nightlyJob = new Mutex(redis, 'nightly-job');",
      'export const redlock = new Redlock([redis]);',
    );
    expect(linesOf(text)).toEqual(['5 local-lock N high', '6 local-lock N high']);
  });

  it('reads lock tables from the head noun of the name', () => {
    const text = source(
      'const jobLocks = new Map<string, number>();',
      'const lockedCarts = new Set<string>();',
      'const lockTimeouts: Record<string, number> = {};',
      'export function hold(key: string) { jobLocks.set(key, Date.now()); lockedCarts.add(key); lockTimeouts[key] = 1; }',
      'class Pickers { private readonly lockedShelves = new Set<string>(); claim(id: string) { this.lockedShelves.add(id); } }',
      'export const pickers = new Pickers();',
    );
    expect(linesOf(text)).toEqual(['1 local-lock Y medium', '2 local-lock Y medium', '3 module-cache Y medium', '5 local-lock Y medium']);
  });

  it('skips a guard around this instance\'s own shutdown', () => {
    const text = source(
      'export class LockService {',
      '  private shuttingDown = false;',
      '  async onApplicationShutdown() {',
      '    if (this.shuttingDown) return;',
      '    this.shuttingDown = true;',
      '    try { await Promise.resolve(); } finally { this.shuttingDown = false; }',
      '  }',
      '}',
      'export const locks = new LockService();',
    );
    expect(linesOf(text)).toEqual([]);
  });

  it('reports a promise chain that queues work behind each other', () => {
    const text = source(
      'let exportQueue: Promise<unknown> = Promise.resolve();',
      'export function runExclusive<T>(task: () => Promise<T>): Promise<T> {',
      '  const result = exportQueue.then(task, task);',
      '  exportQueue = result.catch(() => undefined);',
      '  return result;',
      '}',
    );
    expect(linesOf(text)).toEqual(['1 local-lock Y high']);
  });

  it('reports overlap guards of scheduled jobs, even when a start function installs them', () => {
    const text = source(
      "import { CronJob } from 'cron';",
      'let importing = false;',
      'let sweeping = false;',
      'export const ordersImport = CronJob.from({',
      "  cronTime: '0 * * * *',",
      '  onTick: async () => {',
      '    if (importing) return;',
      '    importing = true;',
      '    try { await fetch("https://erp.example.com/orders"); } finally { importing = false; }',
      '  },',
      '});',
      'export function startHoldSweeper(intervalMs = 5000) {',
      '  setInterval(async () => {',
      '    if (sweeping) return;',
      '    sweeping = true;',
      '    try { await fetch("https://seats.example.com/expire"); } finally { sweeping = false; }',
      '  }, intervalMs);',
      '}',
    );
    expect(ruleLines(text, 'local-lock')).toEqual(['2 local-lock Y high', '3 local-lock Y high']);
  });
});
