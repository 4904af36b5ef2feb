import { ts } from '../../src/shared/typescript.cjs';
import type { ModuleFacts } from '../../src/facts/module-facts.js';
import { objectLiteralOf } from '../../src/facts/origins.js';
import { propertyValue, skipOuterExpressions, staticName } from '../../src/facts/syntax.js';

/** How often a scheduled job runs, as far as its code says: for "runs N times per period" projections. */
export interface ScheduleProperties {
  /** The period in milliseconds, when it is a constant. */
  periodMs?: number;
  /** The cron expression, when it is a literal. */
  schedule?: string;
}

const MAX_HOPS = 4;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Plural unit names of interval objects (`{ minutes: 5 }`, toad-scheduler). */
const OBJECT_UNITS: Record<string, number> = { days: DAY, hours: HOUR, minutes: MINUTE, seconds: SECOND, milliseconds: 1 };
const CRON_KEYS = ['pattern', 'cron', 'cronTime', 'cronExpression'];
const HUMAN_INTERVAL = /^(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hours?|d|days?|w|weeks?)$/i;
const CRON_FIELD = /^[\d*?/,\-LW#A-Za-z]+$/;
const CRON_NICKNAME = /^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/;
/** NestJS `CronExpression.EVERY_5_MINUTES`, `EVERY_HOUR`, `EVERY_DAY_AT_1AM`. */
const NEST_CRON_NAME = /^EVERY_(?:(\d+)_)?(SECOND|MINUTE|HOUR|DAY|WEEK)S?(?:_AT_\w+)?$/;
const UNIT_BY_NAME: Record<string, number> = { SECOND, MINUTE, HOUR, DAY, WEEK };

/** The value of a constant numeric expression: literals, arithmetic and module constants (`5 * 60 * 1000`). */
export function numericValue(expression: ts.Expression, facts: ModuleFacts, hops = 0): number | undefined {
  if (hops > MAX_HOPS) return undefined;
  const value = skipOuterExpressions(expression);
  if (ts.isNumericLiteral(value)) return Number(value.text);
  if (ts.isPrefixUnaryExpression(value) && value.operator === ts.SyntaxKind.MinusToken) {
    const operand = numericValue(value.operand, facts, hops);
    return operand === undefined ? undefined : -operand;
  }
  if (ts.isBinaryExpression(value)) {
    const left = numericValue(value.left, facts, hops);
    const right = left === undefined ? undefined : numericValue(value.right, facts, hops);
    return right === undefined ? undefined : arithmetic(value.operatorToken.kind, left!, right);
  }
  if (ts.isIdentifier(value)) {
    const binding = facts.bindingOf(value);
    if (binding?.declarationKind !== 'const' || !binding.initializer) return undefined;
    return numericValue(binding.initializer, facts, hops + 1);
  }
  return undefined;
}

function arithmetic(operator: ts.SyntaxKind, left: number, right: number): number | undefined {
  switch (operator) {
    case ts.SyntaxKind.PlusToken:
      return left + right;
    case ts.SyntaxKind.MinusToken:
      return left - right;
    case ts.SyntaxKind.AsteriskToken:
      return left * right;
    case ts.SyntaxKind.SlashToken:
      return right === 0 ? undefined : left / right;
    default:
      return undefined;
  }
}

/**
 * Reads the period or the cron expression from a scheduling call's arguments: cron strings,
 * constant delays (only when `periodic`), interval objects (`{ minutes: 5 }`, `{ every: 60_000 }`,
 * `{ repeat: { pattern } }`), human intervals (`'5 minutes'`) and NestJS `CronExpression` names.
 */
export function scheduleOf(args: readonly ts.Expression[], facts: ModuleFacts, periodic: boolean): ScheduleProperties {
  const found: ScheduleProperties = {};
  for (const argument of args) readArgument(argument, facts, periodic, found, 0);
  if (found.schedule !== undefined) delete found.periodMs;
  return found;
}

function readArgument(argument: ts.Expression, facts: ModuleFacts, periodic: boolean, found: ScheduleProperties, depth: number): void {
  const value = skipOuterExpressions(argument);
  if (ts.isStringLiteralLike(value)) {
    const text = value.text.trim();
    if (isCronExpression(text)) found.schedule ??= text;
    else if (periodic) setPeriod(found, humanIntervalMs(text));
    return;
  }
  if (ts.isPropertyAccessExpression(value) && staticName(value.expression) === 'CronExpression') {
    setPeriod(found, nestCronPeriod(value.name.text));
    return;
  }
  const literal = depth < 2 ? objectLiteralOf(value, facts) : undefined;
  if (literal) {
    readIntervalObject(literal, facts, periodic, found, depth);
    return;
  }
  if (periodic) setPeriod(found, numericValue(value, facts));
}

function readIntervalObject(literal: ts.ObjectLiteralExpression, facts: ModuleFacts, periodic: boolean, found: ScheduleProperties, depth: number): void {
  for (const key of CRON_KEYS) {
    const cron = propertyValue(literal, key);
    if (cron && ts.isStringLiteralLike(cron) && isCronExpression(cron.text.trim())) found.schedule ??= cron.text.trim();
  }
  const every = propertyValue(literal, 'every');
  if (every && periodic) readArgument(every, facts, periodic, found, depth + 1);
  let total = 0;
  let hasUnits = false;
  for (const [unit, ms] of Object.entries(OBJECT_UNITS)) {
    const amount = propertyValue(literal, unit);
    const count = amount ? numericValue(amount, facts) : undefined;
    if (count === undefined || count === 0) continue;
    total += count * ms;
    hasUnits = true;
  }
  if (hasUnits && periodic) setPeriod(found, total);
  const repeat = propertyValue(literal, 'repeat');
  if (repeat) readArgument(repeat, facts, periodic, found, depth + 1);
}

function setPeriod(found: ScheduleProperties, periodMs: number | undefined): void {
  if (periodMs !== undefined && periodMs > 0 && Number.isFinite(periodMs)) found.periodMs ??= periodMs;
}

export function isCronExpression(text: string): boolean {
  if (CRON_NICKNAME.test(text)) return true;
  const fields = text.split(/\s+/);
  return fields.length >= 5 && fields.length <= 7 && fields.every((field) => CRON_FIELD.test(field)) && /[\d*]/.test(text);
}

function humanIntervalMs(text: string): number | undefined {
  const match = HUMAN_INTERVAL.exec(text);
  if (!match) return undefined;
  const unit = match[2]!.toLowerCase();
  const ms = unit.startsWith('ms') || unit.startsWith('milli') ? 1 : UNIT_BY_NAME[unitName(unit)];
  return ms === undefined ? undefined : Number(match[1]) * ms;
}

function unitName(unit: string): string {
  if (unit.startsWith('s')) return 'SECOND';
  if (unit.startsWith('m')) return 'MINUTE';
  if (unit.startsWith('h')) return 'HOUR';
  if (unit.startsWith('d')) return 'DAY';
  return 'WEEK';
}

function nestCronPeriod(name: string): number | undefined {
  const match = NEST_CRON_NAME.exec(name);
  if (!match) return undefined;
  return Number(match[1] ?? 1) * UNIT_BY_NAME[match[2]!]!;
}

/** ` on '0 8 * * *'`, ` every 5 min`, or nothing: for messages. */
export function describeSchedule(properties: ScheduleProperties): string {
  if (properties.schedule !== undefined) return ` on '${properties.schedule}'`;
  if (properties.periodMs !== undefined) return ` every ${formatDuration(properties.periodMs)}`;
  return '';
}

export function formatDuration(ms: number): string {
  const units: [number, string][] = [[DAY, 'd'], [HOUR, 'h'], [MINUTE, 'min'], [SECOND, 's']];
  for (const [size, name] of units) if (ms >= size && ms % size === 0) return `${ms / size} ${name}`;
  return `${ms} ms`;
}
