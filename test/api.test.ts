import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan, scanSync, UsageError } from '../src/api.js';
import { runInProcess, temporaryFolder } from './helpers/run-cli.js';
import { ROOT } from './helpers/scan-fixture.js';

/** Two files with a module-level cache each, and a configuration. */
function service(config: string): string {
  const folder = temporaryFolder();
  mkdirSync(join(folder, 'src'));
  for (const name of ['a', 'b']) writeFileSync(join(folder, `src/${name}.ts`), `const seen = new Map();\nexport function remember(id: string) { seen.set(id, 1); }\n`);
  writeFileSync(join(folder, '.hiddenstaterc.json'), config);
  return folder;
}

describe('the programmatic API', () => {
  it('returns the object that --format json prints', async () => {
    const report = await scan({ paths: ['fixtures/express-shop'], cwd: ROOT });
    const printed = await runInProcess(['scan', 'fixtures/express-shop', '--format', 'json']);
    expect(report.summary.findings).toBe(6);
    expect(JSON.parse(JSON.stringify(report))).toEqual(JSON.parse(printed.stdout));
  });

  it('reads the configuration of cwd, and its options override it as the flags do', async () => {
    const folder = service('{ "include": ["src/a.ts"] }');
    expect((await scan({ cwd: folder })).findings.map((finding) => finding.file)).toEqual(['src/a.ts']);
    expect((await scan({ cwd: folder, include: ['src/b.ts'] })).findings.map((finding) => finding.file)).toEqual(['src/b.ts']);
    expect((await scan({ cwd: folder, config: 'none.json' }).catch((error: unknown) => error)) instanceof UsageError).toBe(true);
  });

  it('rejects a broken configuration with the command line error line', async () => {
    const folder = service('{ "rules": { "module-cache": "loud" } }');
    const error = await scan({ cwd: folder }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    const printed = await runInProcess(['scan'], folder);
    expect(printed.stderr).toBe(`hidden-state: ${(error as Error).message}\n`);
  });

  it('scanSync gives the same report without waiting, and texts replace what is on disk', async () => {
    const folder = service('{ "include": ["src/a.ts"] }');
    expect(scanSync({ cwd: folder })).toEqual(await scan({ cwd: folder }));
    const edited = scanSync({ cwd: folder, texts: { 'src/a.ts': 'export const limit = 3;\n' } });
    expect(edited.findings).toEqual([]);
    expect(edited.summary.files).toBe(1);
    expect(() => scanSync({ cwd: service('{ "rules": { "nope": "off" } }') })).toThrow(/^\.hiddenstaterc\.json: 'rules': unknown rule 'nope'/);
  });
});
