import { holdersOf } from '../facts/holders.js';

export interface RuleContext { file: string }
export const describe = (context: RuleContext): string => holdersOf(context);
