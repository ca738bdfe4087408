/**
 * The AuditEvent builder: field formats from reference §11, and that nothing but the documented
 * fields ever comes out, whatever is passed in.
 */
import fc from 'fast-check';
import {
  AUDIT_OPERATIONS,
  buildAuditEvent,
  formatAuditTime,
  resultSignatureOf,
  resultTypeOf,
  vaultOfResourceId,
  type AuditEvent,
  type AuditInput,
} from '../../emulator/audit/event';

const SECRET = 'sup3r-s3cret-value-9f8e7d';
const TOKEN =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJvaWQiOiIxMTExIiwic2VjcmV0Ijoic3VwM3Itc2VjcmV0In0.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU';

export function sampleInput(overrides: Partial<AuditInput> = {}): AuditInput {
  return {
    startedAt: Date.UTC(2016, 0, 5, 1, 32, 1, 269) + 0.1226,
    durationMs: 77.6,
    resource: { vault: { name: 'app', subscriptionId: 'aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e', resourceGroup: 'contosoGroup' } },
    operationName: 'SecretGet',
    apiVersion: '7.6',
    status: 200,
    callerIp: '::ffff:127.0.0.1',
    clientRequestId: '9f6ac6cb-695c-43da-a2ee-62040cfba289',
    claims: { oid: '11111111-1111-1111-1111-111111111111', appid: '04b07795-8ddb-461a-bbee-02f9e1bf7b46', upn: 'u@contoso.com' },
    objectId: 'https://app.vault.localhost:8443/secrets/s1/59df3f069aa94cbebfa7fb7980a7e2d8',
    requestUri: 'https://app.vault.localhost:8443/secrets/s1/?api-version=7.6',
    userAgent: 'azsdk-js-keyvault-secrets/4.12.0 core-rest-pipeline/1.24.0 Node/20.20.0',
    isAccessPolicyMatch: true,
    isRbacAuthorized: false,
    resultDescription: '',
    ...overrides,
  };
}

const TOP_KEYS = [
  'time',
  'resourceId',
  'operationName',
  'operationVersion',
  'category',
  'resultType',
  'resultSignature',
  'resultDescription',
  'durationMs',
  'callerIpAddress',
  'correlationId',
  'identity',
  'properties',
];
const PROPERTY_KEYS = ['id', 'requestUri', 'httpStatusCode', 'isAccessPolicyMatch', 'isRbacAuthorized', 'clientInfo'];
const CLAIM_KEYS = ['oid', 'appid', 'upn'];

