import type { RuleContext } from '../engine/rule.js';

export function holdersOf(context: RuleContext): string { return context.file; }
