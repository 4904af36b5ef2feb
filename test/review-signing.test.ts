import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/cli.js';
import { buildReport, type Report } from '../src/report/report.js';
import { formatHtml } from '../src/reporters/html.js';
import type { ReporterOptions } from '../src/reporters/index.js';
import { formatMarkdown } from '../src/reporters/markdown.js';
import { GITHUB_COMMENT_LIMIT } from '../src/reporters/markdown-summary.js';
import { checkLinkTemplate } from '../src/review/links.js';
import { createGitRepo } from './helpers/git-repo.js';
import { temporaryFolder } from './helpers/run-cli.js';
import { sampleFinding } from './helpers/sample-findings.js';
import { SAMPLE_REVIEW, sampleReport } from './helpers/sample-report.js';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const TEMPLATE = 'https://git.example/shop/checkout/blob/{commit}/{path}#L{line}';

/** The sample report with one line suppressed by a comment and one recorded in the baseline. */
function reportWithAccepted(): Report {
  const sample = sampleReport();
  const findings = sample.findings.map((finding) => {
    if (finding.ruleId === 'in-memory-session') return { ...finding, suppression: { kind: 'next-line' as const, justification: 'admin console, one instance behind the VPN', line: 10 } };
    if (finding.ruleId === 'interval-job') return { ...finding, baselineState: 'unchanged' as const };
    return { ...finding, baselineState: 'new' as const };
  });
  const report = buildReport(findings, sample.errors, sample.summary.files, sample.tool);
  return { ...report, baseline: { file: '.hidden-state-baseline.json', recorded: 1, fixed: [] } };
}

const SIGNED: ReporterOptions = {
  color: false,
  width: 100,
  review: { ...SAMPLE_REVIEW, checkout: { commit: COMMIT, branch: 'release/2.4', prefix: 'services/checkout/' }, linkTemplate: TEMPLATE },
};

