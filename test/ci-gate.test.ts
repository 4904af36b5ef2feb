import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyGitRepo, createGitRepo, type GitRepo } from './helpers/git-repo.js';
import { runCli, temporaryFolder } from './helpers/run-cli.js';

// A service that already holds state when the team adopts the tool: a cart cache written per
// request, and a currency table filled at load (not state, until someone writes it at run time).
const CART = `import { Router } from 'express';

export const cartRouter = Router();

const carts = new Map<string, string[]>();

cartRouter.post('/:userId/items', (req, res) => {
  const items = carts.get(req.params.userId) ?? [];
  items.push(req.body.sku);
  carts.set(req.params.userId, items);
  res.status(201).json({ items });
});
`;

const CATALOG = `export const CURRENCIES = new Map<string, string>();
CURRENCIES.set('EUR', '€');

export function symbolFor(code: string) {
  return CURRENCIES.get(code);
}
`;

const PRICES = `const lastPrices = new Map<string, number>();

export function rememberPrice(sku: string, price: number) {
  lastPrices.set(sku, price);
}
`;

const BASELINE = '.hidden-state-baseline.json';

let adopted: GitRepo;

// The service on main with its baseline committed, made once; each test works on a copy.
beforeAll(() => {
  adopted = createGitRepo({ 'src/cart.ts': CART, 'src/catalog.ts': CATALOG });
  const recorded = runCli(['baseline', 'src'], adopted.folder);
  expect(recorded.status).toBe(0);
  expect(recorded.stdout).toContain(`Wrote ${BASELINE}: 1 finding recorded.`);
  adopted.commitAll('record the baseline');
});

/** A copy of the adopted service with a feature branch checked out. */
function adoptedService(): GitRepo {
  const repo = copyGitRepo(adopted);
  repo.git('checkout', '-q', '-b', 'feature');
  return repo;
}

function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1)!;
}

