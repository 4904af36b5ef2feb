import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { ModuleFacts } from '../../src/facts/module-facts.js';
import { formatDuration, isCronExpression, numericValue, scheduleOf } from '../../rules/utils/schedules.js';
import { parseText } from '../../src/engine/parse.js';

/** The facts of a module and the arguments of its last top-level call. */
function lastCall(text: string): { facts: ModuleFacts; args: readonly ts.Expression[] } {
  const { sourceFile } = parseText('schedule.ts', text);
  const statement = sourceFile.statements[sourceFile.statements.length - 1] as ts.ExpressionStatement;
  return { facts: new ModuleFacts(sourceFile), args: (statement.expression as ts.CallExpression).arguments };
}

describe('numericValue', () => {
  it('evaluates literals, separators, arithmetic and module constants', () => {
    const { facts, args } = lastCall('const MINUTE = 60_000;\nconst HALF_HOUR = MINUTE * 30;\nrun(HALF_HOUR + 2 * 1000 - 500 / 5, -(1e3));');
    expect(args.map((argument) => numericValue(argument, facts))).toEqual([1_801_900, -1000]);
  });

  it('gives up on run-time values, `let` bindings and division by zero', () => {
    const { facts, args } = lastCall('let interval = 5;\nrun(interval, Number(process.env.MS), 1 / 0, 2 ** 3);');
    expect(args.map((argument) => numericValue(argument, facts))).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('scheduleOf', () => {
  it('reads cron strings, human intervals and NestJS CronExpression names', () => {
    expect(scheduleOf(lastCall("every('*/5 * * * *', 'job');").args, lastCall('x();').facts, true)).toEqual({ schedule: '*/5 * * * *' });
    expect(scheduleOf(lastCall("every('2 hours', 'job');").args, lastCall('x();').facts, true)).toEqual({ periodMs: 7_200_000 });
    expect(scheduleOf(lastCall('Cron(CronExpression.EVERY_10_SECONDS);').args, lastCall('x();').facts, true)).toEqual({ periodMs: 10_000 });
  });

  it('reads interval objects, nested repeat options and options held in a module constant', () => {
    const toad = lastCall('job({ hours: 1, minutes: 30 }, task);');
    expect(scheduleOf(toad.args, toad.facts, true)).toEqual({ periodMs: 5_400_000 });
    const bull = lastCall("const OPTIONS = { repeat: { pattern: '0 4 * * *' }, attempts: 3 };\nqueue.add('x', { every: 5 }, OPTIONS);");
    expect(scheduleOf(bull.args, bull.facts, true)).toEqual({ schedule: '0 4 * * *' });
  });

  it('reads no period from a one-off job', () => {
    const once = lastCall('Timeout(5000);');
    expect(scheduleOf(once.args, once.facts, false)).toEqual({});
  });
});

describe('isCronExpression and formatDuration', () => {
  it('tells cron expressions from other strings', () => {
    expect(['0 8 * * *', '0 */30 * * * *', '@daily', '0 0 * * MON-FRI'].every(isCronExpression)).toBe(true);
    expect(['5 minutes', 'send digest', 'a b c d e'].some(isCronExpression)).toBe(false);
  });

  it('names whole units and falls back to milliseconds', () => {
    expect([86_400_000, 7_200_000, 90_000, 1500].map(formatDuration)).toEqual(['1 d', '2 h', '90 s', '1500 ms']);
  });
});
