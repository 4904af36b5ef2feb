import { ts } from '../src/shared/typescript.cjs';
import { creationSiteOf } from '../src/facts/creation-site.js';
import { matchSourceCall, type SourceCall } from './utils/library-calls.js';
import type { ModuleFacts } from '../src/facts/module-facts.js';
import { objectLiteralOf } from '../src/facts/origins.js';
import { booleanLiteralOf } from '../src/facts/sections.js';
import { findProperty, propertyValue, skipOuterExpressions, staticName } from '../src/facts/syntax.js';
import type { StateSource } from '../src/catalogue/types.js';
import type { Confidence } from '../src/report/finding.js';
import { defineRule, type EvidenceInput, type RuleContext } from '../src/engine/rule.js';

type MessageId = 'affinity';

export default defineRule({
  id: 'sticky-sessions',
  kind: 'affinity',
  title: 'Load-balancer affinity (sticky sessions)',
  description:
    'Flags code that asks the load balancer to pin clients to one instance: sticky-session and @socket.io/sticky in the service, and target-group stickiness in infrastructure-as-code written in TypeScript (AWS CDK `stickinessCookieDuration` and `enableCookieStickiness()`, Pulumi and CDK for Terraform `stickiness` blocks).',
  severity: 'warning',
  impact:
    'The load balancer becomes stateful: deploys and scale-in must drain pinned clients, an instance that dies takes its clients\' sessions with it, and one heavy client stays on one hot instance while others idle.',
  move: 'Move the state the affinity protects to a shared store (sessions in Redis, a socket.io Redis adapter) and turn stickiness off; keep affinity only for live connections (WebSocket, long polling) and let clients reconnect anywhere.',
  precedence: 28,
  messages: {
    affinity: '{{label}} pins each client to the server process that served it first',
  },
  docs: {
    rationale:
      'Affinity is how a stateful tier hides its state: the service only works because the same client keeps reaching the same instance. It makes the load balancer remember that mapping and ties users to instances.',
    notState:
      'A target group without stickiness, or with `stickiness: { enabled: false }`, is not flagged. Infrastructure folders (`infra/`, `cdk/`, `pulumi/`, `deploy/` …) are scanned even when the service\'s tsconfig leaves them out. Stickiness set in YAML, HCL or the console is out of reach of a TypeScript scan.',
    flagged: [
      "import * as aws from '@pulumi/aws';",
      "export const web = new aws.lb.TargetGroup('web', {",
      "  port: 8080, protocol: 'HTTP', vpcId: 'vpc-0a1b2c3d',",
      "  stickiness: { type: 'lb_cookie', cookieDuration: 86_400 },",
      '});',
    ].join('\n'),
    notFlagged: [
      "import * as aws from '@pulumi/aws';",
      "export const web = new aws.lb.TargetGroup('web', {",
      "  port: 8080, protocol: 'HTTP', vpcId: 'vpc-0a1b2c3d',",
      "  stickiness: { type: 'lb_cookie', enabled: false },",
      '});',
    ].join('\n'),
  },
  create(context) {
    const methods = context.catalogue.sources.filter((source) => source.rule === 'sticky-sessions' && source.method && importsModule(context.facts, source.module));
    return {
      CallExpression(node) {
        const match = matchSourceCall(node, 'sticky-sessions', context.facts, context.catalogue) ?? matchMethod(node, methods);
        if (match) reportAffinity(match, context);
      },
      NewExpression(node) {
        const match = matchSourceCall(node, 'sticky-sessions', context.facts, context.catalogue);
        if (match) reportAffinity(match, context);
      },
    };
  },
});

interface AffinityRequest {
  node: ts.Node;
  confidence: Confidence;
  reason: string;
}

function reportAffinity(match: SourceCall, context: RuleContext<MessageId>): void {
  if (match.source.method && !ts.isCallExpression(match.call)) return;
  const request = affinityRequested(match, context);
  if (!request) return;
  const evidence: EvidenceInput[] = [{ node: request.node, message: request.reason }];
  context.report({
    node: request.node,
    messageId: 'affinity',
    data: { label: match.source.label },
    symbol: creationSiteOf(match.call, context.facts, context.stateHolders()).name,
    confidence: request.confidence,
    evidence,
  });
}

/** Where the call asks for affinity: the whole call, or the option that turns stickiness on. */
function affinityRequested(match: SourceCall, context: RuleContext<MessageId>): AffinityRequest | undefined {
  const { source, call } = match;
  if (!source.activeWhen) return { node: call, confidence: 'high', reason: `${source.label} routes each client back to the same server process` };
  const options = objectLiteralOf(match.options, context.facts);
  const property = options && findProperty(options, source.activeWhen);
  const value = options && propertyValue(options, source.activeWhen);
  if (!property || !value || (ts.isIdentifier(value) && value.text === 'undefined')) return undefined;
  if (!source.switchedOffBy) return { node: property, confidence: 'high', reason: `\`${source.activeWhen}\` is set: stickiness is on` };
  const block = objectLiteralOf(value, context.facts);
  const switch_ = block && propertyValue(block, source.switchedOffBy);
  if (!switch_) return { node: property, confidence: 'high', reason: `\`${source.activeWhen}\` without \`${source.switchedOffBy}\`: stickiness defaults to on` };
  const enabled = booleanLiteralOf(switch_);
  if (enabled === false) return undefined;
  if (enabled === true) return { node: property, confidence: 'high', reason: `\`${source.switchedOffBy}: true\` turns stickiness on` };
  return { node: property, confidence: 'medium', reason: `\`${source.switchedOffBy}\` is not a literal: stickiness may be on` };
}

/** `targetGroup.enableCookieStickiness(…)` in a file that imports the library: methods are matched by name. */
function matchMethod(call: ts.CallExpression, methods: readonly StateSource[]): SourceCall | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const name = staticName(callee.name);
  const source = methods.find((candidate) => candidate.export === name && startsWithArguments(call, candidate.whenArguments ?? []));
  return source ? { source, call, options: call.arguments[source.optionsArgument ?? 0] } : undefined;
}

function startsWithArguments(call: ts.CallExpression, expected: readonly string[]): boolean {
  return expected.every((text, index) => {
    const argument = call.arguments[index];
    return argument !== undefined && ts.isStringLiteralLike(argument) && argument.text === text;
  });
}

function importsModule(facts: ModuleFacts, module: string): boolean {
  for (const binding of facts.imports.values()) {
    if (binding.module === module || binding.module.startsWith(`${module}/`)) return true;
  }
  return false;
}
