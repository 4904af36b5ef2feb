import { ts } from '../shared/typescript.cjs';
import type { ModuleLinker } from './cross-file.js';
import type { ExecutionContext } from './execution.js';
import { singletonReason } from './holders.js';
import type { ModuleFacts } from './module-facts.js';
import { describeCallee, type Callee } from './callees.js';
import { callKey, mergeReads, passedKey, RecordedMemo } from './reads.js';
import { RequestReach } from './request-reach.js';
import { indexSites, type CallSite, type NamedSite } from './load-time-sites.js';
import { staticName } from './syntax.js';

const MAX_DEPTH = 3;

/**
 * Functions that only ever run while modules load: a registry's `PluginManager.add(…)` called
 * at module scope of each plugin file, an `init()` called by the entry, the constructor of a
 * class only built at module scope. A function with no call seen, or passed somewhere as a
 * callback, is not one: something else may call it per request. Ask once every file is walked.
 */
export class LoadTimeFunctions {
  private index?: { calls: Map<string, CallSite[]>; passed: Map<string, NamedSite[]> };
  /** Verdicts by function, then by depth. */
  private readonly verdicts = new Map<ts.Node, RecordedMemo<number, boolean>>();

  /** The context of the code at `node`, load-time when its function only runs while modules load. */
  contextOf(node: ts.Node, facts: ModuleFacts): ExecutionContext {
    const context = facts.execution.of(node);
    return context.runtime && context.function && this.runsOnlyAtLoad(context.function, 0) ? loadTime(context) : context;
  }

  /** What handler reaches the code of functions, asked by every rule through the uses' contexts. */
  readonly requests: RequestReach;

  constructor(private readonly linker: ModuleLinker) {
    this.requests = new RequestReach(linker, () => (this.index ??= indexSites(this.linker.modules)));
  }

  /**
   * Rewrites the recorded uses of every module: load-time when their function only runs while
   * modules load, and otherwise what handler, listener or timer reaches them (`servedBy`).
   */
  markUses(): void {
    for (const facts of this.linker.modules) {
      for (const use of facts.allUses()) {
        const fn = use.context.runtime ? use.context.function : undefined;
        if (!fn) continue;
        // Code inside a request handler runs per request, whoever calls its function.
        if (!use.context.requestPath && this.runsOnlyAtLoad(fn, 0)) {
          use.context = loadTime(use.context);
          use.reads = this.verdicts.get(fn)!.readsOf(0);
          continue;
        }
        const reach = this.requests.reachOf(fn);
        if (reach === undefined) use.context = { ...use.context, startUpOnly: true };
        else if (reach !== 'unknown') use.context = { ...use.context, servedBy: reach };
        use.reads = mergeReads([this.verdicts.get(fn)?.readsOf(0), this.requests.readsOf(fn)].filter((reads) => reads !== undefined));
      }
    }
  }

  /**
   * Memoized by function and depth: the answer at a depth is the same whichever question came
   * first, so the verdicts do not depend on the order files are walked in (a scan of part of a
   * group, see incremental.ts, asks in another order). The depth bound ends recursion.
   */
  private runsOnlyAtLoad(fn: ts.FunctionLikeDeclaration, depth: number): boolean {
    let byDepth = this.verdicts.get(fn);
    if (!byDepth) this.verdicts.set(fn, (byDepth = new RecordedMemo(this.linker.recorder)));
    return byDepth.get(depth, () => this.decide(fn, depth), fn.getSourceFile().fileName);
  }

  private decide(fn: ts.FunctionLikeDeclaration, depth: number): boolean {
    if (isRunOnceByNest(fn)) return true;
    // A call from a function itself only ever called that deep proves nothing: recursion ends here.
    if (depth >= MAX_DEPTH) return false;
    this.index ??= indexSites(this.linker.modules);
    const { calls, passed } = this.index;
    const callee = describeCallee(fn, this.linker);
    if (!callee) return false;
    // Every call and every passed function of that name, in any file, and that there are no others.
    this.linker.recorder.key(passedKey(callee.name));
    this.linker.recorder.key(callKey(callee.name));
    if ((passed.get(callee.name) ?? []).some(({ node, facts }) => callee.isNamedBy(node, facts))) return false;
    return this.allCallsAtLoad(callee, calls.get(callee.name) ?? [], depth);
  }

  /** True when at least one call is the callee's, all of them run at load, and no other call may be it. */
  private allCallsAtLoad(callee: Callee, named: readonly CallSite[], depth: number): boolean {
    let found = false;
    for (const { node, call, facts } of named) {
      if (!callee.isNamedBy(node, facts)) {
        if (callee.mayBeNamedBy?.(node, facts)) return false;
        continue;
      }
      const context = facts.execution.of(call);
      if (context.runtime && !(context.function !== undefined && this.runsOnlyAtLoad(context.function, depth + 1))) return false;
      found = true;
    }
    return found;
  }
}

function loadTime(context: ExecutionContext): ExecutionContext {
  return { runtime: false, where: `${context.where} (only called while modules load)`, requestPath: false };
}


/** NestJS builds a singleton provider once at start-up and calls its init hooks once. */
function isRunOnceByNest(fn: ts.FunctionLikeDeclaration): boolean {
  const isStartUpMember = ts.isConstructorDeclaration(fn) || (ts.isMethodDeclaration(fn) && NEST_INIT_HOOKS.has(staticName(fn.name) ?? ''));
  if (!isStartUpMember || !ts.isClassDeclaration(fn.parent)) return false;
  return singletonReason(fn.parent)?.startsWith('NestJS') ?? false;
}

const NEST_INIT_HOOKS = new Set(['onModuleInit', 'onApplicationBootstrap']);
