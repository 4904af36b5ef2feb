// npm run accuracy -- --corpus <dir> [--verbose] [--service name...] [--json file] [--labels dir] [--markdown blind.json]
// Scans each labelled service found under <dir> through the CLI, as a user would, and judges the
// findings against the blind labels in test/corpus/ (see test/corpus/README.md).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { judgeService, scoresOf, totalOf } from './corpus-match.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KINDS = new Set(['cache', 'session', 'rate-limit', 'local-disk', 'idempotency', 'connection-registry', 'scheduler', 'queue', 'lock', 'connection', 'mutable-global', 'affinity']);

/** @param {string[]} argv */
export function runCorpus(argv) {
  const options = parseArguments(argv);
  const services = readdirSync(options.labels).filter((name) => name.endsWith('.json')).sort()
    .map((name) => JSON.parse(readFileSync(join(options.labels, name), 'utf8')))
    .filter((labels) => options.services.length === 0 || options.services.includes(labels.service));

  const rows = [];
  for (const labels of services) {
    const folder = join(options.corpus, labels.service);
    if (!existsSync(folder)) {
      console.log(`${labels.service}: skipped, not under ${options.corpus}; get it with: node test/corpus/extract.mjs <git dir of ${labels.repo}> ${labels.commit} ${folder}`);
      continue;
    }
    for (const problem of labelProblems(labels, folder)) console.log(`${labels.service}: label problem: ${problem}`);
    const report = scanService(labels, folder);
    const judgement = judgeService(labels, report.findings);
    rows.push({ labels, report, judgement });
  }
  if (rows.length === 0) {
    console.log('no labelled service was found under the corpus folder');
    return 2;
  }
  printTable(rows);
  if (options.verbose) for (const row of rows) printDetails(row);
  if (options.json) writeFileSync(options.json, `${JSON.stringify(summaryOf(rows), null, 2)}\n`);
  if (options.markdown) console.log(`\n${markdownTable(summaryOf(rows), JSON.parse(readFileSync(options.markdown, 'utf8')), rows)}`);
  return 0;
}

function parseArguments(argv) {
  const options = { corpus: '', verbose: false, services: [], json: '', labels: join(ROOT, 'test/corpus'), markdown: '' };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--corpus') options.corpus = resolve(argv[++index] ?? '');
    else if (argument === '--verbose') options.verbose = true;
    else if (argument === '--service') options.services.push(argv[++index]);
    else if (argument === '--markdown') options.markdown = resolve(argv[++index] ?? '');
    else if (argument === '--labels') options.labels = resolve(argv[++index] ?? '');
    else if (argument === '--json') options.json = resolve(argv[++index] ?? '');
    else throw new Error(`unknown argument ${argument}`);
  }
  return options;
}

/** The CLI's JSON report of a service's scope, scanned from the repository root. */
function scanService(labels, folder) {
  // A service with a file that does not parse is still judged on the rest: the verdict says incomplete.
  const args = [join(ROOT, 'bin/hidden-state.js'), 'scan', ...labels.scope.paths, '--format', 'json', '--fail-on', 'none', '--no-color', '--allow-incomplete'];
  if (labels.scope.exclude?.length) args.push('--exclude', ...labels.scope.exclude);
  const output = execFileSync(process.execPath, args, {
    cwd: folder, maxBuffer: 1 << 30, timeout: 15 * 60 * 1000, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true' },
  });
  return JSON.parse(output.toString());
}

/** Labels that cannot be judged as written: an unknown kind, a file that is not there, a line past its end. */
function labelProblems(labels, folder) {
  const problems = [];
  const lineCounts = new Map();
  const check = (label, list) => {
    const where = `${list} ${label.file}:${label.line} ${label.symbol ?? ''}`;
    for (const kind of label.kinds ?? (label.kind ? [label.kind] : [])) if (!KINDS.has(kind)) problems.push(`${where}: unknown kind ${kind}`);
    const path = join(folder, label.file ?? '');
    if (!label.file || !existsSync(path)) return problems.push(`${where}: no such file`);
    if (!lineCounts.has(path)) lineCounts.set(path, readFileSync(path, 'utf8').split('\n').length);
    for (const line of [label.line, ...(label.lines ?? [])]) {
      if (!Number.isInteger(line) || line < 1 || line > lineCounts.get(path)) problems.push(`${where}: line ${line} is not in the file`);
    }
  };
  for (const list of ['positives', 'externalized', 'negatives', 'doubtful']) for (const label of labels[list] ?? []) check(label, list);
  return problems;
}

const share = (value) => (value === null ? '   - ' : value.toFixed(2).padStart(5));

