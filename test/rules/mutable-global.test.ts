import { testRule } from '../helpers/rule-tester.js';

const EXPRESS = ["import express from 'express';", 'const app = express();'];

/** A lazily initialised module variable, read through `body`. */
const lazyInit = (name: string, body: string) => ({ name: `the lazy-init pattern: ${name}`, code: ['let cached: number | undefined;', 'const compute = () => 42;', body] });

testRule('mutable-global', {
  valid: [
    lazyInit('if (!x)', 'export function get() { if (!cached) cached = compute(); return cached; }'),
    lazyInit('if (x === undefined) with another condition', 'export function get() { if (cached === undefined && process.env.READY) { cached = compute(); } return cached; }'),
    lazyInit('??=', 'export function get() { return (cached ??= compute()); }'),
    lazyInit('x = x ?? …', 'export function get() { cached = cached ?? compute(); return cached; }'),
    lazyInit('an early return', 'export function get() { if (cached) return cached; cached = compute(); return cached; }'),
    {
      name: 'writes in start-up functions: by name, or called while the module loads',
      code: [
        'let region = "eu-west-1";',
        'let plugins: string[] = [];',
        'export function initRegion(value: string) { region = value; }',
        'function loadPlugins() { plugins = ["audit"]; }',
        'loadPlugins();',
      ],
    },
    {
      name: '`x ?? (x = …)` and a memo guarded by an early return nested in an `if`',
      code: [
        'let page: string | undefined;',
        'let client: object | undefined;',
        'export function errorPage() { return page ?? (page = "<h1>Error</h1>"); }',
        'export function shared() { return client || (client = {}); }',
        'let indexHtml: string | undefined;',
        'export async function indexFile() {',
        '  if (process.env.NODE_ENV === "production") {',
        '    if (indexHtml) {',
        '      return indexHtml;',
        '    }',
        '  }',
        '  return (indexHtml = "<html></html>");',
        '}',
      ],
    },
  ],
  invalid: [
    {
      name: 'a counter updated by a request handler, with high confidence',
      code: [...EXPRESS, 'let hits = 0;', "app.get('/', (req, res) => { hits += 1; res.json({ hits }); });"],
      findings: [{ line: 3, instanceLocal: true, confidence: 'high' }],
    },
    {
      name: 'a value refreshed when stale: it is replaced, not created once',
      code: [
        ...EXPRESS,
        'let cached: number | undefined;',
        'let fetchedAt = 0;',
        'function get() {',
        '  if (!cached || Date.now() - fetchedAt > 60_000) { cached = Math.random(); fetchedAt = Date.now(); }',
        '  return cached;',
        '}',
        "app.get('/rate', (req, res) => { res.json(get()); });",
      ],
      findings: [
        { line: 3, instanceLocal: true, confidence: 'high' },
        { line: 4, instanceLocal: true, confidence: 'high' },
      ],
    },
    {
      name: 'a write no route, listener or timer is known to reach is not reported: configuration, lifecycle, handles',
      code: ['let plugins: string[] = [];', 'export function loadPlugins() { plugins = ["audit"]; }'],
      findings: [],
    },
    {
      name: 'one-way lifecycle flags are not reported, but a flag a request flips is',
      code: [
        ...EXPRESS,
        'let ready = false;',
        'let draining = false;',
        'let checkoutDisabled = false;',
        'app.listen(3000, () => { ready = true; });',
        "process.on('SIGTERM', () => { draining = true; });",
        "app.post('/admin/kill-switch', (req, res) => { checkoutDisabled = true; res.end(); });",
      ],
      findings: [{ line: 5, instanceLocal: true, confidence: 'high' }],
    },
    {
      name: 'a reset to undefined is no change of state',
      code: ['let timer: ReturnType<typeof setInterval> | undefined = setInterval(() => undefined, 1000);', 'export function stop() { clearInterval(timer); timer = undefined; }'],
      findings: [{ line: 1, ruleId: 'local-scheduler' }],
    },
    {
      name: 'static fields written at run time, not the lazily created instance',
      code: [
        ...EXPRESS,
        'export class Catalogue {',
        '  static lastImport = 0;',
        '  private static instance: Catalogue | undefined;',
        '  static shared() { return (Catalogue.instance ??= new Catalogue()); }',
        '  static markImported() { Catalogue.lastImport = Date.now(); }',
        '}',
        "app.post('/import', (req, res) => { Catalogue.shared(); Catalogue.markImported(); res.end(); });",
      ],
      findings: [{ line: 4, instanceLocal: true, confidence: 'high' }],
    },
    {
      name: 'run-time writes on globalThis, not those made while the module loads or lazily',
      code: [
        ...EXPRESS,
        '(globalThis as any).startedAt = Date.now();',
        "app.use((req, res, next) => { (globalThis as any).lastPath = req.path; (global as any).metrics ??= {}; next(); });",
      ],
      findings: [{ line: 4, instanceLocal: true, confidence: 'high' }],
    },
    {
      name: 'keyed objects are left to module-cache and busy flags to local-lock',
      code: [
        ...EXPRESS,
        'const byUser: Record<string, number> = {};',
        'const totals = { orders: 0 };',
        'let syncing = false;',
        'function record(userId: string) { byUser[userId] = Date.now(); totals.orders++; }',
        'export async function sync() { syncing = true; try { await fetch("https://erp.example.com"); } finally { syncing = false; } }',
        "app.post('/orders', (req, res) => { record(req.body.userId); res.end(); });",
      ],
      findings: [
        { line: 3, ruleId: 'module-cache', instanceLocal: true, confidence: 'high' },
        { line: 4, instanceLocal: true, confidence: 'high' },
        { line: 5, ruleId: 'local-lock', instanceLocal: true, confidence: 'high' },
      ],
    },
  ],
});
