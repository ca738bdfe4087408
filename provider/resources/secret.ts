/**
 * keyvault_secret: a secret on a vault's data plane, like azurerm_key_vault_secret
 * (reference §1.3). `id` is the versioned URL of the latest version.
 *
 *   create   GET (must be 404) → PUT; a 409 ObjectIsDeletedButRecoverable with
 *            recover_soft_deleted_secrets → recover, then PUT
 *   read     GET latest (a disabled secret's value cannot be read: its metadata
 *            comes from the versions list and the stored value is kept)
 *   update   a new value (or clearing a date, which PATCH cannot do) → PUT, a
 *            new version in place; anything else → PATCH of the latest version
 *   delete   DELETE → purge when purge_soft_deleted_secrets_on_destroy and the
 *            vault allows it (its recoveryLevel says Purgeable)
 *   import   by the versioned (or versionless) URL; key_vault_id is found by
 *            listing the subscription's vaults, as azurerm does
 */
import { Unknown, type CtyValue } from '../core/cty';
import { attr, DiagnosticError } from '../core/diagnostics';
import { log } from '../core/log';
import { defineResource, gone } from '../framework/definitions';
import type { KeyvaultClient } from '../client';
import { ApiError } from '../client/errors';
import type { SecretBundle, SecretsClient, SecretWrite } from '../client/dataplane';
import { parseSecretId, SECRET_ID_FORMAT, VAULT_ID_FORMAT } from '../client/ids';
import type { KeyvaultProviderData } from '../keyvault-provider';
import {
  alreadyExists,
  badImportId,
  clientOf,
  dateFromRemote,
  keepSpelling,
  rfc3339,
  secretName,
  tagsFromRemote,
  tagsValidator,
  unixFromDate,
  vaultIdValidator,
} from './common';

const schema = {
  description: 'A secret in a vault, like azurerm_key_vault_secret. Changing the value writes a new version in place.',
  attributes: {
    id: { type: 'string', computed: true, description: 'Versioned URL of the latest version, https://{vault}.vault.localhost:{port}/secrets/{name}/{version}.' },
    version: { type: 'string', computed: true, description: 'Current version (32 hex characters).' },
    versionless_id: { type: 'string', computed: true, description: 'URL of the secret without a version (always the latest).' },
    key_vault_id: {
      type: 'string',
      required: true,
      requiresReplace: true,
      validators: [vaultIdValidator],
      description: `ARM id of the vault (${VAULT_ID_FORMAT}).`,
    },
    name: {
      type: 'string',
      required: true,
      requiresReplace: true,
      validators: [secretName],
      description: 'Secret name: letters, digits and dashes, at most 127 characters.',
    },
    value: { type: 'string', required: true, sensitive: true, description: 'The secret value (kept in state in plain text, as in azurerm).' },
    content_type: { type: 'string', optional: true, description: 'Content type, e.g. text/plain.' },
    tags: { type: ['map', 'string'], optional: true, validators: [tagsValidator(15)], description: 'At most 15 tags.' },
    not_before_date: { type: 'string', optional: true, validators: [rfc3339], description: 'Not valid before this RFC 3339 date-time (informational, as in Azure).' },
    expiration_date: { type: 'string', optional: true, validators: [rfc3339], description: 'Expiry as an RFC 3339 date-time (informational, as in Azure).' },
    enabled: { type: 'bool', optional: true, computed: true, default: true, description: 'Whether the secret can be read (default true).' },
  },
} as const;

type Values = {
  key_vault_id: string | null;
  name: string | null;
  value: string | null;
  content_type: string | null;
  tags: Record<string, string> | null;
  not_before_date: string | null;
  expiration_date: string | null;
  enabled: boolean | null;
};

function attributesOf(config: Values): NonNullable<SecretWrite['attributes']> {
  return {
    enabled: config.enabled !== false,
    ...(config.not_before_date ? { nbf: unixFromDate(config.not_before_date) } : {}),
    ...(config.expiration_date ? { exp: unixFromDate(config.expiration_date) } : {}),
  };
}

