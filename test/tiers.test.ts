import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planTiers } from '../src/pipeline/tiers.js';
import { temporaryFolder, writeIn } from './helpers/run-cli.js';
import { guessEntries } from '../src/pipeline/entries.js';
import { scanFixture, scanWithDefaults } from './helpers/scan-fixture.js';
import { NOT_REACHED_EVIDENCE } from '../src/pipeline/scan.js';

describe('tiers and entries', () => {
  it('makes each service package of a workspace its own tier; libraries count in the tiers that import them', () => {
    const { report } = scanFixture('monorepo');
    expect(report.tiers.map(({ name, entries, entrySources, verdict, findings }) => ({ name, entries, entrySources, verdict, findings }))).toEqual([
      { name: '@acme/notifications', entries: ['fixtures/monorepo/apps/notifications/src/server.ts'], entrySources: ['package.json scripts.start'], verdict: 'stateful', findings: 1 },
      { name: '@acme/orders', entries: ['fixtures/monorepo/apps/orders/src/main.ts'], entrySources: ['package.json main', 'package.json scripts.start'], verdict: 'stateful', findings: 4 },
    ]);
    const shared = report.findings.filter((finding) => finding.symbol === 'emailsByCustomer');
    expect(shared.map((finding) => finding.tier)).toEqual(['@acme/notifications', '@acme/orders']);
    expect(new Set(shared.map((finding) => finding.fingerprint)).size).toBe(2);
  });

  it('reports code no entry reaches one confidence step lower, saying so, and leaves out one-off scripts', () => {
    const { report } = scanFixture('monorepo');
    const unreached = report.findings.filter((finding) => finding.evidence.some((evidence) => evidence.message === NOT_REACHED_EVIDENCE));
    expect(unreached.map((finding) => [finding.file, finding.symbol, finding.confidence])).toEqual([
      // 'medium' when an entry reaches it (see the explicit-entry test below).
      ['fixtures/monorepo/apps/orders/src/legacy-export.ts', 'exportedBatches', 'low'],
    ]);
    expect(report.findings.some((finding) => finding.file.includes('scripts/'))).toBe(false);
    expect(report.scope).toEqual({
      analysed: 7,
      notReached: 1,
      leftOut: [{ reason: 'script, migration, seed or example', files: 1 }],
    });
  });

  it('makes a tier of the code a workspace root holds outside its packages, and lists it only when it has files', () => {
    const root = temporaryFolder();
    const write = (path: string, text: string) => writeIn(root, path, text);
    // A TypeScript service package, and a plain JavaScript server beside it with no package of its own.
    write('api/package.json', JSON.stringify({ name: 'api', main: 'src/main.ts', dependencies: { express: '4' } }));
    write('api/tsconfig.json', JSON.stringify({ include: ['src'] }));
    write('api/src/main.ts', "import express from 'express';\nconst hits = new Map<string, number>();\nconst app = express();\napp.get('/', (req, res) => { hits.set(req.ip, 1); res.end(); });\napp.listen(3000);\n");
    write('chat/index.js', "const io = require('socket.io')(3001);\nlet online = 0;\nio.on('connection', () => { online += 1; });\n");
    write('scripts/seed.js', 'const seeded = new Set();\nexports.seed = (id) => seeded.add(id);\n');
    const { report } = scanWithDefaults(['.'], root);
    expect(report.tiers.map((tier) => [tier.name, tier.files])).toEqual([['api', 1], [root.split('/').pop(), 1]]);
    expect(report.findings.map((finding) => `${finding.file} ${finding.symbol}`)).toEqual(['api/src/main.ts hits', 'chat/index.js io', 'chat/index.js online']);
    expect(report.scope?.leftOut).toEqual([{ reason: 'script, migration, seed or example', files: 1 }]);
  });

  it('counts the modules a folder loader loads as reached, and leaves out what only client code imports', () => {
    const root = temporaryFolder();
    const write = (path: string, text: string) => writeIn(root, path, text);
    write('package.json', JSON.stringify({ name: 'svc', main: 'src/app.ts', dependencies: { fastify: '5' } }));
    write('src/app.ts', "import autoload from '@fastify/autoload';\nimport { join } from 'node:path';\nexport default async function app(f: any) { f.register(autoload, { dir: join(__dirname, 'routes') }); }\n");
    write('src/routes/cart.ts', "const carts = new Map<string, string>();\nexport default async function (f: any) { f.post('/cart', async (req: any) => { carts.set(req.body.id, req.body.item); }); }\n");
    write('src/orphan.ts', "const seen = new Set<string>();\nexport function mark(id: string) { seen.add(id); }\n");
    write('src/widget.tsx', "'use client';\nimport { remember } from './client-store';\nexport function Widget() { remember('x'); return null; }\n");
    write('src/client-store.ts', "const picked = new Set<string>();\nexport function remember(id: string) { picked.add(id); }\n");
    const { report } = scanWithDefaults(['.'], root);
    const reached = (symbol: string) => report.findings.find((finding) => finding.symbol === symbol)?.evidence.every((evidence) => evidence.message !== NOT_REACHED_EVIDENCE);
    expect(reached('carts')).toBe(true);
    expect(reached('seen')).toBe(false);
    expect(report.findings.some((finding) => finding.symbol === 'picked')).toBe(false);
    expect(report.scope?.leftOut).toEqual([{ reason: 'client code', files: 2 }]);
    expect(report.scope?.notReached).toBe(1);
  });

  it('follows Next.js conventions, tsconfig path aliases and server actions, and stops at use client', () => {
    const { report } = scanFixture('nextjs-storefront');
    const [tier] = report.tiers;
    expect(tier?.entrySources).toEqual(['Next.js conventions']);
    expect(tier?.entries).toEqual(['fixtures/nextjs-storefront/app/api/products/route.ts', 'fixtures/nextjs-storefront/app/cart/page.tsx']);
    expect(report.findings.map((finding) => finding.file)).toEqual([
      'fixtures/nextjs-storefront/app/cart/actions.ts',
      'fixtures/nextjs-storefront/lib/product-cache.ts',
    ]);
  });

  it('uses explicit entries when given', () => {
    const { report } = scanFixture('monorepo', { entries: ['fixtures/monorepo/apps/orders/src/legacy-export.ts'] });
    expect(report.tiers.map((tier) => [tier.name, tier.entrySources])).toEqual([['acme-platform', ['configuration']]]);
    // The rest of the workspace is still the service's code, as not reached from the entry.
    const reachedSymbols = report.findings
      .filter((finding) => !finding.evidence.some((evidence) => evidence.message === NOT_REACHED_EVIDENCE))
      .map((finding) => finding.symbol);
    expect(reachedSymbols).toEqual(['exportedBatches']);
    expect(report.findings.find((finding) => finding.symbol === 'exportedBatches')?.confidence).toBe('medium');
  });
});

