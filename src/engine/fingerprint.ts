import { createHash } from 'node:crypto';
import { ts } from '../shared/typescript.cjs';
import { describeFunction } from '../facts/execution.js';
import { isFunctionLike } from '../facts/syntax.js';

/**
 * A finding's stable id: the rule, the file, the holder, the functions around it and its
 * declaration reduced to tokens. Line numbers stay out, so lines added above, reformatting and
 * edits elsewhere in the file keep the fingerprint; editing the declaration itself changes it.
 */
export function fingerprintOf(ruleId: string, file: string, symbol: string, declarationText: string, scope = ''): string {
  const normalized = normalizeDeclaration(declarationText);
  return createHash('sha256').update(`${ruleId}\0${file}\0${symbol}\0${scope}\0${normalized}`).digest('hex').slice(0, 20);
}

/**
 * The declaration as its tokens: white space and comments go, quotes are unified and trailing
 * commas dropped, so a formatter's rewrite of the same code gives the same text.
 */
export function normalizeDeclaration(text: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const tokens: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (isCloser(kind) && tokens.at(-1) === ',') tokens.pop();
    tokens.push(kind === ts.SyntaxKind.StringLiteral ? JSON.stringify(scanner.getTokenValue()) : scanner.getTokenText());
  }
  return tokens.join(' ');
}

function isCloser(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.CloseParenToken || kind === ts.SyntaxKind.CloseBracketToken || kind === ts.SyntaxKind.CloseBraceToken;
}

/**
 * The named functions and classes around a node, outermost first (`UploadService > save`), so two
 * identical calls in different functions keep apart without using line numbers.
 */
export function enclosingScope(node: ts.Node, sourceFile: ts.SourceFile): string {
  const names: string[] = [];
  for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
    if (isFunctionLike(current)) names.push(describeFunction(current, sourceFile));
    else if (ts.isClassLike(current)) names.push(current.name?.text ?? 'class');
  }
  return names.reverse().join(' > ');
}
