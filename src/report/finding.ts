import type { Kind } from './kinds.js';

export type Severity = 'error' | 'warning' | 'info';
/** A rule's setting in the configuration: a severity, or off. */
export type RuleSetting = Severity | 'off';
/** The lowest severity that fails the run (`--fail-on`). */
export type FailOn = Severity | 'none';
export type Confidence = 'high' | 'medium' | 'low';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
export const CONFIDENCES: readonly Confidence[] = ['high', 'medium', 'low'];

/** Higher is more severe; used by the gate and by sorting. */
export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
export const CONFIDENCE_RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

/** One place that supports a finding: where the state is written, what holds it, what was missing. */
export interface Evidence {
  /** File relative to the working directory, `/` separators. */
  file: string;
  /** 1-based line. */
  line: number;
  /** What happens there, e.g. "written by `.set()` in `addItem`". */
  message: string;
}

/** A few lines of source around a finding, copied by the pipeline for reports that show code. */
export interface Excerpt {
  /** 1-based number of the first line shown. */
  startLine: number;
  /** The lines, without line breaks; long lines are cut. */
  lines: string[];
}

/** One place where state lives: a line of the audit table. Plain data, no syntax trees. */
export interface Finding {
  /** The rule that found it. */
  ruleId: string;
  /** Which kind of hidden state it is. */
  kind: Kind;
  /** Severity after configuration. Lines that are not instance-local are `info`. */
  severity: Severity;
  /** File relative to the working directory, `/` separators. */
  file: string;
  /** 1-based start of the holder's declaration, or of the call. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The name that holds the state, or the call that creates it. */
  symbol: string;
  /** What the state is, in a sentence: the table's State column. */
  message: string;
  /** True when the state lives in this process; false when it is already in a shared store. */
  instanceLocal: boolean;
  /** How sure the rule is. */
  confidence: Confidence;
  /** What breaks when the next request lands on another instance. */
  impact: string;
  /** What to do about it. */
  move: string;
  /** The writes, the holder, the missing option: why the rule believes it. */
  evidence: Evidence[];
  /** Stable id that survives edits elsewhere in the file. */
  fingerprint: string;
  /** The tier (service package) whose processes hold this state. */
  tier?: string;
  /** Facts the rule read from the code, for projections (a limiter's `limit` and `windowMs`). */
  properties?: Record<string, string | number | boolean>;
  /** The source around the finding, when the scan was asked for excerpts (Markdown and HTML reports). */
  excerpt?: Excerpt;
  /** Set when a comment accepts this finding on purpose; it then never fails the run. */
  suppression?: Suppression;
  /** Set when the run compares with a baseline: `unchanged` findings were already recorded and do not count. */
  baselineState?: 'new' | 'unchanged';
}

/** Which comment accepted a finding, and why. */
export interface Suppression {
  /** `next-line`, `same-line` or `file`: the form of the `hidden-state-ignore-…` comment. */
  kind: SuppressionKind;
  /** The reason written after `--`. */
  justification: string;
  /** 1-based line of the comment. */
  line: number;
}

export type SuppressionKind = 'next-line' | 'same-line' | 'file';

/** A `hidden-state-ignore-…` comment that is wrong (no reason, unknown rule) or, on request, unused. */
export interface SuppressionProblem {
  file: string;
  /** 1-based line of the comment. */
  line: number;
  problem: 'missing-reason' | 'missing-rule' | 'unknown-rule' | 'unused';
  /** The rule the comment names, when it names one. */
  ruleId?: string;
  /** One sentence for the reader. */
  message: string;
}

/** A file the scan could not analyse, and why. */
export interface FileError {
  file: string;
  message: string;
}
