import type { ts } from '../shared/typescript.cjs';
import type { StateHolder } from '../facts/holders.js';
import type { ModuleFacts } from '../facts/module-facts.js';
import type { Catalogue } from '../catalogue/types.js';
import type { Evidence, FileError, Severity } from '../report/finding.js';
import { enclosingScope } from './fingerprint.js';
import type { EnabledRule, ProgramFacts, ReportDescriptor, Rule, RuleContext } from './rule.js';
import type { Candidate } from './settle.js';
import type { SourceUnit } from './source-unit.js';

/** What the walks of every file of one scan share: the facts, the rules and what they report. */
export interface ScanRun {
  program: ProgramFacts;
  rules: readonly EnabledRule[];
  catalogue: Catalogue;
  /** Every rule's reports, settled once every file is walked. */
  candidates: Candidate[];
  /** Rule crashes, with the rule id and the place. */
  errors: FileError[];
  /** Evidence may point into another file: its name relative to the working directory. */
  fileNames: ReadonlyMap<ts.SourceFile, string>;
}

/** What an Instance-local N line says unless the rule says more. */
const SHARED_IMPACT = 'None while the shared store is up: every instance reads and writes the same state.';

/** The context one rule gets for one file: the facts it asks and the `report` that records its findings. */
export function createContext(
  rule: Rule,
  severity: Severity,
  unit: SourceUnit,
  facts: ModuleFacts,
  stateHolders: () => StateHolder[],
  { program, catalogue, candidates, fileNames }: ScanRun,
): RuleContext {
  const { sourceFile, file } = unit;
  const placeOf = (node: ts.Node): { file: string; line: number } => {
    const owner = node.getSourceFile();
    return { file: fileNames.get(owner) ?? file, line: owner.getLineAndCharacterOfPosition(node.getStart(owner)).line + 1 };
  };
  return {
    file,
    sourceFile,
    facts,
    program,
    catalogue,
    stateHolders,
    report(descriptor: ReportDescriptor<string>) {
      const template = rule.messages[descriptor.messageId];
      if (template === undefined) throw new Error(`rule ${rule.id}: unknown message id '${descriptor.messageId}'`);
      const { node } = descriptor;
      const start = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
      const end = sourceFile.getLineAndCharacterOfPosition(node.getEnd());
      const instanceLocal = descriptor.instanceLocal ?? true;
      const evidence: Evidence[] = (descriptor.evidence ?? []).map((item) => ({ ...placeOf(item.node), message: item.message }));
      candidates.push({
        finding: {
          ruleId: rule.id,
          kind: rule.kind,
          severity: instanceLocal ? severity : 'info',
          file,
          line: start.line + 1,
          column: start.character + 1,
          endLine: end.line + 1,
          endColumn: end.character + 1,
          symbol: descriptor.symbol,
          message: interpolate(rule.id, template, descriptor.data ?? {}),
          instanceLocal,
          confidence: descriptor.confidence ?? 'high',
          impact: descriptor.impact ?? (instanceLocal ? rule.impact : SHARED_IMPACT),
          move: descriptor.move ?? rule.move,
          evidence,
          ...(descriptor.properties ? { properties: descriptor.properties } : {}),
        },
        declarationText: node.getText(sourceFile),
        scope: enclosingScope(node, sourceFile),
        precedence: rule.precedence,
        holderKey: `${file}\0${node.getStart(sourceFile)}`,
        ...(descriptor.writers && descriptor.writers.length > 0 ? { writers: new Set(descriptor.writers) } : {}),
      });
    },
  };
}

function interpolate(ruleId: string, template: string, data: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => {
    if (!(key in data)) throw new Error(`rule ${ruleId}: message placeholder '${key}' has no data`);
    return String(data[key]);
  });
}
