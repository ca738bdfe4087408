/**
 * The resource framework without a process: plan rules as pure functions,
 * schema checks and derivations, validators, provider configuration, and the
 * RPC handlers called in-process with real msgpack values.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CtyObjectValue, CtyType, isUnknown, newObject, unknown, Unknown } from '../../provider/core/cty';
import { encodeMsgpack } from '../../provider/core/codec';
import { Diagnostics } from '../../provider/core/diagnostics';
import { defineDataSource, defineProvider, defineResource, gone } from '../../provider/framework/definitions';
import {
  applyPlanRules,
  attributesRequiringReplace,
  markComputedUnknownForReplacement,
  mergeAppliedState,
} from '../../provider/framework/plan';
import { createProviderHandlers, resolveProviderConfig } from '../../provider/framework/provider-server';
import { checkSchema, objectType, schemaToJson, schemaToProto, type Schema } from '../../provider/framework/schema';
import {
  eachElement,
  isUrl,
  isUuid,
  maxItems,
  numberBetween,
  oneOf,
  stringLengthBetween,
  stringMatches,
} from '../../provider/framework/validators';
import { createKeyvaultProvider, providerConfigSchema } from '../../provider/keyvault-provider';
import { schemaDocument } from '../../provider/main';
import { fixtureRegistry } from './fixtures/main';
import { configOf, dv, fromDv, obj, proposedNew, tempDir } from './helpers';

const o = (values: Record<string, unknown>) => obj(values as Record<string, never>);

describe('plan rules', () => {
  const schema: Schema = {
    attributes: {
      id: { type: 'string', computed: true },
      name: { type: 'string', required: true, requiresReplace: true },
      mode: { type: 'string', optional: true, computed: true, default: 'standard' },
      label: { type: 'string', optional: true, computed: true },
      note: { type: 'string', optional: true },
      version: { type: 'string', computed: true },
    },
  };
  const attrs = Object.entries(schema.attributes).map(([name, a]) => ({ name, computed: a.computed }));
  const config = (values: Record<string, unknown>) => o({ name: null, mode: null, label: null, note: null, id: null, version: null, ...values });

  test('create: computed attributes absent from config are unknown, defaults are planned', () => {
    const cfg = config({ name: 'a' });
    const planned = applyPlanRules(schema, null, proposedNew(attrs, null, cfg), cfg)!;
    expect(isUnknown(planned.id)).toBe(true);
    expect(isUnknown(planned.version)).toBe(true);
    expect(isUnknown(planned.label)).toBe(true);
    expect(planned.mode).toBe('standard');
    expect(planned.name).toBe('a');
    expect(planned.note).toBeNull();
  });

  test('update: prior values of computed attributes are kept, configured values win', () => {
    const prior = o({ id: '1', name: 'a', mode: 'standard', label: 'from-server', note: null, version: 'v1' });
    const cfg = config({ name: 'a', note: 'hello', mode: 'premium' });
    const planned = applyPlanRules(schema, prior, proposedNew(attrs, prior, cfg), cfg)!;
    expect(planned).toEqual({ id: '1', name: 'a', mode: 'premium', label: 'from-server', note: 'hello', version: 'v1' });
    expect(attributesRequiringReplace(schema, prior, planned)).toEqual([]);
  });

  test('update: an optional + computed attribute removed from config returns to its default', () => {
    const prior = o({ id: '1', name: 'a', mode: 'premium', label: 'x', note: null, version: 'v1' });
    const cfg = config({ name: 'a' });
    expect(applyPlanRules(schema, prior, proposedNew(attrs, prior, cfg), cfg)!.mode).toBe('standard');
  });

  test('an unknown configured value stays unknown', () => {
    const cfg = config({ name: unknown, label: unknown });
    const planned = applyPlanRules(schema, null, proposedNew(attrs, null, cfg), cfg)!;
    expect(isUnknown(planned.name)).toBe(true);
    expect(isUnknown(planned.label)).toBe(true);
  });

  test('destroy: a null proposed state plans null', () => {
    const prior = o({ id: '1', name: 'a', mode: 'standard', label: null, note: null, version: 'v1' });
    expect(applyPlanRules(schema, prior, null, null)).toBeNull();
  });

  test('force-new: a changed requiresReplace attribute is reported and unpinned computed values become unknown', () => {
    const prior = o({ id: '1', name: 'a', mode: 'standard', label: 'l', note: null, version: 'v1' });
    const cfg = config({ name: 'b', label: 'mine' });
    const planned = applyPlanRules(schema, prior, proposedNew(attrs, prior, cfg), cfg)!;
    expect(attributesRequiringReplace(schema, prior, planned)).toEqual(['name']);
    markComputedUnknownForReplacement(schema, planned, cfg);
    expect(isUnknown(planned.id)).toBe(true);
    expect(isUnknown(planned.version)).toBe(true);
    expect(planned.label).toBe('mine'); // pinned by configuration
    expect(planned.mode).toBe('standard'); // default, known
    // An unknown new value may differ, so it forces replacement too.
    expect(attributesRequiringReplace(schema, prior, { ...planned, name: unknown })).toEqual(['name']);
  });

  test('after apply: known planned values must come back identical and nothing may stay unknown', () => {
    const planned = o({ id: unknown, name: 'a', mode: 'standard', label: 'l', note: null, version: unknown });
    const ok = new Diagnostics();
    const state = mergeAppliedState(schema, planned, { id: '1', version: 'v1' }, 'test_thing', ok);
    expect(ok.items).toEqual([]);
    expect(state).toEqual({ id: '1', name: 'a', mode: 'standard', label: 'l', note: null, version: 'v1' });

    const bad = new Diagnostics();
    mergeAppliedState(schema, planned, { id: '1', name: 'changed' }, 'test_thing', bad);
    expect(bad.items.map((d) => [d.summary, d.path])).toEqual([
      ['Provider produced inconsistent result after apply', [{ attribute: 'name' }]],
      ['Provider returned an unknown value after apply', [{ attribute: 'version' }]],
    ]);
    expect(() => mergeAppliedState(schema, planned, { nope: 1 }, 'test_thing', new Diagnostics())).toThrow(/does not declare/);
  });

  test('sensitive values are never printed in diagnostics', () => {
    const s: Schema = { attributes: { secret: { type: 'string', optional: true, sensitive: true } } };
    const d = new Diagnostics();
    mergeAppliedState(s, o({ secret: 'hunter2' }), { secret: 'other' }, 'test_thing', d);
    expect(d.items[0]!.detail).toContain('(sensitive value)');
    expect(JSON.stringify(d.items)).not.toContain('hunter2');
  });
});

describe('schema checks and derivations', () => {
  test.each([
    [{ a: { type: 'string', required: true, optional: true } }, /cannot be required and also/],
    [{ a: { type: 'string' } }, /must be required, optional or computed/],
    [{ a: { type: 'string', optional: true, default: 'x' } }, /default but is not optional \+ computed/],
    [{ a: { type: 'string', optional: true, envVar: 'X' } }, /envVar outside the provider/],
    [{ 'Bad-Name': { type: 'string', optional: true } }, /not a valid attribute name/],
    [{ count: { type: 'string', optional: true } }, /reserves/],
    [{ a: { type: ['list'], optional: true } }, /invalid type/],
    [{ a: { type: 'string', computed: true, requiresReplace: true } }, /computed-only/],
  ] as Array<[Schema['attributes'], RegExp]>)('resource schema %j is rejected', (attributes, message) => {
    expect(() => checkSchema('resource', 'test_thing', { attributes })).toThrow(message);
  });

  test('requiresReplace only makes sense on resources; type names need the provider prefix', () => {
    expect(() =>
      defineDataSource({ typeName: 'keyvault_x', schema: { attributes: { a: { type: 'string', required: true, requiresReplace: true } } }, read: async () => ({}) }),
    ).toThrow(/requiresReplace outside a resource/);
    const r = defineResource({
      typeName: 'other_thing',
      schema: { attributes: { id: { type: 'string', computed: true } } },
      create: async () => ({}),
      read: async () => gone,
      update: async () => ({}),
      delete: async () => {},
    });
    expect(() => createKeyvaultProvider({ resources: [r], dataSources: [] })).toThrow(/must start with "keyvault_"/);
  });

  test('protobuf schema: sorted attributes, type as compact JSON bytes, flags', () => {
    const proto = schemaToProto(providerConfigSchema);
    expect(proto.block.attributes.map((a) => a.name)).toEqual([...Object.keys(providerConfigSchema.attributes)].sort());
    const secret = proto.block.attributes.find((a) => a.name === 'client_secret')!;
    expect(secret).toMatchObject({ optional: true, required: false, computed: false, sensitive: true, description_kind: 'PLAIN' });
    expect(secret.type.toString()).toBe('"string"');
    const flag = proto.block.attributes.find((a) => a.name === 'purge_soft_deleted_secrets_on_destroy')!;
    expect(flag.type.toString()).toBe('"bool"');
    expect(Buffer.from(JSON.stringify(['map', 'string'])).toString('base64')).toBe('WyJtYXAiLCJzdHJpbmciXQ==');
  });

  test('`providers schema -json` document for the shipped provider', () => {
    const doc = schemaDocument();
    expect(doc.format_version).toBe('1.0');
    expect(Object.keys(doc.provider_schemas)).toEqual(['registry.terraform.io/keyvault-emulator/keyvault']);
    const entry = doc.provider_schemas['registry.terraform.io/keyvault-emulator/keyvault']!;
    expect(Object.keys(entry.resource_schemas)).toEqual(['keyvault_access_policy', 'keyvault_secret', 'keyvault_vault']);
    expect(Object.keys(entry.data_source_schemas)).toEqual(['keyvault_client_config', 'keyvault_secret', 'keyvault_secrets']);
    expect(entry.provider.block.attributes!.client_secret).toEqual({
      type: 'string',
      description: expect.stringContaining('Client secret'),
      description_kind: 'plain',
      optional: true,
      sensitive: true,
    });
    expect(entry.provider.block.attributes!.recover_soft_deleted_secrets).toMatchObject({ type: 'bool', optional: true });
  });

  test('resource JSON schema includes requiredness, computed and collection types', () => {
    const json = schemaToJson(fixtureRegistry.resources.find((r) => r.typeName === 'keyvault_fixture_file')!.schema);
    expect(json.block.attributes!.path).toEqual({ type: 'string', description: 'Where the object is stored.', description_kind: 'plain', required: true });
    expect(json.block.attributes!.tags).toEqual({ type: ['map', 'string'], description_kind: 'plain', optional: true });
    expect(json.block.attributes!.mode).toEqual({ type: 'string', description_kind: 'plain', optional: true, computed: true });
  });
});

describe('validators', () => {
  test('built-ins', () => {
    expect(stringLengthBetween(1, 3)('')).toMatch(/between 1 and 3/);
    expect(stringLengthBetween(1, 3)('abc')).toBeUndefined();
    expect(stringMatches(/^[a-z]+$/, 'be lowercase')('A')).toBe('must be lowercase, got "A"');
    expect(oneOf(['standard', 'premium'])('Premium')).toMatch(/one of/);
    expect(oneOf(['standard', 'premium'], { caseSensitive: false })('Premium')).toBeUndefined();
    expect(numberBetween(7, 90)(6)).toMatch(/between 7 and 90/);
    expect(numberBetween(7, 90)(90n)).toBeUndefined();
    expect(isUrl()('ftp://x')).toMatch(/http:\/\/ or https:\/\//);
    expect(isUrl()('nope')).toMatch(/absolute URL/);
    expect(isUrl()('http://127.0.0.1:8080')).toBeUndefined();
    expect(isUuid()('00000000-0000-0000-0000-000000000000')).toBeUndefined();
    expect(isUuid()('x')).toMatch(/UUID/);
    expect(maxItems(1)(['a', 'b'])).toMatch(/at most 1/);
    expect(eachElement(stringLengthBetween(1, 2))(o({ ok: 'a', bad: 'abc' }))).toEqual([
      { message: 'must be between 1 and 2 characters long, got 3', path: [{ key: 'bad' }] },
    ]);
    expect(eachElement(stringLengthBetween(1, 2))(['abc', unknown])).toEqual([
      { message: 'must be between 1 and 2 characters long, got 3', path: [{ index: 0 }] },
    ]);
  });
});

describe('provider configuration', () => {
  const type = objectType(providerConfigSchema);
  const config = (values: Record<string, unknown>) => configOf(type, values as never);

  test('configuration wins, then the first set environment variable, then the default', () => {
    const d = new Diagnostics();
    const resolved = resolveProviderConfig(
      providerConfigSchema,
      config({ tenant_id: 'from-config' }),
      { KEYVAULT_EMULATOR_ENDPOINT: 'http://127.0.0.1:9', ARM_TENANT_ID: 'arm-tenant', ARM_CLIENT_ID: 'arm-client', KEYVAULT_EMULATOR_CLIENT_ID: 'kv-client' },
      d,
    );
    expect(d.items).toEqual([]);
    expect(resolved).toMatchObject({
      endpoint: 'http://127.0.0.1:9',
      tenant_id: 'from-config',
      client_id: 'kv-client',
      client_secret: null,
      purge_soft_deleted_secrets_on_destroy: true,
      recover_soft_deleted_secrets: true,
    });
  });

  test('environment values are validated against the attribute, naming the variable', () => {
    const d = new Diagnostics();
    resolveProviderConfig(providerConfigSchema, config({}), { KEYVAULT_EMULATOR_ENDPOINT: 'not a url' }, d);
    expect(d.items).toEqual([
      expect.objectContaining({
        summary: 'Invalid value for "endpoint"',
        detail: expect.stringContaining('KEYVAULT_EMULATOR_ENDPOINT'),
        path: [{ attribute: 'endpoint' }],
      }),
    ]);
  });

  test('ConfigureProvider hands the resolved configuration to resources, including unknowns', async () => {
    let seen: unknown;
    const probe = defineDataSource({
      typeName: 'keyvault_probe',
      schema: { attributes: { out: { type: 'string', computed: true } } },
      read: async ({ provider }) => {
        seen = provider;
        return { out: 'ok' };
      },
    });
    const handlers = createProviderHandlers(createKeyvaultProvider({ resources: [], dataSources: [probe] }));
    const res = (await handlers.ConfigureProvider!({
      terraform_version: '1.11.4',
      config: dv(type, config({ endpoint: unknown, client_secret: 's' })),
    })) as { diagnostics: unknown[] };
    expect(res.diagnostics).toEqual([]);
    const read = (await handlers.ReadDataSource!({ type_name: 'keyvault_probe', config: dv(['object', { out: 'string' }], o({ out: null })) })) as {
      diagnostics: unknown[];
    };
    expect(read.diagnostics).toEqual([]);
    expect(seen).toMatchObject({ endpoint: undefined, clientSecret: 's', terraformVersion: '1.11.4', unknownAttributes: ['endpoint'] });
  });

  test('an unreadable ca_file is an error on that attribute', async () => {
    const handlers = createProviderHandlers(createKeyvaultProvider({ resources: [], dataSources: [] }));
    const res = (await handlers.ConfigureProvider!({ config: dv(type, config({ ca_file: '/nonexistent/ca.pem' })) })) as { diagnostics: any[] };
    expect(res.diagnostics).toEqual([
      expect.objectContaining({ severity: 'ERROR', summary: 'Invalid value for "ca_file"', attribute: { steps: [{ attribute_name: 'ca_file' }] } }),
    ]);
  });
});

describe('RPC handlers in-process with the file fixture', () => {
  const handlers = createProviderHandlers(createKeyvaultProvider(fixtureRegistry));
  const resource = fixtureRegistry.resources.find((r) => r.typeName === 'keyvault_fixture_file')!;
  const type = objectType(resource.schema);
  const attrs = Object.entries(resource.schema.attributes).map(([name, a]) => ({ name, computed: (a as { computed?: boolean }).computed }));
  const dir = tempDir('handlers');
  const file = path.join(dir, 'obj.json');
  const cfg = (values: Record<string, unknown>) => configOf(type, values as never);
  const call = async (name: string, request: object) => (await handlers[name]!(request)) as any;

  beforeAll(async () => {
    // An endpoint where nothing listens: without credentials configure() asks the emulator how it authenticates.
    const r = await call('ConfigureProvider', {
      config: dv(objectType(providerConfigSchema), configOf(objectType(providerConfigSchema), { endpoint: 'http://127.0.0.1:1' })),
    });
    expect(r.diagnostics).toEqual([]);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function plan(prior: CtyObjectValue | null, config: CtyObjectValue | null) {
    const res = await call('PlanResourceChange', {
      type_name: resource.typeName,
      prior_state: dv(type, prior),
      proposed_new_state: dv(type, proposedNew(attrs, prior, config)),
      config: dv(type, config),
    });
    return { ...res, planned: fromDv(type, res.planned_state) as CtyObjectValue | null };
  }
  async function apply(prior: CtyObjectValue | null, planned: CtyObjectValue | null, config: CtyObjectValue | null) {
    const res = await call('ApplyResourceChange', {
      type_name: resource.typeName,
      prior_state: dv(type, prior),
      planned_state: dv(type, planned),
      config: dv(type, config),
    });
    return { ...res, state: fromDv(type, res.new_state) as CtyObjectValue | null };
  }

  test('validation errors point at the attribute (and inside maps)', async () => {
    const res = await call('ValidateResourceConfig', {
      type_name: resource.typeName,
      config: dv(type, cfg({ path: 'relative', content: '', tags: o({ k: 'x'.repeat(30) }), mode: 'weird' })),
    });
    const found = res.diagnostics.map((d: any) => [d.attribute.steps, d.severity]);
    expect(found).toEqual(
      expect.arrayContaining([
        [[{ attribute_name: 'path' }], 'ERROR'],
        [[{ attribute_name: 'content' }], 'ERROR'],
        [[{ attribute_name: 'tags' }, { element_key_string: 'k' }], 'ERROR'],
        [[{ attribute_name: 'mode' }], 'ERROR'],
      ]),
    );
    expect(res.diagnostics).toHaveLength(4);
  });

  test('unknown values are not validated; resource-level validate runs once attributes pass', async () => {
    const unknownContent = await call('ValidateResourceConfig', { type_name: resource.typeName, config: dv(type, cfg({ path: '/x', content: unknown })) });
    expect(unknownContent.diagnostics).toEqual([]);
    const same = await call('ValidateResourceConfig', { type_name: resource.typeName, config: dv(type, cfg({ path: '/x', content: 'a', secret: 'a' })) });
    expect(same.diagnostics).toEqual([expect.objectContaining({ summary: 'Secret equals content', attribute: { steps: [{ attribute_name: 'secret' }] } })]);
  });

  test('lifecycle: create, read, update, gone, destroy', async () => {
    const config1 = cfg({ path: file, content: 'hello', secret: 's' });
    const p1 = await plan(null, config1);
    expect(p1.diagnostics).toEqual([]);
    expect(isUnknown(p1.planned!.id)).toBe(true);
    expect(isUnknown(p1.planned!.revision)).toBe(true);
    expect(p1.planned!.size).toBe(5);
    expect(p1.planned!.mode).toBe('plain');

    const a1 = await apply(null, p1.planned, config1);
    expect(a1.diagnostics).toEqual([]);
    expect(a1.state).toMatchObject({ id: file, revision: 1, size: 5, mode: 'plain', secret: 's' });

    const config2 = cfg({ path: file, content: 'hello again', secret: 's' });
    const p2 = await plan(a1.state, config2);
    expect(p2.requires_replace).toEqual([]);
    expect(isUnknown(p2.planned!.revision)).toBe(true);
    expect(p2.planned!.created_at).toBe(a1.state!.created_at);
    const a2 = await apply(a1.state, p2.planned, config2);
    expect(a2.state).toMatchObject({ revision: 2, content: 'hello again', created_at: a1.state!.created_at });

    // A no-op plan keeps everything known.
    const p3 = await plan(a2.state, config2);
    expect(p3.planned).toEqual(a2.state);

    fs.rmSync(file);
    const read = await call('ReadResource', { type_name: resource.typeName, current_state: dv(type, a2.state) });
    expect(read.diagnostics).toEqual([]);
    expect(Buffer.from(read.new_state.msgpack).toString('hex')).toBe('c0');

    const destroy = await plan(a2.state, null);
    expect(destroy.planned).toBeNull();
    const gone = await apply(a2.state, null, null);
    expect(gone.state).toBeNull();
  });

  test('callback errors become diagnostics with the message; a failed create leaves no state', async () => {
    fs.writeFileSync(file, JSON.stringify({ content: 'x', secret: null, tags: null, mode: 'plain', revision: 1, created_at: 'then' }));
    const config = cfg({ path: file, content: 'new' });
    const p = await plan(null, config);
    const a = await apply(null, p.planned, config);
    expect(a.diagnostics).toEqual([
      expect.objectContaining({ severity: 'ERROR', summary: 'Object already exists', attribute: { steps: [{ attribute_name: 'path' }] } }),
    ]);
    expect(a.state).toBeNull();
    fs.rmSync(file);
  });

  test('import by id, then read fills the state', async () => {
    fs.writeFileSync(file, JSON.stringify({ content: 'imported', secret: null, tags: { a: 'b' }, mode: 'archive', revision: 7, created_at: 'then' }));
    const imp = await call('ImportResourceState', { type_name: resource.typeName, id: file });
    expect(imp.diagnostics).toEqual([]);
    const imported = fromDv(type, imp.imported_resources[0].state) as CtyObjectValue;
    expect(imported).toMatchObject({ id: file, path: file, content: null });
    const read = await call('ReadResource', { type_name: resource.typeName, current_state: imp.imported_resources[0].state });
    expect(fromDv(type, read.new_state)).toMatchObject({ content: 'imported', revision: 7, mode: 'archive', tags: { a: 'b' } });
    const bad = await call('ImportResourceState', { type_name: resource.typeName, id: 'relative' });
    expect(bad.diagnostics).toEqual([expect.objectContaining({ summary: 'Invalid import ID' })]);
    fs.rmSync(file);
  });

  test('UpgradeResourceState reads RawState JSON, drops removed attributes and keeps big numbers', async () => {
    const raw = JSON.stringify({ id: file, path: file, content: 'c', revision: 12345678901234567890, removed_attribute: true });
    const res = await call('UpgradeResourceState', {
      type_name: resource.typeName,
      version: 0,
      raw_state: { json: Buffer.from(raw.replace('12345678901234567000', '12345678901234567890')) },
    });
    expect(res.diagnostics).toEqual([]);
    const state = fromDv(type, res.upgraded_state) as CtyObjectValue;
    expect(state.revision).toBe(12345678901234567890n);
    expect(state.content).toBe('c');
    expect(Object.keys(state)).not.toContain('removed_attribute');
    const newer = await call('UpgradeResourceState', { type_name: resource.typeName, version: 3, raw_state: { json: Buffer.from('{}') } });
    expect(newer.diagnostics).toEqual([expect.objectContaining({ summary: 'State written by a newer provider' })]);
  });

  test('data source read', async () => {
    fs.writeFileSync(file, JSON.stringify({ content: 'data!', secret: null, tags: null, mode: 'plain', revision: 3, created_at: 'then' }));
    const dsType = objectType(fixtureRegistry.dataSources.find((d) => d.typeName === 'keyvault_fixture_file')!.schema);
    const v = await call('ValidateDataResourceConfig', { type_name: 'keyvault_fixture_file', config: dv(dsType, configOf(dsType, { path: 'rel' })) });
    expect(v.diagnostics).toEqual([expect.objectContaining({ attribute: { steps: [{ attribute_name: 'path' }] } })]);
    const res = await call('ReadDataSource', { type_name: 'keyvault_fixture_file', config: dv(dsType, configOf(dsType, { path: file })) });
    expect(res.diagnostics).toEqual([]);
    expect(fromDv(dsType, res.state)).toEqual({ path: file, content: 'data!', revision: 3, tags: {} });
    fs.rmSync(file);
  });

  test('an unknown type name is a diagnostic, not a crash', async () => {
    const res = await call('PlanResourceChange', { type_name: 'keyvault_nope' });
    expect(res.diagnostics).toEqual([expect.objectContaining({ severity: 'ERROR', detail: expect.stringContaining('keyvault_nope') })]);
  });

  test('a msgpack value that does not match the schema is reported with its path', async () => {
    const wrong = Buffer.from(encodeMsgpack(['object', { path: 'number' }], o({ path: 1 })));
    const res = await call('ValidateResourceConfig', { type_name: resource.typeName, config: { msgpack: wrong } });
    expect(res.diagnostics).toEqual([expect.objectContaining({ summary: 'Invalid value', attribute: { steps: [{ attribute_name: 'path' }] } })]);
  });
});

describe('framework guards against provider bugs', () => {
  const schema = {
    attributes: {
      id: { type: 'string', computed: true },
      name: { type: 'string', required: true },
      late: { type: 'string', computed: true },
    },
  } as const;
  const type: CtyType = objectType(schema);
  const make = (overrides: Partial<Parameters<typeof defineResource<typeof schema, unknown>>[0]>) => {
    const r = defineResource<typeof schema, unknown>({
      typeName: 'keyvault_buggy',
      schema,
      create: async () => ({ id: '1', late: 'x' }),
      read: async () => ({}),
      update: async () => ({}),
      delete: async () => {},
      ...overrides,
    });
    const handlers = createProviderHandlers(
      defineProvider({ typeName: 'keyvault', schema: { attributes: {} }, configure: () => ({}), resources: [r], dataSources: [] }),
    );
    return handlers;
  };
  const config = o({ id: null, name: 'n', late: null });

  test('a plan callback that changes a configured value is reported', async () => {
    const handlers = make({
      plan(ctx) {
        ctx.planned.name = 'changed';
      },
    });
    const res = (await handlers.PlanResourceChange!({ type_name: 'keyvault_buggy', proposed_new_state: dv(type, config), config: dv(type, config) })) as any;
    expect(res.diagnostics).toEqual([expect.objectContaining({ summary: 'Provider produced an invalid plan', attribute: { steps: [{ attribute_name: 'name' }] } })]);
  });

  test('a plan callback may keep the prior value of a configured attribute (same meaning, other spelling)', async () => {
    const handlers = make({
      plan(ctx) {
        if (ctx.prior && String(ctx.planned.name).toLowerCase() === String(ctx.prior.name).toLowerCase()) ctx.planned.name = ctx.prior.name;
      },
    });
    const prior = o({ id: '1', name: 'n', late: 'x' });
    const respelled = o({ id: null, name: 'N', late: null });
    const res = (await handlers.PlanResourceChange!({
      type_name: 'keyvault_buggy',
      prior_state: dv(type, prior),
      proposed_new_state: dv(type, o({ id: '1', name: 'N', late: 'x' })),
      config: dv(type, respelled),
    })) as any;
    expect(res.diagnostics).toEqual([]);
    expect(fromDv(type, res.planned_state)).toEqual({ id: '1', name: 'n', late: 'x' });
    // Any other value than the prior one is still refused.
    const other = make({
      plan(ctx) {
        ctx.planned.name = 'm';
      },
    });
    const bad = (await other.PlanResourceChange!({
      type_name: 'keyvault_buggy',
      prior_state: dv(type, prior),
      proposed_new_state: dv(type, o({ id: '1', name: 'N', late: 'x' })),
      config: dv(type, respelled),
    })) as any;
    expect(bad.diagnostics).toEqual([expect.objectContaining({ summary: 'Provider produced an invalid plan' })]);
  });

  test('a create that leaves a value unknown, or throws, is reported with the message', async () => {
    await handlersConfigured(make({ create: async () => ({ id: '1' }) }), async (h) => {
      const planned = o({ id: new Unknown(), name: 'n', late: new Unknown() });
      const res = (await h.ApplyResourceChange!({ type_name: 'keyvault_buggy', planned_state: dv(type, planned), config: dv(type, config) })) as any;
      expect(res.diagnostics).toEqual([expect.objectContaining({ summary: 'Provider returned an unknown value after apply', attribute: { steps: [{ attribute_name: 'late' }] } })]);
    });
    await handlersConfigured(
      make({
        create: async () => {
          throw new Error('emulator said 503');
        },
      }),
      async (h) => {
        const planned = o({ id: new Unknown(), name: 'n', late: new Unknown() });
        const res = (await h.ApplyResourceChange!({ type_name: 'keyvault_buggy', planned_state: dv(type, planned), config: dv(type, config) })) as any;
        expect(res.diagnostics).toEqual([
          expect.objectContaining({ severity: 'ERROR', summary: 'Failed to apply changes to keyvault_buggy', detail: 'emulator said 503' }),
        ]);
        expect(Buffer.from(res.new_state.msgpack).toString('hex')).toBe('c0');
      },
    );
  });

  test('operations before ConfigureProvider fail with a clear diagnostic', async () => {
    const res = (await make({}).ReadResource!({ type_name: 'keyvault_buggy', current_state: dv(type, o({ id: '1', name: 'n', late: 'x' })) })) as any;
    expect(res.diagnostics[0].detail).toMatch(/not been configured/);
    expect(fromDv(type, res.new_state)).toEqual({ id: '1', name: 'n', late: 'x' });
  });

  test('StopProvider aborts the signal of in-flight callbacks', async () => {
    let aborted: Promise<void> | undefined;
    const h = make({
      create: ({ signal }) =>
        new Promise((resolve, reject) => {
          aborted = Promise.resolve();
          signal.addEventListener('abort', () => reject(new Error('stopped by Terraform')));
        }),
    });
    await h.ConfigureProvider!({ config: dv(['object', {}], newObject()) });
    const planned = o({ id: new Unknown(), name: 'n', late: new Unknown() });
    const pending = h.ApplyResourceChange!({ type_name: 'keyvault_buggy', planned_state: dv(type, planned), config: dv(type, config) });
    await new Promise((r) => setImmediate(r));
    expect(aborted).toBeDefined();
    await h.StopProvider!({});
    const res = (await pending) as any;
    expect(res.diagnostics[0].detail).toBe('stopped by Terraform');
  });
});

async function handlersConfigured(h: ReturnType<typeof createProviderHandlers>, body: (h: ReturnType<typeof createProviderHandlers>) => Promise<void>) {
  await h.ConfigureProvider!({ config: dv(['object', {}], newObject()) });
  await body(h);
}
