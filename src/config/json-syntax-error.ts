import { printParseErrorCode, visit } from 'jsonc-parser';

/**
 * Where and why text is not JSON: "comma expected at line 3, column 3". V8's own messages give no
 * line on Node 20 and, for an unexpected token, quote the text (newlines and all) instead of a
 * position; jsonc-parser, held to plain JSON, reports every error with its line and column.
 */
export function jsonSyntaxError(text: string): string | undefined {
  let first: string | undefined;
  visit(
    text,
    {
      onError: (code, _offset, _length, line, column) => {
        first ??= `${words(printParseErrorCode(code))} at line ${line + 1}, column ${column + 1}`;
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  return first;
}

/** `PropertyNameExpected` → `property name expected`. */
function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
