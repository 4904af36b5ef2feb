import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { runCli, temporaryFolder } from './helpers/run-cli.js';

const SHOP = 'fixtures/express-shop';

/** A tiny service in a temporary folder: one file with a module-level cache written by a handler. */
function makeService(files: Record<string, string | Buffer> = {}): string {
  const folder = temporaryFolder();
  mkdirSync(join(folder, 'src'));
  writeFileSync(join(folder, 'src/cache.ts'), 'const prices = new Map();\nexport function remember(id: string, price: number) { prices.set(id, price); }\n');
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  return folder;
}

describe('scan', () => {
  it('prints the audit table and exits 1 when instance-local errors are found', () => {
    const run = runCli(['scan', SHOP]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Instance-');
    expect(run.stdout).toContain('cart.ts:6');
    expect(run.stdout).toMatch(/Verdict: stateful \(6 of 6 lines are instance-local/);
    expect(run.stderr).toBe('');
  });

  it('is the default command', () => {
    expect(runCli([SHOP, '-f', 'compact']).stdout).toBe(runCli(['scan', SHOP, '-f', 'compact']).stdout);
  });

  it('prints one JSON object with the documented shape', () => {
    const run = runCli(['scan', SHOP, '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['tool', 'verdict', 'summary', 'tiers', 'findings', 'errors', 'scope']);
    expect(report.scope).toEqual({ analysed: 4, notReached: 0, leftOut: [] });
    expect(report.tiers).toEqual([
      { name: 'express-shop', root: 'fixtures/express-shop', entries: ['fixtures/express-shop/src/server.ts'], entrySources: ['package.json main'], files: 4, verdict: 'stateful', findings: 6, instanceLocal: 6 },
    ]);
    expect(report.tool.name).toBe('hidden-state');
    expect(report.verdict).toBe('stateful');
    expect(report.summary.findings).toBe(report.findings.length);
    expect(report.summary.instanceLocal + report.summary.externalized).toBe(report.findings.length);
    const finding = report.findings[0];
    for (const field of ['tier', 'ruleId', 'kind', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'symbol', 'instanceLocal', 'confidence', 'impact', 'move', 'evidence', 'fingerprint']) {
      expect(finding).toHaveProperty(field);
    }
    expect(finding.file).not.toContain('\\');
  });

  it('gives the same bytes on every run', () => {
    expect(runCli(['scan', SHOP, '-f', 'json']).stdout).toBe(runCli(['scan', SHOP, '-f', 'json']).stdout);
  });

  it('exits 0 when nothing reaches --fail-on', () => {
    expect(runCli(['scan', SHOP, '--fail-on', 'none']).status).toBe(0);
    const onlyCache = runCli(['scan', `${SHOP}/src/routes/catalog.ts`]);
    expect(onlyCache.status).toBe(0); // the lru-cache line is a warning
    expect(runCli(['scan', `${SHOP}/src/routes/catalog.ts`, '--fail-on', 'warning']).status).toBe(1);
  });

  it('--quiet shows only the findings that fail the run', () => {
    const run = runCli(['scan', SHOP, '-q', '-f', 'compact']);
    expect(run.stdout).not.toContain('library-cache');
    expect(run.stdout).toContain('module-cache');
  });

  it('writes the report to --output', () => {
    const folder = temporaryFolder();
    const output = join(folder, 'report.json');
    const run = runCli(['scan', SHOP, '-f', 'json', '-o', output]);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(output, 'utf8')).findings.length).toBe(6);
  });

  it('honours --include and --exclude', () => {
    const included = runCli(['scan', SHOP, '-f', 'compact', '--include', '**/catalog.ts']).stdout.trim().split('\n');
    expect(included).toHaveLength(1);
    const excluded = runCli(['scan', SHOP, '-f', 'compact', '--exclude', '**/routes/**']).stdout;
    expect(excluded).not.toContain('routes/');
    expect(excluded).toContain('server.ts');
  });

  it('leaves test files out unless --include-tests', () => {
    const folder = makeService({});
    writeFileSync(join(folder, 'src/cache.test.ts'), 'const seen = new Set();\nexport function t(id: string) { seen.add(id); }\n');
    expect(runCli(['scan', '.', '-f', 'compact'], folder).stdout).not.toContain('cache.test.ts');
    expect(runCli(['scan', '.', '-f', 'compact', '--include-tests'], folder).stdout).toContain('cache.test.ts');
  });
});

describe('bad input', () => {
  it('a missing path is exit 2 with one line', () => {
    const run = runCli(['scan', 'no/such/folder']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('hidden-state: path not found: no/such/folder\n');
  });

  it('a symlink loop given as the path is exit 2 with one line', () => {
    const folder = temporaryFolder();
    symlinkSync(join(folder, 'b'), join(folder, 'a'));
    symlinkSync(join(folder, 'a'), join(folder, 'b'));
    const run = runCli(['scan', 'a'], folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('hidden-state: symlink loop: a\n');
  });

  it('a symlink loop inside the tree is reported and the rest is scanned; dangling links to non-source files are ignored', () => {
    const folder = makeService();
    symlinkSync(join(folder, 'src/loop-b'), join(folder, 'src/loop-a'));
    symlinkSync(join(folder, 'src/loop-a'), join(folder, 'src/loop-b'));
    symlinkSync(join(folder, 'missing.json'), join(folder, 'src/settings.json'));
    symlinkSync(join(folder, 'missing.env'), join(folder, '.env'));
    const report = JSON.parse(runCli(['scan', '.', '-f', 'json'], folder).stdout);
    expect(report.findings.map((finding: { symbol: string }) => finding.symbol)).toEqual(['prices']);
    expect(report.errors.map((error: { file: string }) => error.file)).toEqual(['src/loop-a', 'src/loop-b']);
  });

  it('a file that does not parse, a binary file and a huge file are reported; the others are scanned', () => {
    const folder = makeService({ '.hiddenstaterc': JSON.stringify({ maxFileSize: 2000 }) });
    writeFileSync(join(folder, 'src/broken.ts'), 'export function (( {\n');
    writeFileSync(join(folder, 'src/logo.ts'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    writeFileSync(join(folder, 'src/bundle.js'), `export const data = "${'x'.repeat(3000)}";\n`);
    const run = runCli(['scan', '.', '-f', 'json'], folder);
    expect(run.status).toBe(2); // incomplete; --allow-incomplete lets the gate decide
    expect(runCli(['scan', '.', '--allow-incomplete'], folder).status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.verdict).toBe('incomplete');
    expect(report.summary.files).toBe(1);
    expect(report.findings).toHaveLength(1);
    expect(report.errors).toEqual([
      { file: 'src/broken.ts', message: expect.stringMatching(/^parse error at 1:17: /) },
      { file: 'src/bundle.js', message: expect.stringMatching(/^skipped: \d+ bytes is over the 2000-byte limit/) },
      { file: 'src/logo.ts', message: 'skipped: binary content' },
    ]);
    expect(runCli(['scan', '.'], folder).stdout).toContain('3 files could not be analysed:');
  });

  it('a configuration file that does not parse is exit 2 with one line', () => {
    const folder = makeService({ '.hiddenstaterc': '{ "rules": ' });
    const run = runCli(['scan', '.'], folder);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^hidden-state: cannot read configuration/);
  });

  it.each([
    [{ colour: true }, /\.hiddenstaterc: unknown key 'colour' \(allowed: include, exclude, entry, /],
    [{ failOn: 'fatal' }, /'failOn' must be one of error, warning, info, none \(got "fatal"\)/],
    [{ rules: { 'no-cache': 'off' } }, /unknown rule 'no-cache' \(known: /],
    [{ rules: { 'module-cache': 'loud' } }, /'rules'\.module-cache must be one of error, warning, info, off/],
    [{ include: 'src' }, /'include' must be an array of strings/],
  ])('configuration %j is exit 2 naming the file, the key and what is allowed', (config, message) => {
    const folder = makeService({ '.hiddenstaterc': JSON.stringify(config) });
    const run = runCli(['scan', '.'], folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown option or format is exit 2', () => {
    expect(runCli(['scan', '--frobnicate']).status).toBe(2);
    const run = runCli(['scan', SHOP, '-f', 'xml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Allowed choices are compact, github, gitlab, html, json, junit, markdown, sarif, table/);
  });

  it('a missing --project file is exit 2', () => {
    expect(runCli(['scan', SHOP, '-p', 'nope/tsconfig.json']).stderr).toBe('hidden-state: tsconfig not found: nope/tsconfig.json\n');
  });
});

describe('configuration', () => {
  it('reads package.json#hiddenstate; flags win over the file', () => {
    const folder = makeService({ 'package.json': JSON.stringify({ name: 'svc', hiddenstate: { rules: { 'module-cache': 'warning' } } }) });
    expect(runCli(['scan', '.'], folder).status).toBe(0);
    expect(runCli(['scan', '.', '--fail-on', 'warning'], folder).status).toBe(1);
  });

  it('turns rules off', () => {
    const folder = makeService({ '.hiddenstaterc': 'rules:\n  module-cache: off\n' });
    const run = runCli(['scan', '.', '-f', 'json'], folder);
    expect(JSON.parse(run.stdout).findings).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('loads an explicit --config file', () => {
    const folder = makeService({ 'strict.json': JSON.stringify({ failOn: 'none' }) });
    expect(runCli(['scan', '.', '-c', 'strict.json'], folder).status).toBe(0);
  });
});

describe('rules and explain', () => {
  it('lists every rule with kind, severity and title', () => {
    const lines = runCli(['rules']).stdout.trim().split('\n');
    expect(lines).toHaveLength(RULES.length + 1);
    for (const rule of RULES) expect(lines.some((line) => line.startsWith(rule.id) && line.includes(rule.kind) && line.includes(rule.title))).toBe(true);
  });

  it("explains a rule with its impact, move and both examples", () => {
    const text = runCli(['explain', 'local-rate-limit']).stdout;
    for (const heading of ['Why it is state', 'Impact if the next request lands on another instance', 'Proposed move', 'When it is not state', 'Flagged:', 'Not flagged:']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain("app.use(rateLimit({ windowMs: 60_000, max: 100 }));");
  });

  it('an unknown rule is exit 2', () => {
    const run = runCli(['explain', 'no-such-rule']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("hidden-state: unknown rule 'no-such-rule' (see 'hidden-state rules')\n");
  });
});

describe('in-house libraries from the configuration', () => {
  const service = (config: object): string => {
    const folder = temporaryFolder();
    mkdirSync(join(folder, 'src'));
    writeFileSync(join(folder, '.hiddenstaterc.json'), JSON.stringify(config));
    writeFileSync(
      join(folder, 'src/server.ts'),
      [
        "import { createCache } from '@acme/cache';",
        "import { createSharedCache } from '@acme/redis-cache';",
        'export const prices = createCache({ max: 100 });',
        'export const stock = createSharedCache({ redis: process.env.REDIS_URL });',
        '',
      ].join('\n'),
    );
    return folder;
  };

  it('reports state created by declared sources, and N lines for declared shared stores', () => {
    const folder = service({
      sources: [
        { module: '@acme/cache', export: 'createCache', kind: 'cache', label: '@acme/cache' },
        { module: '@acme/redis-cache', export: 'createSharedCache', kind: 'cache', externalizedBy: { option: 'redis' } },
      ],
    });
    const report = JSON.parse(runCli(['scan', '.', '-f', 'json'], folder).stdout);
    expect(report.findings.map((finding: { symbol: string; instanceLocal: boolean; ruleId: string }) => [finding.symbol, finding.ruleId, finding.instanceLocal])).toEqual([
      ['prices', 'library-cache', true],
      ['stock', 'library-cache', false],
    ]);
  });

  it('rejects a source of a kind no library rule reports', () => {
    const run = runCli(['scan', '.'], service({ sources: [{ module: '@acme/cache', kind: 'weather' }] }));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/'sources'\[0\]\.kind must be one of /);
  });
});
