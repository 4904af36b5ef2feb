import { ts } from '../src/shared/typescript.cjs';
import { collectionKindOf } from '../src/facts/collections.js';
import type { StateHolder } from '../src/facts/holders.js';
import { libraryStateAt, matchSourceCall, reportLibraryState } from './utils/library-calls.js';
import { isWrite, WRITE_USES, type Use, type UseSelector } from '../src/facts/uses.js';
import { booleanLiteralOf, enclosingSection, isInFinally } from '../src/facts/sections.js';
import { isLifecycleFunction } from '../src/facts/set-once.js';
import { describeWrites, operationOf, writeEvidence } from './utils/write-evidence.js';
import { objectLiteralOf } from '../src/facts/origins.js';
import { propertyValue, shortText, skipOuterExpressions } from '../src/facts/syntax.js';
import { defineRule, type EvidenceInput, type RuleContext } from '../src/engine/rule.js';

type MessageId = 'library' | 'libraryShared' | 'inProgress' | 'busyFlag' | 'lockTable' | 'promiseChain';

const LOCK_NOUNS: ReadonlySet<string> = new Set(['lock', 'locks', 'mutex', 'mutexes', 'semaphore', 'semaphores']);
const MARKS: ReadonlySet<string> = new Set(['add', 'set']);
const CHECKS: ReadonlySet<string> = new Set(['has', 'get']);
const CHAINS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);
/** What a check-mark-release section is made of. */
const SECTION_USES: UseSelector = { kinds: ['call', 'delete'], methods: new Set([...MARKS, ...CHECKS, 'delete']) };

export default defineRule({
  id: 'local-lock',
  kind: 'lock',
  title: 'Lock held in process memory',
  description:
    'Flags mutual exclusion that only works inside one process, created for the life of the process: async-mutex, async-lock, await-semaphore and async-sema locks, p-limit with a concurrency of 1, hand-rolled "in progress" Sets and Maps (checked, marked, released in one function), busy flags toggled around work, promise chains that queue work behind each other (`queue = queue.then(task)`), and tables named as locks. Redlock and redis-semaphore locks are reported as Instance-local N.',
  severity: 'error',
  impact:
    'Two instances both enter the critical section: the job runs twice, the same order is charged or shipped twice, and a request waiting on the lock here does not wait for the holder on another instance.',
  move: 'Take a distributed lock (Redlock, redis-semaphore, a database advisory lock or SELECT … FOR UPDATE), or let a unique constraint or a conditional update reject the second writer.',
  precedence: 35,
  messages: {
    library: '{{label}} `{{name}}` is a lock held in process memory',
    libraryShared: '{{label}} `{{name}}` is a lock held in a shared store',
    inProgress: 'hand-rolled in-progress lock `{{name}}` ({{writes}})',
    busyFlag: 'busy flag `{{name}}` guards a critical section in {{where}}',
    lockTable: 'in-process lock table `{{name}}` ({{writes}})',
    promiseChain: 'promise chain `{{name}}` serializes work within this process',
  },
  docs: {
    rationale:
      'A lock only excludes the code that can see it. One created at module scope or in a singleton lives in one process, so every other instance holds its own, free copy.',
    notState:
      'A lock created per request or per call guards nothing shared between requests. p-limit with a concurrency above 1 and p-throttle cap how fast this instance calls out; they exclude nothing, so they are not locks (their caps multiply with the number of instances). A Set that only tracks what is in flight (added and removed, never checked before work) is not a lock. Redlock and redis-semaphore keep the lock in Redis and get an Instance-local N line.',
    flagged: [
      "import { Mutex } from 'async-mutex';",
      'const stockMutex = new Mutex();',
      'export async function reserveStock(sku: string, quantity: number) {',
      '  return stockMutex.runExclusive(async () => ({ sku, quantity }));',
      '}',
    ].join('\n'),
    notFlagged: [
      "import pLimit from 'p-limit';",
      'const outboundCalls = pLimit(8);',
      'export function fetchAll(urls: string[]) {',
      '  return Promise.all(urls.map((url) => outboundCalls(() => fetch(url))));',
      '}',
    ].join('\n'),
  },
  create(context) {
    const check = (node: ts.CallExpression | ts.NewExpression): void => reportLibraryLock(node, context);
    return {
      CallExpression: check,
      NewExpression: check,
      'Program:exit'() {
        for (const holder of context.stateHolders()) reportHandRolledLock(holder, context);
      },
    };
  },
});

