import type { RuleContext } from '../../src/engine/rule.js';
import { collectionKindOfHolder, type CollectionKind } from '../../src/facts/collections.js';
import type { StateHolder } from '../../src/facts/holders.js';
import type { Use } from '../../src/facts/uses.js';

/** A keyed collection (Map or object) whose name says what it holds, and its run-time writes. */
export interface NamedCollection {
  holder: StateHolder;
  writes: Use[];
}

const KEYED: ReadonlySet<CollectionKind> = new Set(['map', 'object']);

/** Holders that start as a Map or object, are named like `pattern`, and are written at run time. */
export function keyedCollectionsNamed(context: RuleContext, pattern: RegExp): NamedCollection[] {
  const found: NamedCollection[] = [];
  for (const holder of context.stateHolders()) {
    const collection = collectionKindOfHolder(holder);
    if (!collection || !KEYED.has(collection) || !pattern.test(holder.name)) continue;
    const writes = context.facts.runtimeWritesOf(holder.key).filter((write) => write.kind !== 'assign');
    if (writes.length > 0) found.push({ holder, writes });
  }
  return found;
}
