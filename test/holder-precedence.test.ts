import type { ts } from '../src/shared/typescript.cjs';
import { describe, expect, it } from 'vitest';
import { SHARED_STORES, STATE_SOURCES } from '../src/catalogue/catalogue.js';
import { createCatalogue } from '../src/catalogue/types.js';
import { analyse } from '../src/engine/engine.js';
import { parseText } from '../src/engine/parse.js';
import { defineRule, type Rule } from '../src/engine/rule.js';

/** A rule that reports every module-level `const` as its own kind of state, at the given precedence. */
function constantRule(id: string, precedence: number, report: 'visitor' | 'exit'): Rule {
  return defineRule({
    id,
    kind: 'mutable-global',
    title: id,
    description: `Flags every const (${id}).`,
    severity: 'warning',
    impact: 'none',
    move: 'none',
    precedence,
    messages: { found: `{{name}} seen by ${id}` },
    docs: { rationale: '', notState: '', flagged: '', notFlagged: '' },
    create(context) {
      const reportHolder = (node: ts.VariableDeclaration): void => {
        const name = node.name.getText(context.sourceFile);
        context.report({ node, messageId: 'found', data: { name }, symbol: name });
      };
      if (report === 'visitor') return { VariableDeclaration: reportHolder };
      const declarations: ts.VariableDeclaration[] = [];
      return {
        VariableDeclaration: (node) => void declarations.push(node),
        'Program:exit': () => declarations.forEach(reportHolder),
      };
    },
  });
}

function winners(rules: Rule[]): string[] {
  const unit = parseText('config.ts', 'export const region = "eu";\nexport const stage = "prod";');
  const { findings } = analyse([unit], rules.map((rule) => ({ rule, severity: rule.severity })), createCatalogue(STATE_SOURCES, SHARED_STORES));
  return findings.map((finding) => `${finding.line} ${finding.message}`);
}

describe('two rules reporting one holder', () => {
  it('leave one line, of the rule with the higher precedence, whichever reports first', () => {
    const general = constantRule('general', 1, 'visitor');
    const specific = constantRule('specific', 2, 'exit');
    const expected = ['1 region seen by specific', '2 stage seen by specific'];
    expect(winners([general, specific])).toEqual(expected);
    expect(winners([specific, general])).toEqual(expected);
    expect(winners([constantRule('general', 3, 'exit'), constantRule('specific', 2, 'visitor')])).toEqual(['1 region seen by general', '2 stage seen by general']);
  });
});