describe('guessEntries', () => {
  const known = new Set(['/svc/src/main.ts', '/svc/src/index.ts', '/svc/server/index.ts', '/svc/bin/cli.ts']);

  it.each([
    [{ scripts: { start: 'node dist/src/main' } }, ['/svc/src/main.ts'], 'package.json scripts.start'],
    [{ scripts: { start: 'node --enable-source-maps ./build/server/index.js' } }, ['/svc/server/index.ts'], 'package.json scripts.start'],
    [{ main: 'dist/index.js' }, ['/svc/src/index.ts'], 'package.json main'],
    [{ bin: { svc: 'bin/cli.js' } }, ['/svc/bin/cli.ts'], 'package.json bin'],
    [{ main: 'dist/index.js', bin: { svc: 'bin/cli.js' } }, ['/svc/src/index.ts'], 'package.json main'],
  ])('%j starts at %j', (manifest, files, source) => {
    const guess = guessEntries('/svc', manifest, known);
    expect(guess.files).toEqual(files);
    expect(guess.sources).toEqual([source]);
  });
});

describe('planTiers', () => {
  it('makes tiers of services only: not libraries with declarations, command-line tools, or browser apps', () => {
    const root = temporaryFolder('hidden-state-workspace-');
    const packages: Record<string, object> = {
      'apps/api': { name: 'api', scripts: { start: 'node dist/main.js' }, dependencies: { '@nestjs/core': '10' } },
      'apps/worker': { name: 'worker', scripts: { 'start:prod': 'node dist/main' } },
      'apps/web': { name: 'web', scripts: { start: 'vite preview' }, dependencies: { vue: '3' } },
      'apps/storefront': { name: 'storefront', scripts: { dev: 'next dev' }, dependencies: { next: '15', 'react-dom': '19' } },
      'libs/shared': { name: 'shared', main: 'dist/index.js', types: 'dist/index.d.ts', scripts: { start: 'tsc -w' }, dependencies: { express: '4' } },
      'tools/cli': { name: 'cli', bin: { acme: 'dist/cli.js' }, scripts: { start: 'node dist/cli.js' } },
      'tools/test-utils': { name: '@acme/test-utils', scripts: { start: 'node dist/server.js' }, dependencies: { express: '4' } },
    };
    writeFileSync(join(root, 'package.json'), JSON.stringify({ private: true, workspaces: ['apps/*', 'libs/*', 'tools/*'] }));
    const files: string[] = [];
    for (const [folder, manifest] of Object.entries(packages)) {
      mkdirSync(join(root, folder, 'src'), { recursive: true });
      writeFileSync(join(root, folder, 'package.json'), JSON.stringify(manifest));
      writeFileSync(join(root, folder, 'src/main.ts'), 'export {};\n');
      files.push(join(root, folder, 'src/main.ts'));
    }
    const { tiers } = planTiers([root], files, []);
    expect(tiers.map((tier) => tier.name).sort()).toEqual(['api', 'storefront', 'worker']);
  });
});