describe('gate on a pull request', () => {
  it('passes on the adopted service: the old cart cache is in the baseline', () => {
    const repo = adoptedService();
    const run = runCli(['scan', 'src', '--baseline', BASELINE], repo.folder);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain('src/cart.ts:5');
    expect(run.stdout).toContain('Not listed: 1 in the baseline');
    expect(lastLine(run.stdout)).toBe('Gate passed: no new instance-local finding at or above --fail-on error (not counted: 1 in the baseline).');
    // Without the baseline the same service fails: the baseline is what lets it pass.
    expect(runCli(['scan', 'src'], repo.folder).status).toBe(1);
  });

  it('fails a pull request that adds a module-level cache, and names it in the last line', () => {
    const repo = adoptedService();
    repo.write('src/prices.ts', PRICES);
    repo.commitAll('remember the last prices');
    const run = runCli(['scan', 'src', '--baseline', BASELINE, '--changed-since', 'main'], repo.folder);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('src/prices.ts:1');
    expect(run.stdout).not.toContain('src/cart.ts:5');
    expect(lastLine(run.stdout)).toBe(
      'Gate failed on lines changed since main: 1 new instance-local finding at or above --fail-on error (src/prices.ts:1).',
    );
  });

  it('keeps matching the baseline when lines are inserted above and the declaration is reformatted', () => {
    const repo = adoptedService();
    const moved = CART.replace(
      'const carts = new Map<string, string[]>();',
      ['// Carts by user id.', 'const MAX_ITEMS = 50;', 'export function limit() {', '  return MAX_ITEMS;', '}', '', 'const carts = new Map<', '  string,', '  string[]', '>();'].join('\n'),
    );
    repo.write('src/cart.ts', `/* Shopping cart routes. */\n\n${moved}`);
    repo.commitAll('move the cart cache down');
    const run = runCli(['scan', 'src', '--baseline', BASELINE, '-f', 'json'], repo.folder);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ symbol: 'carts', line: 13, baselineState: 'unchanged' });
    expect(report.baseline).toEqual({ file: BASELINE, recorded: 1, fixed: [] });
  });

  it('lists the baseline entries that are gone and says they were fixed', () => {
    const repo = adoptedService();
    repo.write('src/cart.ts', CART.replace("'express';", "'express';\nimport { redis } from './redis.js';").replace(/carts\.(get|set)/g, 'redis.$1').replace('const carts = new Map<string, string[]>();\n', ''));
    repo.commitAll('carts move to redis');
    const run = runCli(['scan', 'src', '--baseline', BASELINE], repo.folder);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Fixed since the baseline: 1 entry of ${BASELINE} no longer found`);
    expect(run.stdout).toContain('  src/cart.ts: module-cache `carts`');
  });

  it('--changed-since reports a write added in a file whose declaration did not change', () => {
    const repo = adoptedService();
    repo.write('src/catalog.ts', `${CATALOG}\nexport function addCurrency(code: string, symbol: string) {\n  CURRENCIES.set(code, symbol);\n}\n`);
    repo.commitAll('let admins add currencies');
    const run = runCli(['scan', 'src', '--changed-since', 'main', '-f', 'json'], repo.folder);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    // Line 1 did not change; the write on line 9 did. The cart cache, untouched, is not listed.
    expect(report.findings.map((finding: { file: string; line: number; symbol: string }) => `${finding.file}:${finding.line} ${finding.symbol}`)).toEqual([
      'src/catalog.ts:1 CURRENCIES',
    ]);
    expect(report.findings[0].evidence).toEqual([{ file: 'src/catalog.ts', line: 9, message: 'written by .set() in addCurrency' }]);
    expect(report.changedSince).toBe('main');
  });

  it('--changed-since reports state written from a new file into an unchanged one', () => {
    const repo = adoptedService();
    repo.write('src/admin.ts', "import { CURRENCIES } from './catalog.js';\n\nexport function addCurrency(code: string, symbol: string) {\n  CURRENCIES.set(code, symbol);\n}\n");
    repo.commitAll('admins add currencies from their own module');
    const run = runCli(['scan', 'src', '--changed-since', 'main', '-f', 'json'], repo.folder);
    expect(run.status).toBe(1);
    const [finding, ...others] = JSON.parse(run.stdout).findings;
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ file: 'src/catalog.ts', line: 1, symbol: 'CURRENCIES', evidence: [{ file: 'src/admin.ts', line: 4 }] });
  });

  it('--changed-since counts uncommitted and untracked work too', () => {
    const repo = adoptedService();
    repo.write('src/prices.ts', PRICES);
    const run = runCli(['scan', 'src', '--changed-since', 'main', '-f', 'compact'], repo.folder);
    expect(run.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^src\/prices\.ts:1:7: error Map `lastPrices`/)]);
  });
});

describe('suppression comments', () => {
  it('a suppression with a reason silences exactly one finding and travels into SARIF', () => {
    const repo = adoptedService();
    repo.write('src/prices.ts', `// hidden-state-ignore-next-line module-cache -- warm-up copy of the price feed, rebuilt on each instance\n${PRICES}const seen = new Set<string>();\nexport function see(sku: string) {\n  seen.add(sku);\n}\n`);
    const run = runCli(['scan', 'src', '--baseline', BASELINE], repo.folder);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('src/prices.ts:7');
    expect(run.stdout).not.toContain('src/prices.ts:2 ');
    expect(run.stdout).toContain('Not listed: 1 in the baseline, 1 suppressed by a hidden-state-ignore comment');
    expect(lastLine(run.stdout)).toMatch(/^Gate failed: 1 new instance-local finding at or above --fail-on error \(src\/prices\.ts:7\)\.$/);

    const sarif = JSON.parse(runCli(['scan', 'src', '--baseline', BASELINE, '-f', 'sarif'], repo.folder).stdout);
    const results = sarif.runs[0].results as { partialFingerprints: object; suppressions?: object[]; properties: { symbol: string } }[];
    expect(results.filter((result) => result.suppressions).map((result) => [result.properties.symbol, result.suppressions])).toEqual([
      ['lastPrices', [expect.objectContaining({ kind: 'inSource', justification: 'warm-up copy of the price feed, rebuilt on each instance' })]],
    ]);
    expect(results).toHaveLength(3);
  });

  it('a suppression without a reason is reported and silences nothing', () => {
    const repo = adoptedService();
    repo.write('src/prices.ts', PRICES.replace('new Map<string, number>();', 'new Map<string, number>(); // hidden-state-ignore-line module-cache'));
    const run = runCli(['scan', 'src', '--baseline', BASELINE], repo.folder);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('src/prices.ts:1: `hidden-state-ignore-line module-cache` gives no reason');
    expect(lastLine(run.stdout)).toBe(
      'Gate failed: 1 new instance-local finding at or above --fail-on error (src/prices.ts:1); 1 suppression comment to fix (src/prices.ts:1).',
    );
  });

  it('--report-unused-ignores reports a suppression that matches nothing, and fails the gate', () => {
    const repo = adoptedService();
    repo.write('src/catalog.ts', `/* hidden-state-ignore-file module-cache -- the table is read-only */\n${CATALOG}`);
    expect(runCli(['scan', 'src', '--baseline', BASELINE], repo.folder).status).toBe(0);
    const run = runCli(['scan', 'src', '--baseline', BASELINE, '--report-unused-ignores'], repo.folder);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('src/catalog.ts:1: this suppression of module-cache matches no finding: remove it');
  });
});

