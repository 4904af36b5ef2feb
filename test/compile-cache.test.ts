import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { ROOT } from './helpers/scan-fixture.js';

const FOLDER = join(ROOT, 'node_modules/.cache/hidden-state/compiled', `${process.version}-${process.arch}`);
const SHOP = 'fixtures/express-shop';

function cachedFiles(): string[] {
  try {
    return readdirSync(FOLDER).filter((name) => name.endsWith('.bin'));
  } catch {
    return [];
  }
}

// Node 22 keeps its own compile cache in the folder, in its own layout.
describe.runIf(Number(process.versions.node.split('.')[0]) < 22)('compile cache', () => {
  it('keeps the compiled code of the large files the scan loads (the compiler) after a run', () => {
    const run = runCli(['scan', SHOP, '-f', 'json']);
    expect(run.status).toBe(1); // the shop holds instance-local state
    const files = cachedFiles();
    // typescript.js at least; runs of other versions of the files may have left theirs.
    expect(files.length).toBeGreaterThanOrEqual(1);
    for (const name of files) expect(statSync(join(FOLDER, name)).size).toBeGreaterThan(100_000);
  });

  it('a damaged cache changes nothing but the time: V8 rejects it, the code compiles, the cache is written again', () => {
    const expected = runCli(['scan', SHOP, '-f', 'json']);
    expect(cachedFiles().length).toBeGreaterThan(0);
    for (const name of cachedFiles()) writeFileSync(join(FOLDER, name), 'not compiled code');
    const again = runCli(['scan', SHOP, '-f', 'json']);
    expect(again).toEqual(expected);
    for (const name of cachedFiles()) expect(readFileSync(join(FOLDER, name)).subarray(0, 17).toString()).not.toBe('not compiled code');
  });
});
