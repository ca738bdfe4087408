/**
 * cty <-> wire codec for Terraform DynamicValues.
 *
 * Terraform core sends values as msgpack (occasionally JSON) and insists on a
 * few rules that are easy to get wrong (see docs/plugin-protocol/object-wire-format.md
 * and go-cty's cty/msgpack package):
 *   - null is msgpack nil (0xc0), also for a whole absent object;
 *   - unknown is a msgpack *extension*: plain unknown is ext 0 written as the
 *     3 bytes `d4 00 00`; refined unknowns use ext 12; a reader must treat
 *     every extension type as unknown;
 *   - an object must carry every attribute of its type, unset ones as nil,
 *     or go-cty rejects it ("an object with N attributes is required");
 *   - numbers are ints, float64s, or decimal strings when neither is exact;
 *   - a `dynamic` value is a 2-element array [type JSON bytes, value].
 * Decoding is driven by the expected type, so a schema mismatch is reported
 * with the attribute path where it happened.
 */
import type { ExtData as MsgpackExtData } from '@msgpack/msgpack';
import {
  canonicalDecimal,
  CtyType,
  CtyValue,
  Decimal,
  Dynamic,
  isPlainObject,
  newObject,
  parseTypeJson,
  typeToString,
  unknown,
  Unknown,
  type CtyObjectValue,
} from './cty';
import { attr, type AttributePath, type PathStep } from './diagnostics';
import { JsonNumber, parseJsonPreservingNumbers, type JsonValue } from './json';

/** A value did not fit its type; `path` points at the offending attribute. */
export class CodecError extends Error {
  constructor(
    message: string,
    readonly path: AttributePath,
  ) {
    super(message);
    this.name = 'CodecError';
  }
}

// @msgpack/msgpack is required lazily: the provider must print its handshake
// line quickly, and the codec is only needed once RPCs arrive.
type MsgpackModule = typeof import('@msgpack/msgpack');
let msgpackModule: MsgpackModule | undefined;
function msgpack(): MsgpackModule {
  return (msgpackModule ??= require('@msgpack/msgpack') as MsgpackModule);
}

/** Plain unknown, exactly as go-cty writes it. */
export const UNKNOWN_MSGPACK = Uint8Array.of(0xd4, 0x00, 0x00);

// A custom extension codec instead of the library default, which would turn
// ext -1 into a Date: for cty *every* extension means "unknown".
const ctyExtensionCodec = {
  tryToEncode(object: unknown): MsgpackExtData | null {
    return object instanceof msgpack().ExtData ? object : null;
  },
  decode(data: Uint8Array, extType: number): unknown {
    if (extType === 0) return unknown;
    // Copy: `data` is a view into the whole request buffer.
    return new Unknown({ extType, extData: Uint8Array.from(data) });
  },
};

const decoderOptions = () => ({ extensionCodec: ctyExtensionCodec as never, useBigInt64: true });
const encoderOptions = () => ({ extensionCodec: ctyExtensionCodec as never, useBigInt64: true, ignoreUndefined: false });

// ---------------------------------------------------------------- msgpack ----

export function decodeMsgpack(type: CtyType, bytes: Uint8Array): CtyValue {
  let raw: unknown;
  try {
    raw = msgpack().decode(bytes, decoderOptions());
  } catch (err) {
    throw new CodecError(`invalid msgpack value: ${(err as Error).message}`, []);
  }
  return fromWire(type, raw, []);
}

export function encodeMsgpack(type: CtyType, value: CtyValue | undefined): Uint8Array {
  return msgpack().encode(toWire(type, value ?? null, []), encoderOptions());
}

