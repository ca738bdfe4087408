/**
 * Implements the tfplugin6.Provider RPCs on top of a ProviderDefinition.
 *
 * Every RPC answers with diagnostics rather than gRPC errors: Terraform shows
 * diagnostics to the user (with the attribute underlined when a path is set),
 * whereas a gRPC error only says "rpc error: code = Internal".
 */
import { CtyObjectValue, CtyType, CtyValue, isPlainObject, isWhollyKnown, newObject, Unknown, valuesEqualTyped } from '../core/cty';
import {
  CodecError,
  decodeDynamicValue,
  encodeDynamicValue,
  fromJsonValue,
  numberFromText,
  type ProtoDynamicValue,
} from '../core/codec';
import {
  attr,
  diagnosticFromError,
  diagnosticToProto,
  Diagnostics,
  pathToProto,
  type ProtoDiagnostic,
} from '../core/diagnostics';
import { parseJsonPreservingNumbers } from '../core/json';
import { log } from '../core/log';
import type { ProviderRpcHandlers } from '../core/serve';
import { gone, type AnyDataSource, type AnyResource, type ProviderDefinition } from './definitions';
import {
  applyPlanRules,
  attributesRequiringReplace,
  checkPlanMatchesConfig,
  checkWhollyKnown,
  markComputedUnknownForReplacement,
  mergeAppliedState,
  mergeIntoObject,
  requiresReplacePaths,
} from './plan';
import { objectType, schemaToProto, type Schema } from './schema';
import { normaliseIssues } from './validators';

interface TypedEntry<D> {
  definition: D;
  type: CtyType;
}

/**
 * plan_destroy: destroy goes through PlanResourceChange. get_provider_schema_optional: the schema
 * is static, nothing depends on GetProviderSchema having been called, so Terraform may reuse the
 * schema it already has instead of asking every provider process it starts (several per command).
 */
const SERVER_CAPABILITIES = { plan_destroy: true, get_provider_schema_optional: true, move_resource_state: false };

