import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, type Report } from '../src/report/report.js';
import { formatHtml } from '../src/reporters/html.js';
import { formatMarkdown } from '../src/reporters/markdown.js';
import type { ReporterOptions } from '../src/reporters/index.js';
import { ROOT } from './helpers/scan-fixture.js';
import { sampleFinding } from './helpers/sample-findings.js';
import { SAMPLE_REVIEW, sampleReport } from './helpers/sample-report.js';

const OPTIONS: ReporterOptions = { color: false, width: 100, review: SAMPLE_REVIEW };
const GOLDEN = join(ROOT, 'test', 'golden', 'review-report.md');

/** A report whose every string from the scanned code tries to break out of its place. */
function hostileReport(): Report {
  const finding = sampleFinding({
    kind: 'cache',
    file: 'src/<img src=x onerror=alert(1)>|pipe.ts',
    symbol: 'a|b<i>',
    message: 'Map `x|y` written </td><script>alert(1)</script> & *bold* | [link](http://evil.example)',
    evidence: [{ file: 'src/other.ts', line: 3, message: '<b onclick="alert(2)">click</b>' }],
    excerpt: { startLine: 1, lines: ['const html = "</code></pre><script>alert(3)</script>";', '// ``` fence', "const tick = '`';"] },
  });
  return buildReport([finding], [{ file: 'src/<bad>.ts', message: '<script>alert(4)</script>' }], 1, { name: 'hidden-state', version: '1.0.0' });
}

const HOSTILE_OPTIONS: ReporterOptions = { ...OPTIONS, review: { ...SAMPLE_REVIEW, service: '<svc> & "co"', instances: 3 } };

/** The cells of a Markdown table row, split on pipes that are not escaped. */
function cells(row: string): string[] {
  return row.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim());
}

