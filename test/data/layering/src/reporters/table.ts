import { readFileSync } from 'node:fs';
import type { Finding } from '../report/finding.js';

export const formatTable = (findings: Finding[]): string => findings.length + readFileSync('x', 'utf8');
