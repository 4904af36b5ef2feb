import { distance } from 'fastest-levenshtein';

/**
 * The known name closest to a mistyped one, when it is close enough to be the one meant: at most
 * two edits or a third of its length (a typo or a swap of two letters), ties to the first in `known`.
 */
export function closestName(given: string, known: readonly string[]): string | undefined {
  let best: { name: string; edits: number } | undefined;
  for (const name of known) {
    const edits = distance(given.toLowerCase(), name.toLowerCase());
    if (edits <= Math.max(2, Math.floor(name.length / 3)) && (!best || edits < best.edits)) best = { name, edits };
  }
  return best?.name;
}

/** " (did you mean 'scan'?)", or nothing when no known name is close. */
export function didYouMean(given: string, known: readonly string[]): string {
  const name = closestName(given, known);
  return name === undefined ? '' : ` (did you mean '${name}'?)`;
}
