/**
 * cty types and values as the provider sees them.
 *
 * Terraform describes every value with a cty type. On the wire the type is
 * the compact JSON form (`"string"`, `["list","string"]`,
 * `["object",{"a":"number"}]`, ...), so we use that very JSON shape as the
 * TypeScript representation: no conversion is needed when building schemas,
 * and a type can be written literally in a resource definition.
 *
 * JS representation of values:
 *   null                 -> null (absent / not set)
 *   unknown              -> an `Unknown` instance (value only known after apply)
 *   string / bool        -> string / boolean
 *   number               -> number when it is exact in float64, bigint for
 *                           larger integers, `Decimal` for anything else, so
 *                           that a value read from Terraform is written back
 *                           bit-for-bit (Terraform compares plan and apply
 *                           results exactly)
 *   list / set / tuple   -> array
 *   map / object         -> plain object (null prototype when decoded)
 *   dynamic              -> `Dynamic` (the concrete type travels with the value)
 */

export type CtyPrimitiveType = 'string' | 'number' | 'bool';

export type CtyType =
  | CtyPrimitiveType
  | 'dynamic'
  | readonly ['list', CtyType]
  | readonly ['set', CtyType]
  | readonly ['map', CtyType]
  | readonly ['object', { readonly [attribute: string]: CtyType }]
  | readonly ['tuple', readonly CtyType[]];

/** Refinements Terraform may attach to an unknown (msgpack extension 12). */
export interface UnknownRefinements {
  /** The raw extension as received, re-emitted unchanged so Terraform sees the same refinements. */
  readonly extType: number;
  readonly extData: Uint8Array;
}

/**
 * A value that will only be known after apply. Plain unknowns are the
 * `unknown` singleton; unknowns received from Terraform with refinements keep
 * them so they can be passed back untouched.
 */
export class Unknown {
  constructor(readonly refinements?: UnknownRefinements) {}
  toString(): string {
    return '(known after apply)';
  }
}

export const unknown: Unknown = new Unknown();

/** A number that neither a float64 nor a bigint represents exactly, kept as its decimal text. */
export class Decimal {
  constructor(readonly text: string) {
    if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw new TypeError(`not a decimal number: ${text}`);
  }
  toString(): string {
    return this.text;
  }
}

export type CtyNumber = number | bigint | Decimal;

/** A value of a `dynamic` attribute: the concrete type is only known at run time. */
export class Dynamic {
  constructor(
    readonly type: CtyType,
    readonly value: CtyValue,
  ) {}
}

export type CtyValue = null | Unknown | string | boolean | CtyNumber | Dynamic | CtyValue[] | { [key: string]: CtyValue };

export type CtyObjectValue = { [key: string]: CtyValue };

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

/** True when the value and everything inside it is known (nulls count as known). */
export function isWhollyKnown(value: CtyValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (value instanceof Unknown) return false;
  if (value instanceof Dynamic) return isWhollyKnown(value.value);
  if (Array.isArray(value)) return value.every(isWhollyKnown);
  if (isPlainObject(value)) return Object.values(value).every(isWhollyKnown);
  return true;
}

export function isPlainObject(value: unknown): value is CtyObjectValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

/** An object with no prototype, so attribute or map keys such as "__proto__" are plain data. */
export function newObject(): CtyObjectValue {
  return Object.create(null) as CtyObjectValue;
}

export function typeToJson(type: CtyType): string {
  return JSON.stringify(type);
}

/** Human-readable type, in Terraform's own notation (for error messages). */
export function typeToString(type: CtyType): string {
  if (typeof type === 'string') return type;
  switch (type[0]) {
    case 'list':
    case 'set':
    case 'map':
      return `${type[0]}(${typeToString(type[1])})`;
    case 'object':
      return `object({${Object.entries(type[1])
        .map(([k, t]) => `${k}=${typeToString(t)}`)
        .join(', ')}})`;
    case 'tuple':
      return `tuple([${type[1].map(typeToString).join(', ')}])`;
  }
}

/** Parses and checks a type in its JSON form (as found inside `dynamic` values). */
export function parseTypeJson(json: unknown): CtyType {
  if (json === 'string' || json === 'number' || json === 'bool' || json === 'dynamic') return json;
  if (Array.isArray(json) && json.length >= 2) {
    const [kind, arg] = json as [unknown, unknown];
    if (kind === 'list' || kind === 'set' || kind === 'map') return [kind, parseTypeJson(arg)];
    if (kind === 'object' && isPlainObject(arg)) {
      const attrs: Record<string, CtyType> = Object.create(null);
      for (const [name, t] of Object.entries(arg)) attrs[name] = parseTypeJson(t);
      return ['object', attrs];
    }
    if (kind === 'tuple' && Array.isArray(arg)) return ['tuple', arg.map(parseTypeJson)];
  }
  throw new TypeError(`invalid cty type: ${JSON.stringify(json)}`);
}

