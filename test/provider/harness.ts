/**
 * The shipped provider driven in-process through its RPC handlers, the way
 * Terraform drives it (refresh → plan with Terraform's proposed new state →
 * apply), against a real emulator. Cheaper than terraform runs, and every
 * plan rule and API call is the real one.
 */
import * as fs from 'node:fs';
import { CtyObjectValue, CtyType, CtyValue, Unknown } from '../../provider/core/cty';
import type { ProtoDiagnostic } from '../../provider/core/diagnostics';
import { createProviderHandlers } from '../../provider/framework/provider-server';
import { objectType, type Schema } from '../../provider/framework/schema';
import { createKeyvaultProvider, providerConfigSchema } from '../../provider/keyvault-provider';
import { registry } from '../../provider/resources';
import type { ProviderRpcHandlers } from '../../provider/core/serve';
import type { RunningEmulator } from '../../emulator';
import { configOf, dv, fromDv, proposedNew } from './helpers';

type Call = (request: object) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Outcome {
  diagnostics: ProtoDiagnostic[];
}

export interface PlanOutcome extends Outcome {
  planned: CtyObjectValue | null;
  requiresReplace: string[];
}

export interface StateOutcome extends Outcome {
  state: CtyObjectValue | null;
}

/** Error diagnostics as "summary: detail", for readable failures. */
export function errors(outcome: Outcome): string[] {
  return outcome.diagnostics.filter((d) => d.severity === 'ERROR').map((d) => `${d.summary}: ${d.detail ?? ''}`);
}

/** The attribute names error diagnostics point at. */
export function errorPaths(outcome: Outcome): string[] {
  return outcome.diagnostics.filter((d) => d.severity === 'ERROR').map((d) => d.attribute?.steps.map((s) => s.attribute_name ?? s.element_key_string ?? s.element_key_int).join('.') ?? '');
}

function ok<T extends Outcome>(outcome: T, what: string): T {
  const errs = errors(outcome);
  if (errs.length > 0) throw new Error(`${what} failed:\n${errs.join('\n')}`);
  return outcome;
}

/** Provider settings for an emulator, acting as its development client. */
export function providerSettings(emulator: RunningEmulator, extra: Record<string, CtyValue> = {}): Record<string, CtyValue> {
  return {
    endpoint: emulator.url,
    ca_file: emulator.caPath ?? null,
    tenant_id: emulator.tenantId,
    client_id: emulator.devClient.clientId,
    client_secret: fs.readFileSync(emulator.devClient.secretFile, 'utf8').trim(),
    ...extra,
  };
}

export class ProviderHarness {
  readonly handlers: ProviderRpcHandlers;

  constructor() {
    this.handlers = createProviderHandlers(createKeyvaultProvider(registry));
  }

  private call(name: string): Call {
    const handler = (this.handlers as Record<string, Call | undefined>)[name];
    if (!handler) throw new Error(`no handler ${name}`);
    return handler;
  }

  async configure(values: Record<string, CtyValue>): Promise<Outcome> {
    const type = objectType(providerConfigSchema);
    return this.call('ConfigureProvider')({ terraform_version: '1.11.4', config: dv(type, configOf(type, values)) });
  }

  schemaOf(typeName: string, kind: 'resource' | 'data' = 'resource'): Schema {
    const list = kind === 'resource' ? registry.resources : registry.dataSources;
    const found = list.find((d) => d.typeName === typeName);
    if (!found) throw new Error(`no ${kind} ${typeName}`);
    return found.schema;
  }

  typeOf(typeName: string, kind: 'resource' | 'data' = 'resource'): CtyType {
    return objectType(this.schemaOf(typeName, kind));
  }

  /** A full configuration object (unset attributes null). */
  config(typeName: string, values: Record<string, CtyValue>, kind: 'resource' | 'data' = 'resource'): CtyObjectValue {
    return configOf(this.typeOf(typeName, kind), values);
  }

  async validate(typeName: string, values: Record<string, CtyValue>): Promise<Outcome> {
    return this.call('ValidateResourceConfig')({ type_name: typeName, config: dv(this.typeOf(typeName), this.config(typeName, values)) });
  }