/** Builds the RPC handlers for `servePlugin` from a provider definition. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createProviderHandlers(provider: ProviderDefinition<any, any>): ProviderRpcHandlers {
  const providerType = objectType(provider.schema);
  const resources = new Map<string, TypedEntry<AnyResource>>(
    provider.resources.map((d) => [d.typeName, { definition: d, type: objectType(d.schema) }]),
  );
  const dataSources = new Map<string, TypedEntry<AnyDataSource>>(
    provider.dataSources.map((d) => [d.typeName, { definition: d, type: objectType(d.schema) }]),
  );

  let configured: { data: unknown } | undefined;
  // Replaced after each StopProvider so later calls are not born cancelled.
  let stopController = new AbortController();
  let schemaResponse: object | undefined;

  const resourceOrFail = (typeName: string): TypedEntry<AnyResource> => {
    const entry = resources.get(typeName);
    if (!entry) throw new UnknownTypeError('resource', typeName);
    return entry;
  };
  const dataSourceOrFail = (typeName: string): TypedEntry<AnyDataSource> => {
    const entry = dataSources.get(typeName);
    if (!entry) throw new UnknownTypeError('data source', typeName);
    return entry;
  };
  const providerDataOrFail = (): unknown => {
    if (!configured) throw new Error('the provider has not been configured (ConfigureProvider was not called)');
    return configured.data;
  };
  const callbackContext = (diagnostics: Diagnostics) => ({
    provider: providerDataOrFail(),
    signal: stopController.signal,
    diagnostics,
  });

  const handlers: ProviderRpcHandlers = {
    async GetMetadata() {
      return {
        server_capabilities: SERVER_CAPABILITIES,
        diagnostics: [],
        resources: [...resources.keys()].map((type_name) => ({ type_name })),
        data_sources: [...dataSources.keys()].map((type_name) => ({ type_name })),
        functions: [],
        ephemeral_resources: [],
      };
    },

    async GetProviderSchema() {
      schemaResponse ??= {
        provider: schemaToProto(provider.schema),
        resource_schemas: Object.fromEntries([...resources].map(([n, e]) => [n, schemaToProto(e.definition.schema)])),
        data_source_schemas: Object.fromEntries([...dataSources].map(([n, e]) => [n, schemaToProto(e.definition.schema)])),
        functions: {},
        ephemeral_resource_schemas: {},
        diagnostics: [],
        server_capabilities: SERVER_CAPABILITIES,
      };
      return schemaResponse;
    },

    async ValidateProviderConfig(req: { config?: ProtoDynamicValue }) {
      return withDiagnostics('Invalid provider configuration', async (diagnostics) => {
        const config = decodeObject(providerType, req.config, 'provider configuration');
        if (config) validateAttributes(provider.schema, config, diagnostics);
        return {};
      });
    },

    async ConfigureProvider(req: { config?: ProtoDynamicValue; terraform_version?: string }) {
      return withDiagnostics('Failed to configure the provider', async (diagnostics) => {
        const config = decodeObject(providerType, req.config, 'provider configuration') ?? newObject();
        const resolved = resolveProviderConfig(provider.schema, config, process.env, diagnostics);
        if (diagnostics.hasErrors()) return {};
        const data = await provider.configure({
          config: resolved,
          terraformVersion: req.terraform_version ?? '',
          diagnostics,
        });
        if (!diagnostics.hasErrors()) configured = { data };
        return {};
      });
    },

    async ValidateResourceConfig(req: { type_name: string; config?: ProtoDynamicValue }) {
      return withDiagnostics(`Invalid ${req.type_name} configuration`, async (diagnostics) => {
        const { definition, type } = resourceOrFail(req.type_name);
        const config = decodeObject(type, req.config, 'configuration');
        if (!config) return {};
        validateAttributes(definition.schema, config, diagnostics);
        if (definition.validate && !diagnostics.hasErrors()) await definition.validate({ config, diagnostics });
        return {};
      });
    },

    async ValidateDataResourceConfig(req: { type_name: string; config?: ProtoDynamicValue }) {
      return withDiagnostics(`Invalid ${req.type_name} configuration`, async (diagnostics) => {
        const { definition, type } = dataSourceOrFail(req.type_name);
        const config = decodeObject(type, req.config, 'configuration');
        if (!config) return {};
        validateAttributes(definition.schema, config, diagnostics);
        if (definition.validate && !diagnostics.hasErrors()) await definition.validate({ config, diagnostics });
        return {};
      });
    },

    async UpgradeResourceState(req: { type_name: string; version?: number; raw_state?: { json?: Uint8Array; flatmap?: Record<string, string> } }) {
      return withDiagnostics(`Failed to upgrade the stored state of ${req.type_name}`, async (diagnostics) => {
        const { definition, type } = resourceOrFail(req.type_name);
        const json = req.raw_state?.json;
        if (!json || json.length === 0) {
          if (req.raw_state?.flatmap && Object.keys(req.raw_state.flatmap).length > 0) {
            diagnostics.error('Unsupported state format', 'State in the pre-0.12 "flatmap" format cannot be upgraded by this provider.');
            return {};
          }
          return { upgraded_state: encodeDynamicValue(type, null) };
        }
        const text = Buffer.from(json).toString('utf8');
        const stored = Number(req.version ?? 0);
        const current = definition.schema.version ?? 0;
        let state: CtyObjectValue;
        if (stored > current) {
          diagnostics.error(
            'State written by a newer provider',
            `${req.type_name} state has schema version ${stored}, but this provider only knows version ${current}. Upgrade the provider.`,
          );
          return {};
        } else if (stored < current && definition.upgradeState) {
          const upgraded = await definition.upgradeState({ version: stored, state: JSON.parse(text) as Record<string, unknown> });
          state = mergeIntoObject(definition.schema, null, upgraded, req.type_name);
        } else {
          // Same shape (or no migration needed): attributes the schema no longer has are dropped, new ones start null.
          state = fromJsonValue(type, parseJsonPreservingNumbers(text), [], { ignoreUnknownAttributes: true }) as CtyObjectValue;
        }
        return { upgraded_state: encodeDynamicValue(type, state) };
      });
    },

    async ReadResource(req: { type_name: string; current_state?: ProtoDynamicValue; private?: Uint8Array }) {
      const privateData = req.private ?? Buffer.alloc(0);
      let current: CtyObjectValue | null = null;
      let type: CtyType | undefined;
      return withDiagnostics(
        `Failed to read ${req.type_name}`,
        async (diagnostics) => {
          const entry = resourceOrFail(req.type_name);
          type = entry.type;
          current = decodeObject(entry.type, req.current_state, 'current state');
          if (current === null) return { new_state: encodeDynamicValue(entry.type, null), private: privateData };
          const result = await entry.definition.read({ ...callbackContext(diagnostics), state: current });
          if (result === gone) {
            log('info', `${req.type_name} no longer exists; removing it from state`);
            return { new_state: encodeDynamicValue(entry.type, null), private: privateData };
          }
          const state = mergeIntoObject(entry.definition.schema, current, result, req.type_name);
          checkWhollyKnown(entry.definition.schema, state, req.type_name, 'read', diagnostics);
          return { new_state: encodeDynamicValue(entry.type, state), private: privateData };
        },
        // On failure keep the recorded state: the object presumably still exists.
        () => (type && current ? { new_state: encodeDynamicValue(type, current), private: privateData } : {}),
      );
    },

    async PlanResourceChange(req: {
      type_name: string;
      prior_state?: ProtoDynamicValue;
      proposed_new_state?: ProtoDynamicValue;
      config?: ProtoDynamicValue;
      prior_private?: Uint8Array;
    }) {
      return withDiagnostics(`Failed to plan ${req.type_name}`, async (diagnostics) => {
        const { definition, type } = resourceOrFail(req.type_name);
        const schema = definition.schema;
        const prior = decodeObject(type, req.prior_state, 'prior state');
        const proposed = decodeObject(type, req.proposed_new_state, 'proposed new state');
        const config = decodeObject(type, req.config, 'configuration');
        const plannedPrivate = req.prior_private ?? Buffer.alloc(0);

        const planned = applyPlanRules(schema, prior, proposed, config);
        if (planned === null) {
          return { planned_state: encodeDynamicValue(type, null), requires_replace: [], planned_private: plannedPrivate };
        }
        const extraReplace = new Set<string>();
        if (definition.plan) {
          await definition.plan({
            prior,
            config: config ?? newObject(),
            planned,
            changed: (name: string) => prior === null || !equalForPlan(schema, name, prior[name], planned[name]),
            setUnknown: (name: string) => {
              if (!schema.attributes[name]?.computed) {
                throw new Error(`${req.type_name}: setUnknown("${name}") is only allowed for computed attributes`);
              }
              planned[name] = new Unknown();
            },
            requiresReplace: (name: string) => {
              if (!schema.attributes[name]) throw new Error(`${req.type_name}: requiresReplace("${name}"): no such attribute`);
              extraReplace.add(name);
            },
            provider: configured?.data,
            diagnostics,
          });
        }
        const replace =
          prior === null ? [] : [...new Set([...attributesRequiringReplace(schema, prior, planned), ...extraReplace])].sort();
        if (replace.length > 0) markComputedUnknownForReplacement(schema, planned, config);
        checkPlanMatchesConfig(schema, planned, config, req.type_name, diagnostics, prior);
        return {
          planned_state: encodeDynamicValue(type, planned),
          requires_replace: requiresReplacePaths(replace).map(pathToProto),
          planned_private: plannedPrivate,
        };
      });
    },

    async ApplyResourceChange(req: {
      type_name: string;
      prior_state?: ProtoDynamicValue;
      planned_state?: ProtoDynamicValue;
      config?: ProtoDynamicValue;
      planned_private?: Uint8Array;
    }) {
      const privateData = req.planned_private ?? Buffer.alloc(0);
      let type: CtyType | undefined;
      let prior: CtyObjectValue | null = null;
      return withDiagnostics(
        `Failed to apply changes to ${req.type_name}`,
        async (diagnostics) => {
          const entry = resourceOrFail(req.type_name);
          const { definition } = entry;
          type = entry.type;
          prior = decodeObject(entry.type, req.prior_state, 'prior state');
          const planned = decodeObject(entry.type, req.planned_state, 'planned state');
          const config = decodeObject(entry.type, req.config, 'configuration') ?? newObject();
          const ctx = callbackContext(diagnostics);

          if (planned === null) {
            if (prior !== null) await definition.delete({ ...ctx, state: prior });
            return { new_state: encodeDynamicValue(entry.type, null), private: Buffer.alloc(0) };
          }
          const returned =
            prior === null
              ? await definition.create({ ...ctx, config, planned })
              : await definition.update({ ...ctx, prior, config, planned });
          const state = mergeAppliedState(definition.schema, planned, returned, req.type_name, diagnostics);
          return { new_state: encodeDynamicValue(entry.type, state), private: privateData };
        },
        // A failed create leaves nothing behind (null); a failed update or delete leaves the object as it was.
        () => (type ? { new_state: encodeDynamicValue(type, prior), private: privateData } : {}),
      );
    },

    async ImportResourceState(req: { type_name: string; id: string }) {
      return withDiagnostics(`Failed to import ${req.type_name}`, async (diagnostics) => {
        const { definition, type } = resourceOrFail(req.type_name);
        let returned: Record<string, CtyValue | undefined>;
        if (definition.importState) {
          returned = await definition.importState({ ...callbackContext(diagnostics), id: req.id });
        } else if (definition.schema.attributes.id) {
          returned = { id: req.id };
        } else {
          diagnostics.error('Import not supported', `${req.type_name} cannot be imported.`);
          return {};
        }
        const state = mergeIntoObject(definition.schema, null, returned, req.type_name);
        checkWhollyKnown(definition.schema, state, req.type_name, 'import', diagnostics);
        return { imported_resources: [{ type_name: req.type_name, state: encodeDynamicValue(type, state), private: Buffer.alloc(0) }] };
      });
    },

    async ReadDataSource(req: { type_name: string; config?: ProtoDynamicValue }) {
      return withDiagnostics(`Failed to read data source ${req.type_name}`, async (diagnostics) => {
        const { definition, type } = dataSourceOrFail(req.type_name);
        const config = decodeObject(type, req.config, 'configuration') ?? newObject();
        if (!isWhollyKnown(config)) {
          // Terraform defers data sources whose configuration is unknown; this is a safety net.
          diagnostics.error('Configuration not yet known', `${req.type_name} can only be read once its configuration is known.`);
          return {};
        }
        const returned = await definition.read({ ...callbackContext(diagnostics), config });
        const state = mergeIntoObject(definition.schema, config, returned, req.type_name);
        checkWhollyKnown(definition.schema, state, req.type_name, 'read', diagnostics);
        return { state: encodeDynamicValue(type, state) };
      });
    },

    async StopProvider() {
      log('info', 'StopProvider: cancelling in-flight operations');
      stopController.abort(new Error('Terraform asked the provider to stop'));
      stopController = new AbortController();
      return {};
    },
  };
  return handlers;
}

// --------------------------------------------------------------- helpers ----

class UnknownTypeError extends Error {
  constructor(kind: string, typeName: string) {
    super(`This provider has no ${kind} type named "${typeName}".`);
  }
}

/**
 * Runs an RPC body, turning anything thrown into an error diagnostic; the
 * fallback supplies what the response should still carry in that case.
 */
