import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/cli.js';
import { ROOT } from '../helpers/scan-fixture.js';

// Debian's chromium, driven by playwright-core (no browser download). `.ci/run` installs it;
// elsewhere the test is skipped when it is missing, but never in CI.
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTIFACTS = join(ROOT, 'test-artifacts');
const REPORT = join(ARTIFACTS, 'express-shop-report.html');

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('the HTML report in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // stderr carries the gate's verdict (the shop fails it); anything else there is a problem.
    const io = { cwd: ROOT, env: { SOURCE_DATE_EPOCH: '1714953600' }, stdout: () => undefined, stderr: (text: string) => void (text.startsWith('Gate failed') || problems.push(text)), stdoutIsTTY: false, stderrIsTTY: false };
    const code = await run(['scan', 'fixtures/express-shop', '--format', 'html', '-o', REPORT, '--instances', '20', '--peak-rps', '40000'], io);
    expect(code).toBe(1);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) problems.push(`network request: ${request.url()}`);
    });
  }, 60_000);

  // Every test starts from the page as it loads.
  beforeEach(async () => {
    await page.emulateMedia({ media: 'screen' });
    await page.goto(pathToFileURL(REPORT).href);
  });

  afterAll(async () => {
    await browser?.close();
  });

  const visibleLocations = (): Promise<string[]> =>
    page.locator('#audit-table tbody.finding:not([hidden]) tr.row .location').allInnerTexts().then((texts) => texts.map((text) => text.replace(/\s+/g, '')));
  const visibleKinds = (): Promise<string[]> => page.locator('#audit-table tbody.finding:not([hidden]) tr.row td:nth-child(3)').allInnerTexts();

  it('shows the verdict, runs its script under its own policy and asks the network for nothing', async () => {
    await expect(page.locator('#verdict .verdict-title').innerText()).resolves.toBe('Stateful');
    await expect(page.locator('#verdict').innerText()).resolves.toContain('6 of 6 places keep state inside the instance');
    await expect(page.locator('html').getAttribute('class')).resolves.toBe('js');
    await expect(page.locator('svg.chart rect.bar-local').count()).resolves.toBe(4 + 1);
    expect(problems).toEqual([]);
  });

  it('sorts the table by a column, both ways, lines in numeric order', async () => {
    await page.getByRole('button', { name: 'Kind', exact: true }).click();
    expect(await visibleKinds()).toEqual(['In-process cache', 'In-process cache', 'Local disk', 'Local disk', 'Rate-limit counters', 'Session store']);
    await expect(page.locator('#audit-table th').nth(2).getAttribute('aria-sort')).resolves.toBe('ascending');
    await page.getByRole('button', { name: 'Kind', exact: true }).click();
    expect(await visibleKinds()).toEqual(['Session store', 'Rate-limit counters', 'Local disk', 'Local disk', 'In-process cache', 'In-process cache']);
    await page.getByRole('button', { name: 'Location', exact: true }).click();
    await page.getByRole('button', { name: 'Location', exact: true }).click();
    const locations = await visibleLocations();
    expect(locations.slice(0, 4)).toEqual([
      'fixtures/express-shop/src/server.ts:12',
      'fixtures/express-shop/src/server.ts:11',
      'fixtures/express-shop/src/routes/uploads.ts:17',
      'fixtures/express-shop/src/routes/uploads.ts:9',
    ]);
    await expect(page.locator('#audit-table th').nth(2).getAttribute('aria-sort')).resolves.toBe('none');
  });

  it('filters by kind, severity and instance-local, and counts what it shows', async () => {
    await page.selectOption('#filter-kind', 'local-disk');
    expect(await visibleKinds()).toEqual(['Local disk', 'Local disk']);
    await expect(page.locator('#shown-count').innerText()).resolves.toBe('Showing 2 of 6');
    await page.selectOption('#filter-severity', 'warning');
    expect(await visibleKinds()).toEqual([]);
    await page.selectOption('#filter-kind', '');
    expect(await visibleLocations()).toEqual(['fixtures/express-shop/src/routes/catalog.ts:6']);
    await page.selectOption('#filter-severity', '');
    await page.selectOption('#filter-local', 'N');
    await expect(page.locator('#shown-count').innerText()).resolves.toBe('Showing 0 of 6');
    await page.selectOption('#filter-local', 'Y');
    expect(await visibleLocations()).toHaveLength(6);
  });

  it('expands a row to its evidence, projection and code excerpt', async () => {
    const group = page.locator('tbody.finding', { has: page.locator('tr.row .location', { hasText: 'server.ts:12' }) });
    const details = group.locator('tr.details');
    await expect(details.isVisible()).resolves.toBe(false);
    await group.locator('.toggle').click();
    await expect(details.isVisible()).resolves.toBe(true);
    await expect(group.locator('.toggle').getAttribute('aria-expanded')).resolves.toBe('true');
    const text = await details.innerText();
    expect(text).toContain('At 20 instances: 100/min per instance → 2,000/min at 20 instances');
    expect(text).toContain('no store option: express-rate-limit keeps its state in process memory');
    await expect(group.locator('.excerpt .line.hit').innerText()).resolves.toContain("rateLimit({ windowMs: 60_000, max: 100 })");
  });

  it('shows the projections, the session-store sizing and the drill, and saves a screenshot', async () => {
    await expect(page.locator('#session-store .sizing-headline').innerText()).resolves.toBe('One Redis HA pair (a primary and a replica) suffices: the peak takes 52% of one node.');
    await expect(page.locator('#projections tbody tr').count()).resolves.toBe(6);
    await expect(page.locator('#drill .drill-step').first().innerText()).resolves.toContain('Session store');
    await page.locator('#audit-table tbody.finding .toggle').first().click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'express-shop-report.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('on a 390 px phone shows each finding as a card, nothing wider than the screen', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    try {
      await phone.goto(pathToFileURL(REPORT).href);
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth);
      expect(overflow).toBeLessThanOrEqual(390);
      await expect(phone.locator('#audit-table thead').isVisible()).resolves.toBe(false);
      const cards = phone.locator('#audit-table tbody.finding');
      await expect(cards.count()).resolves.toBe(6);
      const boxes = await cards.evaluateAll((groups) => groups.map((group) => group.getBoundingClientRect()).map(({ left, right, height }) => ({ left, right, height })));
      for (const box of boxes) {
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(390);
      }
      // Stacked, one below the other, each cell on its own line with its label.
      const first = cards.first();
      const label = await first.locator('td[data-label="Impact"]').evaluate((cell) => getComputedStyle(cell, '::before').content);
      expect(label).toBe('"Impact: "');
      const cells = await first.locator('tr.row td').evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().top));
      expect(cells).toEqual([...cells].sort((a, b) => a - b));
      expect(new Set(cells).size).toBe(cells.length);
      // Expanding a card still works, and the excerpt scrolls inside it.
      await first.locator('.toggle').click();
      await expect(first.locator('tr.details').isVisible()).resolves.toBe(true);
      await expect(phone.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
      await phone.screenshot({ path: join(ARTIFACTS, 'express-shop-report-390px.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });

  it('prints every row expanded and without the controls', async () => {
    await page.emulateMedia({ media: 'print' });
    const hidden = await page.locator('tr.details').evaluateAll((rows) => rows.filter((row) => getComputedStyle(row).display === 'none').length);
    expect(hidden).toBe(0);
    await expect(page.locator('.controls').isVisible()).resolves.toBe(false);
  });
});
