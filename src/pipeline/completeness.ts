import type { Report } from '../report/report.js';

/** How many failed files a line names before it says "and N more". */
const NAMED_ERRORS = 3;

/** Why a run ends with exit 2 although its report was written: an incomplete verdict. */
export interface Incompleteness {
  /** One line for stderr. */
  line: string;
  /** True when the run must exit 2: no file analysed, or errors without `--allow-incomplete`. */
  fatal: boolean;
}

/**
 * What an incomplete report means for the exit code. A scan that analysed no file has nothing to
 * judge and always fails; files or rules that failed fail the run unless the user accepts an
 * incomplete scan (`--allow-incomplete`), since what was not analysed may hold state.
 */
export function incompletenessOf(report: Report, allowIncomplete: boolean): Incompleteness | undefined {
  if (report.verdict !== 'incomplete') return undefined;
  const { errors } = report;
  const failed = `${errors.length} file${errors.length === 1 ? '' : 's'} could not be analysed`;
  if (report.summary.files === 0) {
    const why = errors.length > 0 ? `${failed} (${nameErrors(errors)})` : 'no JS or TS source file was found below the paths (check them, --include and --exclude)';
    return { line: `hidden-state: no file was analysed: ${why}`, fatal: true };
  }
  if (allowIncomplete) return { line: `hidden-state: incomplete (accepted by --allow-incomplete): ${failed}`, fatal: false };
  return { line: `hidden-state: incomplete: ${failed} (${nameErrors(errors)}); --allow-incomplete accepts an incomplete scan`, fatal: true };
}

function nameErrors(errors: Report['errors']): string {
  const named = errors.slice(0, NAMED_ERRORS).map((error) => `${error.file}: ${error.message}`);
  if (errors.length > NAMED_ERRORS) named.push(`and ${errors.length - NAMED_ERRORS} more`);
  return named.join('; ');
}
