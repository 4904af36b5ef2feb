import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { ModuleFacts } from '../../src/facts/module-facts.js';
import { isInside } from '../../src/facts/syntax.js';
import { globalTimerOf, jobFunctions, timerCallbacks } from '../../src/facts/timers.js';
import { parseText } from '../../src/engine/parse.js';

function calls(text: string): { facts: ModuleFacts; calls: ts.CallExpression[] } {
  const { sourceFile } = parseText('timers.ts', text);
  const found: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { facts: new ModuleFacts(sourceFile), calls: found };
}

describe('globalTimerOf', () => {
  it('knows the global timers, node:timers imports and globalThis, not look-alikes from other modules', () => {
    const { facts, calls: found } = calls(
      [
        "import { setTimeout as wait } from 'node:timers/promises';",
        "import { setInterval as every } from 'node:timers';",
        'setInterval(tick, 1);',
        'every(tick, 1);',
        'globalThis.setTimeout(tick, 1);',
        'wait(10);',
        'clearInterval(handle);',
      ].join('\n'),
    );
    expect(found.map((call) => globalTimerOf(call, facts))).toEqual(['setInterval', undefined, 'setTimeout', undefined, 'clearInterval']);
  });
});

describe('timerCallbacks and jobFunctions', () => {
  it('follow a callback to the module functions and methods it calls', () => {
    const { facts, calls: found } = calls(
      [
        'async function flush() {}',
        'class Outbox { send() {} }',
        'const outbox = new Outbox();',
        'setInterval(() => { void flush().catch(console.error); outbox.send(); }, 1000);',
        'schedule("0 * * * *", flush);',
      ].join('\n'),
    );
    const timer = found.find((call) => call.expression.getText() === 'setInterval')!;
    const names = timerCallbacks(timer, facts).map((fn) => (ts.isArrowFunction(fn) ? 'arrow' : (fn as ts.FunctionDeclaration).name!.getText()));
    expect(names).toEqual(['arrow', 'flush', 'send']);
    const job = found.find((call) => call.expression.getText() === 'schedule')!;
    expect(jobFunctions(job, facts).map((fn) => (fn as ts.FunctionDeclaration).name!.text)).toEqual(['flush']);
  });
});

describe('isInside', () => {
  it('is true for the node itself and its descendants only', () => {
    const { calls: found } = calls('outer(() => inner());\nother();');
    const [outer, inner, other] = found;
    expect([isInside(inner!, outer!), isInside(outer!, outer!), isInside(other!, outer!), isInside(outer!, inner!)]).toEqual([true, true, false, false]);
  });
});
