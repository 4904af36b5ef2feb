import { appendFileSync, chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatJson } from '../src/reporters/json.js';
import { FIXTURES, fixtureNames, scanWithDefaults } from './helpers/scan-fixture.js';
import { runCli, temporaryFolder } from './helpers/run-cli.js';

/** A copy of a fixture in a temporary folder, to edit between scans. */
function copyOf(fixture: string): string {
  const folder = temporaryFolder();
  cpSync(join(FIXTURES, fixture), folder, { recursive: true });
  return folder;
}

function scanJson(folder: string, cacheLocation?: string) {
  const result = scanWithDefaults(['.'], folder, cacheLocation ? { cacheLocation } : {});
  return { json: formatJson(result.report), cache: result.cache };
}

describe('--cache', () => {
  it('reuses every group when nothing changed, and the report is byte for byte the cold one', () => {
    const folder = copyOf('live-chat');
    const cache = join(temporaryFolder(), 'cache');
    const cold = scanJson(folder);
    const first = scanJson(folder, cache);
    const second = scanJson(folder, cache);
    expect(first.cache).toMatchObject({ reused: 0 });
    expect(first.cache!.analysed).toBeGreaterThan(1);
    expect(second.cache).toEqual({ reused: first.cache!.analysed, analysed: 0 });
    expect(first.json).toBe(cold.json);
    expect(second.json).toBe(cold.json);
  });

  it('re-analyses only the group of a changed file', () => {
    const folder = copyOf('live-chat');
    const cache = join(temporaryFolder(), 'cache');
    const { cache: first } = scanJson(folder, cache);
    appendFileSync(join(folder, 'infra/pulumi/index.ts'), '\n// a comment changes the file, not its findings\n');
    const again = scanJson(folder, cache);
    expect(again.cache).toEqual({ reused: first!.analysed - 1, analysed: 1 });
    expect(again.json).toBe(scanJson(folder).json);
  });

  it('keeps cross-file facts right: a write removed from an importer clears the finding in the module it imports', () => {
    const folder = copyOf('express-cross-file');
    const cache = join(temporaryFolder(), 'cache');
    const before = JSON.parse(scanJson(folder, cache).json);
    expect(before.findings.map((finding: { file: string }) => finding.file)).toContain('src/state/audit.ts');
    // The queue in state/audit.ts is state only because routes/audit.ts pushes into it.
    const route = join(folder, 'src/routes/audit.ts');
    writeFileSync(route, readFileSync(route, 'utf8').replace('events.push({ action: req.body.action, at: Date.now() });', 'void events.length;'));
    const after = scanJson(folder, cache);
    expect(JSON.parse(after.json).findings.map((finding: { file: string }) => finding.file)).not.toContain('src/state/audit.ts');
    expect(after.json).toBe(scanJson(folder).json);
  });

  it('analyses a group again when its imports resolve elsewhere, though no source file changed (a tsconfig alias edited)', () => {
    const folder = temporaryFolder();
    mkdirSync(join(folder, 'src/state'), { recursive: true });
    mkdirSync(join(folder, 'src/routes'));
    const tsconfig = (target: string): string => JSON.stringify({ compilerOptions: { strict: true, baseUrl: '.', paths: { '@state/*': [target] } }, include: ['src'] });
    writeFileSync(join(folder, 'tsconfig.json'), tsconfig('src/state/*'));
    writeFileSync(join(folder, 'src/state/sessions.ts'), 'export const sessions = new Map<string, string>();\n');
    writeFileSync(join(folder, 'src/routes/login.ts'), "import { sessions } from '@state/sessions';\n\nexport function login(id: string, user: string): void {\n  sessions.set(id, user);\n}\n");
    const cache = join(temporaryFolder(), 'cache');
    const linked = scanJson(folder, cache);
    expect(JSON.parse(linked.json).findings.map((finding: { file: string; ruleId: string }) => `${finding.file} ${finding.ruleId}`)).toEqual(['src/state/sessions.ts in-memory-session']);
    // The alias now leads nowhere: the write in login.ts is no longer a write of `sessions`.
    writeFileSync(join(folder, 'tsconfig.json'), tsconfig('src/elsewhere/*'));
    const unlinked = scanJson(folder, cache);
    expect(JSON.parse(unlinked.json).findings).toEqual([]);
    expect(unlinked.cache).toEqual({ reused: 0, analysed: 2 });
    expect(unlinked.json).toBe(scanJson(folder).json);
  });

  it('starts over when the configuration changes', () => {
    const folder = copyOf('live-chat');
    const cache = join(temporaryFolder(), 'cache');
    scanJson(folder, cache);
    const other = scanWithDefaults(['.'], folder, { cacheLocation: cache, ruleSettings: { 'module-cache': 'warning' } });
    expect(other.cache).toMatchObject({ reused: 0 });
  });

  it('keeps one file per shard, so shards that share a cache folder do not evict each other', () => {
    const folder = copyOf('live-chat');
    const cache = join(temporaryFolder(), 'cache');
    const shards = [1, 2].map((index) => ({ index, count: 2 }));
    const first = shards.map((shard) => scanWithDefaults(['.'], folder, { cacheLocation: cache, shard }).cache!);
    for (const counts of first) expect(counts.analysed).toBeGreaterThan(0);
    const again = shards.map((shard) => scanWithDefaults(['.'], folder, { cacheLocation: cache, shard }).cache!);
    expect(again).toEqual(first.map((counts) => ({ reused: counts.analysed, analysed: 0 })));
    expect(readdirSync(cache).sort()).toEqual(['groups-shard-1-of-2.json', 'groups-shard-2-of-2.json']);
  });

  it('leaves the file alone when a run used every stored group and added none', () => {
    const folder = copyOf('live-chat');
    const cache = join(temporaryFolder(), 'cache');
    scanJson(folder, cache);
    const file = join(cache, 'groups.json');
    writeFileSync(file, readFileSync(file)); // the same bytes, with a time of its own
    const touched = statSync(file).mtimeMs;
    expect(scanJson(folder, cache).cache).toMatchObject({ analysed: 0 });
    expect(statSync(file).mtimeMs).toBe(touched);
  });

  it('analyses again a stored group whose entry is not a result (a hand-edited file), and uses the rest', () => {
    const folder = copyOf('live-chat');
    const cache = join(temporaryFolder(), 'cache');
    const { cache: first } = scanJson(folder, cache);
    const file = join(cache, 'groups.json');
    const content = JSON.parse(readFileSync(file, 'utf8')) as { groups: Record<string, unknown> };
    const [damaged] = Object.keys(content.groups);
    content.groups[damaged!] = { files: [], findings: 'none' };
    writeFileSync(file, JSON.stringify(content));
    const again = scanJson(folder, cache);
    expect(again.cache).toEqual({ reused: first!.analysed - 1, analysed: 1 });
    expect(again.json).toBe(scanJson(folder).json);
  });

  it('ignores a damaged cache file and rebuilds it', () => {
    const folder = copyOf('live-chat');
    const cache = join(temporaryFolder(), 'cache');
    mkdirSync(cache);
    writeFileSync(join(cache, 'groups.json'), '{"identity": "x", "groups": ');
    const damaged = scanJson(folder, cache);
    expect(damaged.cache).toMatchObject({ reused: 0 });
    expect(damaged.json).toBe(scanJson(folder).json);
    expect(scanJson(folder, cache).cache).toMatchObject({ analysed: 0 });
  });

  it('on the command line: stored under node_modules/.cache/hidden-state, same output, and a cache that cannot be written is a note, not a failure', () => {
    const folder = copyOf('live-chat');
    const cold = runCli(['scan', '.', '-f', 'json'], folder);
    const cached = runCli(['scan', '.', '-f', 'json', '--cache'], folder);
    expect(cached.stdout).toBe(cold.stdout);
    expect(readFileSync(join(folder, 'node_modules/.cache/hidden-state/groups.json'), 'utf8')).toContain('"identity"');
    expect(runCli(['scan', '.', '-f', 'json', '--cache'], folder).stdout).toBe(cold.stdout);

    const locked = join(temporaryFolder(), 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const blocked = runCli(['scan', '.', '-f', 'json', '--cache-location', join(locked, 'cache')], folder);
    expect(blocked.status).toBe(cold.status);
    expect(blocked.stdout).toBe(cold.stdout);
    // Root may write anywhere; then there is nothing to report.
    if (process.getuid?.() !== 0) expect(blocked.stderr).toMatch(/^hidden-state: cannot write the cache .*; the next run starts without it\n$/);
  });
});

/** Source files of a folder, relative, sorted. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|js)$/.test(entry.name) && !entry.parentPath.includes('node_modules'))
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

describe('--cache on every fixture', () => {
  // Two edits per fixture, each followed by a cached rescan that must be the cold scan's bytes:
  // one adds state to a file, one cuts a file's first import (which can split its group).
  it.each(fixtureNames())('%s: cached rescans after edits are the cold scans', (fixture) => {
    const folder = copyOf(fixture);
    const cache = join(temporaryFolder(), 'cache');
    scanJson(folder, cache);
    const files = sourceFiles(folder);
    const first = join(folder, files[0]!);
    appendFileSync(first, '\nexport const probe = new Map<string, number>();\nexport function touch(key: string) {\n  probe.set(key, 1);\n}\n');
    expect(scanJson(folder, cache).json).toBe(scanJson(folder).json);
    const last = join(folder, files[files.length - 1]!);
    const text = readFileSync(last, 'utf8');
    writeFileSync(last, text.replace(/^import [^\n]*\n/m, ''));
    expect(scanJson(folder, cache).json).toBe(scanJson(folder).json);
  });
});
