import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as runSpawned, runInProcess as runCli, temporaryFolder } from './helpers/run-cli.js';

const STATE = 'const seen = new Map();\nexport function keep(id: string) { seen.set(id, 1); }\n';

function service(manifest: unknown, extra: Record<string, string> = {}): string {
  const folder = temporaryFolder();
  mkdirSync(join(folder, 'src'));
  writeFileSync(join(folder, 'src/index.ts'), STATE);
  writeFileSync(join(folder, 'package.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(folder, name), text);
  return folder;
}

describe('malformed package.json, tsconfig and workspace files', () => {
  it.each([
    ['scripts.start is a number', { scripts: { start: 5 } }],
    ['workspaces holds a number', { workspaces: [5] }],
    ['workspaces.packages is a number', { workspaces: { packages: 5 } }],
    ['bin is a number', { bin: 5 }],
    ['bin holds a number', { bin: { x: 5 } }],
    ['name is an object', { name: { a: 1 } }],
    ['dependencies is a string', { dependencies: 'express' }],
    ['scripts is an array', { scripts: ['node x'] }],
    ['the manifest is an array', [1, 2]],
    ['the manifest is null', null],
    ['the manifest does not parse', '{ "scripts": '],
  ])('%s: the scan runs and finds the state', async (_, manifest) => {
    const run = await runCli(['scan', '.', '-f', 'compact'], service(manifest));
    expect(run.stderr).not.toMatch(/is not a function|Cannot read|undefined/);
    expect(run.stdout).toContain('src/index.ts:1:7');
    expect(run.status).toBe(1);
  });

  it('a tsconfig whose paths map to null or a number (found by the mutation test) is read as far as it makes sense', async () => {
    const folder = service({}, { 'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@a/*': null, '@b/*': 5, '@c/*': ['src/*', 7] } } }) });
    const run = await runCli(['scan', '.', '-f', 'compact'], folder);
    expect(run.stderr).not.toContain('Cannot read properties');
    expect(run.status).toBe(1);
  });

  it('a package.json, tsconfig.json or pnpm-workspace.yaml that is /dev/zero does not hang the scan', async () => {
    const folder = temporaryFolder();
    mkdirSync(join(folder, 'src'));
    writeFileSync(join(folder, 'src/index.ts'), STATE);
    for (const name of ['package.json', 'tsconfig.json', 'pnpm-workspace.yaml']) symlinkSync('/dev/zero', join(folder, name));
    // A separate process: a regression would hang it, and the bound kills it.
    const run = runSpawned(['scan', '.', '-f', 'compact'], folder, {}, 20_000);
    expect(run.stdout).toContain('src/index.ts:1:7');
    expect(run.status).toBe(1);
  });
});

describe('absurd shard numbers', () => {
  it.each(['1/150000', '1/1e20', '1/100000000000000000000', '0/4', '5/4'])('--shard %s is exit 2 with one line', async (shard) => {
    const run = await runCli(['scan', '.', '--shard', shard], service({}));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^hidden-state: --shard must be <i>\/<n> with 1 <= i <= n <= 1000, such as 1\/4 \(got '[^']*'\)\n$/);
  });

  it('a shard report with a count of 1e9 (or a fraction, or a negative index) is exit 2 with one line, not a heap abort', async () => {
    const folder = service({});
    const shard = JSON.parse((await runCli(['scan', '.', '-f', 'json', '--shard', '1/2'], folder)).stdout);
    for (const bad of [{ index: 1, count: 1e9 }, { index: 1.5, count: 2 }, { index: -1, count: 2 }, { index: 1, count: 1e308 * 10 }]) {
      writeFileSync(join(folder, 'shard.json'), JSON.stringify({ ...shard, shard: bad }));
      // A separate process: a regression would exhaust its heap.
      const run = runSpawned(['merge', 'shard.json'], folder, {}, 20_000);
      expect(run.status, JSON.stringify(bad)).toBe(2);
      expect(run.stderr).toBe("hidden-state: shard.json: not a hidden-state report (merge reads what 'hidden-state scan' writes with -f json or -f sarif)\n");
    }
  });

  it('a SARIF shard log with a count of 1e9 is exit 2 with one line', async () => {
    const folder = service({});
    const log = JSON.parse((await runCli(['scan', '.', '-f', 'sarif', '--shard', '1/2'], folder)).stdout);
    log.runs[0].properties.shard = '1/1000000000';
    writeFileSync(join(folder, 'shard.sarif'), JSON.stringify(log));
    const run = runSpawned(['merge', 'shard.sarif'], folder, {}, 20_000);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("hidden-state: shard.sarif: shard '1/1000000000' is not i/n with 1 <= i <= n <= 1000\n");
  });
});
