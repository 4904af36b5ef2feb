import { ts } from '../../src/shared/typescript.cjs';
import type { Catalogue, Externalization, StateSource } from '../../src/catalogue/types.js';
import type { Confidence } from '../../src/report/finding.js';
import type { RuleContext } from '../../src/engine/rule.js';
import { creationSiteOf, type CreationSite } from '../../src/facts/creation-site.js';
import type { Factory, FactoryIndex } from '../../src/facts/factories.js';
import type { ImportedReference } from '../../src/facts/imports.js';
import type { ModuleFacts } from '../../src/facts/module-facts.js';
import { calleeReference, objectLiteralOf, originOf } from '../../src/facts/origins.js';
import { hasSpread, propertyValue, skipOuterExpressions, staticName } from '../../src/facts/syntax.js';

/** A call or `new` of a catalogued library export, directly or through one of the service's helpers. */
export interface SourceCall {
  source: StateSource;
  /** Where the state is created, as the caller sees it. */
  call: ts.CallExpression | ts.NewExpression;
  /** The options argument, when given. */
  options?: ts.Expression;
  /** The module the options are written in, when a helper in another module makes the call. */
  optionsFacts?: ModuleFacts;
  /** The helper that makes the library call (`createCache()`), when there is one. */
  helper?: Factory;
}

/** Where a library call keeps its state, and the sentence that says why. */
export interface Placement {
  instanceLocal: boolean;
  confidence: Confidence;
  /** "no `store` option: the default store is in process memory". */
  reason: string;
  /** The node the reason points at (the option, or the call). */
  node: ts.Node;
}

/**
 * Matches `new X(…)` / `x(…)` against the catalogue's sources for `ruleId`, including plugins
 * registered as `app.register(plugin, options)`.
 */
export function matchSourceCall(
  node: ts.CallExpression | ts.NewExpression,
  ruleId: string,
  facts: ModuleFacts,
  catalogue: Catalogue,
  factories?: FactoryIndex,
): SourceCall | undefined {
  const direct = sourceFor(calleeReference(node.expression, facts), ruleId, catalogue);
  if (direct) return { source: direct, call: node, options: optionsArgumentOf(node, direct.optionsArgument ?? 0) };
  const helper = factories?.factoryFor(node.expression, facts);
  if (helper) {
    const created = helper.created;
    const source = sourceFor(calleeReference(created.expression, helper.facts), ruleId, catalogue);
    if (source && !attachesStoreLater(source)) return { source, call: node, options: optionsArgumentOf(created, source.optionsArgument ?? 0), optionsFacts: helper.facts, helper };
  }
  if (!ts.isCallExpression(node) || staticName(node.expression) !== 'register') return undefined;
  const pluginArgument = node.arguments[0];
  const plugin = pluginArgument && sourceFor(originOf(pluginArgument, facts), ruleId, catalogue);
  return plugin?.plugin ? { source: plugin, call: node, options: node.arguments[1] } : undefined;
}

/** The options argument; a later one comes first when the leading arguments are left out (`new Server({ adapter })`). */
function optionsArgumentOf(node: ts.CallExpression | ts.NewExpression, index: number): ts.Expression | undefined {
  const args = node.arguments ?? [];
  if (index < args.length) return args[index];
  const last = args[args.length - 1];
  return last && ts.isObjectLiteralExpression(skipOuterExpressions(last)) ? last : undefined;
}

function sourceFor(reference: ImportedReference | undefined, ruleId: string, catalogue: Catalogue): StateSource | undefined {
  return reference && catalogue.sourcesFor(reference).find((source) => source.rule === ruleId);
}

/** Decides from the options whether the state stays in this process or goes to a shared store. */
export function placementOf(match: SourceCall, callerFacts: ModuleFacts, catalogue: Catalogue): Placement {
  const { source, call } = match;
  const facts = match.optionsFacts ?? callerFacts;
  if (source.shared) return shared(source.sharedNote ?? `${source.label} keeps its state in a shared store`, call);
  const rules = source.externalizedBy;
  if (!rules) return local(`${source.label} keeps its state in process memory`, call);
  const literal = objectLiteralOf(match.options, facts);
  if (rules.option !== undefined) return placementByOption(match, rules, literal, facts, catalogue);
  return placementByValue(match.options, rules, source, call, facts, catalogue);
}

function placementByOption(
  match: SourceCall,
  rules: Externalization,
  literal: ts.ObjectLiteralExpression | undefined,
  facts: ModuleFacts,
  catalogue: Catalogue,
): Placement {
  const option = rules.option!;
  const { source, call } = match;
  if (!literal) {
    if (!match.options) return absent(rules, source, option, call);
    return { instanceLocal: true, confidence: 'low', reason: `options are not a literal: cannot tell whether \`${option}\` is set`, node: match.options };
  }
  const value = propertyValue(literal, option);
  if (!value) {
    if (hasSpread(literal)) {
      return { instanceLocal: true, confidence: 'low', reason: `\`${option}\` may come from a spread: cannot tell`, node: literal };
    }
    return absent(rules, source, option, call);
  }
  return placementByValue(value, rules, source, call, facts, catalogue, option);
}

