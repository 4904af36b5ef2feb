// Judging a scan of a real service against its blind labels (test/corpus/<service>.json).
// Pure functions: no file system, no scan. test/accuracy/corpus.mjs runs them; the rules for a
// match are written out in test/corpus/README.md.
import picomatch from 'picomatch';

/** How far a finding's line may be from a label's `line`. */
export const LINE_TOLERANCE = 2;

/**
 * A predicate telling whether a file (relative to the repository root, `/`) is in the scope a
 * review reads: below one of `scope.paths` and matched by none of `scope.exclude`.
 * @param {{ paths: string[], exclude?: string[] }} scope
 */
export function scopeFilter(scope) {
  const roots = scope.paths.map((path) => path.replace(/^\.\/?/, '').replace(/\/+$/, ''));
  const excluded = picomatch(scope.exclude ?? [], { dot: true });
  return (file) =>
    roots.some((root) => root === '' || file === root || file.startsWith(`${root}/`)) && !excluded(file);
}

/** Distance from a finding's line to a label, or Infinity when it does not match. */
function distance(label, line) {
  if ((label.lines ?? []).includes(line)) return 0;
  const off = Math.abs(label.line - line);
  return off <= LINE_TOLERANCE ? off : Infinity;
}

const kindsOf = (label) => label.kinds ?? (label.kind ? [label.kind] : []);

/**
 * Judges every finding of one service. A finding matches a label of its own locality (a positive
 * for an instance-local finding, an externalized label otherwise) in the same file, nearest first,
 * one finding per label. What is left over is, in this order: not judged (outside the scope, or on
 * a doubtful label), a duplicate (a second line on a place already matched), wrong locality (a
 * Y line on an externalized place or an N line on a positive), on a negative, or unmatched.
 * @param {{ scope: {paths: string[], exclude?: string[]}, positives?: object[], externalized?: object[], negatives?: object[], doubtful?: object[] }} labels
 * @param {readonly { file: string, line: number, kind: string, ruleId: string, instanceLocal: boolean, symbol?: string }[]} findings
 */
export function judgeService(labels, findings) {
  const inScope = scopeFilter(labels.scope);
  const positives = labels.positives ?? [];
  const externalized = labels.externalized ?? [];
  const negatives = labels.negatives ?? [];
  const doubtful = labels.doubtful ?? [];

  const sorted = [...findings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.ruleId.localeCompare(b.ruleId));
  const judged = sorted.filter((finding) => inScope(finding.file));
  const outOfScope = sorted.filter((finding) => !inScope(finding.file));

  // Nearest pairs first, one-to-one, so that two close labels each get the finding nearest to them.
  const pairs = [];
  judged.forEach((finding, findingIndex) => {
    const own = finding.instanceLocal ? positives : externalized;
    own.forEach((label, labelIndex) => {
      if (label.file !== finding.file) return;
      const off = distance(label, finding.line);
      if (off !== Infinity) pairs.push({ off, findingIndex, labelIndex });
    });
  });
  pairs.sort((a, b) => a.off - b.off || a.findingIndex - b.findingIndex || a.labelIndex - b.labelIndex);
  const labelOf = new Map();
  const matchedPositive = new Set();
  const matchedExternalized = new Set();
  for (const { findingIndex, labelIndex } of pairs) {
    if (labelOf.has(findingIndex)) continue;
    const matched = judged[findingIndex].instanceLocal ? matchedPositive : matchedExternalized;
    if (matched.has(labelIndex)) continue;
    matched.add(labelIndex);
    labelOf.set(findingIndex, labelIndex);
  }

  const near = (list, finding) => list.find((label) => label.file === finding.file && distance(label, finding.line) !== Infinity);
  const results = judged.map((finding, index) => {
    if (labelOf.has(index)) {
      const label = (finding.instanceLocal ? positives : externalized)[labelOf.get(index)];
      return { finding, verdict: finding.instanceLocal ? 'positive' : 'externalized', label, kindAgrees: kindsOf(label).includes(finding.kind) };
    }
    const doubt = near(doubtful, finding);
    if (doubt) return { finding, verdict: 'doubtful', label: doubt };
    const same = near(finding.instanceLocal ? positives : externalized, finding);
    if (same) return { finding, verdict: 'duplicate', label: same };
    const other = near(finding.instanceLocal ? externalized : positives, finding);
    if (other) return { finding, verdict: 'wrong-locality', label: other };
    const negative = near(negatives, finding);
    if (negative) return { finding, verdict: 'negative', label: negative };
    return { finding, verdict: 'unmatched' };
  });

  const counted = results.filter((result) => result.verdict !== 'doubtful');
  const kept = counted.filter((result) => result.verdict === 'positive' || result.verdict === 'externalized');
  const matchedPositives = results.filter((result) => result.verdict === 'positive');
  return {
    positives: positives.length,
    found: matchedPositive.size,
    externalized: externalized.length,
    externalizedFound: matchedExternalized.size,
    findingsJudged: counted.length,
    findingsKept: kept.length,
    kindAgreements: matchedPositives.filter((result) => result.kindAgrees).length,
    missed: positives.filter((_, index) => !matchedPositive.has(index)),
    missedExternalized: externalized.filter((_, index) => !matchedExternalized.has(index)),
    results,
    outOfScope,
  };
}

/** A share as a number, or null when nothing was there to share. */
export const ratio = (part, whole) => (whole === 0 ? null : part / whole);

/** Sums the counts of several services' judgements (micro average: every label weighs the same). */
export function totalOf(judgements) {
  const keys = ['positives', 'found', 'externalized', 'externalizedFound', 'findingsJudged', 'findingsKept', 'kindAgreements'];
  const total = Object.fromEntries(keys.map((key) => [key, 0]));
  for (const judgement of judgements) for (const key of keys) total[key] += judgement[key];
  return total;
}

/** recall, precision, kind agreement and inventory of a judgement or a total. */
export function scoresOf(counts) {
  return {
    recall: ratio(counts.found, counts.positives),
    precision: ratio(counts.findingsKept, counts.findingsJudged),
    kindAgreement: ratio(counts.kindAgreements, counts.found),
    inventory: ratio(counts.externalizedFound, counts.externalized),
  };
}