function fromWire(type: CtyType, raw: unknown, path: PathStep[]): CtyValue {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof Unknown) return raw;
  const fail = (expected: string): never => {
    throw new CodecError(`expected ${expected}, got ${describeRaw(raw)}`, path);
  };
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        return typeof raw === 'string' ? raw : fail('a string');
      case 'bool':
        return typeof raw === 'boolean' ? raw : fail('a bool');
      case 'number':
        if (typeof raw === 'number') return raw;
        if (typeof raw === 'bigint') return normalizeBigInt(raw);
        if (typeof raw === 'string') return numberFromText(raw, path);
        return fail('a number');
      case 'dynamic': {
        if (!Array.isArray(raw) || raw.length !== 2) return fail('a [type, value] pair for a dynamic value');
        const [typeBytes, inner] = raw as [unknown, unknown];
        const typeText =
          typeof typeBytes === 'string'
            ? typeBytes
            : typeBytes instanceof Uint8Array
              ? Buffer.from(typeBytes).toString('utf8')
              : fail('type JSON bytes in a dynamic value');
        let concrete: CtyType;
        try {
          concrete = parseTypeJson(JSON.parse(typeText));
        } catch (err) {
          throw new CodecError(`invalid type in dynamic value: ${(err as Error).message}`, path);
        }
        return new Dynamic(concrete, fromWire(concrete, inner, path));
      }
    }
  }
  switch (type[0]) {
    case 'list':
    case 'set': {
      if (!Array.isArray(raw)) return fail(`a ${typeToString(type)}`);
      return raw.map((item, i) => fromWire(type[1], item, [...path, { index: i }]));
    }
    case 'tuple': {
      if (!Array.isArray(raw) || raw.length !== type[1].length) return fail(`a ${typeToString(type)}`);
      return raw.map((item, i) => fromWire(type[1][i]!, item, [...path, { index: i }]));
    }
    case 'map': {
      if (!isPlainObject(raw)) return fail(`a ${typeToString(type)}`);
      const out = newObject();
      for (const [k, v] of Object.entries(raw)) out[k] = fromWire(type[1], v, [...path, { key: k }]);
      return out;
    }
    case 'object': {
      if (!isPlainObject(raw)) return fail(`an ${typeToString(type)}`);
      const attrs = type[1];
      for (const k of Object.keys(raw)) {
        if (!Object.prototype.hasOwnProperty.call(attrs, k)) {
          throw new CodecError(`unsupported attribute "${k}"`, [...path, attr(k)]);
        }
      }
      const out = newObject();
      for (const name of Object.keys(attrs).sort()) {
        out[name] = fromWire(attrs[name]!, raw[name], [...path, attr(name)]);
      }
      return out;
    }
  }
}

function toWire(type: CtyType, value: CtyValue | undefined, path: PathStep[]): unknown {
  if (value === null || value === undefined) return null;
  const { ExtData } = msgpack();
  if (value instanceof Unknown) {
    // Refinements we received are passed back verbatim; our own unknowns are plain ext 0.
    return value.refinements
      ? new ExtData(value.refinements.extType, value.refinements.extData)
      : new ExtData(0, Uint8Array.of(0));
  }
  const fail = (expected: string): never => {
    throw new CodecError(`expected ${expected}, got ${describeRaw(value)}`, path);
  };
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        return typeof value === 'string' ? value : fail('a string');
      case 'bool':
        return typeof value === 'boolean' ? value : fail('a bool');
      case 'number':
        return numberToWire(value, path);
      case 'dynamic':
        if (!(value instanceof Dynamic)) return fail('a Dynamic value');
        if (value.value instanceof Unknown) return toWire('dynamic', value.value, path);
        return [Buffer.from(JSON.stringify(value.type), 'utf8'), toWire(value.type, value.value, path)];
    }
  }
  switch (type[0]) {
    case 'list':
    case 'set':
      if (!Array.isArray(value)) return fail(`a ${typeToString(type)}`);
      return value.map((item, i) => toWire(type[1], item, [...path, { index: i }]));
    case 'tuple':
      if (!Array.isArray(value) || value.length !== type[1].length) return fail(`a ${typeToString(type)}`);
      return value.map((item, i) => toWire(type[1][i]!, item, [...path, { index: i }]));
    case 'map': {
      if (!isPlainObject(value)) return fail(`a ${typeToString(type)}`);
      const out: Record<string, unknown> = Object.create(null);
      for (const k of Object.keys(value).sort()) out[k] = toWire(type[1], value[k], [...path, { key: k }]);
      return out;
    }
    case 'object': {
      if (!isPlainObject(value)) return fail(`an ${typeToString(type)}`);
      const attrs = type[1];
      for (const k of Object.keys(value)) {
        if (!Object.prototype.hasOwnProperty.call(attrs, k)) {
          throw new CodecError(`value has attribute "${k}" which the schema does not declare`, [...path, attr(k)]);
        }
      }
      // Every attribute of the type is written, unset ones as nil, in name
      // order like go-cty, so equal values always give identical bytes.
      const out: Record<string, unknown> = Object.create(null);
      for (const name of Object.keys(attrs).sort()) {
        out[name] = toWire(attrs[name]!, value[name], [...path, attr(name)]);
      }
      return out;
    }
  }
}

