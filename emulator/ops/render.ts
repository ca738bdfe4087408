/**
 * Wire models of the secrets API (reference §2): turn stored records into the JSON bodies Azure
 * sends, with absolute ids on the caller's origin. Optional fields are omitted, never null.
 */
import { hasRecoverableDays } from '../core/apiVersions';
import type { DeletedSecretRecord, SecretRecord, SecretVersion, VaultRecord } from '../store/types';

export interface RenderContext {
  /** scheme://host[:port] the client called. */
  origin: string;
  apiVersion: string;
  vault: VaultRecord;
}

export function recoveryLevel(vault: VaultRecord): { level: string; days: number } {
  const p = vault.properties;
  if (!p.softDeleteEnabled) return { level: 'Purgeable', days: 0 };
  const base = p.softDeleteRetentionInDays === 90 ? 'Recoverable' : 'CustomizedRecoverable';
  return { level: p.purgeProtectionEnabled ? base : `${base}+Purgeable`, days: p.softDeleteRetentionInDays };
}

export function secretBaseId(ctx: RenderContext, name: string): string {
  return `${ctx.origin}/secrets/${name}`;
}

export function secretVersionId(ctx: RenderContext, name: string, version: string): string {
  return `${ctx.origin}/secrets/${name}/${version}`;
}

export function recoveryId(ctx: RenderContext, name: string): string {
  return `${ctx.origin}/deletedsecrets/${name}`;
}

function attributes(ctx: RenderContext, v: SecretVersion): Record<string, unknown> {
  // Key order as recorded from the service: enabled, nbf, exp, created, updated, recoveryLevel, recoverableDays.
  const attrs: Record<string, unknown> = { enabled: v.enabled };
  if (v.nbf !== undefined) attrs.nbf = v.nbf;
  if (v.exp !== undefined) attrs.exp = v.exp;
  attrs.created = v.created;
  attrs.updated = v.updated;
  const { level, days } = recoveryLevel(ctx.vault);
  attrs.recoveryLevel = level;
  if (hasRecoverableDays(ctx.apiVersion)) attrs.recoverableDays = days;
  return attrs;
}

/**
 * The fields every secret body shares, in the service's order; `value` first when given. Built
 * field by field (no spreads): this runs for every GetSecret.
 */
function common(ctx: RenderContext, id: string, v: SecretVersion, value?: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (value !== undefined) body.value = value;
  if (v.contentType !== undefined) body.contentType = v.contentType;
  body.id = id;
  body.attributes = attributes(ctx, v);
  if (v.tags !== undefined) body.tags = v.tags;
  return body;
}

/** SecretBundle. `value` only for Set and Get (omitted by Update, Recover, Restore). */
export function secretBundle(
  ctx: RenderContext,
  secret: SecretRecord,
  v: SecretVersion,
  withValue: boolean,
): Record<string, unknown> {
  return common(ctx, secretVersionId(ctx, secret.name, v.version), v, withValue ? v.value : undefined);
}

/** DeletedSecretBundle: versioned id of the latest version, no value. */
export function deletedSecretBundle(ctx: RenderContext, secret: DeletedSecretRecord): Record<string, unknown> {
  const latest = secret.versions[secret.versions.length - 1];
  return {
    recoveryId: recoveryId(ctx, secret.name),
    deletedDate: secret.deletedDate,
    scheduledPurgeDate: secret.scheduledPurgeDate,
    ...common(ctx, secretVersionId(ctx, secret.name, latest.version), latest),
  };
}

/** SecretItem of GetSecrets (base id) or GetSecretVersions (versioned id). */
export function secretItem(ctx: RenderContext, secret: SecretRecord, v: SecretVersion, versioned: boolean) {
  const id = versioned ? secretVersionId(ctx, secret.name, v.version) : secretBaseId(ctx, secret.name);
  return common(ctx, id, v);
}

export function deletedSecretItem(ctx: RenderContext, secret: DeletedSecretRecord) {
  const latest = secret.versions[secret.versions.length - 1];
  return {
    recoveryId: recoveryId(ctx, secret.name),
    deletedDate: secret.deletedDate,
    scheduledPurgeDate: secret.scheduledPurgeDate,
    ...common(ctx, secretBaseId(ctx, secret.name), latest),
  };
}
