import { LIBRARY_RULE_FOR_KIND } from '../catalogue/catalogue.js';
import type { SharedStore, StateSource } from '../catalogue/types.js';
import type { UserSource, UserStore } from './config.js';
import type { Kind } from '../report/kinds.js';

/** Configuration `sources` as catalogue entries, reported by the library rule of their kind. */
export function userSources(sources: readonly UserSource[]): StateSource[] {
  return sources.map((source) => {
    const kind = source.kind as Kind;
    return {
      module: source.module,
      export: source.export ?? 'default',
      kind,
      rule: LIBRARY_RULE_FOR_KIND[kind]!,
      label: source.label ?? source.module,
      externalizedBy: source.externalizedBy,
    };
  });
}

/** Configuration `externalized` entries as shared stores. */
export function userStores(stores: readonly UserStore[]): SharedStore[] {
  return stores.map((store) => ({ module: store.module, export: store.export ?? '*', note: store.note }));
}
