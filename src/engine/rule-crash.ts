import type { ts } from '../shared/typescript.cjs';
import type { FileError } from '../report/finding.js';
import type { SourceUnit } from './source-unit.js';

/** Runs rule code; a crash becomes a reported error naming the rule and the place, not a failed scan. */
export function guard(ruleId: string, unit: SourceUnit, errors: FileError[], run: () => void, node?: ts.Node): void {
  try {
    run();
  } catch (error) {
    reportRuleCrash(ruleId, unit, errors, error, node);
  }
}

export function reportRuleCrash(ruleId: string, unit: SourceUnit, errors: FileError[], error: unknown, node?: ts.Node): void {
  const where = node ? `:${unit.sourceFile.getLineAndCharacterOfPosition(node.getStart(unit.sourceFile)).line + 1}` : '';
  const reason = error instanceof Error ? error.message : String(error);
  errors.push({ file: unit.file, message: `rule ${ruleId} failed at ${unit.file}${where}: ${reason}` });
}