  async plan(typeName: string, prior: CtyObjectValue | null, config: CtyObjectValue | null): Promise<PlanOutcome> {
    const type = this.typeOf(typeName);
    const attrs = Object.entries(this.schemaOf(typeName).attributes).map(([name, a]) => ({ name, computed: a.computed }));
    const res = await this.call('PlanResourceChange')({
      type_name: typeName,
      prior_state: dv(type, prior),
      proposed_new_state: dv(type, proposedNew(attrs, prior, config)),
      config: dv(type, config),
    });
    return {
      diagnostics: res.diagnostics,
      planned: fromDv(type, res.planned_state) as CtyObjectValue | null,
      requiresReplace: (res.requires_replace ?? []).map((p: { steps: Array<{ attribute_name: string }> }) => p.steps[0]!.attribute_name),
    };
  }

  async apply(typeName: string, prior: CtyObjectValue | null, planned: CtyObjectValue | null, config: CtyObjectValue | null): Promise<StateOutcome> {
    const type = this.typeOf(typeName);
    const res = await this.call('ApplyResourceChange')({
      type_name: typeName,
      prior_state: dv(type, prior),
      planned_state: dv(type, planned),
      config: dv(type, config),
    });
    return { diagnostics: res.diagnostics, state: fromDv(type, res.new_state) as CtyObjectValue | null };
  }

  async read(typeName: string, state: CtyObjectValue): Promise<StateOutcome> {
    const type = this.typeOf(typeName);
    const res = await this.call('ReadResource')({ type_name: typeName, current_state: dv(type, state) });
    return { diagnostics: res.diagnostics, state: fromDv(type, res.new_state) as CtyObjectValue | null };
  }

  /** terraform import: ImportResourceState then ReadResource. */
  async importState(typeName: string, id: string): Promise<StateOutcome> {
    const type = this.typeOf(typeName);
    const imported = await this.call('ImportResourceState')({ type_name: typeName, id });
    if (errors(imported).length > 0) return { diagnostics: imported.diagnostics, state: null };
    const res = await this.call('ReadResource')({ type_name: typeName, current_state: imported.imported_resources[0].state });
    return { diagnostics: res.diagnostics, state: fromDv(type, res.new_state) as CtyObjectValue | null };
  }

  async readData(typeName: string, values: Record<string, CtyValue>): Promise<StateOutcome> {
    const type = this.typeOf(typeName, 'data');
    const res = await this.call('ReadDataSource')({ type_name: typeName, config: dv(type, this.config(typeName, values, 'data')) });
    return { diagnostics: res.diagnostics, state: fromDv(type, res.state) as CtyObjectValue | null };
  }

  /** Plan + apply of a configuration (creation when `prior` is null); fails on any error. */
  async applyConfig(typeName: string, prior: CtyObjectValue | null, values: Record<string, CtyValue> | null): Promise<CtyObjectValue | null> {
    const config = values === null ? null : this.config(typeName, values);
    const plan = ok(await this.plan(typeName, prior, config), `plan of ${typeName}`);
    if (plan.requiresReplace.length > 0 && prior !== null) {
      ok(await this.apply(typeName, prior, null, null), `destroy of ${typeName} (replacement)`);
      return this.applyConfig(typeName, null, values);
    }
    return ok(await this.apply(typeName, prior, plan.planned, config), `apply of ${typeName}`).state;
  }

  async destroy(typeName: string, state: CtyObjectValue): Promise<Outcome> {
    const plan = await this.plan(typeName, state, null);
    ok(plan, `destroy plan of ${typeName}`);
    return this.apply(typeName, state, null, null);
  }

  /** Refresh, then plan: what `terraform plan` shows. Returns the refreshed state too. */
  async refreshAndPlan(typeName: string, state: CtyObjectValue, values: Record<string, CtyValue>): Promise<PlanOutcome & { refreshed: CtyObjectValue | null }> {
    const refreshed = ok(await this.read(typeName, state), `refresh of ${typeName}`).state;
    if (refreshed === null) return { diagnostics: [], planned: null, requiresReplace: [], refreshed };
    const plan = await this.plan(typeName, refreshed, this.config(typeName, values));
    return { ...plan, refreshed };
  }
}

/** Attribute names whose planned value differs from the prior state (unknown counts as a change). */
export function changedAttributes(prior: CtyObjectValue, planned: CtyObjectValue): string[] {
  return Object.keys(planned)
    .filter((name) => planned[name] instanceof Unknown || stable(planned[name]) !== stable(prior[name]))
    .sort();
}

/** JSON with sorted keys (decoded maps have no fixed key order). */
function stable(value: CtyValue | undefined): string {
  return JSON.stringify(value ?? null, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}
