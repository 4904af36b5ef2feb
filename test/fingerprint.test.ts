import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeDeclaration } from '../src/engine/fingerprint.js';
import { temporaryFolder } from './helpers/run-cli.js';
import { analyseSnippet, FIXTURES, scanWithDefaults } from './helpers/scan-fixture.js';

/** A private copy of the Express shop fixture that a test may edit. */
function shopCopy(): string {
  const folder = temporaryFolder('hidden-state-shop-');
  cpSync(join(FIXTURES, 'express-shop'), folder, { recursive: true });
  return folder;
}

/** `rule symbol -> fingerprint` and `rule symbol -> line` of a scan of the folder. */
function fingerprints(folder: string): { ids: Record<string, string>; lines: Record<string, number> } {
  const { report } = scanWithDefaults(['.'], folder);
  expect(report.errors).toEqual([]);
  const ids: Record<string, string> = {};
  const lines: Record<string, number> = {};
  for (const finding of report.findings) {
    const key = `${finding.ruleId} ${finding.file} ${finding.symbol}`;
    expect(ids[key], `${key} is one finding`).toBeUndefined();
    ids[key] = finding.fingerprint;
    lines[key] = finding.line;
  }
  return { ids, lines };
}

function edit(folder: string, file: string, change: (text: string) => string): void {
  const path = join(folder, file);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  expect(after, `the edit of ${file} changes it`).not.toBe(before);
  writeFileSync(path, after);
}

describe('fingerprints on an edited copy of the Express shop', () => {
  it('survive lines added above every finding', () => {
    const folder = shopCopy();
    const before = fingerprints(folder);
    for (const file of ['src/server.ts', ...readdirSync(join(folder, 'src/routes')).map((name) => `src/routes/${name}`)]) {
      edit(folder, file, (text) => `// Owned by the shop team.\nimport type { Request } from 'express';\n\nexport function describeRequest(req: Request) {\n  return req.method;\n}\n\n${text}`);
    }
    const after = fingerprints(folder);
    expect(after.ids).toEqual(before.ids);
    for (const key of Object.keys(before.lines)) expect(after.lines[key]).toBe(before.lines[key]! + 7);
  });

  it('survive reformatting: line breaks, quotes, trailing commas, comments inside the declaration', () => {
    const folder = shopCopy();
    const before = fingerprints(folder);
    edit(folder, 'src/server.ts', (text) =>
      text
        .replace(
          "app.use(session({ secret: process.env.SESSION_SECRET ?? 'dev', resave: false, saveUninitialized: false }));",
          'app.use(\n  session({\n    secret: process.env.SESSION_SECRET ?? "dev", // from the environment\n    resave: false,\n    saveUninitialized: false,\n  }),\n);',
        )
        .replace("rateLimit({ windowMs: 60_000, max: 100 })", 'rateLimit({\n  windowMs: 60_000,\n  max: 100,\n})'),
    );
    edit(folder, 'src/routes/catalog.ts', (text) =>
      text.replace('new LRUCache<string, object>({ max: 1000, ttl: 60_000 });', 'new LRUCache<string, object>({\n  max: 1000,\n  /* one minute */ ttl: 60_000,\n});'),
    );
    edit(folder, 'src/routes/uploads.ts', (text) => text.replace("multer({ dest: 'uploads/' })", 'multer({ dest: "uploads/" })'));
    expect(fingerprints(folder).ids).toEqual(before.ids);
  });

  it('survive unrelated edits in the same files', () => {
    const folder = shopCopy();
    const before = fingerprints(folder);
    edit(folder, 'src/routes/cart.ts', (text) =>
      text
        .replace('res.status(201).json({ items });', 'res.status(201).json({ items, count: items.length });')
        .concat("\ncartRouter.delete('/:userId', (req, res) => {\n  res.status(204).end();\n});\n"),
    );
    edit(folder, 'src/routes/uploads.ts', (text) => text.replace("res.type('png').send(thumbnail);", "res.type('image/png').send(thumbnail);"));
    edit(folder, 'src/server.ts', (text) => text.replace("app.use('/catalog', catalogRouter);", "app.use('/catalog', catalogRouter);\napp.get('/health', (_req, res) => res.send('ok'));"));
    expect(fingerprints(folder).ids).toEqual(before.ids);
  });

  it('change for the finding whose declaration changes, and only for it', () => {
    const folder = shopCopy();
    const before = fingerprints(folder);
    edit(folder, 'src/server.ts', (text) => text.replace('max: 100 }', 'max: 500 }'));
    const after = fingerprints(folder);
    const changed = Object.keys(before.ids).filter((key) => after.ids[key] !== before.ids[key]);
    expect(changed).toEqual(['local-rate-limit src/server.ts rateLimit()']);
  });
});

describe('normalised declarations', () => {
  it('reduce code to its tokens, with one kind of quote and no trailing commas or comments', () => {
    expect(normalizeDeclaration("cache = new Map<string, number>([['a', 1],])")).toBe(normalizeDeclaration('cache = new Map<string, number>([\n  ["a", 1], // first\n])'));
    expect(normalizeDeclaration('limit = rateLimit({ max: 100 })')).not.toBe(normalizeDeclaration('limit = rateLimit({ max: 1000 })'));
    expect(normalizeDeclaration("path = 'a b'")).not.toBe(normalizeDeclaration("path = 'ab'"));
  });

  it('keep identical calls in two functions apart without line numbers; twins in one function get :2', () => {
    const findings = analyseSnippet(
      [
        "import { writeFileSync } from 'node:fs';",
        'export function saveOrder(data: string) {',
        "  writeFileSync('orders.json', data);",
        '}',
        'export function saveInvoice(data: string) {',
        "  writeFileSync('orders.json', data);",
        "  writeFileSync('orders.json', data);",
        '}',
      ].join('\n'),
    );
    const ids = findings.map((finding) => finding.fingerprint);
    expect(findings.map((finding) => finding.line)).toEqual([3, 6, 7]);
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).not.toContain(':');
    expect(ids[1]).not.toContain(':');
    expect(ids[2]).toBe(`${ids[1]}:2`);
  });
});
