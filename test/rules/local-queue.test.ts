import { testRule } from '../helpers/rule-tester.js';

testRule('local-queue', {
  invalid: [
    {
      name: 'one local-queue line for a drained buffer, not a module-cache line beside it',
      code: [
        "import express from 'express';",
        'const app = express();',
        'const outbox: object[] = [];',
        "app.post('/emails', (req, res) => { outbox.push(req.body); res.status(202).end(); });",
        'export async function drain() {',
        '  while (outbox.length > 0) await send(outbox.shift()!);',
        '}',
        'declare function send(email: object): Promise<void>;',
      ],
      findings: [
        {
          line: 3,
          confidence: 'high',
          messageId: 'buffer',
          message: 'array `outbox` holds outgoing work in process memory until it is drained (filled by .push(), drained by .shift())',
        },
      ],
    },
    {
      name: '`length = 0` and `= []` are drains only when the function reads the items first',
      code: [
        'const auditTrail: string[] = [];',
        'export function audit(line: string) { auditTrail.push(line); }',
        'export async function ship() { await post([...auditTrail]); auditTrail.length = 0; }',
        'let clicks: string[] = [];',
        'export function click(id: string) { clicks.push(id); }',
        'export function resetForTests() { clicks = []; }',
        'declare function post(lines: string[]): Promise<void>;',
      ],
      findings: [{ line: 1 }, { line: 4, ruleId: 'module-cache' }],
    },
    {
      name: 'a splice that removes one entry is no drain',
      code: [
        'const subscribers: string[] = [];',
        'export function subscribe(id: string) { subscribers.push(id); }',
        'export function unsubscribe(id: string) { subscribers.splice(subscribers.indexOf(id), 1); }',
      ],
      findings: [{ line: 1, ruleId: 'module-cache' }],
    },
    {
      name: 'a library queue fed at run time or exported; not one used only while loading',
      code: [
        "import PQueue from 'p-queue';",
        "import Queue from 'better-queue';",
        "import { cargo } from 'async';",
        'const resizes = new PQueue({ concurrency: 1 });',
        'export function resize(id: string) { void resizes.add(() => fetch(`/resize/${id}`)); }',
        'export const exports = new Queue((job: unknown, done: () => void) => done());',
        'const migrations = cargo((tasks: unknown[], done: () => void) => done(), 10);',
        "migrations.push({ step: 'seed' });",
      ],
      findings: [
        { line: 4, messageId: 'library' },
        { line: 6, messageId: 'library' },
      ],
    },
  ],
});
