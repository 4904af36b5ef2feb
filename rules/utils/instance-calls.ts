import { ts } from '../../src/shared/typescript.cjs';
import type { Catalogue, StateSource } from '../../src/catalogue/types.js';
import type { RuleContext } from '../../src/engine/rule.js';
import type { ImportedReference } from '../../src/facts/imports.js';
import type { Placement, SourceCall } from './library-calls.js';
import type { ModuleFacts } from '../../src/facts/module-facts.js';
import { originOf } from '../../src/facts/origins.js';
import { enclosingClassOfThis, skipOuterExpressions, staticName } from '../../src/facts/syntax.js';

/** The methods of created objects that the catalogue lists for a rule (`add` of `Queue#add`); rules ask once per file. */
export function instanceMethodsOf(catalogue: Catalogue, ruleId: string): ReadonlySet<string> {
  let byRule = methodsByCatalogue.get(catalogue);
  if (!byRule) methodsByCatalogue.set(catalogue, (byRule = new Map()));
  const known = byRule.get(ruleId);
  if (known) return known;
  const methods = new Set<string>();
  for (const source of catalogue.sources) {
    const separator = source.export.indexOf('#');
    if (source.rule === ruleId && separator > 0) methods.add(source.export.slice(separator + 1));
  }
  byRule.set(ruleId, methods);
  return methods;
}

const methodsByCatalogue = new WeakMap<Catalogue, Map<string, ReadonlySet<string>>>();

/**
 * A method call on an object a catalogued export created, matched as `Export#method`
 * (`reports.add(…)` on a BullMQ `Queue` is `Queue#add`). Its options are the source's
 * `optionsArgument`, or the last argument.
 */
export function matchInstanceCall(call: ts.CallExpression, ruleId: string, context: RuleContext): SourceCall | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const origin = receiverOrigin(callee.expression, context);
  if (!origin) return undefined;
  const exportName = origin.name === '*' ? 'default' : origin.name;
  const reference = { module: origin.module, name: `${exportName}#${callee.name.text}` };
  const source = context.catalogue.sourcesFor(reference).find((candidate) => candidate.rule === ruleId);
  if (!source) return undefined;
  return { source, call, options: call.arguments[source.optionsArgument ?? call.arguments.length - 1] };
}

/**
 * The export an object comes from: through module constants, long-lived fields (their
 * initializer or declared type) and constructor parameter properties (`private queue: Queue`).
 */
export function receiverOrigin(expression: ts.Expression, context: RuleContext): ImportedReference | undefined {
  const direct = originOf(expression, context.facts);
  if (direct) return direct;
  const key = context.facts.holderOf(expression);
  const holder = key === undefined ? undefined : context.stateHolders().find((candidate) => candidate.key === key);
  if (holder?.initializer) return originOf(holder.initializer, context.facts);
  const type = holder ? declaredType(holder.declaration) : parameterPropertyType(expression);
  return type && typeOrigin(type, context.facts);
}

function declaredType(declaration: ts.Node): ts.TypeNode | undefined {
  return ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) ? declaration.type : undefined;
}

/** The declared type of `this.x` when `x` is a constructor parameter property. */
function parameterPropertyType(expression: ts.Expression): ts.TypeNode | undefined {
  const target = skipOuterExpressions(expression);
  if (!ts.isPropertyAccessExpression(target) || target.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const constructor = enclosingClassOfThis(target)?.members.find(ts.isConstructorDeclaration);
  const parameter = constructor?.parameters.find(
    (candidate) => staticName(candidate.name) === target.name.text && ts.canHaveModifiers(candidate) && (ts.getModifiers(candidate)?.length ?? 0) > 0,
  );
  return parameter?.type;
}

/** `Queue` or `bullmq.Queue` in a type position, resolved through the imports. */
function typeOrigin(type: ts.TypeNode, facts: ModuleFacts): ImportedReference | undefined {
  if (!ts.isTypeReferenceNode(type)) return undefined;
  const name = type.typeName;
  if (ts.isIdentifier(name)) {
    const imported = facts.importOf(name);
    return imported && { module: imported.module, name: imported.imported };
  }
  const namespace = ts.isIdentifier(name.left) ? facts.importOf(name.left) : undefined;
  return namespace && { module: namespace.module, name: name.right.text };
}

/**
 * Where the state goes when a store is attached by a method (`io.adapter(createAdapter(…))`,
 * the source's `externalizedBy.method`): a catalogued shared store, a host-only value listed in
 * `unlessValueFrom`, or an unknown store assumed to be shared.
 */
export function attachedStorePlacement(argument: ts.Expression, source: StateSource, context: RuleContext): Placement {
  const origin = originOf(argument, context.facts);
  const hostOnly = origin && source.externalizedBy?.unlessValueFrom?.some((local) => context.catalogue.matches(origin, local));
  if (hostOnly) return { instanceLocal: true, confidence: 'high', reason: `the adapter from ${origin!.module} links the processes of one host only`, node: argument };
  const store = origin && context.catalogue.storeFor(origin);
  if (store) return { instanceLocal: false, confidence: 'high', reason: store.note, node: argument };
  return { instanceLocal: false, confidence: 'medium', reason: 'an adapter is attached: assumed to be shared', node: argument };
}