/** Every key path of a record must be a documented one, with the documented type. */
function expectDocumentedShape(e: AuditEvent): void {
  expect(Object.keys(e)).toEqual(TOP_KEYS);
  for (const key of TOP_KEYS.filter((k) => k !== 'identity' && k !== 'properties')) {
    expect(typeof (e as unknown as Record<string, unknown>)[key]).toBe('string');
  }
  expect(Object.keys(e.identity)).toEqual(['claim']);
  for (const [k, v] of Object.entries(e.identity.claim)) {
    expect(CLAIM_KEYS).toContain(k);
    expect(typeof v).toBe('string');
  }
  for (const k of Object.keys(e.properties)) expect(PROPERTY_KEYS).toContain(k);
  expect(typeof e.properties.requestUri).toBe('string');
  expect(Number.isInteger(e.properties.httpStatusCode)).toBe(true);
  expect(typeof e.properties.isAccessPolicyMatch).toBe('boolean');
  expect(typeof e.properties.isRbacAuthorized).toBe('boolean');
  expect(typeof e.properties.clientInfo).toBe('string');
  if ('id' in e.properties) expect(typeof e.properties.id).toBe('string');
  expect(e.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
  expect(e.durationMs).toMatch(/^\d+$/);
  expect(e.category).toBe('AuditEvent');
}

describe('buildAuditEvent', () => {
  test('a SecretGet record in the service format (reference §11.1)', () => {
    const e = buildAuditEvent(sampleInput());
    expectDocumentedShape(e);
    expect(e).toEqual({
      time: '2016-01-05T01:32:01.2691226Z',
      resourceId:
        '/SUBSCRIPTIONS/AAAA0A0A-BB1B-CC2C-DD3D-EEEEEE4E4E4E/RESOURCEGROUPS/CONTOSOGROUP/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/APP',
      operationName: 'SecretGet',
      operationVersion: '7.6',
      category: 'AuditEvent',
      resultType: 'Success',
      resultSignature: 'OK',
      resultDescription: '',
      durationMs: '78',
      callerIpAddress: '127.0.0.1',
      correlationId: '9f6ac6cb-695c-43da-a2ee-62040cfba289',
      identity: { claim: { oid: '11111111-1111-1111-1111-111111111111', appid: '04b07795-8ddb-461a-bbee-02f9e1bf7b46', upn: 'u@contoso.com' } },
      properties: {
        id: 'https://app.vault.localhost:8443/secrets/s1/59df3f069aa94cbebfa7fb7980a7e2d8',
        requestUri: 'https://app.vault.localhost:8443/secrets/s1/?api-version=7.6',
        httpStatusCode: 200,
        isAccessPolicyMatch: true,
        isRbacAuthorized: false,
        clientInfo: 'azsdk-js-keyvault-secrets/4.12.0 core-rest-pipeline/1.24.0 Node/20.20.0',
      },
    });
  });

  test('default subscription and resource group; the token endpoint names the tenant', () => {
    expect(buildAuditEvent(sampleInput({ resource: { vault: { name: 'Default' } } })).resourceId).toBe(
      '/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000/RESOURCEGROUPS/KEYVAULT-EMULATOR/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/DEFAULT',
    );
    const token = buildAuditEvent(
      sampleInput({ resource: { tenantId: '6e8c2f4a-1b3d-4e5f-9a7b-0c1d2e3f4a5b' }, operationName: AUDIT_OPERATIONS.tokenIssue }),
    );
    expect(token.resourceId).toBe('/TENANTS/6E8C2F4A-1B3D-4E5F-9A7B-0C1D2E3F4A5B/PROVIDERS/MICROSOFT.AADIAM');
    expect(token.operationName).toBe('TokenIssue');
    expect(vaultOfResourceId(token.resourceId)).toBe('');
    expect(vaultOfResourceId(buildAuditEvent(sampleInput()).resourceId)).toBe('app');
  });

  test('status → resultSignature (.NET HttpStatusCode names) and resultType', () => {
    const cases: Array<[number, string, string]> = [
      [200, 'OK', 'Success'],
      [204, 'NoContent', 'Success'],
      [400, 'BadRequest', 'Failure'],
      [401, 'Unauthorized', 'Failure'],
      [403, 'Forbidden', 'Failure'],
      [404, 'NotFound', 'Failure'],
      [405, 'MethodNotAllowed', 'Failure'],
      [409, 'Conflict', 'Failure'],
      [413, 'RequestEntityTooLarge', 'Failure'],
      [429, 'TooManyRequests', 'Failure'],
      [500, 'InternalServerError', 'Failure'],
      [503, 'ServiceUnavailable', 'Failure'],
      [499, '499', 'Failure'],
    ];
    for (const [status, signature, type] of cases) {
      expect([status, resultSignatureOf(status), resultTypeOf(status)]).toEqual([status, signature, type]);
      const e = buildAuditEvent(sampleInput({ status }));
      expect([e.resultSignature, e.resultType, e.properties.httpStatusCode]).toEqual([signature, type, status]);
    }
  });

  test('time has 7 fractional digits; durationMs is whole milliseconds as a string', () => {
    expect(formatAuditTime(0)).toBe('1970-01-01T00:00:00.0000000Z');
    expect(formatAuditTime(Date.UTC(2024, 4, 1, 12, 0, 0, 5))).toBe('2024-05-01T12:00:00.0050000Z');
    expect(formatAuditTime(Date.UTC(2024, 4, 1, 12, 0, 59, 999) + 0.5)).toBe('2024-05-01T12:00:59.9995000Z');
    expect(formatAuditTime(-1)).toMatch(/^20\d\d-/); // out of range: now
    // Second boundaries after a cached second.
    expect(formatAuditTime(Date.UTC(2024, 4, 1, 12, 1, 0, 0))).toBe('2024-05-01T12:01:00.0000000Z');
    expect(buildAuditEvent(sampleInput({ durationMs: 0.4 })).durationMs).toBe('0');
    expect(buildAuditEvent(sampleInput({ durationMs: -3 })).durationMs).toBe('0');
    expect(buildAuditEvent(sampleInput({ durationMs: 1234.5 })).durationMs).toBe('1235');
  });

  test('a request without a token: empty claim set, Authentication, no object id', () => {
    const e = buildAuditEvent(
      sampleInput({ claims: undefined, operationName: AUDIT_OPERATIONS.authentication, status: 401, objectId: undefined, resultDescription: 'Unauthorized' }),
    );
    expectDocumentedShape(e);
    expect(e.identity).toEqual({ claim: {} });
    expect(e.operationName).toBe('Authentication');
    expect(e.properties).not.toHaveProperty('id');
    expect(e.resultDescription).toBe('Unauthorized');
  });

  test('the request URI keeps only api-version, maxresults and $skiptoken', () => {
    const uri = (requestUri: string) => buildAuditEvent(sampleInput({ requestUri })).properties.requestUri;
    expect(uri('https://app.vault.localhost:8443/secrets?api-version=7.6&maxresults=5&$skiptoken=eyJhZnRlciI6ImEifQ')).toBe(
      'https://app.vault.localhost:8443/secrets?api-version=7.6&maxresults=5&$skiptoken=eyJhZnRlciI6ImEifQ',
    );
    // The SDK encodes the key; keys compare case-insensitively.
    expect(uri('https://h/secrets/s?api%2Dversion=7.6&MaxResults=2')).toBe('https://h/secrets/s?api%2Dversion=7.6&MaxResults=2');
    expect(uri(`https://h/secrets/s?api-version=7.6&access_token=${TOKEN}&value=${SECRET}&code=x#${SECRET}`)).toBe(
      'https://h/secrets/s?api-version=7.6',
    );
    expect(uri(`https://user:${SECRET}@h:8443/secrets/s?api-version=7.6`)).toBe('https://h:8443/secrets/s?api-version=7.6');
    // A known key whose value does not look like one is dropped too.
    expect(uri(`https://h/secrets?api-version=${TOKEN}&maxresults=${SECRET}`)).toBe('https://h/secrets');
    expect(uri(`https://h/secrets?constructor=1&__proto__=2&api-version=7.6`)).toBe('https://h/secrets?api-version=7.6');
    expect(uri('not a url')).toBe('');
    expect(uri('ftp://h/x')).toBe('');
    expect(uri('https://h')).toBe('https://h/');
    const objectId = buildAuditEvent(sampleInput({ objectId: `https://h/secrets/s/v1?api-version=7.6#${SECRET}` })).properties.id;
    expect(objectId).toBe('https://h/secrets/s/v1');
  });

  test('string fields take strings only: objects passed by mistake are dropped, not serialised', () => {
    const headers = { authorization: `Bearer ${TOKEN}`, 'user-agent': 'ua', cookie: SECRET };
    const body = { value: SECRET };
    const e = buildAuditEvent(
      sampleInput({
        userAgent: headers as unknown as string,
        clientRequestId: headers as unknown as string,
        resultDescription: body as unknown as string,
        apiVersion: body as unknown as string,
        callerIp: body as unknown as string,
        requestUri: body as unknown as string,
        objectId: body as unknown as string,
        operationName: body as unknown as string,
        claims: { oid: body, appid: headers, upn: 7 } as unknown as AuditInput['claims'],
      }),
    );
    expectDocumentedShape(e);
    const text = JSON.stringify(e);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
    expect(e.operationName).toBe('Unknown');
    expect(e.identity.claim).toEqual({});
  });

  test('a whole claim set or principal passes oid, appid and upn only', () => {
    const claims = {
      oid: 'o-1',
      appid: 'a-1',
      upn: 'u@x',
      tid: 't',
      scp: 'user_impersonation',
      access_token: TOKEN,
      secret: SECRET,
      anonymous: false,
    };
    const e = buildAuditEvent(sampleInput({ claims }));
    expect(e.identity).toEqual({ claim: { oid: 'o-1', appid: 'a-1', upn: 'u@x' } });
  });

  test('correlationId only when it looks like an id; a token in the header is not logged', () => {
    expect(buildAuditEvent(sampleInput({ clientRequestId: TOKEN })).correlationId).toBe('');
    expect(buildAuditEvent(sampleInput({ clientRequestId: 'has space' })).correlationId).toBe('');
    expect(buildAuditEvent(sampleInput({ clientRequestId: 'abc-123' })).correlationId).toBe('abc-123');
  });

  test('resultDescription: error codes and catalogue text pass, parser messages quoting the body do not', () => {
    const describe = (resultDescription: string) => buildAuditEvent(sampleInput({ resultDescription })).resultDescription;
    expect(describe('SecretNotFound')).toBe('SecretNotFound');
    expect(describe('AKV10000: Request is missing a Bearer or PoP token.')).toBe('AKV10000: Request is missing a Bearer or PoP token.');
    let parseError = '';
    try {
      JSON.parse(`{"value":"${SECRET}"`);
    } catch (err) {
      parseError = `The request body is not valid JSON: ${(err as Error).message}`;
    }
    expect(describe(parseError)).toBe('');
    expect(describe(`x`.repeat(300))).toBe('');
    expect(describe('line\nbreak')).toBe('linebreak');
  });

  test('caller IP: IPv4-mapped addresses are unwrapped, anything else that is not an IP is dropped', () => {
    const ip = (callerIp: string) => buildAuditEvent(sampleInput({ callerIp })).callerIpAddress;
    expect(ip('::ffff:10.0.0.7')).toBe('10.0.0.7');
    expect(ip('::1')).toBe('::1');
    expect(ip('203.0.113.7')).toBe('203.0.113.7');
    expect(ip(`203.0.113.7, ${SECRET}`)).toBe('');
  });

  test('never throws, emits only the documented fields, and leaks nothing passed as an object or an extra field (property)', () => {
    // Values that carry a secret or a token inside a structure: a body, a header map, a claim set.
    const carrier = fc.oneof(
      fc.dictionary(fc.string(), fc.constant(SECRET)),
      fc.array(fc.constant(TOKEN), { minLength: 1 }),
      fc.constant({ value: SECRET }),
      fc.constant({ authorization: `Bearer ${TOKEN}` }),
      fc.constant({ oid: { token: TOKEN }, appid: [SECRET], upn: { value: SECRET } }),
    );
    const fieldValue = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(undefined), fc.constant(null), carrier);
    const fields = [
      'startedAt',
      'durationMs',
      'resource',
      'operationName',
      'apiVersion',
      'status',
      'callerIp',
      'clientRequestId',
      'claims',
      'objectId',
      'requestUri',
      'userAgent',
      'isAccessPolicyMatch',
      'isRbacAuthorized',
      'resultDescription',
    ];
    fc.assert(
      fc.property(
        fc.record(Object.fromEntries(fields.map((f) => [f, fieldValue])), { requiredKeys: [] }),
        fc.dictionary(
          fc.string().filter((k) => !fields.includes(k)),
          fc.oneof(fc.constant(SECRET), fc.constant(TOKEN), carrier),
        ),
        (input, extra) => {
          const e = buildAuditEvent({ ...extra, ...input } as unknown as AuditInput);
          expectDocumentedShape(e);
          const text = JSON.stringify(e);
          expect(text).not.toContain(TOKEN);
          expect(text).not.toContain(SECRET);
        },
      ),
      { numRuns: 500 },
    );
  });
});