function numberToWire(value: CtyValue, path: PathStep[]): unknown {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw new CodecError('NaN is not a valid number', path);
    // Integers go out as msgpack ints like go-cty writes them (the library
    // would otherwise use a float64 beyond 32 bits).
    if (Number.isSafeInteger(value) && (value > 0xffffffff || value < -0x80000000)) return BigInt(value);
    return value;
  }
  if (typeof value === 'bigint') {
    if (value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(value);
    // int64 / uint64 range goes out as a msgpack integer, anything wider as decimal text.
    if (value >= -(1n << 63n) && value < 1n << 64n) return value;
    return value.toString();
  }
  if (value instanceof Decimal) return value.text;
  throw new CodecError(`expected a number, got ${describeRaw(value)}`, path);
}

function normalizeBigInt(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** Decimal text (from msgpack strings or JSON) to the most natural exact JS number form. */
export function numberFromText(text: string, path: AttributePath = []): number | bigint | Decimal {
  const trimmed = text.trim();
  if (/^-?\d+$/.test(trimmed)) return normalizeBigInt(BigInt(trimmed));
  let decimal: Decimal;
  try {
    decimal = new Decimal(trimmed);
  } catch {
    throw new CodecError(`"${text}" is not a valid number`, path);
  }
  const n = Number(trimmed);
  // Keep the JS number only when it prints back to an equal decimal.
  if (Number.isFinite(n) && sameDecimal(String(n), trimmed)) return n;
  return decimal;
}

function sameDecimal(a: string, b: string): boolean {
  return canonicalDecimal(a) === canonicalDecimal(b);
}

function describeRaw(raw: unknown): string {
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'a list';
  if (raw instanceof Uint8Array) return 'bytes';
  if (raw instanceof Decimal) return 'a number';
  if (raw instanceof Dynamic) return 'a Dynamic value';
  if (typeof raw === 'object') return 'an object';
  if (typeof raw === 'bigint') return 'a number';
  return `a ${typeof raw}`;
}

// ------------------------------------------------------------------- JSON ----

/** Decodes Terraform's JSON value form (ctyjson), e.g. RawState.json or a JSON DynamicValue. */
export function decodeJson(type: CtyType, text: string | Uint8Array): CtyValue {
  const source = typeof text === 'string' ? text : Buffer.from(text).toString('utf8');
  let parsed: JsonValue;
  try {
    parsed = parseJsonPreservingNumbers(source);
  } catch (err) {
    throw new CodecError((err as Error).message, []);
  }
  return fromJsonValue(type, parsed, []);
}

export interface JsonDecodeOptions {
  /**
   * Ignore object attributes the type does not declare instead of failing.
   * Used for stored state, which may still carry attributes a newer schema
   * has dropped.
   */
  ignoreUnknownAttributes?: boolean;
}

export function fromJsonValue(type: CtyType, json: JsonValue, path: PathStep[], options: JsonDecodeOptions = {}): CtyValue {
  if (json === null) return null;
  const fail = (expected: string): never => {
    throw new CodecError(`expected ${expected}, got ${describeJson(json)}`, path);
  };
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        return typeof json === 'string' ? json : fail('a string');
      case 'bool':
        return typeof json === 'boolean' ? json : fail('a bool');
      case 'number':
        if (json instanceof JsonNumber) return numberFromText(json.text, path);
        if (typeof json === 'string') return numberFromText(json, path);
        return fail('a number');
      case 'dynamic': {
        if (!isJsonObject(json) || !('type' in json)) return fail('an object with "type" and "value"');
        let concrete: CtyType;
        try {
          concrete = parseTypeJson(jsonToPlain(json.type ?? null));
        } catch (err) {
          throw new CodecError(`invalid type in dynamic value: ${(err as Error).message}`, path);
        }
        return new Dynamic(concrete, fromJsonValue(concrete, json.value ?? null, path, options));
      }
    }
  }
  switch (type[0]) {
    case 'list':
    case 'set':
      if (!Array.isArray(json)) return fail(`a ${typeToString(type)}`);
      return json.map((item, i) => fromJsonValue(type[1], item, [...path, { index: i }], options));
    case 'tuple':
      if (!Array.isArray(json) || json.length !== type[1].length) return fail(`a ${typeToString(type)}`);
      return json.map((item, i) => fromJsonValue(type[1][i]!, item, [...path, { index: i }], options));
    case 'map': {
      if (!isJsonObject(json)) return fail(`a ${typeToString(type)}`);
      const out = newObject();
      for (const [k, v] of Object.entries(json)) out[k] = fromJsonValue(type[1], v, [...path, { key: k }], options);
      return out;
    }
    case 'object': {
      if (!isJsonObject(json)) return fail(`an ${typeToString(type)}`);
      const attrs = type[1];
      if (!options.ignoreUnknownAttributes) {
        for (const k of Object.keys(json)) {
          if (!Object.prototype.hasOwnProperty.call(attrs, k)) {
            throw new CodecError(`unsupported attribute "${k}"`, [...path, attr(k)]);
          }
        }
      }
      const out: CtyObjectValue = newObject();
      for (const name of Object.keys(attrs).sort()) {
        out[name] = fromJsonValue(attrs[name]!, json[name] ?? null, [...path, attr(name)], options);
      }
      return out;
    }
  }
}

