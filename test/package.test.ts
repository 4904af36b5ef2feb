import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { temporaryFolder } from './helpers/run-cli.js';
import { ROOT } from './helpers/scan-fixture.js';

/** Packing, installing from the registry and a cold start take minutes on a loaded machine. */
const SLOW = 600_000;

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: SLOW, killSignal: 'SIGKILL' });
  if (result.error) throw result.error;
  return result;
}

function succeeded(result: SpawnSyncReturns<string>, what: string): string {
  if (result.status !== 0) throw new Error(`${what} exited ${result.status}:\n${result.stderr}`);
  return result.stdout;
}

/**
 * A copy of the repository's sources packs the way `npm pack` and `npm publish` do (prepack, the
 * tarball, postpack) without rebuilding the `dist` that the other test files run meanwhile.
 */
function packCopy(): { tarball: string; source: string; manifestBefore: string } {
  const source = temporaryFolder('hidden-state-source-');
  for (const entry of ['src', 'rules', 'bin', 'package.json', 'tsconfig.json', 'README.md', 'LICENSE']) cpSync(join(ROOT, entry), join(source, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(source, 'node_modules'), 'dir');
  // Left by an older build: packing starts from a clean build, so it must not ship.
  mkdirSync(join(source, 'dist/src'), { recursive: true });
  writeFileSync(join(source, 'dist/src/stale.js'), 'export {};\n');
  const manifestBefore = readFileSync(join(source, 'package.json'), 'utf8');
  const out = temporaryFolder('hidden-state-pack-');
  succeeded(run('npm', ['pack', '--pack-destination', out], source), 'npm pack');
  const [tarball] = readdirSync(out).filter((name) => name.endsWith('.tgz'));
  return { tarball: join(out, tarball!), source, manifestBefore };
}

describe('the packed package', () => {
  let packed: ReturnType<typeof packCopy>;
  let project: string;

  beforeAll(() => {
    packed = packCopy();
    project = temporaryFolder('hidden-state-user-');
    writeFileSync(join(project, 'package.json'), '{ "name": "user", "private": true, "type": "module" }\n');
    succeeded(run('npm', ['install', '-D', '--no-audit', '--no-fund', packed.tarball], project), 'npm install');
    mkdirSync(join(project, 'shop'));
    cpSync(join(ROOT, 'fixtures/express-shop'), join(project, 'shop'), { recursive: true });
  }, SLOW);

  it('publishes no install script, and packing leaves the manifest as it was', () => {
    const manifest = JSON.parse(run('tar', ['-xOzf', packed.tarball, 'package/package.json'], ROOT).stdout) as { scripts?: Record<string, string> };
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(manifest.scripts?.[script], script).toBeUndefined();
    expect(readFileSync(join(packed.source, 'package.json'), 'utf8')).toBe(packed.manifestBefore);
    expect(JSON.parse(packed.manifestBefore).scripts.prepare).toBe('npm run build');
  });

  it('ships the licence, the built code and the declarations', () => {
    const files = run('tar', ['-tzf', packed.tarball], ROOT).stdout.split('\n');
    expect(files).toEqual(expect.arrayContaining(['package/LICENSE', 'package/bin/hidden-state.js', 'package/dist/src/cli/cli.js', 'package/dist/src/api.js', 'package/dist/src/api.d.ts']));
    expect(files.some((file) => file.startsWith('package/src/') || file.startsWith('package/test/'))).toBe(false);
    expect(files).not.toContain('package/dist/src/stale.js');
  });

  it('runs with npx in the folder it was installed in', () => {
    const result = run('npx', ['--no-install', 'hidden-state', 'scan', 'shop', '--format', 'json'], project);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Gate failed: 5 instance-local findings/);
    const report = JSON.parse(result.stdout);
    expect(report.verdict).toBe('stateful');
    expect(report.summary.instanceLocal).toBe(6);
  }, SLOW);

  it('runs with npx from the tarball in an empty folder, without installing it first', () => {
    const empty = temporaryFolder('hidden-state-npx-');
    cpSync(join(ROOT, 'fixtures/express-shop'), join(empty, 'shop'), { recursive: true });
    const result = run('npx', ['--yes', '--package', packed.tarball, 'hidden-state', 'scan', 'shop', '--format', 'compact'], empty);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('shop/src/routes/cart.ts:6:7: error');
  }, SLOW);

  it('gives the same report to the programmatic API as --format json prints', () => {
    const script = "import('hidden-state').then(async (m) => process.stdout.write(JSON.stringify(await m.scan({ paths: ['shop'] }))))";
    const fromApi = JSON.parse(succeeded(run(process.execPath, ['-e', script], project), 'the API'));
    const fromCli = JSON.parse(run('npx', ['--no-install', 'hidden-state', 'scan', 'shop', '--format', 'json'], project).stdout);
    expect(fromApi.summary.findings).toBe(6);
    expect(fromApi).toEqual(fromCli);
  }, SLOW);

  it('types the API for TypeScript users', () => {
    const consumer = [
      "import { scan, type Report } from 'hidden-state';",
      "const report: Report = await scan({ paths: ['shop'], includeTests: false });",
      "const verdict: 'stateless' | 'stateful' | 'incomplete' = report.verdict;",
      '// @ts-expect-error: paths is a list',
      "await scan({ paths: 'shop' });",
      'export { verdict };',
    ].join('\n');
    writeFileSync(join(project, 'consumer.ts'), `${consumer}\n`);
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const flags = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', join(ROOT, 'node_modules/@types'), 'consumer.ts'];
    const result = run(process.execPath, [tsc, ...flags], project);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, SLOW);
});
