/**
 * What a provider author writes: plain objects describing a provider, its
 * resources and data sources, in the spirit of terraform-plugin-framework.
 * The framework (provider-server.ts) does the protocol work around them:
 * decoding, validation, planning rules, state merging, diagnostics.
 *
 * Callback conventions:
 *  - create/update/read/import return the attributes they know; the framework
 *    merges them over the planned (or current) object, so a callback only has
 *    to return what the remote side decided (ids, versions, ...);
 *  - read returns `gone` when the remote object no longer exists, and
 *    Terraform then drops it from state (and plans to create it again);
 *  - throwing fails the operation with an error diagnostic carrying the
 *    message; throw `DiagnosticError` to choose summary/detail/attribute path.
 */
import { checkSchema, type PlanOf, type Schema, type StateOf } from './schema';
import type { Diagnostics } from '../core/diagnostics';

/** Returned by `read` when the remote object has disappeared. */
export const gone: unique symbol = Symbol('keyvault.resource-gone');
export type Gone = typeof gone;

interface CallbackContext<P> {
  /** What the provider's configure() returned. */
  provider: P;
  /** Aborted when Terraform asks the provider to stop (Ctrl-C): pass it to fetch() and friends. */
  signal: AbortSignal;
  /** For warnings (or errors, instead of throwing). */
  diagnostics: Diagnostics;
}

export interface ValidateContext<S extends Schema> {
  /** The configuration; values not yet known (depending on other resources) are `Unknown`. */
  config: PlanOf<S>;
  diagnostics: Diagnostics;
}

export interface PlanContext<S extends Schema, P> {
  /** Current state, or null when the object is being created. */
  prior: StateOf<S> | null;
  config: PlanOf<S>;
  /**
   * The plan so far, after the standard rules; edit it to plan computed values.
   * A configured attribute may also be set back to its prior value when the
   * configured one means the same (Terraform's rule), e.g. a differently
   * spelled location.
   */
  planned: PlanOf<S>;
  /** True when the planned value differs from the prior one or is not known yet (always true on create). */
  changed(attribute: keyof S['attributes'] & string): boolean;
  /** Marks a computed attribute as known only after apply (e.g. a version that changes with the value). */
  setUnknown(attribute: keyof S['attributes'] & string): void;
  /** Declares that this change cannot be done in place. */
  requiresReplace(attribute: keyof S['attributes'] & string): void;
  /** Undefined if the provider is not configured yet. */
  provider: P | undefined;
  diagnostics: Diagnostics;
}

export interface CreateContext<S extends Schema, P> extends CallbackContext<P> {
  /** The configuration, fully known at apply time. */
  config: StateOf<S>;
  /** What was planned; computed attributes the provider must fill in are `Unknown`. */
  planned: PlanOf<S>;
}

export interface UpdateContext<S extends Schema, P> extends CallbackContext<P> {
  prior: StateOf<S>;
  config: StateOf<S>;
  planned: PlanOf<S>;
}

export interface ReadContext<S extends Schema, P> extends CallbackContext<P> {
  /** The state Terraform recorded; return what the remote object looks like now. */
  state: StateOf<S>;
}

export interface DeleteContext<S extends Schema, P> extends CallbackContext<P> {
  state: StateOf<S>;
}

export interface ImportContext<P> extends CallbackContext<P> {
  /** The id the user gave to `terraform import` or an `import {}` block. */
  id: string;
}

export interface UpgradeStateContext {
  /** Schema version recorded with the state. */
  version: number;
  /** The stored state as plain JSON, in that older version's shape. */
  state: Record<string, unknown>;
}

export interface ResourceDefinition<S extends Schema = Schema, P = unknown> {
  typeName: string;
  schema: S;
  description?: string;
  validate?(ctx: ValidateContext<S>): void | Promise<void>;
  plan?(ctx: PlanContext<S, P>): void | Promise<void>;
  create(ctx: CreateContext<S, P>): Promise<Partial<StateOf<S>>>;
  read(ctx: ReadContext<S, P>): Promise<Partial<StateOf<S>> | Gone>;
  update(ctx: UpdateContext<S, P>): Promise<Partial<StateOf<S>>>;
  delete(ctx: DeleteContext<S, P>): Promise<void>;
  /**
   * Builds the state for `terraform import ID`; Terraform calls read() right
   * after. Without it, the id is stored in the `id` attribute and read() does
   * the rest (like terraform-plugin-framework's ImportStatePassthroughID).
   */
  importState?(ctx: ImportContext<P>): Promise<Partial<StateOf<S>>>;
  /** Converts state written with an older `schema.version`. */
  upgradeState?(ctx: UpgradeStateContext): Partial<StateOf<S>> | Promise<Partial<StateOf<S>>>;
}

export interface DataSourceReadContext<S extends Schema, P> extends CallbackContext<P> {
  config: StateOf<S>;
}

export interface DataSourceDefinition<S extends Schema = Schema, P = unknown> {
  typeName: string;
  schema: S;
  validate?(ctx: ValidateContext<S>): void | Promise<void>;
  /** Returns the computed attributes. */
  read(ctx: DataSourceReadContext<S, P>): Promise<Partial<StateOf<S>>>;
}

export interface ConfigureContext<S extends Schema> {
  /**
   * The provider configuration with environment-variable fallbacks and
   * defaults applied. Values may be `Unknown` when they depend on resources
   * not created yet (Terraform still configures the provider for planning).
   */
  config: PlanOf<S>;
  terraformVersion: string;
  diagnostics: Diagnostics;
}

// Resources are stored type-erased: each one's schema type only matters to its own callbacks.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyResource<P = any> = ResourceDefinition<any, P>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDataSource<P = any> = DataSourceDefinition<any, P>;

export interface ProviderDefinition<S extends Schema = Schema, P = unknown> {
  /** The provider's local name, e.g. "keyvault"; every resource type name starts with it + "_". */
  typeName: string;
  schema: S;
  configure(ctx: ConfigureContext<S>): P | Promise<P>;
  resources: readonly AnyResource<P>[];
  dataSources: readonly AnyDataSource<P>[];
}

/** Declares a resource; the schema is checked immediately so mistakes fail at load, not mid-apply. */
export function defineResource<const S extends Schema, P = unknown>(definition: ResourceDefinition<S, P>): ResourceDefinition<S, P> {
  checkSchema('resource', definition.typeName, definition.schema);
  return definition;
}

export function defineDataSource<const S extends Schema, P = unknown>(
  definition: DataSourceDefinition<S, P>,
): DataSourceDefinition<S, P> {
  checkSchema('data source', definition.typeName, definition.schema);
  return definition;
}

export function defineProvider<const S extends Schema, P>(definition: ProviderDefinition<S, P>): ProviderDefinition<S, P> {
  checkSchema('provider', definition.typeName, definition.schema);
  const seen = new Set<string>();
  for (const r of [...definition.resources.map((d) => ['resource', d] as const), ...definition.dataSources.map((d) => ['data source', d] as const)]) {
    const [kind, d] = r;
    checkSchema(kind, d.typeName, d.schema);
    if (!d.typeName.startsWith(`${definition.typeName}_`)) {
      throw new Error(`${kind} ${d.typeName}: type names must start with "${definition.typeName}_"`);
    }
    const key = `${kind}:${d.typeName}`;
    if (seen.has(key)) throw new Error(`${kind} ${d.typeName} is declared twice`);
    seen.add(key);
  }
  return definition;
}
