import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, type CliIo } from '../src/cli/cli.js';
import { ROOT } from './helpers/scan-fixture.js';

const SCRATCH = mkdtempSync(join(tmpdir(), 'hidden-state-cli-'));
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

/** 2024-05-06T00:00:00Z. */
const EPOCH = '1714953600';

async function cli(argv: string[], env: NodeJS.ProcessEnv = { SOURCE_DATE_EPOCH: EPOCH }): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd: ROOT, env, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), stdoutIsTTY: false, stderrIsTTY: false };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

const SHOP = ['scan', 'fixtures/express-shop', '--instances', '20', '--peak-rps', '40000'];

describe('scan --format markdown / html', () => {
  it('dates the report from SOURCE_DATE_EPOCH and names the service from its package.json', async () => {
    const { code, stdout } = await cli([...SHOP, '--format', 'markdown']);
    expect(code).toBe(1);
    expect(stdout).toContain('- **Service:** express-shop\n- **Date:** 2024-05-06\n');
    expect(stdout).toContain('- **Entries used:** `fixtures/express-shop/src/server.ts`; files listed by `fixtures/express-shop/tsconfig.json`');
    expect(stdout).toContain('| `fixtures/express-shop/src/server.ts:12` | Rate-limit counters | 100/min per instance → 2,000/min at 20 instances |');
    expect(stdout).toContain('12,000 writes/s (30% of requests) = 52,000 ops/s');
    expect(stdout).toContain("app.use('/api', rateLimit({ windowMs: 60_000, max: 100 }));");
  });

  it('writes the html report to a file, the same bytes on every run', async () => {
    const first = join(SCRATCH, 'first.html');
    const second = join(SCRATCH, 'second.html');
    expect((await cli([...SHOP, '--format', 'html', '-o', first])).stdout).toBe('');
    await cli([...SHOP, '--format', 'html', '-o', second]);
    const html = readFileSync(first, 'utf8');
    expect(html).toContain('<span class="verdict-title">Stateful</span>');
    expect(html).toContain('<dt>Date</dt><dd>2024-05-06</dd>');
    expect(readFileSync(second, 'utf8')).toBe(html);
  });

  it('reads instances and peakRps from the configuration, flags first', async () => {
    const config = join(SCRATCH, 'plans.json');
    writeFileSync(config, JSON.stringify({ instances: 8, peakRps: 150000 }));
    const fromConfig = (await cli(['scan', 'fixtures/express-shop', '-c', config, '--format', 'markdown'])).stdout;
    expect(fromConfig).toContain('100/min per instance → 800/min at 8 instances');
    expect(fromConfig).toContain('**Needs 2 Redis shards, each an HA pair: the peak is 2× one node.**');
    const overridden = (await cli(['scan', 'fixtures/express-shop', '-c', config, '--format', 'markdown', '--instances', '3'])).stdout;
    expect(overridden).toContain('100/min per instance → 300/min at 3 instances');
  });

  it('rejects bad plans in one line with exit code 2', async () => {
    const config = join(SCRATCH, 'bad-plans.json');
    writeFileSync(config, JSON.stringify({ instances: 2.5 }));
    const badConfig = await cli(['scan', 'fixtures/express-shop', '-c', config]);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toMatch(/^hidden-state: .*bad-plans\.json: 'instances' must be a whole number of instances, 1 or more\n$/);
    const badFlag = await cli([...SHOP.slice(0, 2), '--instances', 'many']);
    expect(badFlag).toMatchObject({ code: 2, stderr: "hidden-state: --instances must be a whole number, 1 or more (got 'many')\n" });
    const badRatio = await cli([...SHOP, '--write-ratio', '1.5', '--format', 'markdown']);
    expect(badRatio.stderr).toBe("hidden-state: --write-ratio must be a share from 0 to 1, such as 0.3 or 30% (got '1.5')\n");
  });

  it('rejects a SOURCE_DATE_EPOCH that is not a number of seconds, for the dated formats only', async () => {
    const dated = await cli([...SHOP, '--format', 'markdown'], { SOURCE_DATE_EPOCH: 'yesterday' });
    expect(dated).toMatchObject({ code: 2, stdout: '', stderr: "hidden-state: SOURCE_DATE_EPOCH must be a whole number of seconds (got 'yesterday')\n" });
    expect((await cli([...SHOP, '--format', 'json'], { SOURCE_DATE_EPOCH: 'yesterday' })).code).toBe(1);
  });
});

describe('estimate', () => {
  it('prints the session-store load and the layout it needs', async () => {
    const { code, stdout } = await cli(['estimate', '--peak-rps', '40000', '--write-ratio', '30%', '--instances', '20']);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 6)).toEqual([
      'Session-store sizing',
      '',
      'One Redis HA pair (a primary and a replica) suffices: the peak takes 52% of one node.',
      '',
      '- 40,000 reads/s (one per request) + 12,000 writes/s (30% of requests) = 52,000 ops/s at a peak of 40,000 req/s.',
      '- One Redis node serves about 100,000–150,000 ops/s; the plan uses 100,000.',
    ]);
    expect(stdout).toContain('- At 2× growth (104,000 ops/s) it needs 2 shards: shard before the peak grows about 1.9×.');
    expect(stdout).toContain('each of the other 19 takes 2,105 req/s');
  });

  it('sizes Memcached with an overridden node capacity', async () => {
    const { stdout } = await cli(['estimate', '--peak-rps', '90000', '--store', 'memcached', '--node-capacity', '50000', '--write-ratio', '0']);
    expect(stdout).toContain('Needs 2 Memcached shards, each an HA pair: the peak is 1.8× one node.');
    expect(stdout).toContain('One Memcached node serves 50,000 ops/s (as given).');
  });

  it('needs a peak load, and says so in one line', async () => {
    expect(await cli(['estimate'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: "hidden-state: estimate needs the peak load: --peak-rps <requests per second> (or 'peakRps' in the configuration)\n",
    });
    expect((await cli(['estimate', '--peak-rps', '-5'])).code).toBe(2);
  });
});