function absent(rules: Externalization, source: StateSource, option: string, call: ts.Node): Placement {
  if (rules.sharedByDefault) return shared(source.sharedNote ?? `${source.label} defaults to a shared store`, call);
  return local(`no \`${option}\` option: ${source.label} keeps its state in process memory`, call);
}

function placementByValue(
  value: ts.Expression | undefined,
  rules: Externalization,
  source: StateSource,
  call: ts.Node,
  facts: ModuleFacts,
  catalogue: Catalogue,
  option?: string,
): Placement {
  const what = option ? `\`${option}\`` : 'the store argument';
  if (!value) return local(`no store given: ${source.label} keeps its state in process memory`, call);
  const literal = skipOuterExpressions(value);
  if (ts.isStringLiteralLike(literal)) {
    const memory = rules.memoryValues?.includes(literal.text) || (rules.values !== undefined && !rules.values.includes(literal.text));
    return memory
      ? local(`${what} is '${literal.text}': state stays in process memory`, value)
      : shared(`${what} is '${literal.text}': ${source.sharedNote ?? 'state in a shared store'}`, value);
  }
  const origin = originOf(value, facts);
  if (origin && rules.unlessValueFrom?.some((memoryStore) => catalogue.matches(origin, memoryStore))) {
    return local(`${what} is an in-memory store from ${origin.module}`, value);
  }
  const store = origin && catalogue.storeFor(origin);
  if (store) return shared(store.note, value);
  return { instanceLocal: false, confidence: 'medium', reason: `${what} is set: assumed to be a shared store`, node: value };
}

function local(reason: string, node: ts.Node): Placement {
  return { instanceLocal: true, confidence: 'high', reason, node };
}

function shared(reason: string, node: ts.Node): Placement {
  return { instanceLocal: false, confidence: 'high', reason, node };
}

/** A catalogued library call, where its result is kept, and where its state lives. */
export interface LibraryState {
  match: SourceCall;
  site: CreationSite;
  placement: Placement;
}

/**
 * What a library rule needs to know about a call or `new`: whether it creates catalogued state
 * for `ruleId`, what holds the result and whether the state is instance-local. Calls made inside
 * a request handler create per-request objects and are skipped, unless the result is kept in a
 * process-lifetime holder (`client ??= new Client()` in a handler).
 */
export function libraryStateAt(
  node: ts.CallExpression | ts.NewExpression,
  ruleId: string,
  context: RuleContext,
): LibraryState | undefined {
  const match = matchSourceCall(node, ruleId, context.facts, context.catalogue, context.program.factories);
  if (!match) return undefined;
  // A helper's product is reported where the helper is called, unless its store is attached
  // after creation (`io.adapter(…)`), which the helper usually does itself.
  if (!attachesStoreLater(match.source) && context.program.factories.isReturnedByFactory(node, context.facts)) return undefined;
  const site = creationSiteOf(node, context.facts, context.stateHolders());
  if (context.facts.execution.of(node).requestPath && !site.holder) return undefined;
  return { match, site, placement: placementOf(match, context.facts, context.catalogue) };
}

/**
 * Reports a library's state as one line: `localMessage` when it stays in this process,
 * `sharedMessage` (Instance-local N, the store named in the move) otherwise. `properties` are
 * facts read from the options, passed on to the finding.
 */
export function reportLibraryState<MessageId extends string>(
  context: RuleContext<MessageId>,
  state: LibraryState,
  messages: { local: MessageId; shared: MessageId },
  extraEvidence: { node: ts.Node; message: string }[] = [],
  properties?: Record<string, string | number | boolean>,
): void {
  const { match, site, placement } = state;
  context.report({
    node: site.node,
    messageId: placement.instanceLocal ? messages.local : messages.shared,
    data: { label: match.source.label, name: site.name },
    symbol: site.name,
    instanceLocal: placement.instanceLocal,
    confidence: placement.confidence,
    move: placement.instanceLocal ? undefined : `Keep it shared: ${placement.reason}.`,
    evidence: [
      ...(match.helper ? [{ node: match.helper.node, message: `created by the helper \`${match.helper.name}()\`` }] : []),
      ...extraEvidence,
      { node: placement.node, message: placement.reason },
    ],
    ...(properties ? { properties } : {}),
  });
}

/** Sources whose shared store is attached by a method call after creation (`io.adapter(createAdapter())`). */
function attachesStoreLater(source: StateSource): boolean {
  return source.externalizedBy?.method !== undefined;
}
