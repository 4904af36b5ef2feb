/**
 * The ESLint plugin (`import hiddenState from 'hidden-state/eslint'`): editors that run ESLint
 * show hidden-state's findings while the file is typed. Each lint analyses the file's text (the
 * editor's buffer, saved or not) with the files it imports directly, not the whole project: what
 * only the rest of the project tells (who calls a function, which importers write an exported
 * collection, the entries, the tiers) is not known here. docs/ci.md ("Editors") says what differs.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { ESLint, Linter, Rule } from 'eslint';
import { scanSync, UsageError, type Finding } from '../api.js';
import { importedFiles } from '../pipeline/imported-files.js';
import { toolInfo } from '../shared/version.js';

const RULE = 'instance-local-state';
const DOCS = 'https://github.com/hidden-state/hidden-state/blob/main/docs/ci.md#editors-the-eslint-plugin';

const instanceLocalState: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Hidden state that stops the service from scaling horizontally (module caches, in-memory limiters, local disk writes...)', url: DOCS },
    schema: [],
    messages: {
      finding: '{{message}} [hidden-state {{ruleId}}]. Proposed move: {{move}}',
      writtenHere: '{{message}}, held at {{holder}}, written here [hidden-state {{ruleId}}]. Proposed move: {{move}}',
      notAnalysed: 'hidden-state could not analyse this file: {{reason}}',
    },
  },
  create(context) {
    return {
      Program() {
        reportFindings(context);
      },
    };
  },
};

function reportFindings(context: Rule.RuleContext): void {
  const path = context.filename;
  // Text without a file (`<input>`), or a block a processor took out of another file: nothing to follow on disk.
  if (!isAbsolute(path) || !existsSync(path)) return;
  const text = context.sourceCode.text;
  const file = toPosix(relative(context.cwd, path));
  let findings: Finding[];
  try {
    const report = scanSync({ cwd: context.cwd, paths: [path, ...importedFiles(path, text)], texts: { [path]: text } });
    for (const error of report.errors) {
      if (error.file === file) context.report({ loc: { line: 1, column: 0 }, messageId: 'notAnalysed', data: { reason: error.message } });
    }
    findings = report.findings.filter((finding) => finding.instanceLocal && !finding.suppression);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    context.report({ loc: { line: 1, column: 0 }, messageId: 'notAnalysed', data: { reason: error.message } });
    return;
  }
  for (const finding of findings) {
    const data = { message: finding.message, ruleId: finding.ruleId, move: finding.move };
    if (finding.file === file) {
      const loc = { start: { line: finding.line, column: finding.column - 1 }, end: { line: finding.endLine, column: finding.endColumn - 1 } };
      context.report({ loc, messageId: 'finding', data });
      continue;
    }
    // State held in an imported module and written from this file: shown where it is written.
    const lines = new Set(finding.evidence.filter((evidence) => evidence.file === file).map((evidence) => evidence.line));
    for (const line of lines) {
      context.report({ loc: { line, column: 0 }, messageId: 'writtenHere', data: { ...data, holder: `${finding.file}:${finding.line}` } });
    }
  }
}

function toPosix(path: string): string {
  return path.split('\\').join('/');
}

const SOURCE_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];
/** Test code, as the command line leaves it out by default. */
const TEST_FILES = ['**/*.{test,spec,e2e,e2e-spec,stories}.*', '**/{test,tests,__tests__,__mocks__,e2e}/**'];

const plugin = {
  meta: { name: 'hidden-state', version: toolInfo().version },
  rules: { [RULE]: instanceLocalState },
  configs: {} as Record<'recommended', Linter.Config>,
} satisfies ESLint.Plugin;

plugin.configs.recommended = {
  name: 'hidden-state/recommended',
  files: SOURCE_FILES,
  ignores: TEST_FILES,
  plugins: { 'hidden-state': plugin },
  rules: { [`hidden-state/${RULE}`]: 'warn' },
};

export default plugin;