function printTable(rows) {
  console.log('Precision counts every judged finding: one matching no label, a second line on a place already matched,');
  console.log('or an instance-local line on an externalized place counts against it. Findings outside the scope and on');
  console.log('doubtful labels are not judged.\n');
  console.log(`${'service'.padEnd(20)} files  positives found recall  findings kept precision  kind  externalized found  verdict (expected)`);
  const line = (name, counts, files, verdict) => {
    const scores = scoresOf(counts);
    console.log(`${name.padEnd(20)} ${String(files).padStart(5)}  ${String(counts.positives).padStart(9)} ${String(counts.found).padStart(5)}  ${share(scores.recall)}  ${String(counts.findingsJudged).padStart(8)} ${String(counts.findingsKept).padStart(4)}     ${share(scores.precision)} ${share(scores.kindAgreement)}  ${String(counts.externalized).padStart(12)} ${String(counts.externalizedFound).padStart(5)}  ${verdict}`);
  };
  for (const { labels, report, judgement } of rows) {
    const expected = labels.positives.length > 0 ? 'stateful' : 'stateless';
    line(labels.service, judgement, report.summary.files, `${report.verdict} (${expected})`);
  }
  const total = totalOf(rows.map((row) => row.judgement));
  const verdictsRight = rows.filter(({ labels, report }) => (labels.positives.length > 0 ? 'stateful' : 'stateless') === report.verdict).length;
  line('overall', total, rows.reduce((sum, row) => sum + row.report.summary.files, 0), `${verdictsRight}/${rows.length} right`);
}

function printDetails({ labels, judgement }) {
  console.log(`\n${labels.service}`);
  for (const label of judgement.missed) console.log(`  missed      ${label.file}:${label.line} ${label.symbol} (${label.kinds ?? label.kind}): ${label.why}`);
  for (const label of judgement.missedExternalized) console.log(`  missed N    ${label.file}:${label.line} ${label.symbol} (${label.kind}, ${label.store ?? ''})`);
  for (const { finding, verdict, label } of judgement.results) {
    if (verdict === 'positive' || verdict === 'externalized') continue;
    const on = label ? ` [label: ${label.symbol}${label.why ? `: ${label.why}` : label.reason ? `: ${label.reason}` : ''}]` : '';
    console.log(`  ${verdict.padEnd(14)} ${finding.file}:${finding.line} ${finding.ruleId} ${finding.instanceLocal ? 'Y' : 'N'} ${finding.symbol ?? ''}${on}`);
  }
}

function summaryOf(rows) {
  const services = rows.map(({ labels, report, judgement }) => ({
    service: labels.service,
    commit: labels.commit,
    files: report.summary.files,
    verdict: report.verdict,
    ...pick(judgement),
    ...scoresOf(judgement),
    missed: judgement.missed.map((label) => `${label.file}:${label.line} ${label.symbol}`),
    unwanted: judgement.results.filter((r) => !['positive', 'externalized', 'doubtful'].includes(r.verdict))
      .map((r) => `${r.verdict} ${r.finding.file}:${r.finding.line} ${r.finding.ruleId} ${r.finding.symbol ?? ''}`),
  }));
  const total = totalOf(rows.map((row) => row.judgement));
  return { measuredWith: toolCommit(), services, overall: { ...total, ...scoresOf(total) } };
}

/** The README's table: per service, the blind scores (an earlier run's JSON) beside the current ones. */
function markdownTable(current, blind, rows) {
  const fixed = (value) => (value === null || value === undefined ? '–' : value.toFixed(2));
  const blindOf = new Map(blind.services.map((service) => [service.service, service]));
  const shapesOf = new Map(rows.map(({ labels }) => [labels.service, (labels.shapes ?? []).join(', ')]));
  const lines = [
    '| Service | Shapes | Files | Positives | Recall blind → now | Precision blind → now | Shared-store lines found blind → now | Verdict now |',
    '| --- | --- | ---: | ---: | --- | --- | --- | --- |',
  ];
  const row = (name, shapes, now, then, files, verdict) =>
    `| ${name} | ${shapes} | ${files} | ${now.positives} | ${fixed(then?.recall)} → ${fixed(now.recall)} | ${fixed(then?.precision)} → ${fixed(now.precision)} | ${then?.externalizedFound ?? '–'} → ${now.externalizedFound} of ${now.externalized} | ${verdict} |`;
  for (const service of current.services) {
    lines.push(row(service.service, shapesOf.get(service.service) ?? '', service, blindOf.get(service.service), service.files, service.verdict));
  }
  lines.push(row('**overall**', '', current.overall, blind.overall, current.services.reduce((sum, service) => sum + service.files, 0), ''));
  return lines.join('\n');
}

/** The commit of the tool that was measured (the checkout this script runs from). */
function toolCommit() {
  try {
    return execFileSync('git', ['-C', ROOT, 'rev-parse', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return 'unknown';
  }
}

const pick = (judgement) => ({
  positives: judgement.positives, found: judgement.found, externalized: judgement.externalized,
  externalizedFound: judgement.externalizedFound, findingsJudged: judgement.findingsJudged,
  findingsKept: judgement.findingsKept, kindAgreements: judgement.kindAgreements,
});