/** PUT body: a new version with everything configured. */
function setBody(config: Values): SecretWrite {
  return {
    value: config.value ?? '',
    ...(config.content_type !== null ? { contentType: config.content_type } : {}),
    ...(config.tags !== null ? { tags: config.tags } : {}),
    attributes: attributesOf(config),
  };
}

/** The computed attributes a write or read tells. */
function idsOf(bundle: Pick<SecretBundle, 'id'>): { id: string; version: string; versionless_id: string } {
  const parsed = parseSecretId(bundle.id);
  if (!parsed?.version) throw new Error(`the service answered an unversioned secret id: ${bundle.id}`);
  return { id: bundle.id, version: parsed.version, versionless_id: `${parsed.origin}/secrets/${parsed.name}` };
}

/** A content type from the API: absent and "" read as what the state had, so "none" never diffs. */
function contentTypeFromRemote(remote: string | undefined, state: CtyValue | undefined): string | null {
  if (remote === undefined || remote === '') return state === '' ? '' : null;
  return remote;
}

function isDisabledError(err: unknown): boolean {
  return err instanceof ApiError && err.status === 403 && err.is('SecretDisabled');
}

async function dataPlaneOf(client: KeyvaultClient, keyVaultId: string, signal: AbortSignal): Promise<SecretsClient | undefined> {
  const uri = await client.vaultUri(keyVaultId, signal);
  return uri ? client.secrets(uri) : undefined;
}

/**
 * The latest version's metadata of a disabled secret (GET refuses to return its
 * value): the most recently created version of the versions list.
 */
async function latestMetadata(secrets: SecretsClient, name: string, preferred: string | null, signal: AbortSignal): Promise<SecretBundle | undefined> {
  const versions = await secrets.listVersions(name, signal);
  let latest: SecretBundle | undefined;
  for (const item of versions) {
    const created = item.attributes?.created ?? 0;
    const best = latest?.attributes?.created ?? -1;
    const tieWon = created === best && preferred !== null && parseSecretId(item.id)?.version === preferred;
    if (created > best || tieWon) latest = item;
  }
  return latest;
}