describe('GitHub Actions', () => {
  it('on GITHUB_ACTIONS=true prints the table, then annotations, then the verdict of the gate', () => {
    const repo = adoptedService();
    repo.write('src/prices.ts', PRICES);
    const run = runCli(['scan', 'src', '--baseline', BASELINE], repo.folder, { GITHUB_ACTIONS: 'true' });
    expect(run.status).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    const annotation = lines.findIndex((line) => line.startsWith('::'));
    expect(lines.findIndex((line) => line.startsWith('┌'))).toBeLessThan(annotation);
    expect(lines.filter((line) => line.startsWith('::'))).toEqual([
      expect.stringMatching(/^::error file=src\/prices\.ts,line=1,col=7,endColumn=45,title=hidden-state module-cache \(cache\)::Map `lastPrices` written at run time/),
    ]);
    expect(lastLine(run.stdout)).toMatch(/^Gate failed: /);
  });

  it('an explicit --format wins over GITHUB_ACTIONS', () => {
    const run = runCli(['scan', 'fixtures/express-shop', '-f', 'compact'], undefined, { GITHUB_ACTIONS: 'true' });
    expect(run.stdout).not.toContain('::error');
  });
});

describe('gate settings on the command line', () => {
  it('--max-warnings lets warnings through up to the count, and --min-confidence sets unsure findings aside', () => {
    const shopCatalog = 'fixtures/express-shop/src/routes/catalog.ts'; // one lru-cache warning
    expect(runCli(['scan', shopCatalog, '--fail-on', 'warning']).status).toBe(1);
    expect(runCli(['scan', shopCatalog, '--fail-on', 'warning', '--max-warnings', '1']).status).toBe(0);
    const over = runCli(['scan', shopCatalog, '--max-warnings', '0']);
    expect(over.status).toBe(1);
    expect(lastLine(over.stdout)).toBe('Gate failed: 1 warning, more than --max-warnings 0.');

    const repo = adoptedService();
    repo.write('src/prices.ts', PRICES); // written outside a request handler: medium confidence
    expect(runCli(['scan', 'src/prices.ts'], repo.folder).status).toBe(1);
    const sure = runCli(['scan', 'src/prices.ts', '--min-confidence', 'high'], repo.folder);
    expect(sure.status).toBe(0);
    expect(lastLine(sure.stdout)).toBe('Gate passed: no instance-local finding at or above --fail-on error (not counted: 1 below --min-confidence high).');
  });

  it('a bad --max-warnings is exit 2 with one line', () => {
    const run = runCli(['scan', 'fixtures/express-shop', '--max-warnings', 'many']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("hidden-state: --max-warnings must be a whole number of warnings (got 'many')\n");
  });
});

describe('bad input for the gate', () => {
  it('an unknown git ref is exit 2 with one line', () => {
    const repo = adoptedService();
    const run = runCli(['scan', 'src', '--changed-since', 'origin/nowhere'], repo.folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("hidden-state: --changed-since: unknown git ref 'origin/nowhere' (in CI, fetch it first, e.g. actions/checkout with fetch-depth: 0)\n");
  });

  it('outside a git repository, or without git, --changed-since is exit 2 with one line', () => {
    const folder = temporaryFolder();
    mkdirSync(join(folder, 'src'));
    const outside = runCli(['scan', '.', '--changed-since', 'main'], folder, { GIT_CEILING_DIRECTORIES: folder });
    expect(outside.status).toBe(2);
    expect(outside.stderr).toMatch(/^hidden-state: --changed-since needs a git repository: .* is not inside one\n$/);
    const noGit = runCli(['scan', '.', '--changed-since', 'main'], folder, { PATH: folder });
    expect(noGit.status).toBe(2);
    expect(noGit.stderr).toBe('hidden-state: --changed-since needs git, and git was not found on the PATH\n');
  });

  it('a missing or malformed baseline is exit 2 with one line', () => {
    const repo = adoptedService();
    const missing = runCli(['scan', 'src', '--baseline', 'nope.json'], repo.folder);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^hidden-state: cannot read baseline .*nope\.json: ENOENT\n$/);
    repo.write('broken.json', '{"findings": 3}');
    const broken = runCli(['scan', 'src', '--baseline', 'broken.json'], repo.folder);
    expect(broken.status).toBe(2);
    expect(broken.stderr.trim().split('\n')).toHaveLength(1);
    expect(broken.stderr).toMatch(/broken\.json: not a baseline file/);
  });
});
