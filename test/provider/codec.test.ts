/**
 * Golden vectors for the cty <-> msgpack/JSON codec. The byte strings are
 * what go-cty (Terraform's value library) writes and reads; see
 * zclconf/go-cty cty/msgpack and Terraform's object-wire-format.md.
 */
import {
  CtyType,
  Decimal,
  Dynamic,
  isUnknown,
  isWhollyKnown,
  toSafeNumber,
  unknown,
  Unknown,
  valuesEqual,
  valuesEqualTyped,
} from '../../provider/core/cty';
import {
  CodecError,
  decodeDynamicValue,
  decodeJson,
  decodeMsgpack,
  encodeDynamicValue,
  encodeMsgpack,
  UNKNOWN_MSGPACK,
} from '../../provider/core/codec';
import { parseJsonPreservingNumbers, JsonNumber } from '../../provider/core/json';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const bytes = (h: string) => Buffer.from(h.replace(/\s+/g, ''), 'hex');

describe('null and unknown', () => {
  test('null is 0xc0 for every type, including a whole object', () => {
    for (const type of ['string', 'number', 'bool', ['list', 'string'], ['object', { a: 'string' }]] as CtyType[]) {
      expect(hex(encodeMsgpack(type, null))).toBe('c0');
      expect(decodeMsgpack(type, bytes('c0'))).toBeNull();
    }
  });

  test('plain unknown is written as d4 00 00', () => {
    expect(hex(UNKNOWN_MSGPACK)).toBe('d40000');
    expect(hex(encodeMsgpack('string', unknown))).toBe('d40000');
    expect(hex(encodeMsgpack(['map', 'string'], unknown))).toBe('d40000');
    expect(hex(encodeMsgpack('dynamic', unknown))).toBe('d40000');
  });

  test('d4 00 00 decodes as unknown', () => {
    const v = decodeMsgpack('string', bytes('d40000'));
    expect(isUnknown(v)).toBe(true);
    expect(v).toBe(unknown);
  });

  test('refined unknown (ext 12) decodes as unknown and is passed back byte for byte', () => {
    // ext 8, length 3, type 12, payload {1: false} = "definitely not null"
    const refined = bytes('c7 03 0c 81 01 c2');
    const v = decodeMsgpack('string', refined);
    expect(v).toBeInstanceOf(Unknown);
    expect((v as Unknown).refinements).toEqual({ extType: 12, extData: Uint8Array.from(bytes('81 01 c2')) });
    expect(hex(encodeMsgpack('string', v))).toBe('c7030c8101c2');
  });

  test('any other extension type is unknown too, including ext -1 (which msgpack libraries turn into a Date)', () => {
    expect(isUnknown(decodeMsgpack('string', bytes('d4 05 00')))).toBe(true);
    expect(isUnknown(decodeMsgpack('number', bytes('d6 ff 00 00 00 00')))).toBe(true);
    expect(isUnknown(decodeMsgpack(['list', 'string'], bytes('c7 00 07')))).toBe(true);
  });

  test('unknowns nested in collections and objects', () => {
    const list = decodeMsgpack(['list', 'string'], bytes('92 a1 61 d4 00 00'));
    expect(list).toEqual(['a', unknown]);
    expect(isWhollyKnown(list)).toBe(false);
    const type: CtyType = ['object', { a: 'string', b: 'string' }];
    const o = decodeMsgpack(type, bytes('82 a1 61 d4 00 00 a1 62 a1 78'));
    expect(isUnknown((o as Record<string, unknown>).a)).toBe(true);
    expect(hex(encodeMsgpack(type, o))).toBe('82a161d40000a162a178');
  });
});