function reportLibraryLock(node: ts.CallExpression | ts.NewExpression, context: RuleContext<MessageId>): void {
  const state = libraryStateAt(node, 'local-lock', context);
  if (!state?.site.lifetime || wrappedByLock(node, context)) return;
  const { source, call, options } = state.match;
  if (source.onlyWhenOne !== undefined && !limitIsOne(options, source.onlyWhenOne, context)) return;
  // A concurrency of 1 works as a mutex, but the author may only mean to pace outgoing calls.
  const placement = source.onlyWhenOne === undefined ? state.placement : { ...state.placement, confidence: 'medium' as const };
  reportLibraryState(context, { ...state, placement }, { local: 'library', shared: 'libraryShared' }, [
    { node: call, message: `created by ${source.label} (${state.site.lifetime})` },
  ]);
}

/** `withTimeout(new Mutex(), 500)`: the outer call is the lock that is kept. */
function wrappedByLock(node: ts.Node, context: RuleContext<MessageId>): boolean {
  let parent = node.parent;
  while (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent)) parent = parent.parent;
  if (!ts.isCallExpression(parent) && !ts.isNewExpression(parent)) return false;
  return matchSourceCall(parent, 'local-lock', context.facts, context.catalogue) !== undefined;
}

function limitIsOne(options: ts.Expression | undefined, option: string, context: RuleContext<MessageId>): boolean {
  const literal = objectLiteralOf(options, context.facts);
  const value = literal ? propertyValue(literal, option) : options && skipOuterExpressions(options);
  return value !== undefined && ts.isNumericLiteral(value) && Number(value.text) === 1;
}

function reportHandRolledLock(holder: StateHolder, context: RuleContext<MessageId>): void {
  // Each shape looks at the uses it needs only: a file's findings then depend on no others.
  const runtimeUses = (selector: UseSelector): Use[] => context.facts.usesOf(holder.key, selector).filter((use) => use.context.runtime);
  const collection = collectionKindOf(holder.initializer);
  if (collection === 'map' || collection === 'set') {
    const section = checkMarkRelease(runtimeUses(SECTION_USES));
    if (section) {
      context.report({
        node: holder.declaration,
        messageId: 'inProgress',
        data: { name: holder.name, writes: describeWrites([section.mark, section.release]) },
        symbol: holder.name,
        confidence: isInFinally(section.release.node) ? 'high' : 'medium',
        evidence: [...ownerEvidence(holder), ...[section.check, section.mark, section.release].map(describeUse)],
      });
      return;
    }
  }
  if (collection && namesLocks(holder.name)) {
    const writes = runtimeUses(WRITE_USES).filter((use) => isWrite(use) && use.kind !== 'assign');
    if (writes.length === 0) return;
    const data = { name: holder.name, writes: describeWrites(writes) };
    context.report({ node: holder.declaration, messageId: 'lockTable', data, symbol: holder.name, confidence: 'medium', evidence: writeEvidence(holder, writes) });
    return;
  }
  if (booleanLiteralOf(holder.initializer) !== undefined) reportBusyFlag(holder, runtimeUses({ kinds: ['assign'] }), context);
  else if (!collection) reportPromiseChain(holder, runtimeUses({ kinds: ['call', 'assign'], methods: CHAINS }), context);
}

/** `queue = queue.then(task)`: each caller waits for the one before it, in this process only. */
function reportPromiseChain(holder: StateHolder, uses: readonly Use[], context: RuleContext<MessageId>): void {
  // The first assignment of each section, found in one pass (a search per call was quadratic).
  const firstAssignment = new Map<ts.Node | undefined, Use>();
  for (const use of uses) {
    if (use.kind !== 'assign') continue;
    const section = enclosingSection(use.node);
    if (!firstAssignment.has(section)) firstAssignment.set(section, use);
  }
  for (const chained of uses) {
    if (chained.kind !== 'call' || !CHAINS.has(chained.method!)) continue;
    const replaced = firstAssignment.get(enclosingSection(chained.node));
    if (!replaced) continue;
    context.report({
      node: holder.declaration,
      messageId: 'promiseChain',
      data: { name: holder.name },
      symbol: holder.name,
      confidence: 'high',
      evidence: [...ownerEvidence(holder), describeUse(chained), describeUse(replaced)],
    });
    return;
  }
}

