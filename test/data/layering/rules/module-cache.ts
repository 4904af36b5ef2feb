import { describe } from '../src/engine/rule.js';
import { other } from './other-rule.js';

export const rule = { describe, other };