describe('objects carry every attribute', () => {
  const type: CtyType = ['object', { b: 'number', a: 'string', c: 'bool' }];

  test('unset attributes are written as nil, in name order like go-cty', () => {
    expect(hex(encodeMsgpack(type, { a: 'x' }))).toBe('83' + 'a161a178' + 'a162c0' + 'a163c0');
    expect(hex(encodeMsgpack(type, { a: 'x', b: undefined as never, c: true }))).toBe('83a161a178a162c0a163c3');
  });

  test('decoding fills missing attributes with null', () => {
    expect(decodeMsgpack(type, bytes('81 a1 61 a1 78'))).toEqual({ a: 'x', b: null, c: null });
  });

  test('an attribute the schema does not declare is an error with its path', () => {
    expect(() => encodeMsgpack(type, { a: 'x', zz: 1 })).toThrow(CodecError);
    try {
      decodeMsgpack(type, bytes('81 a2 7a 7a 01'));
      throw new Error('expected a CodecError');
    } catch (err) {
      expect(err).toBeInstanceOf(CodecError);
      expect((err as CodecError).path).toEqual([{ attribute: 'zz' }]);
    }
  });

  test('type mismatches report the attribute path down to the map key', () => {
    const t: CtyType = ['object', { tags: ['map', 'string'] }];
    try {
      decodeMsgpack(t, bytes('81 a4 74 61 67 73 81 a1 6b 01'));
      throw new Error('expected a CodecError');
    } catch (err) {
      expect((err as CodecError).path).toEqual([{ attribute: 'tags' }, { key: 'k' }]);
      expect((err as Error).message).toMatch(/expected a string, got a number/);
    }
  });
});

describe('primitives and collections', () => {
  test.each([
    ['string', 'hi', 'a26869'],
    ['bool', true, 'c3'],
    ['bool', false, 'c2'],
    ['number', 0, '00'],
    ['number', 1, '01'],
    ['number', -1, 'ff'],
    ['number', 300, 'cd012c'],
    ['number', 1.5, 'cb3ff8000000000000'],
    ['number', 0.1, 'cb3fb999999999999a'],
    ['number', -2147483649, 'd3ffffffff7fffffff'],
    ['number', 4294967296, 'cf0000000100000000'],
  ] as Array<[CtyType, unknown, string]>)('%s %p <-> %s', (type, value, encoded) => {
    expect(hex(encodeMsgpack(type, value as never))).toBe(encoded);
    expect(decodeMsgpack(type, bytes(encoded))).toEqual(value);
  });

  test('integers beyond 2^53 stay exact as bigint (uint64 / int64 on the wire)', () => {
    const v = decodeMsgpack('number', bytes('cf 00 20 00 00 00 00 00 01'));
    expect(v).toBe(9007199254740993n);
    expect(hex(encodeMsgpack('number', v))).toBe('cf0020000000000001');
    expect(decodeMsgpack('number', bytes('d3 ff df ff ff ff ff ff ff'))).toBe(-9007199254740993n);
    // Small values sent in a wide encoding come back as plain numbers.
    expect(decodeMsgpack('number', bytes('cf 00 00 00 00 00 00 00 07'))).toBe(7);
  });

  test('numbers wider than 64 bits travel as decimal strings, as go-cty writes them', () => {
    const big = '123456789012345678901234567890';
    const encodedBig = 'be' + Buffer.from(big).toString('hex');
    expect(decodeMsgpack('number', bytes(encodedBig))).toBe(BigInt(big));
    expect(hex(encodeMsgpack('number', BigInt(big)))).toBe(encodedBig);

    const precise = '0.1000000000000000000000001';
    const v = decodeMsgpack('number', bytes('d9' + precise.length.toString(16) + Buffer.from(precise).toString('hex')));
    expect(v).toBeInstanceOf(Decimal);
    expect((v as Decimal).text).toBe(precise);
    expect(hex(encodeMsgpack('number', v))).toBe('bb' + Buffer.from(precise).toString('hex')); // fixstr, 27 bytes

    // A decimal string that is exact in float64 becomes a plain number.
    expect(decodeMsgpack('number', bytes('a3 32 2e 35'))).toBe(2.5);
    expect(() => decodeMsgpack('number', bytes('a3 61 62 63'))).toThrow(/not a valid number/);
  });

  test('number equality is by value across representations', () => {
    expect(valuesEqual(10, 10n)).toBe(true);
    expect(valuesEqual(10, new Decimal('1e1'))).toBe(true);
    expect(valuesEqual(new Decimal('0.10'), 0.1)).toBe(true);
    expect(valuesEqual(1, 2)).toBe(false);
    expect(toSafeNumber(10n)).toBe(10);
    expect(() => toSafeNumber(2n ** 60n)).toThrow(RangeError);
  });

  test('lists, sets and tuples are arrays; maps are written in key order', () => {
    expect(hex(encodeMsgpack(['list', 'string'], ['a']))).toBe('91a161');
    expect(decodeMsgpack(['set', 'number'], bytes('92 01 02'))).toEqual([1, 2]);
    expect(hex(encodeMsgpack(['tuple', ['string', 'bool']], ['a', true]))).toBe('92a161c3');
    expect(hex(encodeMsgpack(['map', 'string'], { b: '2', a: '1' }))).toBe('82a161a131a162a132');
    expect(decodeMsgpack(['map', 'string'], bytes('82 a1 61 a1 31 a1 62 a1 32'))).toEqual({ a: '1', b: '2' });
  });

  test('set equality ignores order', () => {
    expect(valuesEqualTyped(['set', 'string'], ['a', 'b'], ['b', 'a'])).toBe(true);
    expect(valuesEqualTyped(['list', 'string'], ['a', 'b'], ['b', 'a'])).toBe(false);
  });

  test('a dynamic value is [type JSON bytes, value]', () => {
    const encoded = '92 c4 08 22737472696e6722 a2 68 69'; // ["\"string\"", "hi"]
    const v = decodeMsgpack('dynamic', bytes(encoded));
    expect(v).toEqual(new Dynamic('string', 'hi'));
    expect(hex(encodeMsgpack('dynamic', v))).toBe(encoded.replace(/\s+/g, ''));
    const listType = JSON.stringify(['list', 'number']);
    const dynList = encodeMsgpack('dynamic', new Dynamic(['list', 'number'], [1, 2]));
    expect(hex(dynList)).toBe('92c4' + listType.length.toString(16).padStart(2, '0') + Buffer.from(listType).toString('hex') + '920102');
  });
});

