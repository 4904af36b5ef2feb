import type { ImportedReference } from '../facts/imports.js';
import type { Kind } from '../report/kinds.js';

/**
 * An export of a package. `default` also matches a whole-module `require()` and a namespace import.
 * `Export#method` names a method called on an object the export created (`Queue#add`).
 */
export interface ModuleExport {
  module: string;
  export: string;
}

/**
 * How a source's options say its state lives in a shared store. With `option`, the options
 * object's property is read; without it, the options argument itself (`caching(redisStore)`).
 */
export interface Externalization {
  option?: string;
  /** Only these literal values externalize (`datastore: 'redis'`). */
  values?: readonly string[];
  /** These literal values keep the state in memory (`driver: 'memory'`). */
  memoryValues?: readonly string[];
  /** Values created by these exports keep the state in memory (`store: new MemoryStore()`). */
  unlessValueFrom?: readonly ModuleExport[];
  /** The library's own default, when the option is absent, is a shared store (koa-ratelimit). */
  sharedByDefault?: boolean;
  /** A method of the created object that attaches a shared store (`io.adapter(createAdapter(…))`). */
  method?: string;
}

/** Which options give a rate limiter's limit and window, for the scale-out projections. */
export interface LimitOptions {
  /** Options holding the number of requests allowed per window; the first one set wins. */
  limit: readonly string[];
  /** Options holding the window's length; the first one set wins. */
  window: readonly string[];
  /** The window option's unit. */
  windowUnit: 'ms' | 's';
  /** An option holding a list of limit definitions, of which the first is read (`throttlers`). */
  list?: string;
}

/**
 * When a source's object holds state only if used a certain way; the reporting rule checks the use.
 * `clients-iterated`: its `clients` are iterated to broadcast (a `ws` server).
 * `event-bus`: listeners are added at run time and events emitted (an EventEmitter as a bus).
 * `adapter-elsewhere`: its shared adapter is usually set up in another file (NestJS gateways).
 * `runs-once`: a job run once at start-up, not periodically (NestJS `@Timeout`).
 * `module-instance`: the export is itself one store shared by every importer (`memory-cache`'s
 * default export): state once the service writes it.
 */
export type SourceUsage = 'clients-iterated' | 'event-bus' | 'adapter-elsewhere' | 'runs-once' | 'module-instance';

/** A library export that creates instance-local state when it is called or constructed. */
export interface StateSource extends ModuleExport {
  /** The rule that reports it. */
  rule: string;
  kind: Kind;
  /** How messages name it: `express-rate-limit`, `lru-cache LRUCache`. */
  label: string;
  /** Which argument holds the options; default 0. */
  optionsArgument?: number;
  /** When the options move the state to a shared store. */
  externalizedBy?: Externalization;
  /** The option that makes it hold state at all (multer `dest`); absent, the call holds none. */
  activeWhen?: string;
  /** With `activeWhen`: the property of that option's object whose `false` turns it off again (`stickiness: { enabled: false }`). */
  switchedOffBy?: string;
  /** Holds this state only when its limit is 1: a number options argument, or this option of an options object (p-limit `concurrency`). */
  onlyWhenOne?: string;
  /** True when `export` names a method matched on any object, in files that import `module` or one of its subpaths (`targetGroup.enableCookieStickiness()`). */
  method?: boolean;
  /** With `method`: the literal arguments the call must start with (`setAttribute('stickiness.enabled', 'true')`). */
  whenArguments?: readonly string[];
  /** The option whose value is a storage engine; a shared one makes an Instance-local N line. */
  storageOption?: string;
  /** A database kept in a local file: where the call names the file (`new Database('app.db')`, `open({ filename })`). */
  databaseFile?: { argument?: number; option?: string; memoryWithout?: boolean };
  /** True for plugins registered as `app.register(plugin, options)` (Fastify). */
  plugin?: boolean;
  /** True for exports that must be called at run time to matter (`fs.writeFile`): module-level calls are set-up. */
  runtimeOnly?: boolean;
  /** True when the export itself keeps its state in a shared store (`RateLimiterRedis`). */
  shared?: boolean;
  /** What to say about the shared store when it is externalized. */
  sharedNote?: string;
  /** Where a rate limiter's options give its limit and window. */
  limits?: LimitOptions;
  /** The use that makes it state; absent, creating it is enough. */
  usage?: SourceUsage;
}

/** A companion package that keeps state in a shared store (`connect-redis`, `rate-limit-redis`). */
export interface SharedStore extends ModuleExport {
  /** "sessions in Redis via connect-redis: make Redis highly available and set a TTL". */
  note: string;
}

/** Library knowledge indexed for lookups by module specifier. */
export interface Catalogue {
  readonly sources: readonly StateSource[];
  readonly stores: readonly SharedStore[];
  /** The sources a reference resolves to (usually none or one). */
  sourcesFor(reference: ImportedReference): readonly StateSource[];
  /** The shared store a reference resolves to, if it is one. */
  storeFor(reference: ImportedReference): SharedStore | undefined;
  /** True when the reference is the export `candidate` names. */
  matches(reference: ImportedReference, candidate: ModuleExport): boolean;
}

export function createCatalogue(sources: readonly StateSource[], stores: readonly SharedStore[]): Catalogue {
  const sourcesByModule = groupByModule(sources);
  const storesByModule = groupByModule(stores);
  const matches = (reference: ImportedReference, candidate: ModuleExport): boolean =>
    reference.module === candidate.module && exportMatches(reference.name, candidate.export);
  return {
    sources,
    stores,
    matches,
    sourcesFor: (reference) => (sourcesByModule.get(reference.module) ?? []).filter((source) => matches(reference, source)),
    storeFor: (reference) => (storesByModule.get(reference.module) ?? []).find((store) => matches(reference, store)),
  };
}

function exportMatches(referenced: string, catalogued: string): boolean {
  if (catalogued === '*') return true;
  if (catalogued === 'default') return referenced === 'default' || referenced === '*';
  return referenced === catalogued;
}

function groupByModule<T extends ModuleExport>(entries: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const entry of entries) {
    const group = groups.get(entry.module);
    if (group) group.push(entry);
    else groups.set(entry.module, [entry]);
  }
  return groups;
}
