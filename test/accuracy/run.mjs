// npm run accuracy: precision and recall of the scan against the expectations written next to
// each fixture's code (`// expect: rule-id`), per fixture and in total. A finding counts as
// true when file, line, rule and Instance-local all match.
// npm run accuracy -- --corpus <dir>: the same against the blind labels of real services
// (test/corpus/), see test/accuracy/corpus.mjs.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeFindings, expectationsBelow, fixtureFolders } from '../helpers/expectations.mjs';

if (process.argv.includes('--corpus')) {
  const { runCorpus } = await import('./corpus.mjs');
  process.exit(runCorpus(process.argv.slice(2)));
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { scan } = await import(join(ROOT, 'dist/src/pipeline/scan.js'));
const { RULES } = await import(join(ROOT, 'dist/rules/index.js'));
const { SHARED_STORES, STATE_SOURCES } = await import(join(ROOT, 'dist/src/catalogue/catalogue.js'));

const rows = [];
const total = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
for (const name of fixtureFolders(join(ROOT, 'fixtures'))) {
  const { report } = scan({
    paths: [join('fixtures', name)], cwd: ROOT, include: [], exclude: [], includeTests: false,
    maxFileSize: 1024 * 1024, rules: RULES, ruleSettings: {}, sources: STATE_SOURCES, stores: SHARED_STORES,
  });
  const counts = compare(expectationsBelow(ROOT, join(ROOT, 'fixtures', name)), describeFindings(report.findings));
  for (const key of Object.keys(total)) total[key] += counts[key];
  rows.push([name, counts]);
}
rows.push(['total', total]);

const percent = (part, whole) => (whole === 0 ? '   -  ' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`);
console.log(`${'fixture'.padEnd(24)} expected  found  precision  recall`);
for (const [name, { truePositives, falsePositives, falseNegatives }] of rows) {
  const expected = truePositives + falseNegatives;
  const found = truePositives + falsePositives;
  console.log(`${name.padEnd(24)} ${String(expected).padStart(8)} ${String(found).padStart(6)}    ${percent(truePositives, found)}  ${percent(truePositives, expected)}`);
}

/** Multiset comparison of expected and actual `file:line rule Y|N` lines. */
function compare(expected, actual) {
  const remaining = [...expected];
  let truePositives = 0;
  for (const line of actual) {
    const index = remaining.indexOf(line);
    if (index >= 0) {
      remaining.splice(index, 1);
      truePositives++;
    }
  }
  return { truePositives, falsePositives: actual.length - truePositives, falseNegatives: remaining.length };
}
