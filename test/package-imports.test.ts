import { describe, expect, it } from 'vitest';
import { NOT_REACHED_EVIDENCE } from '../src/pipeline/scan.js';
import { folderWith } from './helpers/run-cli.js';
import { scanWithDefaults } from './helpers/scan-fixture.js';

const STORE = 'const carts = new Map<string, string>();\nexport function remember(user: string, sku: string) {\n  carts.set(user, sku);\n}\n';
const SERVER = (specifier: string) =>
  `import express from 'express';\nimport { remember } from '${specifier}';\nconst app = express();\napp.post('/cart', (req, res) => { remember(req.body.user, req.body.sku); res.end(); });\napp.listen(3000);\n`;

describe('package imports and pnpm workspaces', () => {
  it('follows a #-import through package.json imports: the handler reaches the store', () => {
    const root = folderWith({
      'package.json': JSON.stringify({ name: 'svc', main: 'src/server.ts', imports: { '#store': './src/store.js' }, dependencies: { express: '4' } }),
      'src/server.ts': SERVER('#store'),
      'src/store.ts': STORE,
    });
    const [finding, ...rest] = scanWithDefaults(['.'], root).report.findings;
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ file: 'src/store.ts', symbol: 'carts', confidence: 'high' });
    expect(finding!.evidence.map((evidence) => evidence.message)).not.toContain(NOT_REACHED_EVIDENCE);
  });

  it('fills a * pattern and picks the condition a server meets', () => {
    const root = folderWith({
      'package.json': JSON.stringify({
        name: 'svc',
        main: 'src/server.ts',
        imports: { '#lib/*': { types: './types/*.d.ts', node: './src/lib/*.js', default: './browser/*.js' } },
        dependencies: { express: '4' },
      }),
      'src/server.ts': SERVER('#lib/store'),
      'src/lib/store.ts': STORE,
    });
    expect(scanWithDefaults(['.'], root).report.findings.map((finding) => [finding.file, finding.confidence])).toEqual([['src/lib/store.ts', 'high']]);
  });

  it('reads pnpm-workspace.yaml written in flow style: one tier per service package', () => {
    const root = folderWith({
      'pnpm-workspace.yaml': "packages: ['apps/*', \"!apps/legacy\"]\n",
      'apps/api/package.json': JSON.stringify({ name: 'api', main: 'src/server.ts', dependencies: { express: '4' } }),
      'apps/api/tsconfig.json': '{}',
      'apps/api/src/server.ts': SERVER('./store.js'),
      'apps/api/src/store.ts': STORE,
      'apps/worker/package.json': JSON.stringify({ name: 'worker', main: 'src/server.ts', dependencies: { express: '4' } }),
      'apps/worker/tsconfig.json': '{}',
      'apps/worker/src/server.ts': SERVER('./store.js'),
      'apps/worker/src/store.ts': STORE,
    });
    expect(scanWithDefaults(['.'], root).report.tiers.map((tier) => tier.name)).toEqual(['api', 'worker']);
  });
});