describe('JSON input', () => {
  const type: CtyType = ['object', { a: 'string', b: 'number', c: ['set', 'string'], d: 'dynamic', e: 'bool' }];

  test('Terraform JSON values decode to the same values as msgpack, keeping big numbers exact', () => {
    const v = decodeJson(type, '{"a":"x","b":12345678901234567890123,"c":["p","q"],"d":{"value":[1,2],"type":["list","number"]},"e":null}');
    expect(v).toEqual({ a: 'x', b: 12345678901234567890123n, c: ['p', 'q'], d: new Dynamic(['list', 'number'], [1, 2]), e: null });
  });

  test('a DynamicValue with only the json field is accepted; answers are always msgpack', () => {
    const value = decodeDynamicValue(type, { json: Buffer.from('{"a":"y"}') });
    expect(value).toEqual({ a: 'y', b: null, c: null, d: null, e: null });
    const answer = encodeDynamicValue(type, value);
    expect(Object.keys(answer)).toEqual(['msgpack']);
    expect(decodeMsgpack(type, answer.msgpack)).toEqual(value);
  });

  test('a DynamicValue with neither field is null', () => {
    expect(decodeDynamicValue(type, {})).toBeNull();
    expect(decodeDynamicValue(type, undefined)).toBeNull();
  });

  test('JSON errors and unexpected attributes are codec errors', () => {
    expect(() => decodeJson(type, '{"a":')).toThrow(CodecError);
    expect(() => decodeJson(type, '{"zz":1}')).toThrow(/unsupported attribute "zz"/);
  });

  test('the JSON reader keeps number text and treats "__proto__" as a plain key', () => {
    const parsed = parseJsonPreservingNumbers('{"__proto__": {"n": 1.000000000000000000001}, "s": "\\u00e9\\n"}') as Record<string, any>;
    expect(Object.keys(parsed)).toEqual(['__proto__', 's']);
    expect(parsed['__proto__'].n).toEqual(new JsonNumber('1.000000000000000000001'));
    expect(parsed.s).toBe('é\n');
    expect(() => parseJsonPreservingNumbers('[1,]')).toThrow(/invalid JSON/);
    expect(() => parseJsonPreservingNumbers('{} x')).toThrow(/trailing/);
  });

  test('map keys such as "__proto__" survive a JSON round trip into msgpack', () => {
    const t: CtyType = ['map', 'string'];
    const v = decodeJson(t, '{"__proto__":"x"}');
    expect(Object.keys(v as object)).toEqual(['__proto__']);
    expect(hex(encodeMsgpack(t, v))).toBe('81a95f5f70726f746f5f5fa178');
  });
});
