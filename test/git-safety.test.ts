import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGitRepo } from './helpers/git-repo.js';
import { runCli, temporaryFolder } from './helpers/run-cli.js';

const SERVICE = { 'src/server.ts': 'export function handler() { return 1; }\n' };
const ADDED_STATE = 'const seen = new Map();\nexport function handler(id: string) { seen.set(id, 1); return 1; }\n';

describe('--changed-since runs git safely, in the scanned repository', () => {
  it("diffs the repository of the scanned folder, not the working directory's", () => {
    const scanned = createGitRepo(SERVICE);
    scanned.write('src/server.ts', ADDED_STATE);
    const elsewhere = createGitRepo({ 'README.md': '# other\n' });
    const run = runCli(['scan', scanned.folder, '--changed-since', 'main'], elsewhere.folder);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/Gate failed on lines changed since main: 1 instance-local finding at or above --fail-on error \(.*src\/server\.ts:1\)/);
    // From a folder outside any repository too.
    expect(runCli(['scan', scanned.folder, '--changed-since', 'main'], temporaryFolder()).status).toBe(1);
  });

  it('scanned paths in two repositories are exit 2 with one line', () => {
    const one = createGitRepo(SERVICE);
    const two = createGitRepo(SERVICE);
    const run = runCli(['scan', one.folder, two.folder, '--changed-since', 'main'], temporaryFolder());
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('hidden-state: --changed-since: the scanned paths are in different git repositories\n');
  });

  it("runs none of the target's commands: core.fsmonitor, hooks, filter and textconv drivers", () => {
    const repo = createGitRepo({ ...SERVICE, '.gitattributes': '*.ts filter=evil diff=evil\n' });
    const marker = join(temporaryFolder(), 'ran');
    const hook = join(temporaryFolder(), 'hook.sh');
    writeFileSync(hook, `#!/bin/sh\necho "$0" >> ${marker}\ncat\n`);
    chmodSync(hook, 0o755);
    repo.git('config', 'core.fsmonitor', hook);
    repo.git('config', 'filter.evil.clean', hook);
    repo.git('config', 'filter.evil.process', hook);
    repo.git('config', 'diff.evil.textconv', hook);
    repo.git('config', 'diff.evil.command', hook);
    repo.write('src/server.ts', ADDED_STATE);
    const run = runCli(['scan', '.', '--changed-since', 'main'], repo.folder);
    expect(existsSync(marker)).toBe(false);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('src/server.ts:1');
  });
});