function isJsonObject(json: JsonValue): json is { [key: string]: JsonValue } {
  return json !== null && typeof json === 'object' && !Array.isArray(json) && !(json instanceof JsonNumber);
}

function jsonToPlain(json: JsonValue): unknown {
  if (json instanceof JsonNumber) return Number(json.text);
  if (Array.isArray(json)) return json.map(jsonToPlain);
  if (isJsonObject(json)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(json)) out[k] = jsonToPlain(v);
    return out;
  }
  return json;
}

function describeJson(json: JsonValue): string {
  if (json === null) return 'null';
  if (json instanceof JsonNumber) return 'a number';
  if (Array.isArray(json)) return 'a list';
  if (typeof json === 'object') return 'an object';
  return `a ${typeof json}`;
}

// ----------------------------------------------------------- DynamicValue ----

/** tfplugin6.DynamicValue as proto-loader hands it to us (bytes as Buffers). */
export interface ProtoDynamicValue {
  msgpack?: Uint8Array;
  json?: Uint8Array;
}

/**
 * Reads a DynamicValue. msgpack is what core sends; JSON is accepted as the
 * protocol allows it. A DynamicValue with neither field is treated as null.
 */
export function decodeDynamicValue(type: CtyType, dv: ProtoDynamicValue | null | undefined): CtyValue {
  if (dv?.msgpack && dv.msgpack.length > 0) return decodeMsgpack(type, dv.msgpack);
  if (dv?.json && dv.json.length > 0) return decodeJson(type, dv.json);
  return null;
}

/** Always answers msgpack, as object-wire-format.md asks of providers. */
export function encodeDynamicValue(type: CtyType, value: CtyValue | undefined): { msgpack: Buffer } {
  const bytes = encodeMsgpack(type, value);
  return { msgpack: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}
