import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { temporaryFolder } from './run-cli.js';

/** A throw-away git repository with a `main` branch, for tests of what a pull request adds. */
export interface GitRepo {
  folder: string;
  git(...args: string[]): string;
  write(path: string, text: string): void;
  read(path: string): string;
  commitAll(message: string): void;
}

export function createGitRepo(files: Record<string, string> = {}): GitRepo {
  const repo = openGitRepo(temporaryFolder('hidden-state-git-'));
  repo.git('init', '-q', '-b', 'main');
  repo.git('config', 'user.name', 'Test Author');
  repo.git('config', 'user.email', 'author@example.test');
  repo.git('config', 'commit.gpgsign', 'false');
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  if (Object.keys(files).length > 0) repo.commitAll('initial service');
  return repo;
}

/** An independent copy of a repository, history included: cheaper than building it again. */
export function copyGitRepo(source: GitRepo): GitRepo {
  const folder = temporaryFolder('hidden-state-git-');
  cpSync(source.folder, folder, { recursive: true });
  return openGitRepo(folder);
}

function openGitRepo(folder: string): GitRepo {
  const git = (...args: string[]): string => {
    const result = spawnSync('git', args, { cwd: folder, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  };
  return {
    folder,
    git,
    write,
    read: (path) => readFileSync(join(folder, path), 'utf8'),
    commitAll: (message) => {
      git('add', '-A');
      git('commit', '-q', '-m', message);
    },
  };
}