export const secret = defineResource<typeof schema, KeyvaultProviderData>({
  typeName: 'keyvault_secret',
  schema,

  plan(ctx) {
    const { prior, planned } = ctx;
    if (!prior || ctx.changed('key_vault_id') || ctx.changed('name')) return; // a replacement gets fresh ids anyway
    // PATCH cannot remove a date, so clearing one writes a new version too.
    const cleared = (name: 'not_before_date' | 'expiration_date') => prior[name] !== null && planned[name] === null;
    if (ctx.changed('value') || cleared('not_before_date') || cleared('expiration_date')) {
      ctx.setUnknown('version');
      ctx.setUnknown('id');
    }
  },

  async create({ config, provider, signal }) {
    const client = clientOf(provider);
    const name = config.name!;
    const secrets = await dataPlaneOf(client, config.key_vault_id!, signal);
    if (!secrets) throw new DiagnosticError('Key Vault not found', { detail: `The Key Vault "${config.key_vault_id}" does not exist.`, path: [attr('key_vault_id')] });
    let existing: SecretBundle | undefined;
    try {
      existing = await secrets.getSecret(name, undefined, signal);
    } catch (err) {
      if (!isDisabledError(err)) throw err;
      existing = { id: `${secrets.base}/secrets/${name}` };
    }
    if (existing) throw alreadyExists(existing.id, 'keyvault_secret');
    let written: SecretBundle;
    try {
      written = await secrets.setSecret(name, setBody(config), signal);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 409 && err.is('ObjectIsDeletedButRecoverable'))) throw err;
      if (!provider.recoverSoftDeletedSecrets) {
        throw new DiagnosticError('A soft-deleted secret has this name', {
          detail:
            `${err.message}\n\nAutomatic recovery is disabled with recover_soft_deleted_secrets = false in the provider block: recover the secret ` +
            'and import it with terraform import, or purge it, then apply again.',
          path: [attr('name')],
        });
      }
      log('debug', 'recovering a soft-deleted secret before setting it', { name, vault: secrets.base });
      await secrets.recoverDeletedSecret(name, signal);
      written = await secrets.setSecret(name, setBody(config), signal);
    }
    return idsOf(written);
  },

  async read({ state, provider, signal }) {
    const client = clientOf(provider);
    const secrets = await dataPlaneOf(client, state.key_vault_id!, signal);
    if (!secrets) return gone;
    const name = state.name!;
    let bundle: SecretBundle | undefined;
    try {
      bundle = await secrets.getSecret(name, undefined, signal);
    } catch (err) {
      if (!isDisabledError(err)) throw err;
      bundle = await latestMetadata(secrets, name, state.version, signal);
    }
    if (!bundle) return gone;
    const ids = idsOf(bundle);
    const remoteName = parseSecretId(bundle.id)?.name ?? name;
    return {
      ...ids,
      name: keepSpelling(state.name, remoteName),
      // A disabled secret's value cannot be read; the stored one is kept.
      value: bundle.value ?? state.value,
      content_type: contentTypeFromRemote(bundle.contentType, state.content_type),
      tags: tagsFromRemote(bundle.tags, state.tags),
      not_before_date: dateFromRemote(bundle.attributes?.nbf, state.not_before_date),
      expiration_date: dateFromRemote(bundle.attributes?.exp, state.expiration_date),
      enabled: bundle.attributes?.enabled !== false,
    };
  },

  async update({ prior, config, planned, provider, signal }) {
    const client = clientOf(provider);
    const secrets = await dataPlaneOf(client, prior.key_vault_id!, signal);
    if (!secrets) throw new DiagnosticError('Key Vault not found', { detail: `The Key Vault "${prior.key_vault_id}" does not exist (any more).` });
    if (planned.version instanceof Unknown) return idsOf(await secrets.setSecret(config.name!, setBody(config), signal));
    await secrets.updateSecret(
      config.name!,
      undefined,
      {
        // "" and {} clear them: PATCH leaves out what it is not sent.
        contentType: config.content_type ?? '',
        tags: config.tags ?? {},
        attributes: attributesOf(config),
      },
      signal,
    );
    return {};
  },

  async delete({ state, provider, signal }) {
    const client = clientOf(provider);
    const secrets = await dataPlaneOf(client, state.key_vault_id!, signal);
    if (!secrets) return; // the vault went first, with its secrets
    const name = state.name!;
    const deleted = await secrets.deleteSecret(name, signal);
    if (!deleted || !provider.purgeSoftDeletedSecretsOnDestroy) return;
    if (!deleted.recoveryId) return; // no soft delete on this vault: gone already
    const level = deleted.attributes?.recoveryLevel ?? '';
    if (!/Purgeable/i.test(level)) {
      log('debug', 'not purging the deleted secret: the vault has purge protection', { name, recoveryLevel: level });
      return;
    }
    await secrets.purgeDeletedSecret(name, signal);
  },

  async importState({ id, provider, signal }) {
    const parsed = parseSecretId(id);
    if (!parsed) throw badImportId('keyvault_secret', id, SECRET_ID_FORMAT);
    const client = clientOf(provider);
    const vaults = await client.arm.listVaults(client.subscriptionId, signal);
    const byHost = (uri: string) => {
      try {
        return new URL(uri).hostname.toLowerCase() === parsed.hostname;
      } catch {
        return false;
      }
    };
    // Like azurerm: the vault whose URI has this host, else the vault named by the host's first label.
    const vault = vaults.find((v) => byHost(v.properties.vaultUri)) ?? vaults.find((v) => v.name.toLowerCase() === parsed.hostname.split('.')[0]);
    if (!vault) {
      throw new DiagnosticError('Key Vault not found', {
        detail: `No Key Vault of subscription ${client.subscriptionId} serves ${parsed.origin} (from the import id ${JSON.stringify(id)}).`,
      });
    }
    client.rememberVault(vault.id, vault.properties.vaultUri);
    return { id, name: parsed.name, key_vault_id: vault.id, ...(parsed.version ? { version: parsed.version } : {}) };
  },
});
