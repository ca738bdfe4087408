/**
 * Schemas: the single source of truth for a provider, resource or data source.
 *
 * From one `Schema` we derive
 *   - the protobuf Schema that GetProviderSchema returns to Terraform,
 *   - the `terraform providers schema -json` document (CDKTF bindings are
 *     generated from it, so it must match what Terraform itself prints),
 *   - the cty object type used to decode and encode values,
 *   - validation, planning and env-var defaults (see plan.ts / provider-server.ts).
 * Only attributes are supported (no nested blocks): every argument our
 * resources mirror from azurerm is an attribute, collections included.
 */
import { CtyType, CtyValue, Dynamic, parseTypeJson, Unknown, type CtyNumber } from '../core/cty';
import type { Validator } from './validators';

export interface Attribute<T extends CtyType = CtyType> {
  type: T;
  description?: string;
  /** Must be set in configuration. */
  required?: boolean;
  /** May be set in configuration. */
  optional?: boolean;
  /** The provider sets it (alone: read-only result; with optional: provider fills it when not configured). */
  computed?: boolean;
  /** Masked in Terraform's output. Note that Terraform still stores it in state in plain text. */
  sensitive?: boolean;
  deprecated?: boolean;
  /** Resources only: changing it destroys and re-creates the object ("ForceNew"). */
  requiresReplace?: boolean;
  /**
   * Resources/data sources: value planned when the attribute is not configured
   * (needs optional + computed). Provider config: value used when neither
   * configuration nor environment sets it.
   */
  default?: CtyValue;
  /** Provider config only: environment variables read, in order, when the attribute is not configured. */
  envVar?: string | readonly string[];
  /** Checks run on the configured value once it is known; failures point at this attribute. */
  validators?: readonly Validator[];
}

export interface Schema {
  /** Bump when the stored state shape changes (see ResourceDefinition.upgradeState). */
  version?: number;
  description?: string;
  attributes: { readonly [name: string]: Attribute };
}

export type SchemaKind = 'provider' | 'resource' | 'data source';

// ---------------------------------------------------------------- typing ----

/** The JS value of a known, non-null value of cty type T (see core/cty.ts). */
export type ValueOfType<T> = T extends 'string'
  ? string
  : T extends 'number'
    ? CtyNumber
    : T extends 'bool'
      ? boolean
      : T extends 'dynamic'
        ? Dynamic
        : T extends readonly ['list' | 'set', infer E]
          ? ValueOfType<E>[]
          : T extends readonly ['map', infer E]
            ? { [key: string]: ValueOfType<E> }
            : T extends readonly ['object', infer A]
              ? { -readonly [K in keyof A]: ValueOfType<A[K]> | null }
              : CtyValue;

/** A fully known object of the schema: state, and configuration at apply time. */
export type StateOf<S extends Schema> = {
  -readonly [K in keyof S['attributes']]: ValueOfType<S['attributes'][K]['type']> | null;
};

/** Configuration or plan during planning: any attribute may still be unknown. */
export type PlanOf<S extends Schema> = {
  -readonly [K in keyof S['attributes']]: ValueOfType<S['attributes'][K]['type']> | null | Unknown;
};

// ------------------------------------------------------------- checking ----

const ATTRIBUTE_NAME = /^[a-z_][a-z0-9_]*$/;
// Meta-arguments Terraform reserves in resource/data blocks.
const RESERVED = new Set(['count', 'for_each', 'provider', 'lifecycle', 'depends_on', 'connection', 'provisioner']);

