import { sep } from 'node:path';
import { UsageError } from '../shared/errors.js';
import { DisjointSets } from './partition.js';
import { compareText } from '../shared/compare-text.js';

/** `--shard 2/4`: the second of four parts of the work. */
export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** More parts than any CI runs machines: a larger count is a typo, and would cost memory per part. */
export const MAX_SHARDS = 1000;

export function parseShard(value: string): Shard {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || !isShard({ index, count })) {
    throw new UsageError(`--shard must be <i>/<n> with 1 <= i <= n <= ${MAX_SHARDS}, such as 1/4 (got '${value}')`);
  }
  return { index, count };
}

/** Whole numbers with 1 <= index <= count <= MAX_SHARDS: what `--shard` accepts and a shard report may hold. */
export function isShard({ index, count }: { index: unknown; count: unknown }): boolean {
  return Number.isInteger(index) && Number.isInteger(count) && (index as number) >= 1 && (index as number) <= (count as number) && (count as number) <= MAX_SHARDS;
}

/**
 * The groups of files this shard analyses. Groups that share a workspace package travel
 * together (a package is never split across machines), and whole units are dealt out largest
 * first to the least loaded shard, so every shard computes the same split from the same files
 * without talking to the others.
 */
export function groupsOfShard(groups: readonly string[][], packageDirs: readonly string[], shard: Shard): string[][] {
  const units = joinByPackage(groups, packageDirs);
  const loads = new Array<number>(shard.count).fill(0);
  const mine: string[][] = [];
  for (const unit of units) {
    const target = leastLoaded(loads);
    loads[target]! += sizeOf(unit);
    if (target === shard.index - 1) mine.push(...unit);
  }
  return mine.sort((a, b) => compareText(a[0]!, b[0]!));
}

/** Units of work: the groups of one workspace package (and of every package they import) together. */
function joinByPackage(groups: readonly string[][], packageDirs: readonly string[]): string[][][] {
  const ids = groups.map((group) => group[0]!);
  const units = new DisjointSets(ids);
  const firstGroupOfPackage = new Map<string, string>();
  // Deepest package first, so a package nested in another one is its own.
  const dirs = [...packageDirs].sort((a, b) => b.length - a.length || compareText(a, b));
  groups.forEach((group, index) => {
    for (const file of group) {
      const dir = dirs.find((candidate) => file.startsWith(candidate + sep));
      if (dir === undefined) continue;
      const first = firstGroupOfPackage.get(dir);
      if (first === undefined) firstGroupOfPackage.set(dir, ids[index]!);
      else units.join(first, ids[index]!);
    }
  });
  const groupById = new Map(groups.map((group, index) => [ids[index]!, group]));
  return units
    .sets()
    .map((set) => set.map((id) => groupById.get(id)!))
    .sort((a, b) => sizeOf(b) - sizeOf(a) || compareText(a[0]![0]!, b[0]![0]!));
}

/** The first index of the smallest load (a loop: spreading thousands of loads into Math.min overflows the stack). */
function leastLoaded(loads: readonly number[]): number {
  let best = 0;
  for (let index = 1; index < loads.length; index++) if (loads[index]! < loads[best]!) best = index;
  return best;
}

function sizeOf(unit: readonly string[][]): number {
  return unit.reduce((sum, group) => sum + group.length, 0);
}