describe('markdown reporter', () => {
  it('matches the stored report (set UPDATE_GOLDEN=1 to rewrite it after a deliberate change)', () => {
    const text = formatMarkdown(sampleReport(), OPTIONS);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, text);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('has the header, verdict, counts, audit table, sections, projections, sizing and the drill last', () => {
    const text = formatMarkdown(sampleReport(), OPTIONS);
    const headings = text.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      '## Verdict: Incomplete',
      '## Counts',
      '## Files not analysed',
      '## Audit table',
      '## Findings',
      '## At 20 instances',
      '## Session-store sizing',
      '## Chaos drill',
    ]);
    expect(text).toContain('- **Date:** 2024-05-06');
    expect(text).toContain('- **Entries used:** none detected; files listed by `tsconfig.json`');
    expect(text).toContain('| `src/server.ts:12` | Rate-limit counters | 100/min per instance → 2,000/min at 20 instances |');
    expect(text).toContain('**One Redis HA pair (a primary and a replica) suffices: the peak takes 52% of one node.**');
    expect(text).toContain('- [ ] **Session store** — fails today (`src/server.ts:11`)');
    expect(text).toContain('- [ ] **In-process cache** — should pass (`src/routes/catalog.ts:8`)');
  });

  it('gives every audit-table row exactly six cells, even with pipes in the scanned code', () => {
    const text = formatMarkdown(hostileReport(), HOSTILE_OPTIONS);
    const table = text.slice(text.indexOf('## Audit table'));
    const rows = table.split('\n').filter((line) => line.startsWith('|')).slice(0, 3);
    expect(rows.map((row) => cells(row).length)).toEqual([6, 6, 6]);
    expect(cells(rows[2]!)[1]).toBe('Map `x\\|y` written \\</td\\>\\<script\\>alert(1)\\</script\\> \\& \\*bold\\* \\| \\[link\\](http://evil.example)');
  });

  it('escapes markup outside code and fences code blocks past the backticks they hold', () => {
    const text = formatMarkdown(hostileReport(), HOSTILE_OPTIONS);
    const outsideCode = text.replace(/^(`{3,})[a-z]*\n[\s\S]*?\n\1$/gm, '').replace(/`[^`\n]+`/g, '');
    expect(outsideCode).not.toMatch(/(?<!\\)</);
    expect(text).toContain('# Readiness review: \\<svc\\> \\& "co"');
    expect(text).toContain("````ts\nconst html = \"</code></pre><script>alert(3)</script>\";\n// ``` fence\nconst tick = '`';\n````");
  });

  it('gives the same bytes for the same report, and no date when none is given', () => {
    expect(formatMarkdown(sampleReport(), OPTIONS)).toBe(formatMarkdown(sampleReport(), OPTIONS));
    const undated = formatMarkdown(sampleReport(), { color: false, width: 100 });
    expect(undated).not.toContain('**Date:**');
    expect(undated).not.toContain('## At ');
    expect(undated).not.toContain('## Session-store sizing');
    expect(undated.trimEnd().split('\n').at(-1)).toMatch(/^The tier is stateless when every check holds/);
  });

  it('says stateless and shows a tip when every line is in a shared store', () => {
    const report = buildReport([sampleFinding({ kind: 'session', instanceLocal: false, severity: 'info' })], [], 3, { name: 'hidden-state', version: '1.0.0' });
    const text = formatMarkdown(report, OPTIONS);
    expect(text).toContain('## Verdict: Stateless\n\n> [!TIP]\n> **Stateless.** The one place that holds state keeps it in a shared store (3 files scanned).');
    expect(text).toContain('No instance-local state: nothing multiplies with the instance count.');
  });
});

describe('html reporter', () => {
  it('escapes everything taken from the scanned code', () => {
    const html = formatHtml(hostileReport(), HOSTILE_OPTIONS);
    for (const attack of ['<img src=x', '<script>alert', '<b onclick', '</td><script>', '<svc>', '<bad>', '<i>']) expect(html).not.toContain(attack);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<code>x|y</code>');
    expect(html).toContain('&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;alert(3)&lt;/script&gt;');
    expect(html).toContain('<title>Readiness review: &lt;svc&gt; &amp; &quot;co&quot;</title>');
  });

  it('is one self-contained file: no external reference, one inline script allowed by its hash', () => {
    const html = formatHtml(sampleReport(), OPTIONS);
    expect(html).not.toMatch(/\b(?:src|href)\s*=/i);
    expect(html).not.toMatch(/https?:\/\/|url\(|@import/i);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]![1]!).digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(html).toContain("default-src 'none'");
  });

  it('has a verdict banner, a chart of the kinds, one expandable group per finding and the sections', () => {
    const html = formatHtml(sampleReport(), OPTIONS);
    // The sample holds a file that did not parse: the verdict cannot be stateful or stateless.
    expect(html).toMatch(/<section class="verdict verdict-incomplete" id="verdict" role="status"><span class="verdict-title">Incomplete<\/span>1 file could not be analysed, so the state it holds is unknown; 3 of 4 places/);
    const { errors: _, ...complete } = sampleReport();
    expect(formatHtml(buildReport(complete.findings, [], complete.summary.files, complete.tool, complete.tiers), OPTIONS)).toMatch(
      /<section class="verdict verdict-stateful" id="verdict" role="status"><span class="verdict-title">Stateful<\/span>3 of 4 places keep state/,
    );
    expect(html.match(/<rect [^>]*class="bar-(local|shared)"/g)).toHaveLength(2 + 3 + 1);
    expect(html.match(/<tbody class="finding"/g)).toHaveLength(4);
    expect(html).toContain('data-kind="cache" data-severity="info" data-local="N"');
    expect(html).toContain('<strong>At 20 instances:</strong> runs 20 times every 5 min (once on each instance) instead of once');
    expect(html).toContain('<span class="line hit"><span class="number">4</span>export const digestTimer');
    for (const id of ['overview', 'errors', 'audit', 'projections', 'session-store', 'drill']) expect(html).toContain(`<section id="${id}">`);
    expect(html.indexOf('<section id="drill">')).toBeGreaterThan(html.indexOf('<section id="session-store">'));
  });

  it('gives the same bytes for the same report', () => {
    expect(formatHtml(sampleReport(), OPTIONS)).toBe(formatHtml(sampleReport(), OPTIONS));
  });
});
