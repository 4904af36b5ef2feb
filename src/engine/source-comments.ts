import { ts } from '../shared/typescript.cjs';

/** A comment of a scanned file, as plain data. */
export interface SourceComment {
  /** 1-based line where the comment starts. */
  line: number;
  /** 1-based line where it ends (block comments may span lines). */
  endLine: number;
  /** The whole comment, with its `//` or `/* … *\/`. */
  text: string;
}

/**
 * The comments of a file that contain `marker`. Only the places the parser treats as comments
 * count, so a string or template that merely contains the marker is left out.
 */
export function commentsContaining(sourceFile: ts.SourceFile, marker: string): SourceComment[] {
  const { text } = sourceFile;
  const found = new Map<number, SourceComment>();
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length)) {
    const range = commentRangeAt(sourceFile, at);
    if (!range || found.has(range.pos)) continue;
    found.set(range.pos, {
      line: sourceFile.getLineAndCharacterOfPosition(range.pos).line + 1,
      endLine: sourceFile.getLineAndCharacterOfPosition(range.end).line + 1,
      text: text.slice(range.pos, range.end),
    });
  }
  return [...found.values()];
}

/** The comment that holds `position`, if it lies in one. */
function commentRangeAt(sourceFile: ts.SourceFile, position: number): ts.TextRange | undefined {
  const token = innermostAt(sourceFile, position);
  // JSDoc blocks are nodes of their own; anything inside one is a comment.
  if (token.kind >= ts.SyntaxKind.FirstJSDocNode && token.kind <= ts.SyntaxKind.LastJSDocNode) {
    let doc: ts.Node = token;
    while (!ts.isJSDoc(doc) && doc.parent) doc = doc.parent;
    return { pos: doc.getStart(sourceFile), end: doc.end };
  }
  // Past the token's start the position is inside the token itself: a string, a template, JSX text.
  if (position >= token.getStart(sourceFile)) return undefined;
  const ranges = [
    ...(ts.getTrailingCommentRanges(sourceFile.text, token.pos) ?? []),
    ...(ts.getLeadingCommentRanges(sourceFile.text, token.pos) ?? []),
  ];
  return ranges.find((range) => range.pos <= position && position < range.end);
}

function innermostAt(sourceFile: ts.SourceFile, position: number): ts.Node {
  let node: ts.Node = sourceFile;
  for (;;) {
    const child = node.getChildren(sourceFile).find((candidate) => candidate.pos <= position && position < candidate.end);
    if (!child) return node;
    node = child;
  }
}
