// ESLint 9 with the typescript-eslint parser and one syntactic rule (no-restricted-syntax on
// `new Map`), no type information: the cheapest lint a team already runs over the same files, as
// the yardstick for the scan's speed. Installed at bench time into .bench/eslint (git-ignored), so
// that ESLint never becomes a dependency of this project.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const PACKAGES = ['eslint@9', 'typescript-eslint@8'];
const CONFIG = `import tseslint from 'typescript-eslint';

export default [
  {
    files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: { 'no-restricted-syntax': ['warn', "NewExpression[callee.name='Map']"] },
  },
];
`;

/** The command line that lints `files` (absolute paths below `folder`), or why there is none. */
export function eslintCommand(benchFolder, folder, files) {
  const home = join(benchFolder, 'eslint');
  const bin = join(home, 'node_modules', 'eslint', 'bin', 'eslint.js');
  if (!existsSync(bin) || !existsSync(join(home, 'node_modules', 'typescript-eslint'))) {
    mkdirSync(home, { recursive: true });
    const install = spawnSync('npm', ['install', '--prefix', home, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', ...PACKAGES], { encoding: 'utf8', timeout: 300_000 });
    if (install.status !== 0) {
      const reason = (install.stderr || install.error?.message || '').trim().split('\n').pop();
      return { skipped: `npm install ${PACKAGES.join(' ')} failed: ${reason}` };
    }
  }
  const config = join(home, 'eslint.config.mjs');
  writeFileSync(config, CONFIG);
  // Paths relative to the folder keep the command line short; JSON output lets the bench check
  // that ESLint linted every file.
  const paths = files.map((file) => relative(folder, file));
  return { args: [process.execPath, bin, '--no-config-lookup', '-c', config, '-f', 'json', ...paths], cwd: folder };
}

/** How many files ESLint's JSON output reports, and how many of them it could not parse. */
export function countLinted(stdout) {
  const results = JSON.parse(stdout);
  return { files: results.length, parseErrors: results.filter((result) => result.fatalErrorCount > 0).length };
}
