import type { ts } from '../shared/typescript.cjs';
import { MUTATING_METHODS } from './collections.js';
import type { ExecutionContext } from './execution.js';
import type { Reads } from './reads.js';


// The uses of holders that rules read, and the keys the cache files them under (see reads.ts).
export type UseKind = 'call' | 'assign' | 'member-assign' | 'update' | 'delete' | 'iterate';

/** One place a holder is used: a method call on it, an assignment to it or into it, a loop over it. */
export interface Use {
  /**
   * The holder's key: a module binding's name, `Class#field` or `Class.staticField`; for a name
   * imported from another module, `import:<specifier>#<export>` until the program links it to
   * the exporting module's binding (see cross-file.ts).
   */
  holder: string;
  kind: UseKind;
  /** For `call`: the method called (`set`, `push`, `has`). */
  method?: string;
  /** For `member-assign` and `delete`: true when the key is computed (`cache[key] = v`). */
  computedKey?: boolean;
  node: ts.Node;
  context: ExecutionContext;
  /** What deciding `context` read beyond this file (whether its function only runs at load). */
  reads?: Reads;
}

/**
 * The uses a rule looks at: of these kinds, and for calls, of these methods (all when absent).
 * A rule that names them sees only those, and its findings depend on no others.
 */
export interface UseSelector {
  kinds: readonly UseKind[];
  methods?: ReadonlySet<string>;
}

/** Uses that change what the holder holds (see `isWrite`). */
export const WRITE_USES: UseSelector = { kinds: ['assign', 'member-assign', 'update', 'delete', 'call'], methods: MUTATING_METHODS };

export const IMPORT_KEY_PREFIX = 'import:';

/** The key of a variable captured by a top-level factory function. */
export function factoryKey(factory: string, variable: string): string {
  return `${factory}()#${variable}`;
}

/** The key under which uses of an imported name wait to be linked to the exporting module. */
export function importKey(module: string, exported: string): string {
  return `${IMPORT_KEY_PREFIX}${module}#${exported}`;
}

/** The module specifier and export name of an `import:` key. */
export function parseImportKey(key: string): { module: string; exported: string } {
  const hash = key.lastIndexOf('#');
  return { module: key.slice(IMPORT_KEY_PREFIX.length, hash), exported: key.slice(hash + 1) };
}

/** True when `selector` asks for `use`. */
export function isSelected(use: Use, selector: UseSelector): boolean {
  if (!selector.kinds.includes(use.kind)) return false;
  return use.kind !== 'call' || !selector.methods || selector.methods.has(use.method!);
}

/** The facets of the uses key a reader with `selector` depends on (see `usesKey`); rules keep their selectors, so each is worked out once. */
export function selectorFacets(selector: UseSelector | undefined): readonly string[] {
  if (!selector) return ALL_USES;
  let facets = facetsOfSelector.get(selector);
  if (!facets) {
    facets = selector.kinds.flatMap((kind) => (kind === 'call' && selector.methods ? [...selector.methods].map((method) => `call:${method}`) : [`kind:${kind}`]));
    facetsOfSelector.set(selector, facets);
  }
  return facets;
}

const ALL_USES: readonly string[] = ['*'];
/** Stands for "no selector" in memo tables. */
export const ALL_SELECTOR: UseSelector = { kinds: [] };
const facetsOfSelector = new WeakMap<UseSelector, readonly string[]>();

/** The facets of the uses key a use adds to: every use adds to `*`, to its kind, and a call to its method. */
export function useFacets(use: Use): string[] {
  return use.kind === 'call' ? ['*', 'kind:call', `call:${use.method}`] : ['*', `kind:${use.kind}`];
}

/** True when a use changes what the holder holds. */
export function isWrite(use: Use): boolean {
  switch (use.kind) {
    case 'assign':
    case 'member-assign':
    case 'update':
    case 'delete':
      return true;
    case 'call':
      return MUTATING_METHODS.has(use.method!);
    default:
      return false;
  }
}
