import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess as runCli, temporaryFolder } from './helpers/run-cli.js';

const STATE = 'const seen = new Map();\nexport function keep(id: string) { seen.set(id, 1); }\n';
/** Names a checkout can hold: a line break and a workflow command, a terminal escape, a command at the start. */
const HOSTILE = ['b\n::stop-commands::tok.ts', '\u001b]0;owned\u0007\u001b[31mred.ts', '::error::injected.ts', 'rtl\u202egnp.ts'];

function hostileCheckout(): string {
  const folder = temporaryFolder();
  mkdirSync(join(folder, 'src'));
  for (const name of HOSTILE) writeFileSync(join(folder, 'src', name), STATE);
  writeFileSync(join(folder, 'src', 'broken\n::error::x.ts'), 'export function (( {\n');
  return folder;
}

/** Lines that GitHub would read as a workflow command, other than the annotations the github format writes. */
function injectedCommands(output: string): string[] {
  return output.split(/\r?\n/).filter((line) => /^\s*::/.test(line) && !/^::(error|warning|notice) file=src\//.test(line));
}

describe('names from the target are escaped in every format', () => {
  const folder = hostileCheckout();

  it.each(['table', 'compact', 'github', 'markdown', 'html', 'json', 'sarif'])('%s: no control character, no workflow command of the target', async (format) => {
    const run = await runCli(['scan', '.', '-f', format, '--allow-incomplete', '--max-warnings', '0'], folder);
    expect(run.status).toBe(1);
    // The HTML table's own sort key joins file and line with a NUL: the tool's, not the target's.
    const output = (run.stdout + run.stderr).replace(/\u0000(?=\d{7}")/g, '');
    expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(injectedCommands(output)).toEqual([]);
    if (format === 'json') expect(JSON.parse(run.stdout).findings.map((finding: { file: string }) => finding.file)).toContain(`src/${HOSTILE[0]}`);
  });

  it('the table on GitHub Actions (with annotations) and the incomplete line on stderr', async () => {
    const run = await runCli(['scan', '.'], folder, { GITHUB_ACTIONS: 'true' });
    expect(run.status).toBe(2);
    expect(injectedCommands(run.stdout + run.stderr)).toEqual([]);
    expect(run.stdout + run.stderr).not.toMatch(/[\u001b\u0007]/);
    expect(run.stdout).toContain('src/b\\u000a::stop-commands::tok.ts');
  });
});