/** A function that checks the collection, marks a key and releases it again: the shape of a lock. */
function checkMarkRelease(uses: readonly Use[]): { check: Use; mark: Use; release: Use } | undefined {
  // The first check and release of each section, found in one pass: a search per mark was
  // quadratic in the writers of one collection (8,000 files writing one Map took 31 s).
  const sections = new Map<ts.Node | undefined, { check?: Use; release?: Use }>();
  for (const use of uses) {
    const isCheck = use.kind === 'call' && CHECKS.has(use.method!);
    const isRelease = (use.kind === 'call' && use.method === 'delete') || use.kind === 'delete';
    if (!isCheck && !isRelease) continue;
    const section = enclosingSection(use.node);
    let found = sections.get(section);
    if (!found) sections.set(section, (found = {}));
    if (isCheck) found.check ??= use;
    if (isRelease) found.release ??= use;
  }
  for (const mark of uses) {
    if (mark.kind !== 'call' || !MARKS.has(mark.method!)) continue;
    const section = enclosingSection(mark.node);
    if (guardsLifecycle(section)) continue;
    const { check, release } = sections.get(section) ?? {};
    if (check && release) return { check, mark, release };
  }
  return undefined;
}

/** `busy = true; try { … } finally { busy = false }` in one function. */
function reportBusyFlag(holder: StateHolder, uses: readonly Use[], context: RuleContext<MessageId>): void {
  const toggles = uses.filter((use) => use.kind === 'assign' && booleanLiteralOf((use.node as ts.BinaryExpression).right) !== undefined);
  // The first toggle to each value in each section, found in one pass (a search per toggle was quadratic).
  const firstBySection = new Map<ts.Node | undefined, Map<boolean, Use>>();
  for (const use of toggles) {
    const section = enclosingSection(use.node);
    let byValue = firstBySection.get(section);
    if (!byValue) firstBySection.set(section, (byValue = new Map()));
    const value = booleanLiteralOf((use.node as ts.BinaryExpression).right)!;
    if (!byValue.has(value)) byValue.set(value, use);
  }
  for (const enter of toggles) {
    const section = enclosingSection(enter.node);
    if (guardsLifecycle(section)) continue;
    const value = booleanLiteralOf((enter.node as ts.BinaryExpression).right);
    const leave = firstBySection.get(section)?.get(!value);
    if (!leave) continue;
    context.report({
      node: holder.declaration,
      messageId: 'busyFlag',
      data: { name: holder.name, where: enter.context.where },
      symbol: holder.name,
      confidence: isInFinally(leave.node) ? 'high' : 'medium',
      evidence: [...ownerEvidence(holder), describeUse(enter), describeUse(leave)],
    });
    return;
  }
}

function ownerEvidence(holder: StateHolder): EvidenceInput[] {
  return holder.owner ? [{ node: holder.owner.node, message: `held by \`${holder.owner.className}\`: ${holder.owner.reason}` }] : [];
}

function describeUse(use: Use): EvidenceInput {
  const operation = use.kind === 'assign' ? `= ${assignedText(use.node as ts.BinaryExpression)}` : operationOf(use);
  const finallyNote = isInFinally(use.node) ? ' (finally)' : '';
  return { node: use.node, message: `${operation} in ${use.context.where}${finallyNote}` };
}

function assignedText(assignment: ts.BinaryExpression): string {
  return shortText(assignment.right, assignment.getSourceFile(), 30);
}

/** `orderLocks`, `jobMutexes`, `lockedOrders` name locks; `lockCounter`, `blockedUsers` do not. */
function namesLocks(holderName: string): boolean {
  // `OrderService.lockedOrders`: the field's own name.
  const words = holderName
    .slice(holderName.lastIndexOf('.') + 1)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
  return LOCK_NOUNS.has(words.at(-1) ?? '') || words[0] === 'locked';
}

/** A guard around this instance's own start-up or shutdown is per instance by design. */
function guardsLifecycle(section: ts.FunctionLikeDeclaration | undefined): boolean {
  return section !== undefined && isLifecycleFunction(section);
}
