import { buildReport, type Report } from '../../src/report/report.js';
import type { ReviewContext } from '../../src/review/review.js';
import { sampleFinding } from './sample-findings.js';

/** A small realistic report, built by hand so that reporter tests do not move when rules change. */
export function sampleReport(): Report {
  const findings = [
    sampleFinding({
      kind: 'scheduler',
      ruleId: 'interval-job',
      severity: 'warning',
      file: 'src/jobs/digest.ts',
      line: 4,
      endLine: 4,
      symbol: 'digestTimer',
      message: 'setInterval job `digestTimer` runs in every instance',
      impact: 'Every instance runs the job: N instances send N digests.',
      move: 'Run the job once, from a scheduler or a queue with a lock.',
      evidence: [{ file: 'src/jobs/digest.ts', line: 4, message: 'setInterval every 5 min at module scope' }],
      properties: { periodMs: 300_000 },
      excerpt: { startLine: 2, lines: ["import { sendDigest } from './mail.js';", '', 'export const digestTimer = setInterval(sendDigest, 5 * 60 * 1000);'] },
    }),
    sampleFinding({
      kind: 'cache',
      ruleId: 'library-cache',
      severity: 'info',
      file: 'src/routes/catalog.ts',
      line: 8,
      endLine: 8,
      symbol: 'productCache',
      message: 'cache-manager cache `productCache` in Redis',
      instanceLocal: false,
      impact: 'None while the shared store is up: every instance reads and writes the same state.',
      move: 'Keep it shared: cache in Redis via cache-manager-redis-yet: set TTLs.',
    }),
    sampleFinding({
      kind: 'session',
      ruleId: 'in-memory-session',
      file: 'src/server.ts',
      line: 11,
      endLine: 11,
      symbol: 'session()',
      message: 'express-session keeps sessions in process memory',
      impact: 'A user whose next request lands on another instance is not logged in there.',
      move: 'Store sessions in a shared store with a TTL (connect-redis).',
      evidence: [{ file: 'src/server.ts', line: 11, message: 'no `store` option: express-session keeps its state in process memory' }],
      excerpt: { startLine: 10, lines: ['app.use(express.json());', "app.use(session({ secret: process.env.SESSION_SECRET!, resave: false }));", "app.use('/api', rateLimit({ windowMs: 60_000, max: 100 }));"] },
    }),
    sampleFinding({
      kind: 'rate-limit',
      ruleId: 'local-rate-limit',
      file: 'src/server.ts',
      line: 12,
      endLine: 12,
      symbol: 'rateLimit()',
      message: 'express-rate-limit counts requests in process memory',
      impact: 'Each instance counts only the requests it sees.',
      move: 'Give the limiter a shared store (rate-limit-redis).',
      properties: { limit: 100, windowMs: 60_000 },
    }),
  ];
  return buildReport(findings, [{ file: 'src/legacy.js', message: 'parse error at 3:1: Expression expected.' }], 12, { name: 'hidden-state', version: '9.9.9' });
}

export const SAMPLE_REVIEW: ReviewContext = {
  service: 'checkout-api',
  date: '2024-05-06',
  tsconfigs: ['tsconfig.json'],
  entries: [],
  instances: 20,
  sessionStore: { peakRps: 40_000, writeRatio: 0.3, store: 'redis', instances: 20 },
};
