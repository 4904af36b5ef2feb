import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverFiles } from '../src/pipeline/discover.js';

describe('discoverFiles and infrastructure-as-code', () => {
  let root: string;
  const write = (path: string, text = 'export {};\n'): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hidden-state-discover-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('walks infra folders the service tsconfig leaves out, but not synth output, dependencies, tests or other folders', () => {
    write('tsconfig.json', JSON.stringify({ include: ['src'] }));
    write('src/server.ts');
    write('src/orders.e2e.ts');
    write('scripts/seed.ts');
    write('infra/pulumi/index.ts');
    write('infra/test/stack.test.ts');
    write('cdk/tsconfig.json', JSON.stringify({ include: ['lib'] }));
    write('cdk/lib/web-stack.ts');
    write('cdk/cdk.out/asset.1a2b/index.js');
    write('cdk/node_modules/aws-cdk-lib/index.js');
    const { files } = discoverFiles({ paths: ['.'], cwd: root, include: [], exclude: [], includeTests: false });
    expect(files.map((file) => file.slice(root.length + 1).split('\\').join('/'))).toEqual([
      'cdk/lib/web-stack.ts',
      'infra/pulumi/index.ts',
      'src/server.ts',
    ]);
  });

  it('a solution-style root tsconfig (few files, the code in references) lists the files of every referenced project', () => {
    write('tsconfig.json', JSON.stringify({ files: ['tools/setup.ts'], references: [{ path: './packages/api' }, { path: 'packages/worker/tsconfig.build.json' }] }));
    write('tools/setup.ts');
    write('packages/api/tsconfig.json', JSON.stringify({ include: ['src'], references: [{ path: '../shared' }, { path: '../..' }] }));
    write('packages/api/src/server.ts');
    write('packages/shared/tsconfig.json', JSON.stringify({ include: ['lib'] }));
    write('packages/shared/lib/cache.ts');
    write('packages/worker/tsconfig.build.json', JSON.stringify({ include: ['src'] }));
    write('packages/worker/src/main.ts');
    write('packages/orphan/src/index.ts');
    const { files, tsconfigs } = discoverFiles({ paths: ['.'], cwd: root, include: [], exclude: [], includeTests: false });
    expect(files.map((file) => file.slice(root.length + 1).split('\\').join('/'))).toEqual([
      'packages/api/src/server.ts',
      'packages/shared/lib/cache.ts',
      'packages/worker/src/main.ts',
      'tools/setup.ts',
    ]);
    expect(tsconfigs).toEqual(['packages/api/tsconfig.json', 'packages/shared/tsconfig.json', 'packages/worker/tsconfig.build.json', 'tsconfig.json']);
  });

  it("scanning one package of a monorepo keeps the root tsconfig's include and exclude below that package", () => {
    write('tsconfig.json', JSON.stringify({ include: ['packages/*/src', 'packages/*/index.ts'], exclude: ['**/generated'] }));
    write('packages/api/index.ts');
    write('packages/api/src/server.ts');
    write('packages/api/src/routes/orders.ts');
    write('packages/api/src/generated/client.ts');
    write('packages/api/scripts/seed.ts');
    write('packages/web/src/app.ts');
    write('packages/web/index.ts');
    const { files, tsconfigs } = discoverFiles({ paths: ['packages/api'], cwd: root, include: [], exclude: [], includeTests: false });
    expect(tsconfigs).toEqual(['tsconfig.json']);
    expect(files.map((file) => file.slice(root.length + 1).split('\\').join('/'))).toEqual([
      'packages/api/index.ts',
      'packages/api/src/routes/orders.ts',
      'packages/api/src/server.ts',
    ]);
  });
});

describe('overlapping scan paths', () => {
  it('a path inside another one (or the same path twice) adds nothing: same report, same fingerprints', async () => {
    const { runInProcess, temporaryFolder } = await import('./helpers/run-cli.js');
    const folder = temporaryFolder();
    mkdirSync(join(folder, 'app/src'), { recursive: true });
    writeFileSync(join(folder, 'app/src/index.ts'), 'const seen = new Map();\nexport function keep(id: string) { seen.set(id, 1); }\n');
    writeFileSync(join(folder, 'app/package.json'), JSON.stringify({ name: 'app', main: 'src/index.ts' }));
    const alone = (await runInProcess(['scan', 'app', '-f', 'json'], folder)).stdout;
    for (const paths of [['app', 'app/src'], ['app/src', 'app'], ['app', './app/'], ['app', 'app/src/index.ts']]) {
      expect((await runInProcess(['scan', ...paths, '-f', 'json'], folder)).stdout, paths.join(' ')).toBe(alone);
    }
  });
});
