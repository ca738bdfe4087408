/**
 * Describing a JSON syntax error without quoting the text.
 *
 * V8 puts the characters around the error into its messages
 * (`Unexpected token 'L', ..."{"value": LEAKCHECK-"... is not valid JSON`), and the text is a
 * request body or the store file: both full of secret values. What the emulator says (in an error
 * response, a log line or on stderr) keeps the kind of error and the position, never the text.
 */
export function describeJsonError(err: unknown): string {
  const message = err instanceof Error ? err.message : '';
  const quote = message.indexOf('"');
  const safe = (quote < 0 ? message : message.slice(0, quote))
    .replace(/Unexpected token .*$/s, 'Unexpected token')
    .replace(/[\s,.]+$/, '');
  return safe.length === 0 ? 'Syntax error' : safe;
}
