import type { Kind } from '../report/kinds.js';
import type { SharedStore, StateSource } from './types.js';

/** What the catalogue knows of one family of libraries: the state they create, and the stores that share it. */
export interface LibraryFamily {
  /** Sorted by module; a module's entries all belong to one family. */
  sources: readonly StateSource[];
  /** Companion packages that move this family's state to a shared store, sorted by module. */
  stores: readonly SharedStore[];
}

type SourceOptions = Partial<StateSource>;

/** The maker of one family's sources: the rule that reports them and their kind are the family's. */
export function sourceMaker(rule: string, kind: Kind): (module: string, exportName: string, label: string, extra?: SourceOptions) => StateSource {
  return (module, exportName, label, extra = {}) => ({ module, export: exportName, rule, kind, label, ...extra });
}
