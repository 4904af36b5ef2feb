import { spawnSync } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseUnifiedDiff, WHOLE_FILE, type ChangedLines, type LineRange } from './changed-lines.js';
import { toPosix } from '../pipeline/discover.js';
import { UsageError } from '../shared/errors.js';

const MAX_OUTPUT = 256 * 1024 * 1024;

/**
 * Settings that keep git from running the target's commands: the repository's own configuration
 * is untrusted (a checkout of a pull request may carry a `.git/config`), and `core.fsmonitor`
 * runs a program on every status or diff. Hooks are off too; external diffs and textconv are
 * refused by flags on the diff itself, and filter drivers are emptied per repository.
 */
const SAFE_SETTINGS = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.quotePath=false', '-c', 'core.untrackedCache=false'];

/**
 * The lines changed since `ref` in the git repository that holds the scanned paths, as git sees
 * them: committed, staged and unstaged edits since the merge base of `ref` and HEAD (what a pull
 * request adds), plus untracked files as a whole. Renamed files count only for the lines that
 * changed. Files are named relative to `cwd`, as the report names them.
 */
export function changedLinesSince(ref: string, cwd: string, paths: readonly string[] = ['.']): ChangedLines {
  const top = repositoryOf(paths.map((path) => resolve(cwd, path)));
  const filters = git(['config', '--name-only', '--get-regexp', '^filter\\..*\\.(clean|smudge|process)$'], top);
  const noFilters = filters.stdout.split('\n').filter(Boolean).flatMap((name) => ['-c', `${name}=`]);
  const run = (args: readonly string[]): GitRun => git([...noFilters, ...args], top);
  if (ref.startsWith('-') || run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).status !== 0) {
    throw new UsageError(`--changed-since: unknown git ref '${ref}' (in CI, fetch it first, e.g. actions/checkout with fetch-depth: 0)`);
  }
  // A shallow clone may lack the merge base; the ref itself is then the best base there is.
  const mergeBase = run(['merge-base', ref, 'HEAD']);
  const base = mergeBase.status === 0 ? mergeBase.stdout.trim() : ref;
  const diff = run(['diff', '--unified=0', '--no-color', '--no-ext-diff', '--no-textconv', '--find-renames', '--src-prefix=a/', '--dst-prefix=b/', base, '--']);
  if (diff.status !== 0) throw new UsageError(`--changed-since: git diff failed: ${firstLine(diff.stderr)}`);
  const fromTop = parseUnifiedDiff(diff.stdout);
  const untracked = run(['ls-files', '--others', '--exclude-standard', '--full-name', '-z']);
  if (untracked.status === 0) {
    for (const file of untracked.stdout.split('\0').filter(Boolean)) fromTop.set(file, [WHOLE_FILE] as LineRange[]);
  }
  // git names files from the top of the repository; the report names them from the working directory.
  const realCwd = realpathOr(cwd);
  const changed = new Map<string, LineRange[]>();
  for (const [file, ranges] of fromTop) changed.set(toPosix(relative(realCwd, join(top, file))), ranges);
  return changed;
}

/** The checkout a review names in its header, and how its files are named from the repository's top. */
export interface GitCheckout {
  /** The full hash of HEAD. */
  commit: string;
  /** The branch checked out; absent when HEAD is detached (as in most CI checkouts of a pull request). */
  branch?: string;
  /** The working directory from the repository's top, `/` separated, ending in `/` (empty at the top). */
  prefix: string;
}

/**
 * The commit and branch of the repository that holds `folder`, for a review's header and links;
 * undefined when it is not a git checkout, has no commit yet, or git is missing. Read with the
 * same safe settings as the diff: no hook, no fsmonitor, no configuration that runs a program.
 */
export function checkoutOf(folder: string): GitCheckout | undefined {
  try {
    const head = git(['rev-parse', '--show-prefix', '--verify', '--quiet', 'HEAD'], folder);
    const [prefix = '', commit = ''] = head.stdout.split('\n');
    if (head.status !== 0 || !/^[0-9a-f]{40,64}$/.test(commit)) return undefined;
    const branch = git(['symbolic-ref', '--quiet', '--short', 'HEAD'], folder);
    const name = branch.status === 0 ? branch.stdout.trim() : '';
    return { commit, ...(name ? { branch: name } : {}), prefix };
  } catch {
    return undefined;
  }
}

/** The top folder of the one repository that holds every path. */
function repositoryOf(paths: readonly string[]): string {
  const tops = new Set<string>();
  for (const path of paths) {
    const folder = isFolder(path) ? path : dirname(path);
    const top = git(['rev-parse', '--show-toplevel'], folder);
    if (top.status !== 0) throw new UsageError(`--changed-since needs a git repository: ${folder} is not inside one`);
    tops.add(realpathOr(top.stdout.trim()));
  }
  if (tops.size > 1) throw new UsageError('--changed-since: the scanned paths are in different git repositories');
  return [...tops][0]!;
}

interface GitRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function git(args: readonly string[], cwd: string): GitRun {
  const result = spawnSync('git', [...SAFE_SETTINGS, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: MAX_OUTPUT,
    // No prompt for credentials, and no index refresh written into the target.
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
  });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError('--changed-since needs git, and git was not found on the PATH');
    throw new UsageError(`--changed-since: cannot run git: ${code ?? result.error.message}`);
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
