import { createHash } from 'node:crypto';
import { ts } from '#ts';
import type { ModuleLinker } from './cross-file.js';
import type { ExecutionContext } from './execution.js';
import { singletonReason } from './holders.js';
import type { ModuleFacts } from './module-facts.js';
import { describeCallee, type Callee } from './callees.js';
import { callKey, passedKey, type Reads } from './reads.js';
import { skipOuterExpressions, staticName } from './syntax.js';

const MAX_DEPTH = 3;

/**
 * Functions that only ever run while modules load: a registry's `PluginManager.add(…)` called
 * at module scope of each plugin file, an `init()` called by the entry, the constructor of a
 * class only built at module scope. A function with no call seen, or passed somewhere as a
 * callback, is not one: something else may call it per request. Ask once every file is walked.
 */
export class LoadTimeFunctions {
  private index?: { calls: Map<string, CallSite[]>; passed: Map<string, NamedSite[]> };
  private readonly verdicts = new Map<ts.Node, { verdict: boolean; reads: Reads | undefined }[]>();

  constructor(private readonly linker: ModuleLinker) {}

  /** The context of the code at `node`, load-time when its function only runs while modules load. */
  contextOf(node: ts.Node, facts: ModuleFacts): ExecutionContext {
    const context = facts.execution.of(node);
    return context.runtime && context.function && this.runsOnlyAtLoad(context.function, 0) ? loadTime(context) : context;
  }

  /** Rewrites the recorded uses of every module whose function only runs while modules load. */
  markUses(): void {
    for (const facts of this.linker.modules) {
      for (const use of facts.allUses()) {
        // Code inside a request handler runs per request, whoever calls its function.
        const fn = use.context.runtime && !use.context.requestPath ? use.context.function : undefined;
        if (!fn) continue;
        if (this.runsOnlyAtLoad(fn, 0)) use.context = loadTime(use.context);
        use.reads = this.verdicts.get(fn)![0]!.reads;
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
    if (!byDepth) this.verdicts.set(fn, (byDepth = []));
    const known = byDepth[depth];
    if (known) {
      this.linker.recorder.link(known.reads);
      return known.verdict;
    }
    const { value: verdict, reads } = this.linker.recorder.collect(() => this.decide(fn, depth));
    byDepth[depth] = { verdict, reads };
    return verdict;
  }

  private decide(fn: ts.FunctionLikeDeclaration, depth: number): boolean {
    this.linker.recorder.path(fn.getSourceFile().fileName);
    if (isRunOnceByNest(fn)) return true;
    // A call from a function itself only ever called that deep proves nothing: recursion ends here.
    if (depth >= MAX_DEPTH) return false;
    this.index ??= { calls: indexCalls(this.linker.modules), passed: indexPassed(this.linker.modules) };
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

interface NamedSite {
  node: ts.Expression;
  call?: ts.CallExpression | ts.NewExpression;
  facts: ModuleFacts;
}

type CallSite = NamedSite & { call: ts.CallExpression | ts.NewExpression };

/** Every named call and `new` of the scan, by the name called. */
function indexCalls(modules: readonly ModuleFacts[]): Map<string, CallSite[]> {
  const index = new Map<string, CallSite[]>();
  for (const facts of modules) {
    for (const call of facts.namedCalls()) addByName(index, { node: call.expression, call, facts });
    for (const call of facts.namedConstructions()) addByName(index, { node: call.expression, call, facts });
  }
  return index;
}

/** Every named function passed as an argument, by its name. */
function indexPassed(modules: readonly ModuleFacts[]): Map<string, NamedSite[]> {
  const index = new Map<string, NamedSite[]>();
  for (const facts of modules) for (const node of facts.passedFunctions()) addByName(index, { node, facts });
  return index;
}

/**
 * What a module adds to the load-time indexes: its calls and passed functions, by name, each
 * with a digest of everything a verdict reads of this file about them. That is the top-level
 * statements they are in (their execution context, the callee and its receiver) and what names
 * resolve through (imports, top-level variables, the names of top-level functions and
 * classes). Positions are left out: a verdict is a yes or no. An edit elsewhere in the file
 * leaves the digest as it was, and the verdicts that read it need not be worked out again.
 */
export function loadTimeContributionsOf(facts: ModuleFacts): { key: string; digest: string }[] {
  const statements = facts.sourceFile.statements;
  const shared = createHash('sha1');
  for (const statement of statements) {
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || ts.isVariableStatement(statement)) shared.update(statement.getText(facts.sourceFile)).update('\0');
    else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) shared.update(statement.name.text).update('\0');
  }
  const sharedDigest = shared.digest('base64');
  const statementDigests = new Map<ts.Node, string>();
  const statementDigest = (node: ts.Node): string => {
    const statement = topLevelStatementOf(node);
    let digest = statementDigests.get(statement);
    if (digest === undefined) statementDigests.set(statement, (digest = createHash('sha1').update(statement.getText(facts.sourceFile)).digest('base64')));
    return digest;
  };
  const sites = new Map<string, string[]>();
  const add = (key: string, node: ts.Node): void => {
    const list = sites.get(key);
    if (list) list.push(statementDigest(node));
    else sites.set(key, [statementDigest(node)]);
  };
  for (const call of [...facts.namedCalls(), ...facts.namedConstructions()]) {
    const name = nameOf(call.expression);
    if (name) add(callKey(name), call);
  }
  for (const node of facts.passedFunctions()) {
    const name = nameOf(node);
    if (name) add(passedKey(name), node);
  }
  return [...sites].map(([key, digests]) => ({ key, digest: createHash('sha1').update(sharedDigest).update(digests.join('\0')).digest('base64') }));
}

function topLevelStatementOf(node: ts.Node): ts.Node {
  let current = node;
  while (current.parent && !ts.isSourceFile(current.parent)) current = current.parent;
  return current;
}

function loadTime(context: ExecutionContext): ExecutionContext {
  return { runtime: false, where: `${context.where} (only called while modules load)`, requestPath: false };
}

function nameOf(node: ts.Expression): string | undefined {
  return staticName(skipOuterExpressions(node));
}

function addByName<T extends NamedSite>(index: Map<string, T[]>, site: T): void {
  const name = nameOf(site.node);
  if (!name) return;
  const list = index.get(name);
  if (list) list.push(site);
  else index.set(name, [site]);
}

/** NestJS builds a singleton provider once at start-up and calls its init hooks once. */
function isRunOnceByNest(fn: ts.FunctionLikeDeclaration): boolean {
  const isStartUpMember = ts.isConstructorDeclaration(fn) || (ts.isMethodDeclaration(fn) && NEST_INIT_HOOKS.has(staticName(fn.name) ?? ''));
  if (!isStartUpMember || !ts.isClassDeclaration(fn.parent)) return false;
  return singletonReason(fn.parent)?.startsWith('NestJS') ?? false;
}

const NEST_INIT_HOOKS = new Set(['onModuleInit', 'onApplicationBootstrap']);
