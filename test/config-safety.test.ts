import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, temporaryFolder } from './helpers/run-cli.js';

/** A checkout with one module-level cache written at run time (exit 1 when the rule is on). */
function checkout(files: Record<string, string> = {}): string {
  const folder = temporaryFolder();
  mkdirSync(join(folder, 'src'));
  mkdirSync(join(folder, '.config'));
  writeFileSync(join(folder, 'src/cache.ts'), 'const prices = new Map();\nexport function remember(id: string) { prices.set(id, 1); }\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

/** Configuration code that leaves a mark in the working directory when it runs, and turns the rule off. */
const MARKING_ESM = "import { writeFileSync } from 'node:fs';\nwriteFileSync('ran', 'yes');\nexport default { rules: { 'module-cache': 'off' } };\n";
const MARKING_CJS = "require('node:fs').writeFileSync('ran', 'yes');\nmodule.exports = { rules: { 'module-cache': 'off' } };\n";
const MARKING_TS = "import { writeFileSync } from 'node:fs';\nconst off: string = 'off';\nwriteFileSync('ran', 'yes');\nexport default { rules: { 'module-cache': off } };\n";

describe('configuration in an untrusted checkout', () => {
  it.each([
    ['hiddenstate.config.js', MARKING_ESM],
    ['hiddenstate.config.mjs', MARKING_ESM],
    ['hiddenstate.config.cjs', MARKING_CJS],
    ['hiddenstate.config.ts', MARKING_TS],
    ['.hiddenstaterc.js', MARKING_CJS],
    ['.hiddenstaterc.cjs', MARKING_CJS],
    ['.config/hiddenstaterc.js', MARKING_CJS],
    // cosmiconfig's own meta configuration, searched from the working directory.
    ['.config/config.js', MARKING_CJS],
  ])('%s found by search is not run: one line says so, the scan goes on without it', (name, code) => {
    const folder = checkout({ [name]: code });
    const run = runCli(['scan', '.'], folder);
    expect(existsSync(join(folder, 'ran'))).toBe(false);
    expect(run.status).toBe(1); // the rule is still on
    if (name !== '.config/config.js') expect(run.stderr).toBe(`hidden-state: ${name} not loaded: a configuration that runs code is used only when named with --config\n`);
  });

  it('a configuration that runs code is loaded when named with --config; a .ts one leaves no file in the checkout', () => {
    for (const [name, code] of [['hiddenstate.config.mjs', MARKING_ESM], ['hiddenstate.config.cjs', MARKING_CJS], ['hiddenstate.config.ts', MARKING_TS]] as const) {
      const folder = checkout({ [name]: code });
      const before = readdirSync(folder).sort();
      const run = runCli(['scan', '.', '--config', name], folder);
      expect(run.stderr, name).toBe('');
      expect(run.status, name).toBe(0);
      expect(readdirSync(folder).sort()).toEqual([...before, 'ran'].sort());
    }
  });

  it('data found by search is read: .hiddenstaterc (YAML), .config/hiddenstaterc.json, package.json#hiddenstate', () => {
    const searched: Record<string, string>[] = [{ '.hiddenstaterc': 'rules:\n  module-cache: off\n' }, { '.config/hiddenstaterc.json': '{ "rules": { "module-cache": "off" } }' }, { 'package.json': '{ "hiddenstate": { "rules": { "module-cache": "off" } } }' }];
    for (const files of searched) {
      expect(runCli(['scan', '.'], checkout(files)).status, Object.keys(files)[0]).toBe(0);
    }
  });

  it('no configuration is read from the home folder, and an unreadable home folder changes nothing', () => {
    const home = temporaryFolder();
    mkdirSync(join(home, '.config/hiddenstate'), { recursive: true });
    writeFileSync(join(home, '.hiddenstaterc'), 'rules:\n  module-cache: off\n');
    writeFileSync(join(home, '.config/hiddenstaterc.json'), '{ "rules": { "module-cache": "off" } }');
    writeFileSync(join(home, '.config/hiddenstate/config.json'), '{ "rules": { "module-cache": "off" } }');
    const folder = checkout();
    expect(runCli(['scan', '.'], folder, { HOME: home, XDG_CONFIG_HOME: join(home, '.config') })).toMatchObject({ status: 1, stderr: '' });
    // A home that cannot be listed: a file (root reads any folder whatever its mode), then a folder without permissions.
    const file = join(home, '.hiddenstaterc');
    expect(runCli(['scan', '.'], folder, { HOME: file, XDG_CONFIG_HOME: join(file, '.config') })).toMatchObject({ status: 1, stderr: '' });
    chmodSync(home, 0);
    const unreadable = runCli(['scan', '.'], folder, { HOME: home, XDG_CONFIG_HOME: join(home, '.config') });
    chmodSync(home, 0o700);
    expect(unreadable).toMatchObject({ status: 1, stderr: '' });
  });

  it('a __proto__ key is an unknown key, not a crash', () => {
    const run = runCli(['scan', '.'], checkout({ '.hiddenstaterc.json': '{ "__proto__": { "x": 1 } }' }));
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("hidden-state: .hiddenstaterc.json: unknown key '__proto__' (allowed: include, exclude, entry, tsconfig, rules, failOn, includeTests, maxFileSize, sources, externalized, instances, peakRps)\n");
    const nested = runCli(['scan', '.'], checkout({ '.hiddenstaterc.json': '{ "sources": [{ "module": "m", "kind": "cache", "__proto__": 1 }] }' }));
    expect(nested.status).toBe(2);
    expect(nested.stderr).toMatch(/unknown key '__proto__'/);
  });

  it('a configuration that is not a regular file is exit 2 with one line, not a hang', () => {
    const folder = checkout();
    mkdirSync(join(folder, '.hiddenstaterc'));
    const run = runCli(['scan', '.'], folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('hidden-state: cannot read configuration .hiddenstaterc: not a regular file\n');
  });
});