async function withDiagnostics(
  summary: string,
  body: (diagnostics: Diagnostics) => Promise<object>,
  fallback: () => object = () => ({}),
): Promise<object & { diagnostics: ProtoDiagnostic[] }> {
  const diagnostics = new Diagnostics();
  let response: object;
  try {
    response = await body(diagnostics);
  } catch (err) {
    if (err instanceof CodecError) {
      diagnostics.add({
        severity: 'error',
        summary: 'Invalid value',
        detail: `${err.message}. This usually means Terraform and the provider disagree on the schema; try terraform init -upgrade.`,
        path: err.path,
      });
    } else {
      diagnostics.add(diagnosticFromError(err, summary));
    }
    log('debug', summary, { error: String((err as Error)?.stack ?? err) });
    response = fallback();
  }
  return { ...response, diagnostics: diagnostics.items.map(diagnosticToProto) };
}

function decodeObject(type: CtyType, dv: ProtoDynamicValue | undefined, what: string): CtyObjectValue | null {
  const value = decodeDynamicValue(type, dv);
  if (value === null) return null;
  if (value instanceof Unknown || !isPlainObject(value)) throw new CodecError(`the ${what} is not an object`, []);
  return value;
}

function equalForPlan(schema: Schema, name: string, a: CtyValue | undefined, b: CtyValue | undefined): boolean {
  const attribute = schema.attributes[name];
  if (!attribute) throw new Error(`no such attribute "${name}"`);
  // valuesEqualTyped treats unknown as "may have changed", which is what a plan callback wants.
  return valuesEqualTyped(attribute.type, a, b);
}

