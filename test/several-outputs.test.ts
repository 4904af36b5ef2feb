import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planOutputs } from '../src/cli/outputs.js';
import { runInProcess, temporaryFolder } from './helpers/run-cli.js';

const SHOP = 'fixtures/express-shop';

describe('several outputs in one run', () => {
  it('pairs -f and -o by position, and each file holds what a run of that format alone prints', async () => {
    const folder = temporaryFolder();
    const sarif = join(folder, 'a.sarif');
    const markdown = join(folder, 'b.md');
    const run = await runInProcess(['scan', SHOP, '-f', 'sarif', '-o', sarif, '-f', 'markdown', '-o', markdown], undefined, { SOURCE_DATE_EPOCH: '1700000000' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Gate failed/);
    const alone = async (format: string): Promise<string> => (await runInProcess(['scan', SHOP, '-f', format], undefined, { SOURCE_DATE_EPOCH: '1700000000' })).stdout;
    expect(readFileSync(sarif, 'utf8')).toBe(await alone('sarif'));
    expect(readFileSync(markdown, 'utf8')).toBe(await alone('markdown'));
  });

  it('--output-format name=file writes files and leaves the table on stdout, with its notes and the gate line', async () => {
    const folder = temporaryFolder();
    const run = await runInProcess(['scan', SHOP, '--output-format', `junit=${join(folder, 'r.xml')}`, '--output-format', `gitlab=${join(folder, 'q.json')}`]);
    const table = await runInProcess(['scan', SHOP]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(table.stdout);
    expect(run.stdout).toMatch(/Gate failed/);
    expect(readFileSync(join(folder, 'r.xml'), 'utf8')).toMatch(/^<\?xml/);
    expect(JSON.parse(readFileSync(join(folder, 'q.json'), 'utf8')).length).toBeGreaterThan(0);
  });

  it('keeps the one format without a file on stdout beside --output-format files', async () => {
    const folder = temporaryFolder();
    const run = await runInProcess(['scan', SHOP, '-f', 'json', '--output-format', `sarif=${join(folder, 'a.sarif')}`]);
    expect(JSON.parse(run.stdout).tool.name).toBe('hidden-state');
    expect(JSON.parse(readFileSync(join(folder, 'a.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('on GitHub Actions, the table on stdout is still followed by annotations', async () => {
    const folder = temporaryFolder();
    const run = await runInProcess(['scan', SHOP, '--output-format', `sarif=${join(folder, 'a.sarif')}`], undefined, { GITHUB_ACTIONS: 'true' });
    expect(run.stdout).toMatch(/^::error file=fixtures\/express-shop\/src\/routes\/cart\.ts,line=6/m);
  });

  it('a format without a file among several is one line and exit 2, before anything is scanned or written', async () => {
    const folder = temporaryFolder();
    const run = await runInProcess(['scan', SHOP, '-f', 'sarif', '-o', join(folder, 'a.sarif'), '-f', 'markdown']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'hidden-state: -f markdown has no file: with several formats, give each its -o in the same order (-f sarif -o a.sarif -f markdown -o b.md), or use --output-format markdown=<file>\n',
    );
    expect(existsSync(join(folder, 'a.sarif'))).toBe(false);
  });

  it.each([
    [['-o', 'a.json', '-o', 'b.json'], 'hidden-state: -o a.json has no format: with several files, give each its -f in the same order (-f sarif -o a.sarif -f markdown -o b.md)\n'],
    [['-f', 'json', '-o', 'a.json', '--output-format', 'sarif=./a.json'], 'hidden-state: two outputs would write ./a.json: give each format its own file\n'],
    [['--output-format', 'sarif'], "hidden-state: --output-format sarif: give the file after '=' (--output-format sarif=<file>)\n"],
    [['--output-format', 'sraif=a.sarif'], "hidden-state: --output-format sraif=a.sarif: unknown format 'sraif' (did you mean 'sarif'?) (allowed: compact, github, gitlab, html, json, junit, markdown, sarif, table)\n"],
  ])('refuses %j in one line', async (args, line) => {
    const run = await runInProcess(['scan', SHOP, ...args]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(line);
  });

  it('one -f, one -o or neither is one output, as before', () => {
    expect(planOutputs({})).toEqual([{ format: 'table' }]);
    expect(planOutputs({ format: ['json'] })).toEqual([{ format: 'json' }]);
    expect(planOutputs({ output: ['t.txt'] })).toEqual([{ format: 'table', file: 't.txt' }]);
    expect(planOutputs({ format: ['sarif'], output: ['a.sarif'], outputFormat: [{ format: 'junit', file: 'r.xml' }] })).toEqual([
      { format: 'sarif', file: 'a.sarif' },
      { format: 'junit', file: 'r.xml' },
    ]);
  });
});
