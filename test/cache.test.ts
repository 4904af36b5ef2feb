import { appendFileSync, chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatJson } from '../src/reporters/json.js';
import { FIXTURES, fixtureNames, scanWithDefaults } from './helpers/scan-fixture.js';
import { runCli, temporaryFolder, writeIn } from './helpers/run-cli.js';

/** A copy of a fixture in a temporary folder, to edit between scans. */
function copyOf(fixture: string): string {
  const folder = temporaryFolder();
  cpSync(join(FIXTURES, fixture), folder, { recursive: true });
  return folder;
}

/** The files of a JSON report's findings, in report order. */
function findingFiles(json: string): string[] {
  return (JSON.parse(json) as { findings: { file: string }[] }).findings.map((finding) => finding.file);
}

/** Each finding of a JSON report as `file symbol`. */
function findingSymbols(json: string): string[] {
  return (JSON.parse(json) as { findings: { file: string; symbol: string }[] }).findings.map((finding) => `${finding.file} ${finding.symbol}`);
}

function scanJson(folder: string, cacheLocation?: string, partialAnalysisLimit?: number) {
  const result = scanWithDefaults(['.'], folder, cacheLocation ? { cacheLocation, partialAnalysisLimit } : {});
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
    expect(second.cache).toEqual({ reused: first.cache!.analysed, analysed: 0, files: 0 });
    expect(first.json).toBe(cold.json);
    expect(second.json).toBe(cold.json);
  });

  it('re-analyses only the group of a changed file', () => {
    const folder = copyOf('live-chat');
    const cache = join(temporaryFolder(), 'cache');
    const { cache: first } = scanJson(folder, cache);
    appendFileSync(join(folder, 'infra/pulumi/index.ts'), '\n// a comment changes the file, not its findings\n');
    const again = scanJson(folder, cache);
    expect(again.cache).toEqual({ reused: first!.analysed - 1, analysed: 1, files: 1 });
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
    expect(findingFiles(after.json)).not.toContain('src/state/audit.ts');
    expect(after.json).toBe(scanJson(folder).json);
  });

  it('analyses again only the files a change reaches, with what they read', () => {
    const folder = copyOf('express-cross-file');
    const cache = join(temporaryFolder(), 'cache');
    const first = scanJson(folder, cache);
    const groupSize = first.cache!.files;
    // login.ts uses the sessions of state/sessions.ts: that module reads its uses, the audit files do not.
    appendFileSync(join(folder, 'src/routes/login.ts'), '\n// reworded\n');
    const again = scanJson(folder, cache);
    expect(again.cache).toMatchObject({ reused: first.cache!.analysed - 1, analysed: 1 });
    expect(again.cache!.files).toBeGreaterThan(0);
    expect(again.cache!.files).toBeLessThan(groupSize);
    expect(again.json).toBe(scanJson(folder).json);
  });

  it('reaches the modules a change now writes into, and the functions it now calls at load', () => {
    const folder = copyOf('express-plugins');
    const cache = join(temporaryFolder(), 'cache');
    const before = findingSymbols(scanJson(folder, cache).json);
    expect(before).not.toContain('src/plugin-registry.ts PluginRegistry.plugins');
    // A handler that registers a plugin per request: the registry filled at load becomes state.
    appendFileSync(join(folder, 'src/plugins/metrics.ts'), "\nexport function onRequest(path: string) {\n  PluginRegistry.register({ name: path });\n}\n");
    const registering = scanJson(folder, cache);
    expect(findingSymbols(registering.json)).toContain('src/plugin-registry.ts PluginRegistry.plugins');
    expect(registering.json).toBe(scanJson(folder).json);
    // Only called while the module loads, the handler is load-time code again: the finding goes.
    appendFileSync(join(folder, 'src/plugins/metrics.ts'), "onRequest('/boot');\n");
    const loading = scanJson(folder, cache);
    expect(findingSymbols(loading.json)).not.toContain('src/plugin-registry.ts PluginRegistry.plugins');
    expect(loading.json).toBe(scanJson(folder).json);
  });

  it('reaches a class when another module starts or stops making its one instance at module scope', () => {
    const folder = temporaryFolder();
    writeIn(folder, 'src/store.ts', 'export class Store {\n  items = new Map<string, number>();\n  add(key: string) {\n    this.items.set(key, 1);\n  }\n}\n');
    const singleton = "import { Store } from './store';\n\nexport const store = new Store();\n";
    const factory = "import { Store } from './store';\n\nexport const makeStore = () => new Store();\n";
    writeIn(folder, 'src/app.ts', singleton);
    // Modules of the same group that have nothing to do with the store: a partial analysis leaves them out.
    for (const name of ['a', 'b', 'c', 'd']) writeIn(folder, `src/${name}.ts`, `import './app';\n\nexport const ${name} = ${JSON.stringify(name)};\n`);
    const cache = join(temporaryFolder(), 'cache');
    expect(findingFiles(scanJson(folder, cache).json)).toEqual(['src/store.ts']);
    for (const [app, expected] of [[factory, []], [singleton, ['src/store.ts']]] as const) {
      writeIn(folder, 'src/app.ts', app);
      const again = scanJson(folder, cache);
      expect(findingFiles(again.json)).toEqual(expected);
      expect(again.json).toBe(scanJson(folder).json);
      expect(again.cache!.files).toBeLessThan(6);
    }
  });

  it('reaches a module that a changed file starts to import and write into', () => {
    const folder = temporaryFolder();
    writeIn(folder, 'src/state/cache.ts', 'export const cache = new Map<string, string>();\n');
    writeIn(folder, 'src/size.ts', "import { cache } from './state/cache';\n\nexport const size = () => cache.size;\n");
    writeIn(folder, 'src/route.ts', "import { size } from './size';\n\nexport const handler = () => size();\n");
    const cache = join(temporaryFolder(), 'cache');
    expect(JSON.parse(scanJson(folder, cache, 1).json).findings).toEqual([]);
    writeIn(folder, 'src/route.ts', "import { size } from './size';\nimport { cache } from './state/cache';\n\nexport const handler = (key: string) => {\n  cache.set(key, key);\n  return size();\n};\n");
    const again = scanJson(folder, cache, 1);
    expect(findingFiles(again.json)).toEqual(['src/state/cache.ts']);
    expect(again.json).toBe(scanJson(folder).json);
  });

  it('follows names through a barrel: reaches only the files that looked one up whose export changed, and finds it where the barrel now does', () => {
    const folder = temporaryFolder();
    writeIn(folder, 'src/a.ts', 'export const labels = new Map<string, string>();\n');
    writeIn(folder, 'src/b.ts', 'export const hits = new Map<string, number>();\n');
    writeIn(folder, 'src/index.ts', "export * from './a';\nexport * from './b';\n");
    // Looking `hits` up passes through a.ts's export table on the way to b.ts.
    const routes = ['r1', 'r2', 'r3', 'r4'];
    for (const name of routes) writeIn(folder, `src/${name}.ts`, `import { hits } from './index';\n\nexport const ${name} = (key: string) => hits.set(key, 1);\n`);
    // c.ts is in the group (label.ts imports it) but not passed on by the barrel, yet.
    writeIn(folder, 'src/c.ts', 'export const hits = new Map<string, number>();\n');
    writeIn(folder, 'src/label.ts', "import { labels } from './index';\nimport './c';\n\nexport const label = (key: string) => labels.get(key);\n");
    const cache = join(temporaryFolder(), 'cache');
    const before = scanJson(folder, cache, 1);
    expect(findingFiles(before.json)).toEqual(['src/b.ts']);
    // A new export of a.ts that none of them looks up: the routes are not reached.
    writeIn(folder, 'src/a.ts', 'export const labels = new Map<string, string>();\nexport const added = new Set<string>();\n');
    const added = scanJson(folder, cache, 1);
    expect(added.cache!.files).toBeLessThan(before.cache!.files - routes.length);
    expect(added.json).toBe(scanJson(folder).json);
    // a.ts now passes c.ts on, and the barrel finds `hits` there first: any name may move, the routes are reached.
    appendFileSync(join(folder, 'src/a.ts'), "export * from './c';\n");
    const starred = scanJson(folder, cache, 1);
    expect(findingFiles(starred.json)).toEqual(['src/c.ts']);
    expect(starred.json).toBe(scanJson(folder).json);
    // a.ts exports `hits` itself: found there, before c.ts.
    appendFileSync(join(folder, 'src/a.ts'), 'export const hits = new Map<string, number>();\n');
    const shadowed = scanJson(folder, cache, 1);
    expect(findingFiles(shadowed.json)).toEqual(['src/a.ts']);
    expect(shadowed.json).toBe(scanJson(folder).json);
  });

  it('finds the callers of a method declared after they were stored, though no one read their calls then', () => {
    const folder = temporaryFolder();
    const store = (methods: string[]): string =>
      `export class Store {\n  items: string[] = [];\n${methods.map((name) => `  ${name}(item: string) {\n    this.items.push(item);\n  }\n`).join('')}}\nexport const store = new Store();\n`;
    writeIn(folder, 'src/store.ts', store(['put']));
    writeIn(folder, 'src/main.ts', "import { store } from './store';\nimport './other';\n\nstore.put('boot');\n");
    // Calls an `add` on whatever it is given, at run time; no method `add` exists yet, so nothing reads these calls.
    writeIn(folder, 'src/other.ts', 'export function handle(target: { add(item: string): void }, item: string) {\n  target.add(item);\n}\n');
    const cache = join(temporaryFolder(), 'cache');
    expect(findingFiles(scanJson(folder, cache, 1).json)).toEqual([]);
    // Store gets an `add`, called at load: only other.ts's call, which may be it, makes `items` state.
    writeIn(folder, 'src/store.ts', store(['put', 'add']));
    appendFileSync(join(folder, 'src/main.ts'), "store.add('ready');\n");
    const declared = scanJson(folder, cache, 1);
    expect(findingFiles(declared.json)).toEqual(['src/store.ts']);
    expect(declared.json).toBe(scanJson(folder).json);
  });

  it('keeps the findings right while a file of the group stops parsing and parses again', () => {
    const folder = copyOf('express-cross-file');
    const cache = join(temporaryFolder(), 'cache');
    scanJson(folder, cache, 1);
    const route = join(folder, 'src/routes/audit.ts');
    const text = readFileSync(route, 'utf8');
    writeFileSync(route, `${text}\nexport function (( {\n`);
    const broken = scanJson(folder, cache, 1);
    expect(JSON.parse(broken.json).errors.map((error: { file: string }) => error.file)).toContain('src/routes/audit.ts');
    expect(broken.json).toBe(scanJson(folder).json);
    writeFileSync(route, text);
    expect(scanJson(folder, cache, 1).json).toBe(scanJson(folder).json);
  });

  it('leaves the readers of a call name alone when an edit keeps that call as it was, and reaches them when it does not', () => {
    const folder = temporaryFolder();
    writeIn(folder, 'src/registry.ts', 'export class Registry {\n  static items = new Map<string, number>();\n  static add(name: string) {\n    this.items.set(name, 1);\n  }\n}\n');
    // Registry.add is called only while the plugins load: its map is filled at load, not state.
    for (const name of ['a', 'b', 'c', 'd', 'e']) writeIn(folder, `src/plugins/${name}.ts`, `import { Registry } from '../registry';\n\nRegistry.add('${name}');\n`);
    const route = (body: string): string =>
      `import { Registry } from './registry';\nimport './plugins/a';\n\nconst seen = new Set<number>();\nexport function remember(id: number) {\n  seen.add(id);\n}\nexport function handle() {\n${body}\n}\n`;
    writeIn(folder, 'src/route.ts', route('  return Registry.items.size;'));
    const cache = join(temporaryFolder(), 'cache');
    expect(findingSymbols(scanJson(folder, cache, 1).json)).toEqual(['src/route.ts seen']);
    // Another function of the file changes: its `seen.add` call, which the verdict on Registry.add reads, does not.
    writeIn(folder, 'src/route.ts', route('  const size = Registry.items.size;\n  return size;'));
    const unrelated = scanJson(folder, cache, 1);
    expect(unrelated.json).toBe(scanJson(folder).json);
    expect(unrelated.cache!.files).toBe(1);
    // Now a request adds to the registry: Registry.add runs at run time, and its map is state.
    writeIn(folder, 'src/route.ts', route("  Registry.add('late');\n  return Registry.items.size;"));
    const reaching = scanJson(folder, cache, 1);
    expect(findingSymbols(reaching.json)).toEqual(['src/registry.ts Registry.items', 'src/route.ts seen']);
    expect(reaching.json).toBe(scanJson(folder).json);
  });

  it('analyses a group again when its imports resolve elsewhere, though no source file changed (a tsconfig alias edited)', () => {
    const folder = temporaryFolder();
    const tsconfig = (target: string): string => JSON.stringify({ compilerOptions: { strict: true, baseUrl: '.', paths: { '@state/*': [target] } }, include: ['src'] });
    writeIn(folder, 'tsconfig.json', tsconfig('src/state/*'));
    writeIn(folder, 'src/state/sessions.ts', 'export const sessions = new Map<string, string>();\n');
    writeIn(folder, 'src/routes/login.ts', "import { sessions } from '@state/sessions';\n\nexport function login(id: string, user: string): void {\n  sessions.set(id, user);\n}\n");
    const cache = join(temporaryFolder(), 'cache');
    const linked = scanJson(folder, cache);
    expect(JSON.parse(linked.json).findings.map((finding: { file: string; ruleId: string }) => `${finding.file} ${finding.ruleId}`)).toEqual(['src/state/sessions.ts in-memory-session']);
    // The alias now leads nowhere: the write in login.ts is no longer a write of `sessions`.
    writeIn(folder, 'tsconfig.json', tsconfig('src/elsewhere/*'));
    const unlinked = scanJson(folder, cache);
    expect(JSON.parse(unlinked.json).findings).toEqual([]);
    expect(unlinked.cache).toEqual({ reused: 0, analysed: 2, files: 2 });
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
    expect(again).toEqual(first.map((counts) => ({ reused: counts.analysed, analysed: 0, files: 0 })));
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
    expect(again.cache).toMatchObject({ reused: first!.analysed - 1, analysed: 1 });
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

/** Edits that move cross-file facts: each is applied to a file, then a cached rescan must give the cold scan's bytes. */
const EDITS: { name: string; edit: (text: string) => string }[] = [
  { name: 'adds state written at run time', edit: (text) => `${text}\nexport const probe = new Map<string, number>();\nexport function touch(key: string) {\n  probe.set(key, 1);\n}\n` },
  { name: 'calls an imported name while loading', edit: (text) => (/import \{\s*(\w+)/.test(text) ? `${text}\n${/import \{\s*(\w+)/.exec(text)![1]}();\n` : text) },
  {
    name: 'writes an imported name from a handler',
    edit: (text) => (/import \{\s*(\w+)/.test(text) ? `${text}\nexport function handle(req: { body: string }) {\n  (${/import \{\s*(\w+)/.exec(text)![1]} as any).latest = req.body;\n}\n` : text),
  },
  { name: 'deletes the first line with a call', edit: (text) => text.replace(/^[^\n]*\w\([^\n]*\n/m, '') },
  { name: 'cuts the first import (which can split the group)', edit: (text) => text.replace(/^import [^\n]*\n/m, '') },
];

describe('--cache on every fixture', () => {
  // Each edit lands on the first, a middle and the last file in turn, on top of the edits before.
  // A partial analysis only differs from a full one if it misses an input: any difference fails.
  it.each(fixtureNames())('%s: cached rescans after edits are the cold scans', (fixture) => {
    const folder = copyOf(fixture);
    const cache = join(temporaryFolder(), 'cache');
    scanJson(folder, cache);
    const files = sourceFiles(folder);
    EDITS.forEach(({ name, edit }, index) => {
      const file = files[[0, Math.floor(files.length / 2), files.length - 1][index % 3]!]!;
      const path = join(folder, file);
      writeFileSync(path, edit(readFileSync(path, 'utf8')));
      // Never the whole group for being most of it: the partial analysis is what is under test.
      expect(scanJson(folder, cache, 1).json, `${name} in ${file}`).toBe(scanJson(folder).json);
    });
  });
});

describe('--cache that cannot be written', () => {
  it('leaves no temporary file behind when the rename fails', () => {
    const folder = temporaryFolder();
    mkdirSync(join(folder, 'src'));
    writeFileSync(join(folder, 'src/cache.ts'), 'const seen = new Map();\nexport function keep(id: string) { seen.set(id, 1); }\n');
    const cache = join(folder, 'cache');
    // The cache file's name is taken by a folder that is not empty: the rename onto it fails.
    mkdirSync(join(cache, 'groups.json'), { recursive: true });
    writeFileSync(join(cache, 'groups.json/keep'), 'x');
    const result = scanWithDefaults(['src'], folder, { cacheLocation: cache });
    expect(result.cache!.problem).toMatch(/^cannot write the cache .*groups\.json: E/);
    expect(readdirSync(cache)).toEqual(['groups.json']);
  });
});