describe('accepted lines in the review documents', () => {
  it('Markdown lists them in their own section with the reason from the comment, and the verdict counts them', () => {
    const text = formatMarkdown(reportWithAccepted(), SIGNED);
    const audit = text.slice(text.indexOf('## Audit table'), text.indexOf('## Accepted lines'));
    expect(audit).not.toContain('express-session');
    expect(audit).toContain('express-rate-limit');
    const accepted = text.slice(text.indexOf('## Accepted lines'), text.indexOf('## Findings'));
    expect(accepted).toContain('| `hidden-state-ignore-next-line` (line 10): admin console, one instance behind the VPN |');
    expect(accepted).toContain('| recorded in the baseline `.hidden-state-baseline.json` |');
    expect(text).toContain('3 of 4 places found in the 12 files analysed keep state inside the instance');
    expect(text).toContain('2 of these lines are accepted on purpose (a suppression comment or the baseline): see Accepted lines.');
    expect(text.match(/^### \d+\./gm)).toHaveLength(2);
  });

  it('HTML shows as many rows as it says, and the accepted lines with their reasons', () => {
    const html = formatHtml(reportWithAccepted(), SIGNED);
    expect(html.match(/<tbody class="finding"/g)).toHaveLength(2);
    expect(html).toContain('Showing 2 of 2');
    expect(html).toContain('<option value="cache">In-process cache (1)</option><option value="rate-limit">Rate-limit counters (1)</option>');
    const section = html.slice(html.indexOf('<section id="accepted">'), html.indexOf('</section>', html.indexOf('<section id="accepted">')));
    expect(section).toContain('admin console, one instance behind the VPN');
    expect(section).toContain('recorded in the baseline <code>.hidden-state-baseline.json</code>');
    expect(section.match(/<tr>/g)).toHaveLength(1 + 2);
    expect(html).toContain('2 of these lines are accepted on purpose');
  });

  it('the CLI hands them to markdown and html, and says nothing of lines left out', async () => {
    const repo = createGitRepo({
      'src/prices.ts': 'const lastPrices = new Map<string, number>(); // hidden-state-ignore-line module-cache -- a warm-up copy, rebuilt on each instance\nexport function remember(sku: string, price: number) {\n  lastPrices.set(sku, price);\n}\n',
      'src/carts.ts': 'const carts = new Map<string, string[]>();\nexport function add(user: string, sku: string) {\n  carts.set(user, [sku]);\n}\n',
    });
    // A hook that git must not run while the header is read.
    const marker = join(temporaryFolder(), 'ran');
    const hook = join(temporaryFolder(), 'hook.sh');
    writeFileSync(hook, `#!/bin/sh\necho ran >> ${marker}\n`);
    chmodSync(hook, 0o755);
    repo.git('config', 'core.fsmonitor', hook);
    const commit = repo.git('rev-parse', 'HEAD').trim();
    let stdout = '';
    let stderr = '';
    const io = { cwd: repo.folder, env: { SOURCE_DATE_EPOCH: '1714953600' }, stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text), stdoutIsTTY: false, stderrIsTTY: false };
    expect(await run(['scan', 'src', '-f', 'markdown', '--link-template', TEMPLATE], io)).toBe(1);
    expect(stdout).toContain(`- **Commit:** \`${commit}\` on \`main\``);
    expect(stdout).toContain('## Accepted lines');
    expect(stdout).toContain('a warm-up copy, rebuilt on each instance');
    expect(stdout).toContain(`| [\`src/carts.ts:1\`](https://git.example/shop/checkout/blob/${commit}/src/carts.ts#L1) |`);
    expect(stdout + stderr).not.toContain('Not listed');
    expect(existsSync(marker)).toBe(false);
  }, 30_000);
});

describe('the header and links of a review', () => {
  it('names the commit and branch, and links each location to its line at that commit', () => {
    const markdown = formatMarkdown(sampleReport(), SIGNED);
    expect(markdown).toContain(`- **Commit:** \`${COMMIT}\` on \`release/2.4\``);
    const link = `https://git.example/shop/checkout/blob/${COMMIT}/services/checkout/src/server.ts#L12`;
    expect(markdown).toContain(`| [\`src/server.ts:12\`](${link}) | express-rate-limit`);
    const html = formatHtml(sampleReport(), SIGNED);
    expect(html).toContain(`<dt>Commit</dt><dd><code>${COMMIT}</code></dd><dt>Branch</dt><dd><code>release/2.4</code></dd>`);
    expect(html).toContain(`<a class="location" href="${link}">src/<wbr>server.ts:12</a>`);
  });

  it('links nothing it cannot name: no commit known, or a file outside the repository; and escapes what would end a link', () => {
    const noCheckout = formatMarkdown(sampleReport(), { ...SIGNED, review: { ...SAMPLE_REVIEW, linkTemplate: TEMPLATE } });
    expect(noCheckout).not.toContain('](https://');
    const odd = buildReport([sampleFinding({ kind: 'cache', file: 'src/a (copy) [1].ts', line: 3 }), sampleFinding({ kind: 'cache', file: '../../../elsewhere.ts', line: 4 })], [], 2, { name: 'hidden-state', version: '1.0.0' });
    const text = formatMarkdown(odd, SIGNED);
    expect(text).toContain(`/services/checkout/src/a%20%28copy%29%20%5B1%5D.ts#L3)`);
    expect(text).toContain('| `../../../elsewhere.ts:4` |');
  });

  it('refuses a template that is not an http(s) URL, lacks {path}, or names an unknown placeholder', () => {
    expect(checkLinkTemplate(TEMPLATE)).toBe(TEMPLATE);
    expect(() => checkLinkTemplate('javascript:alert(1)//{path}')).toThrow(/must be an http or https URL/);
    expect(() => checkLinkTemplate('https://git.example/{commit}')).toThrow(/needs \{path\}/);
    expect(() => checkLinkTemplate('https://git.example/{sha}/{path}')).toThrow(/unknown placeholder \{sha\}/);
  });
});

describe('the HTML has no control characters', () => {
  it('sorts locations by a printable key and shows a control character in a name as \\uXXXX', () => {
    const report = buildReport([sampleFinding({ kind: 'cache', file: 'src/a\u0000b\u001b[31m.ts', line: 2 }), sampleFinding({ kind: 'cache', file: 'src/a.ts', line: 9 })], [], 2, { name: 'hidden-state', version: '1.0.0' });
    const html = formatHtml(report, SIGNED);
    expect(html).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect([...html.matchAll(/data-sort="([^"]*)"/g)].map((match) => match[1])).toEqual(['000000', '000001']);
    expect(html).toContain('src/<wbr>a\\u0000b\\u001b[31m.ts:2');
  });
});

describe('the Markdown summary', () => {
  /** Many findings, each with evidence and code: the whole review is far past a comment's limit. */
  function largeReport(count: number): Report {
    const findings = Array.from({ length: count }, (_, index) =>
      sampleFinding({
        kind: index % 3 === 0 ? 'session' : 'cache',
        ruleId: index % 3 === 0 ? 'in-memory-session' : 'module-cache',
        severity: index % 5 === 0 ? 'warning' : 'error',
        instanceLocal: index % 7 !== 0,
        file: `src/modules/module-${String(index).padStart(3, '0')}/service.ts`,
        line: index + 1,
        fingerprint: `fp-${index}`,
        message: `Map \`cache${index}\` written at run time (.set()) in a handler that every request reaches`,
        evidence: [{ file: `src/modules/module-${index}/service.ts`, line: index + 2, message: 'written by `.set()` in `handle`' }],
        excerpt: { startLine: index + 1, lines: [`const cache${index} = new Map<string, Order>();`, 'export function handle(id: string) {', `  cache${index}.set(id, load(id));`, '}'] },
      }),
    );
    return buildReport(findings, [], count, { name: 'hidden-state', version: '1.0.0' });
  }

  it('is chosen past the limit, stays under it, and gives the counts, the most severe lines and where the rest is', () => {
    const report = largeReport(400);
    const text = formatMarkdown(report, { ...SIGNED, review: { ...SIGNED.review!, reportUrl: 'https://ci.example/runs/42' } });
    expect(text.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(text).toContain('> **Summary.** The whole review runs to');
    expect(text).toContain('[the full report](https://ci.example/runs/42)');
    expect(text).toContain('## Counts');
    const heading = /^## Audit table \(the (\d+) most severe of 400 lines\)$/m.exec(text);
    expect(heading).not.toBeNull();
    const shown = Number(heading![1]);
    const rows = text.split('\n').filter((line) => line.startsWith('| [`src/modules/'));
    expect(rows).toHaveLength(shown);
    expect(shown).toBeGreaterThan(100);
    // Instance-local errors come first, lines in a shared store last.
    expect(rows[0]).toContain('| **Y** |');
    expect(text).toContain(`${400 - shown} more lines in the full report.`);
    expect(text).not.toContain('## Findings');
  });

  it('is not used when the whole review fits, and says how to make the full report without a URL', () => {
    expect(formatMarkdown(largeReport(20), SIGNED)).not.toContain('**Summary.**');
    const summary = formatMarkdown(largeReport(400), SIGNED);
    expect(summary).toContain('`hidden-state scan --format html -o review.html` writes it');
  });
});
