import { spawnSync } from 'node:child_process';
import { parseUnifiedDiff, WHOLE_FILE, type ChangedLines, type LineRange } from './changed-lines.js';
import { UsageError } from './errors.js';

const MAX_OUTPUT = 256 * 1024 * 1024;

/**
 * The lines changed since `ref` in the working tree below `cwd`, as git sees them: committed,
 * staged and unstaged edits since the merge base of `ref` and HEAD (what a pull request adds),
 * plus untracked files as a whole. Renamed files count only for the lines that changed.
 */
export function changedLinesSince(ref: string, cwd: string): ChangedLines {
  if (git(['rev-parse', '--is-inside-work-tree'], cwd).status !== 0) {
    throw new UsageError(`--changed-since needs a git repository: ${cwd} is not inside one`);
  }
  if (ref.startsWith('-') || git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd).status !== 0) {
    throw new UsageError(`--changed-since: unknown git ref '${ref}' (in CI, fetch it first, e.g. actions/checkout with fetch-depth: 0)`);
  }
  // A shallow clone may lack the merge base; the ref itself is then the best base there is.
  const mergeBase = git(['merge-base', ref, 'HEAD'], cwd);
  const base = mergeBase.status === 0 ? mergeBase.stdout.trim() : ref;
  const diff = git(['diff', '--relative', '--unified=0', '--no-color', '--no-ext-diff', '--find-renames', '--src-prefix=a/', '--dst-prefix=b/', base, '--'], cwd);
  if (diff.status !== 0) throw new UsageError(`--changed-since: git diff failed: ${firstLine(diff.stderr)}`);
  const changed = parseUnifiedDiff(diff.stdout);
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z'], cwd);
  if (untracked.status === 0) {
    for (const file of untracked.stdout.split('\0').filter(Boolean)) changed.set(file, [WHOLE_FILE] as LineRange[]);
  }
  return changed;
}

function git(args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('git', ['-c', 'core.quotePath=false', ...args], { cwd, encoding: 'utf8', maxBuffer: MAX_OUTPUT });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError('--changed-since needs git, and git was not found on the PATH');
    throw new UsageError(`--changed-since: cannot run git: ${code ?? result.error.message}`);
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
