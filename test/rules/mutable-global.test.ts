import { describe, expect, it } from 'vitest';
import { linesOf, ruleLines, source } from './lines.js';

const EXPRESS = ["import express from 'express';", 'const app = express();'];

describe('mutable-global', () => {
  it('reports a counter updated by a request handler with high confidence', () => {
    const text = source(...EXPRESS, 'let hits = 0;', "app.get('/', (req, res) => { hits += 1; res.json({ hits }); });");
    expect(linesOf(text)).toEqual(['3 mutable-global Y high']);
  });

  it.each([
    ['if (!x)', 'export function get() { if (!cached) cached = compute(); return cached; }'],
    ['if (x === undefined) with another condition', 'export function get() { if (cached === undefined && process.env.READY) { cached = compute(); } return cached; }'],
    ['??=', 'export function get() { return (cached ??= compute()); }'],
    ['x = x ?? …', 'export function get() { cached = cached ?? compute(); return cached; }'],
    ['an early return', 'export function get() { if (cached) return cached; cached = compute(); return cached; }'],
  ])('does not report the lazy-init pattern: %s', (_name, body) => {
    expect(linesOf(source('let cached: number | undefined;', 'const compute = () => 42;', body))).toEqual([]);
  });

  it('reports a value refreshed when stale: it is replaced, not created once', () => {
    const text = source(
      'let cached: number | undefined;',
      'let fetchedAt = 0;',
      'export function get() {',
      '  if (!cached || Date.now() - fetchedAt > 60_000) { cached = Math.random(); fetchedAt = Date.now(); }',
      '  return cached;',
      '}',
    );
    expect(linesOf(text)).toEqual(['1 mutable-global Y medium', '2 mutable-global Y medium']);
  });

  it('does not report writes in start-up functions: by name, or called while the module loads', () => {
    const text = source(
      'let region = "eu-west-1";',
      'let plugins: string[] = [];',
      'export function initRegion(value: string) { region = value; }',
      'function loadPlugins() { plugins = ["audit"]; }',
      'loadPlugins();',
    );
    expect(linesOf(text)).toEqual([]);
  });

  it('reports the same write in a function nobody calls at load', () => {
    const text = source('let plugins: string[] = [];', 'export function loadPlugins() { plugins = ["audit"]; }');
    expect(linesOf(text)).toEqual(['1 mutable-global Y medium']);
  });

  it('does not report one-way lifecycle flags, but does when a request flips one', () => {
    const text = source(
      ...EXPRESS,
      'let ready = false;',
      'let draining = false;',
      'let checkoutDisabled = false;',
      'app.listen(3000, () => { ready = true; });',
      "process.on('SIGTERM', () => { draining = true; });",
      "app.post('/admin/kill-switch', (req, res) => { checkoutDisabled = true; res.end(); });",
    );
    expect(linesOf(text)).toEqual(['5 mutable-global Y high']);
  });

  it('does not report resets to undefined', () => {
    const text = source('let timer: ReturnType<typeof setInterval> | undefined = setInterval(() => undefined, 1000);', 'export function stop() { clearInterval(timer); timer = undefined; }');
    expect(ruleLines(text, 'mutable-global')).toEqual([]);
  });

  it('reports static fields written at run time, not the lazily created instance', () => {
    const text = source(
      'export class Catalogue {',
      '  static lastImport = 0;',
      '  private static instance: Catalogue | undefined;',
      '  static shared() { return (Catalogue.instance ??= new Catalogue()); }',
      '  static markImported() { Catalogue.lastImport = Date.now(); }',
      '}',
    );
    expect(linesOf(text)).toEqual(['2 mutable-global Y medium']);
  });

  it('reports run-time writes on globalThis, not those made while the module loads or lazily', () => {
    const text = source(
      ...EXPRESS,
      '(globalThis as any).startedAt = Date.now();',
      "app.use((req, res, next) => { (globalThis as any).lastPath = req.path; (global as any).metrics ??= {}; next(); });",
    );
    expect(linesOf(text)).toEqual(['4 mutable-global Y high']);
  });

  it('leaves keyed objects to module-cache and busy flags to local-lock', () => {
    const text = source(
      'const byUser: Record<string, number> = {};',
      'const totals = { orders: 0 };',
      'let syncing = false;',
      'export function record(userId: string) { byUser[userId] = Date.now(); totals.orders++; }',
      'export async function sync() { syncing = true; try { await fetch("https://erp.example.com"); } finally { syncing = false; } }',
    );
    expect(linesOf(text)).toEqual(['1 module-cache Y medium', '2 mutable-global Y medium', '3 local-lock Y high']);
  });

  it('does not report `x ?? (x = …)` and a memo guarded by an early return nested in an `if`', () => {
    const text = source(
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
    );
    expect(linesOf(text)).toEqual([]);
  });
});