/** Runs each attribute's validators on its known, non-null value. */
export function validateAttributes(schema: Schema, values: CtyObjectValue, diagnostics: Diagnostics, envSource?: Record<string, string>): void {
  for (const [name, a] of Object.entries(schema.attributes)) {
    const value = values[name] ?? null;
    if (value === null || !isWhollyKnown(value) || !a.validators) continue;
    for (const validator of a.validators) {
      for (const issue of normaliseIssues(validator(value))) {
        const from = envSource?.[name] ? ` (from the environment variable ${envSource[name]})` : '';
        diagnostics.error(`Invalid value for "${name}"`, `"${name}"${from} ${issue.message}.`, [attr(name), ...(issue.path ?? [])]);
      }
    }
  }
}

/**
 * Provider configuration as configure() sees it: configured values first,
 * then the first set environment variable of `envVar`, then `default`.
 * Environment values are converted to the attribute's type and validated
 * like configured ones.
 */
export function resolveProviderConfig(
  schema: Schema,
  config: CtyObjectValue,
  env: NodeJS.ProcessEnv,
  diagnostics: Diagnostics,
): CtyObjectValue {
  const resolved = newObject();
  const envSource: Record<string, string> = {};
  for (const [name, a] of Object.entries(schema.attributes)) {
    let value: CtyValue = config[name] ?? null;
    if (value === null && a.envVar !== undefined) {
      for (const variable of typeof a.envVar === 'string' ? [a.envVar] : a.envVar) {
        const raw = env[variable];
        if (raw === undefined || raw === '') continue;
        const converted = valueFromEnv(a.type, raw);
        if (converted === undefined) {
          diagnostics.error(
            `Invalid value for "${name}"`,
            `The environment variable ${variable} must hold a ${typeof a.type === 'string' ? a.type : JSON.stringify(a.type)}, got ${JSON.stringify(raw)}.`,
            [attr(name)],
          );
        } else {
          value = converted;
          envSource[name] = variable;
        }
        break;
      }
    }
    if (value === null && a.default !== undefined) value = a.default;
    resolved[name] = value;
  }
  validateAttributes(
    { attributes: Object.fromEntries(Object.entries(schema.attributes).filter(([n]) => envSource[n])) },
    resolved,
    diagnostics,
    envSource,
  );
  return resolved;
}

function valueFromEnv(type: CtyType, raw: string): CtyValue | undefined {
  if (type === 'string') return raw;
  if (type === 'bool') {
    const v = raw.trim().toLowerCase();
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    return undefined;
  }
  if (type === 'number') {
    try {
      return numberFromText(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

