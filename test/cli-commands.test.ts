import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess, temporaryFolder } from './helpers/run-cli.js';

const SHOP = 'fixtures/express-shop';

/** A configuration file that changes nothing, for `--config` on every command. */
function emptyConfig(): string {
  const file = join(temporaryFolder(), 'config.json');
  writeFileSync(file, '{}\n');
  return file;
}

describe('global options', () => {
  const commands = [['rules'], ['explain', 'module-cache'], ['estimate', '--peak-rps', '100'], ['scan', SHOP, '-f', 'compact'], [SHOP, '-f', 'compact']];
  const globals = [['--no-color'], ['--quiet'], ['-q'], ['--debug'], ['--config', emptyConfig()], ['-c', emptyConfig()]];

  for (const command of commands) {
    for (const global of globals) {
      it(`${global[0]} is accepted before and after '${command.join(' ')}'`, async () => {
        const after = await runInProcess([...command, ...global]);
        const before = await runInProcess([...global, ...command]);
        expect(after.stderr).not.toMatch(/unknown option|path not found/);
        expect(after.status).not.toBe(2);
        expect(before).toEqual(after);
      });
    }
  }

  it('--no-color before the command name leaves the command a command, not a path', async () => {
    const run = await runInProcess(['--no-color', 'scan', SHOP, '-f', 'compact']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('cart.ts:6:7');
  });

  it('--quiet before the command name applies to it', async () => {
    const quiet = await runInProcess(['--quiet', 'scan', SHOP, '-f', 'compact']);
    const all = await runInProcess(['scan', SHOP, '-f', 'compact']);
    expect(quiet.stdout).not.toContain('[library-cache]');
    expect(all.stdout).toContain('[library-cache]');
  });

  it('--config before the command name is the configuration read', async () => {
    const run = await runInProcess(['--config', 'no/such/config.json', 'scan', SHOP]);
    expect(run).toEqual({ status: 2, stdout: '', stderr: 'hidden-state: cannot read configuration no/such/config.json: ENOENT\n' });
  });

  it("each command's help lists the global options", async () => {
    const help = await runInProcess(['explain', '--help']);
    const globals = help.stdout.split('Global Options:')[1] ?? '';
    for (const option of ['--config <file>', '--no-color', '--quiet', '--debug']) expect(globals).toContain(option);
  });
});

describe('did you mean', () => {
  it('names the command a mistyped command name was close to', async () => {
    const run = await runInProcess(['scna', SHOP]);
    expect(run).toEqual({ status: 2, stdout: '', stderr: "hidden-state: path not found: scna (did you mean the command 'scan'?)\n" });
    expect((await runInProcess(['explian', 'module-cache'])).stderr).toBe("hidden-state: path not found: explian (did you mean the command 'explain'?)\n");
  });

  it('suggests no command for a path that exists or is unlike any command', async () => {
    expect((await runInProcess(['no/such/folder'])).stderr).toBe('hidden-state: path not found: no/such/folder\n');
    const folder = temporaryFolder();
    mkdirSync(join(folder, 'rule'));
    writeFileSync(join(folder, 'rule/index.ts'), 'export const x = 1;\n');
    expect((await runInProcess(['rule'], folder)).stderr).not.toContain('did you mean');
  });

  it('names the rule a mistyped rule id was close to', async () => {
    const run = await runInProcess(['explain', 'module-caches']);
    expect(run).toEqual({ status: 2, stdout: '', stderr: "hidden-state: unknown rule 'module-caches' (did you mean 'module-cache'?) (see 'hidden-state rules')\n" });
    expect((await runInProcess(['explain', 'zzz'])).stderr).toBe("hidden-state: unknown rule 'zzz' (see 'hidden-state rules')\n");
  });
});

describe('one-line errors', () => {
  it.each([
    ['a missing folder', 'nope/report.json', 'cannot write nope/report.json: the folder nope does not exist'],
    ['a folder', 'src', 'cannot write src: it is a folder'],
    ['a file as a folder', 'package.json/report.json', 'cannot write package.json/report.json: package.json is not a folder'],
  ])('names the output file and why it cannot be written: %s', async (_case, output, message) => {
    const run = await runInProcess(['scan', SHOP, '-f', 'json', '-o', output]);
    expect(run).toEqual({ status: 2, stdout: '', stderr: `hidden-state: ${message}\n` });
  });

  it.each([
    ['a trailing comma', '{\n  "rules": {\n    "module-cache": "warning",\n  }\n}\n', 'property name expected at line 4, column 3'],
    ['a missing comma', '{\n  "failOn": "error"\n  "includeTests": true\n}\n', 'comma expected at line 3, column 3'],
    ['a cut-off file', '{ "failOn": ', 'value expected at line 1, column 13'],
    ['a bare word', '{\n  "includeTests": tru\n}\n', 'invalid symbol at line 2, column 19'],
  ])('gives the line and column of a JSON syntax error in the configuration: %s', async (_case, text, message) => {
    const folder = temporaryFolder();
    writeFileSync(join(folder, '.hiddenstaterc.json'), text);
    const run = await runInProcess(['scan'], folder);
    expect(run).toEqual({ status: 2, stdout: '', stderr: `hidden-state: cannot read configuration .hiddenstaterc.json: ${message}\n` });
  });
});

describe('did you mean, in the configuration', () => {
  it('names the rule a mistyped rule id in the configuration was close to', async () => {
    const folder = temporaryFolder();
    writeFileSync(join(folder, '.hiddenstaterc.json'), '{ "rules": { "module-caches": "off" } }\n');
    const run = await runInProcess(['scan'], folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^hidden-state: \.hiddenstaterc\.json: 'rules': unknown rule 'module-caches' \(did you mean 'module-cache'\?\) \(known: connection-registry, /);
  });
});

describe('did you mean, for options', () => {
  it("puts commander's suggestion for a mistyped option on the error's one line", async () => {
    expect(await runInProcess(['rules', '--no-colour'])).toEqual({ status: 2, stdout: '', stderr: "hidden-state: unknown option '--no-colour' (did you mean '--no-color'?)\n" });
    expect((await runInProcess(['scan', SHOP, '--fail-onn', 'error'])).stderr).toBe("hidden-state: unknown option '--fail-onn' (did you mean '--fail-on'?)\n");
  });
});