/** Rejects schemas Terraform would refuse or misinterpret; runs once when a definition is created. */
export function checkSchema(kind: SchemaKind, owner: string, schema: Schema): void {
  const fail = (name: string, problem: string): never => {
    throw new Error(`${kind} ${owner}: attribute "${name}" ${problem}`);
  };
  if (!schema || typeof schema.attributes !== 'object') throw new Error(`${kind} ${owner}: schema has no attributes`);
  for (const [name, a] of Object.entries(schema.attributes)) {
    if (!ATTRIBUTE_NAME.test(name)) fail(name, 'is not a valid attribute name');
    if (kind !== 'provider' && RESERVED.has(name)) fail(name, 'uses a name Terraform reserves');
    try {
      parseTypeJson(JSON.parse(JSON.stringify(a.type)));
    } catch (err) {
      fail(name, `has an invalid type: ${(err as Error).message}`);
    }
    if (!a.required && !a.optional && !a.computed) fail(name, 'must be required, optional or computed');
    if (a.required && (a.optional || a.computed)) fail(name, 'cannot be required and also optional or computed');
    if (a.default !== undefined) {
      if (kind === 'provider' ? !a.optional : !(a.optional && a.computed)) {
        fail(name, kind === 'provider' ? 'has a default but is not optional' : 'has a default but is not optional + computed');
      }
    }
    if (a.requiresReplace && kind !== 'resource') fail(name, 'is marked requiresReplace outside a resource');
    if (a.requiresReplace && !a.required && !a.optional) fail(name, 'is computed-only and cannot force replacement');
    if (a.envVar !== undefined && kind !== 'provider') fail(name, 'declares envVar outside the provider schema');
    if (kind === 'provider' && a.computed) fail(name, 'is computed, which means nothing in a provider configuration');
  }
}

// ------------------------------------------------------------ deriving ----

export function objectType(schema: Schema): CtyType {
  const attrs: Record<string, CtyType> = {};
  for (const name of Object.keys(schema.attributes).sort()) attrs[name] = schema.attributes[name]!.type;
  return ['object', attrs];
}

/** tfplugin6.Schema, as proto-loader expects it (snake_case fields, enums as strings). */
export interface ProtoSchema {
  version: number;
  block: {
    version: number;
    attributes: Array<{
      name: string;
      type: Buffer;
      description: string;
      description_kind: 'PLAIN';
      required: boolean;
      optional: boolean;
      computed: boolean;
      sensitive: boolean;
      deprecated: boolean;
    }>;
    block_types: never[];
    description: string;
    description_kind: 'PLAIN';
    deprecated: boolean;
  };
}

export function schemaToProto(schema: Schema): ProtoSchema {
  const version = schema.version ?? 0;
  return {
    version,
    block: {
      version,
      attributes: Object.keys(schema.attributes)
        .sort()
        .map((name) => {
          const a = schema.attributes[name]!;
          return {
            name,
            type: Buffer.from(JSON.stringify(a.type), 'utf8'),
            description: a.description ?? '',
            description_kind: 'PLAIN',
            required: Boolean(a.required),
            optional: Boolean(a.optional),
            computed: Boolean(a.computed),
            sensitive: Boolean(a.sensitive),
            deprecated: Boolean(a.deprecated),
          };
        }),
      block_types: [],
      description: schema.description ?? '',
      description_kind: 'PLAIN',
      deprecated: false,
    },
  };
}

/** One schema in `terraform providers schema -json` form (terraform internal/command/jsonprovider). */
export interface JsonSchema {
  version: number;
  block: {
    attributes?: Record<string, JsonAttribute>;
    description?: string;
    description_kind: 'plain';
  };
}

export interface JsonAttribute {
  type: unknown;
  description?: string;
  description_kind: 'plain';
  required?: true;
  optional?: true;
  computed?: true;
  sensitive?: true;
  deprecated?: true;
}

export function schemaToJson(schema: Schema): JsonSchema {
  const attributes: Record<string, JsonAttribute> = {};
  for (const name of Object.keys(schema.attributes).sort()) {
    const a = schema.attributes[name]!;
    // Omitted false flags and key order follow Terraform's own output (Go omitempty).
    const out: JsonAttribute = { type: a.type, ...(a.description ? { description: a.description } : {}), description_kind: 'plain' };
    if (a.deprecated) out.deprecated = true;
    if (a.required) out.required = true;
    if (a.optional) out.optional = true;
    if (a.computed) out.computed = true;
    if (a.sensitive) out.sensitive = true;
    attributes[name] = out;
  }
  const block: JsonSchema['block'] = {
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    ...(schema.description ? { description: schema.description } : {}),
    description_kind: 'plain',
  };
  return { version: schema.version ?? 0, block };
}
