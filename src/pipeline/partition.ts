import type { ImportResolver } from '../engine/engine.js';
import { compareText } from '../shared/compare-text.js';

/**
 * Module specifiers a file's text mentions after `from`, `import`, `require(` or `import(`.
 * A plain pattern, not a parse: it runs on every file before anything is parsed (about 1 ms per
 * thousand files, where TypeScript's own pre-processor takes 50). It may also match an import
 * written in a comment or a string; that only joins two groups that could have stayed apart.
 */
export function importSpecifiersIn(text: string): string[] {
  const specifiers = new Set<string>();
  for (const match of text.matchAll(IMPORT_SPECIFIER)) specifiers.add(match[2]!);
  return [...specifiers].sort();
}

// `import(/* webpackChunkName: "x" */ './x')`: bundler hints may sit between the call and its argument.
const IMPORT_SPECIFIER = /(?:\bfrom|\bimport|\b(?:require|import)\s*\((?:\s*\/\*[\s\S]*?\*\/)*)\s*(['"`])([^'"`\n]+)\1/g;

/** A file of the scan with the specifiers it imports. */
export interface ModuleImports {
  /** Absolute path. */
  path: string;
  specifiers: readonly string[];
}

/**
 * Splits the files into groups closed under imports, in both directions: a file, everything it
 * imports and everything that imports it share a group. Every fact that crosses files (a
 * collection written by an importer, a factory in an imported helper, a function called only
 * at load) follows an import, so analysing each group on its own gives the same findings as
 * analysing all files at once, and a group is the unit the cache stores and shards share out.
 * Groups are sorted by their first path; files within a group are sorted.
 */
export function partitionByImports(modules: readonly ModuleImports[], resolve: ImportResolver): Partition {
  const groups = new DisjointSets(modules.map((module) => module.path));
  const targets = new Map<string, string[]>();
  for (const module of modules) {
    const resolved = new Set<string>();
    for (const specifier of module.specifiers) {
      const target = resolve(module.path, specifier);
      if (target === undefined || !groups.has(target)) continue;
      resolved.add(target);
      groups.join(module.path, target);
    }
    targets.set(module.path, [...resolved].sort(compareText));
  }
  return { groups: groups.sets(), targets };
}

export interface Partition {
  /** Absolute paths. */
  groups: string[][];
  /** The files of the scan each file's imports resolve to, sorted. */
  targets: ReadonlyMap<string, readonly string[]>;
}

/** Union-find over strings, with path halving; `sets()` is independent of the order of joins. */
export class DisjointSets {
  private readonly parent = new Map<string, string>();

  constructor(members: Iterable<string>) {
    for (const member of members) this.parent.set(member, member);
  }

  has(member: string): boolean {
    return this.parent.has(member);
  }

  join(a: string, b: string): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent.set(rootA, rootB);
  }

  sets(): string[][] {
    const byRoot = new Map<string, string[]>();
    for (const member of this.parent.keys()) {
      const root = this.find(member);
      const set = byRoot.get(root);
      if (set) set.push(member);
      else byRoot.set(root, [member]);
    }
    const sets = [...byRoot.values()].map((set) => set.sort(compareText));
    return sets.sort((a, b) => compareText(a[0]!, b[0]!));
  }

  private find(member: string): string {
    let current = member;
    for (let parent = this.parent.get(current)!; parent !== current; parent = this.parent.get(current)!) {
      const grandparent = this.parent.get(parent)!;
      this.parent.set(current, grandparent);
      current = grandparent;
    }
    return current;
  }
}

