/**
 * A small JSON reader that keeps numbers as their source text.
 *
 * Terraform state (RawState.json) and JSON DynamicValues may hold numbers with
 * more precision than a float64; JSON.parse would silently round them, and
 * the rounded value would then differ from what Terraform recorded. Node 20's
 * JSON.parse has no access to the source text of a number, hence this parser.
 * Objects are created without a prototype so any key is plain data.
 */

export class JsonNumber {
  constructor(readonly text: string) {}
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | { [key: string]: JsonValue };

export class JsonSyntaxError extends Error {
  constructor(message: string, position: number) {
    super(`invalid JSON at offset ${position}: ${message}`);
    this.name = 'JsonSyntaxError';
  }
}

export function parseJsonPreservingNumbers(text: string): JsonValue {
  let pos = 0;
  const fail = (message: string): never => {
    throw new JsonSyntaxError(message, pos);
  };
  const skipWhitespace = () => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
  };
  const parseValue = (depth: number): JsonValue => {
    if (depth > 512) fail('nesting too deep');
    skipWhitespace();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const obj: { [key: string]: JsonValue } = Object.create(null);
      skipWhitespace();
      if (text[pos] === '}') {
        pos++;
        return obj;
      }
      for (;;) {
        skipWhitespace();
        if (text[pos] !== '"') fail('expected a string key');
        const key = parseString();
        skipWhitespace();
        if (text[pos] !== ':') fail("expected ':'");
        pos++;
        obj[key] = parseValue(depth + 1);
        skipWhitespace();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return obj;
        }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      pos++;
      const arr: JsonValue[] = [];
      skipWhitespace();
      if (text[pos] === ']') {
        pos++;
        return arr;
      }
      for (;;) {
        arr.push(parseValue(depth + 1));
        skipWhitespace();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return arr;
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return parseString();
    if (text.startsWith('true', pos)) {
      pos += 4;
      return true;
    }
    if (text.startsWith('false', pos)) {
      pos += 5;
      return false;
    }
    if (text.startsWith('null', pos)) {
      pos += 4;
      return null;
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos, pos + 4096));
    if (m && m[0].length > 0) {
      pos += m[0].length;
      return new JsonNumber(m[0]);
    }
    return fail('unexpected character');
  };
  const parseString = (): string => {
    // Find the closing quote, then let JSON.parse handle escapes exactly.
    const start = pos;
    pos++;
    while (pos < text.length) {
      const c = text[pos];
      if (c === '\\') pos += 2;
      else if (c === '"') {
        pos++;
        try {
          return JSON.parse(text.slice(start, pos)) as string;
        } catch {
          return fail('invalid string');
        }
      } else pos++;
    }
    return fail('unterminated string');
  };
  const value = parseValue(0);
  skipWhitespace();
  if (pos !== text.length) fail('trailing characters');
  return value;
}
