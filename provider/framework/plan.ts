/**
 * The plan and apply rules Terraform enforces on providers
 * (terraform internal/plans/objchange/plan_valid.go and objchange.go), as
 * pure functions over decoded values:
 *
 *  - destroy: the proposed new state is null, so the plan is null;
 *  - a computed attribute not set in configuration gets
 *      its `default` when it has one (optional + computed),
 *      else its prior value on update,
 *      else unknown on create (a value we only learn at apply must be planned
 *      unknown; planning null and filling it later makes Terraform fail with
 *      "Provider produced inconsistent result after apply");
 *  - a non-computed attribute is planned exactly as configured;
 *  - a changed `requiresReplace` attribute is reported in requires_replace,
 *    and then every computed attribute the configuration does not pin is
 *    unknown, because a new object will be created;
 *  - after apply, every value that was known in the plan must come back
 *    identical, nothing may stay unknown, and every attribute is present.
 */
import {
  CtyObjectValue,
  CtyValue,
  isWhollyKnown,
  newObject,
  unknown,
  Unknown,
  valuesEqualTyped,
} from '../core/cty';
import { attr, Diagnostics, type AttributePath } from '../core/diagnostics';
import type { Schema } from './schema';

/** Applies the default/prior/unknown rules to computed attributes. Returns null for a destroy. */
export function applyPlanRules(
  schema: Schema,
  prior: CtyObjectValue | null,
  proposed: CtyObjectValue | null,
  config: CtyObjectValue | null,
): CtyObjectValue | null {
  if (proposed === null) return null;
  const planned = copyObject(proposed);
  for (const [name, a] of Object.entries(schema.attributes)) {
    if (!a.computed) continue;
    const configured = config?.[name] ?? null;
    if (configured !== null) continue; // configured (or unknown in config): keep what Terraform proposed
    if (a.default !== undefined) planned[name] = a.default;
    else if (prior !== null) planned[name] = prior[name] ?? null;
    else planned[name] = unknown;
  }
  return planned;
}

/** Names of requiresReplace attributes whose planned value differs from (or may differ from) the prior one. */
export function attributesRequiringReplace(schema: Schema, prior: CtyObjectValue | null, planned: CtyObjectValue | null): string[] {
  if (prior === null || planned === null) return [];
  return Object.entries(schema.attributes)
    .filter(([name, a]) => a.requiresReplace && !valuesEqualTyped(a.type, prior[name], planned[name]))
    .map(([name]) => name)
    .sort();
}

/** On replacement the new object gets fresh computed values, so those not pinned by configuration become unknown. */
export function markComputedUnknownForReplacement(schema: Schema, planned: CtyObjectValue, config: CtyObjectValue | null): void {
  for (const [name, a] of Object.entries(schema.attributes)) {
    if (a.computed && (config?.[name] ?? null) === null && a.default === undefined) planned[name] = unknown;
  }
}

/**
 * Guards against a plan callback that changed what the user configured:
 * Terraform would reject such a plan with a less helpful message.
 *
 * One exception, Terraform's own (plan_valid.go assertPlannedValueValid): a
 * plan may keep the non-null prior value of an attribute configured non-null,
 * which is how a provider says "the configured value means the same as the
 * one in state" (e.g. "West Europe" and "westeurope").
 */
export function checkPlanMatchesConfig(
  schema: Schema,
  planned: CtyObjectValue,
  config: CtyObjectValue | null,
  typeName: string,
  diagnostics: Diagnostics,
  prior: CtyObjectValue | null = null,
): void {
  for (const [name, a] of Object.entries(schema.attributes)) {
    const configured = config?.[name] ?? null;
    if (a.computed && configured === null) continue;
    const priorValue = prior?.[name] ?? null;
    if (configured !== null && priorValue !== null && valuesEqualTyped(a.type, priorValue, planned[name])) continue;
    if (!valuesEqualTyped(a.type, configured, planned[name], { unknownEqualsUnknown: true })) {
      diagnostics.error(
        'Provider produced an invalid plan',
        `${typeName}: the plan changed "${name}", which is set in configuration. This is a bug in the provider.`,
        [attr(name)],
      );
    }
  }
}

/**
 * Merges what an apply callback returned over the planned object and checks
 * Terraform's post-apply rules, reporting violations as provider bugs with
 * the attribute named (values of sensitive attributes are never printed).
 */
export function mergeAppliedState(
  schema: Schema,
  planned: CtyObjectValue,
  returned: Record<string, CtyValue | undefined>,
  typeName: string,
  diagnostics: Diagnostics,
): CtyObjectValue {
  const state = mergeIntoObject(schema, planned, returned, typeName);
  for (const [name, a] of Object.entries(schema.attributes)) {
    const was = planned[name] ?? null;
    const now = state[name] ?? null;
    if (isWhollyKnown(was) && !valuesEqualTyped(a.type, was, now)) {
      diagnostics.error(
        'Provider produced inconsistent result after apply',
        `${typeName}: "${name}" was planned as ${describe(was, a.sensitive)} but apply returned ${describe(now, a.sensitive)}. ` +
          'This is a bug in the provider.',
        [attr(name)],
      );
    }
  }
  checkWhollyKnown(schema, state, typeName, 'apply', diagnostics);
  return state;
}

/** Builds a complete object (every attribute present, missing ones null) from a base and a partial update. */
export function mergeIntoObject(
  schema: Schema,
  base: CtyObjectValue | null,
  returned: Record<string, CtyValue | undefined>,
  typeName: string,
): CtyObjectValue {
  const out = newObject();
  for (const name of Object.keys(schema.attributes)) out[name] = base?.[name] ?? null;
  for (const [name, value] of Object.entries(returned)) {
    if (!Object.prototype.hasOwnProperty.call(schema.attributes, name)) {
      throw new Error(`${typeName}: returned attribute "${name}", which the schema does not declare`);
    }
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** State must never hold unknowns: Terraform rejects them after apply, read and import. */
export function checkWhollyKnown(
  schema: Schema,
  state: CtyObjectValue,
  typeName: string,
  operation: string,
  diagnostics: Diagnostics,
): void {
  for (const name of Object.keys(schema.attributes)) {
    if (!isWhollyKnown(state[name] ?? null)) {
      diagnostics.error(
        `Provider returned an unknown value after ${operation}`,
        `${typeName}: "${name}" is still unknown after ${operation}. This is a bug in the provider.`,
        [attr(name)],
      );
    }
  }
}

export function requiresReplacePaths(names: readonly string[]): AttributePath[] {
  return names.map((name) => [attr(name)]);
}

function copyObject(value: CtyObjectValue): CtyObjectValue {
  const out = newObject();
  for (const [k, v] of Object.entries(value)) out[k] = v;
  return out;
}

function describe(value: CtyValue, sensitive: boolean | undefined): string {
  if (sensitive) return '(sensitive value)';
  if (value instanceof Unknown) return '(unknown)';
  try {
    return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null';
  } catch {
    return String(value);
  }
}