/**
 * Structural equality of two known-or-unknown values. An unknown equals
 * nothing (not even another unknown): callers asking "did it change?" must
 * treat unknown as "may have changed".
 */
export function valuesEqual(a: CtyValue | undefined, b: CtyValue | undefined): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a instanceof Unknown || b instanceof Unknown) return false;
  if (a === null || b === null) return a === b;
  if (isNumberValue(a) && isNumberValue(b)) return numbersEqual(a, b);
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (a instanceof Dynamic || b instanceof Dynamic) {
    return (
      a instanceof Dynamic &&
      b instanceof Dynamic &&
      typeToJson(a.type) === typeToJson(b.type) &&
      valuesEqual(a.value, b.value)
    );
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => valuesEqual(v, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!valuesEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** Set equality ignores order: cty sets are unordered. */
export function setsEqual(a: CtyValue[], b: CtyValue[]): boolean {
  if (a.length !== b.length) return false;
  const remaining = [...b];
  for (const item of a) {
    const i = remaining.findIndex((r) => valuesEqual(item, r));
    if (i < 0) return false;
    remaining.splice(i, 1);
  }
  return true;
}

export interface EqualityOptions {
  /**
   * Treat two unknowns as equal. Used when checking that a value was passed
   * through unchanged (an unknown that stays unknown), not for "did it change?".
   */
  unknownEqualsUnknown?: boolean;
}

/** Type-aware equality: like valuesEqual, but compares sets without regard to order. */
export function valuesEqualTyped(
  type: CtyType,
  a: CtyValue | undefined,
  b: CtyValue | undefined,
  options: EqualityOptions = {},
): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (options.unknownEqualsUnknown && a instanceof Unknown && b instanceof Unknown) return true;
  if (a instanceof Unknown || b instanceof Unknown) return false;
  if (a === null || b === null) return a === b;
  if (typeof type === 'string') return valuesEqual(a, b);
  switch (type[0]) {
    case 'set':
      return Array.isArray(a) && Array.isArray(b) && setsEqual(a, b);
    case 'list':
      return (
        Array.isArray(a) &&
        Array.isArray(b) &&
        a.length === b.length &&
        a.every((v, i) => valuesEqualTyped(type[1], v, b[i], options))
      );
    case 'tuple':
      return (
        Array.isArray(a) &&
        Array.isArray(b) &&
        a.length === b.length &&
        a.every((v, i) => valuesEqualTyped(type[1][i] ?? 'dynamic', v, b[i], options))
      );
    case 'map': {
      if (!isPlainObject(a) || !isPlainObject(b)) return false;
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const k of keys) {
        if (!(k in a) || !(k in b) || !valuesEqualTyped(type[1], a[k], b[k], options)) return false;
      }
      return true;
    }
    case 'object': {
      if (!isPlainObject(a) || !isPlainObject(b)) return false;
      return Object.entries(type[1]).every(([k, t]) => valuesEqualTyped(t, a[k], b[k], options));
    }
  }
}

export function isNumberValue(value: unknown): value is CtyNumber {
  return typeof value === 'number' || typeof value === 'bigint' || value instanceof Decimal;
}

function numbersEqual(a: CtyNumber, b: CtyNumber): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  return canonicalNumberText(a) === canonicalNumberText(b);
}

/** Canonical decimal text, so 10, 10n and Decimal("1e1") compare equal. */
function canonicalNumberText(value: CtyNumber): string {
  return canonicalDecimal(typeof value === 'number' ? String(value) : value.toString());
}

/** Decimal text normalised to `<sign><digits>e<exp>` without redundant zeros, for exact comparison. */
export function canonicalDecimal(text: string): string {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return text;
  const [, sign, intPart = '', fracPart = '', expPart = '0'] = m;
  let digits = (intPart + fracPart).replace(/^0+/, '');
  let exp = Number(expPart) - fracPart.length;
  if (digits === '') return '0';
  while (digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    exp++;
  }
  return `${sign}${digits}e${exp}`;
}

/**
 * Converts a number value to a JS number when that is exact, else throws.
 * Resources mostly want plain numbers; this keeps accidental precision loss loud.
 */
export function toSafeNumber(value: CtyNumber): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') {
    if (value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)) return Number(value);
    throw new RangeError(`number ${value} is too large for a JS number`);
  }
  const n = Number(value.text);
  if (numbersEqual(n, value)) return n;
  throw new RangeError(`number ${value.text} cannot be represented exactly as a JS number`);
}
