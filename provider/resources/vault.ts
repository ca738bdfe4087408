/**
 * keyvault_vault: a vault through the ARM-shaped API, with azurerm_key_vault's
 * arguments and behaviour (reference management-plane-and-identity.md §1.1),
 * minus inline access policies (keyvault_access_policy manages them, so the
 * vault never sends `accessPolicies` after creating it with none).
 *
 *   create   GET vault (must be 404) → GET deletedVaults (recover it when
 *            recover_soft_deleted_key_vaults) → PUT
 *   read     GET vault
 *   update   PATCH with the mutable properties (never accessPolicies)
 *   delete   DELETE → purge when purge_soft_delete_on_destroy and the vault
 *            has no purge protection
 *   import   by ARM id
 */
import { Unknown, toSafeNumber } from '../core/cty';
import { attr, DiagnosticError } from '../core/diagnostics';
import { log } from '../core/log';
import { defineResource, gone } from '../framework/definitions';
import { isUuid, numberBetween, oneOf } from '../framework/validators';
import type { ArmVault } from '../client/arm';
import { parseVaultId, VAULT_ID_FORMAT, type VaultId } from '../client/ids';
import type { KeyvaultProviderData } from '../keyvault-provider';
import {
  alreadyExists,
  badImportId,
  clientOf,
  keepSpelling,
  nonEmpty,
  normaliseLocation,
  resourceGroupName,
  tagsFromRemote,
  tagsValidator,
  vaultName,
} from './common';

const schema = {
  description:
    'A Key Vault in the emulator (ARM Microsoft.KeyVault/vaults), like azurerm_key_vault. Access policies are managed with keyvault_access_policy.',
  attributes: {
    id: { type: 'string', computed: true, description: `The vault's ARM id, ${VAULT_ID_FORMAT}.` },
    name: {
      type: 'string',
      required: true,
      requiresReplace: true,
      validators: [vaultName],
      description: 'Vault name: 3-24 letters, digits and dashes, starting with a letter. Unique in the emulator, also while soft-deleted.',
    },
    location: {
      type: 'string',
      required: true,
      requiresReplace: true,
      validators: [nonEmpty],
      description: 'Azure location, e.g. "westeurope" or "West Europe" (compared normalised, as azurerm does).',
    },
    resource_group_name: {
      type: 'string',
      required: true,
      requiresReplace: true,
      validators: [resourceGroupName],
      description: 'Resource group of the vault (created on the fly by the emulator).',
    },
    tenant_id: { type: 'string', required: true, validators: [isUuid()], description: 'Tenant of the vault (a UUID).' },
    sku_name: {
      type: 'string',
      optional: true,
      computed: true,
      default: 'standard',
      validators: [oneOf(['standard', 'premium'])],
      description: '"standard" (default) or "premium".',
    },
    soft_delete_retention_days: {
      type: 'number',
      optional: true,
      computed: true,
      default: 90,
      validators: [numberBetween(7, 90)],
      description: 'Days a deleted vault or secret stays recoverable, 7-90 (default 90). Cannot be changed once set.',
    },
    purge_protection_enabled: {
      type: 'bool',
      optional: true,
      computed: true,
      default: false,
      description: 'Refuse purges until the retention period ends (default false). Cannot be turned off once on.',
    },
    rbac_authorization_enabled: {
      type: 'bool',
      optional: true,
      computed: true,
      default: false,
      description: 'Authorize the data plane with Azure RBAC instead of access policies (default false; always sent explicitly).',
    },
    tags: { type: ['map', 'string'], optional: true, validators: [tagsValidator(50)], description: 'Tags of the vault.' },
    vault_uri: { type: 'string', computed: true, description: 'Data-plane URI, e.g. https://name.vault.localhost:8443/.' },
  },
} as const;

type Config = {
  name: string | null;
  location: string | null;
  resource_group_name: string | null;
  tenant_id: string | null;
  sku_name: string | null;
  soft_delete_retention_days: unknown;
  purge_protection_enabled: boolean | null;
  rbac_authorization_enabled: boolean | null;
  tags: Record<string, string> | null;
};

function retentionOf(value: unknown): number {
  return value === null || value === undefined ? 90 : toSafeNumber(value as never);
}

/** The properties PATCH may change (PUT creates with them too). */
function mutableProperties(config: Config): Record<string, unknown> {
  return {
    tenantId: config.tenant_id,
    sku: { family: 'A', name: config.sku_name ?? 'standard' },
    // Sent explicitly: from api-version 2026-02-01 Azure defaults new vaults to RBAC.
    enableRbacAuthorization: config.rbac_authorization_enabled === true,
    // Only ever sent as true: ARM refuses false once it is on (azurerm does the same).
    ...(config.purge_protection_enabled === true ? { enablePurgeProtection: true, enableSoftDelete: true } : {}),
  };
}

function vaultIdOf(id: unknown): VaultId {
  const parsed = typeof id === 'string' ? parseVaultId(id) : undefined;
  if (!parsed) throw new DiagnosticError('Invalid state', { detail: `keyvault_vault has no valid id in its state (${JSON.stringify(id)}).` });
  return parsed;
}

export const vault = defineResource<typeof schema, KeyvaultProviderData>({
  typeName: 'keyvault_vault',
  schema,

  plan(ctx) {
    const { prior, planned } = ctx;
    if (!prior) return;
    // Like azurerm's location diff suppression: "West Europe" is "westeurope", so keep the state's spelling.
    const location = planned.location;
    if (typeof location === 'string' && typeof prior.location === 'string' && normaliseLocation(location) === normaliseLocation(prior.location)) {
      planned.location = prior.location;
    }
    // A replacement creates a new vault, where any setting is allowed.
    if (ctx.changed('location') || ctx.changed('name') || ctx.changed('resource_group_name')) return;
    const days = planned.soft_delete_retention_days;
    if (!(days instanceof Unknown) && days !== null && retentionOf(days) !== retentionOf(prior.soft_delete_retention_days)) {
      ctx.diagnostics.error(
        'soft_delete_retention_days cannot be changed',
        `Once soft_delete_retention_days has been configured it cannot be modified: Key Vault "${prior.name}" keeps ` +
          `${retentionOf(prior.soft_delete_retention_days)} days. Replace the vault (a new name) to change it.`,
        [attr('soft_delete_retention_days')],
      );
    }
    if (prior.purge_protection_enabled === true && planned.purge_protection_enabled === false) {
      ctx.diagnostics.error(
        'purge_protection_enabled cannot be turned off',
        `Once Purge Protection has been enabled it's not possible to disable it: Key Vault "${prior.name}" keeps it.`,
        [attr('purge_protection_enabled')],
      );
    }
  },

  async create({ config, provider, signal, diagnostics }) {
    const client = clientOf(provider);
    const id: VaultId = { subscriptionId: client.subscriptionId, resourceGroup: config.resource_group_name!, name: config.name! };
    const existing = await client.arm.getVault(id, signal);
    if (existing) throw alreadyExists(existing.id, 'keyvault_vault');
    const location = normaliseLocation(config.location!);
    const tags = config.tags ?? {};
    let result: ArmVault;
    const deleted = await client.arm.getDeletedVault(id.subscriptionId, location, id.name, signal);
    if (deleted) {
      if (!provider.recoverSoftDeletedKeyVaults) {
        throw new DiagnosticError('A soft-deleted Key Vault has this name', {
          detail:
            `An existing soft-deleted Key Vault exists with the name "${id.name}" in the location "${location}", however automatically ` +
            'recovering it has been disabled with recover_soft_deleted_key_vaults = false in the provider block. Recover it ' +
            `(keyvault-emulator vault recover ${id.name}) and import it with terraform import, or purge it (keyvault-emulator vault purge ${id.name}).`,
          path: [attr('name')],
        });
      }
      log('debug', 'recovering a soft-deleted Key Vault', { name: id.name, location });
      await client.arm.putVault(
        id,
        { location, tags, properties: { createMode: 'recover', tenantId: config.tenant_id, sku: { family: 'A', name: config.sku_name ?? 'standard' } } },
        signal,
      );
      // A recovered vault comes back with its old settings; apply the configured ones that may change.
      result = await client.arm.patchVault(id, { tags, properties: mutableProperties(config) }, signal);
      const kept = result.properties.softDeleteRetentionInDays ?? 90;
      if (kept !== retentionOf(config.soft_delete_retention_days) || (result.properties.enablePurgeProtection === true) !== (config.purge_protection_enabled === true)) {
        diagnostics.warning(
          'Recovered Key Vault keeps its soft-delete settings',
          `Key Vault "${id.name}" was recovered with soft_delete_retention_days = ${kept} and purge_protection_enabled = ${result.properties.enablePurgeProtection === true}, ` +
            'which cannot change; the next plan will show the difference.',
        );
      }
    } else {
      result = await client.arm.putVault(
        id,
        {
          location,
          tags,
          properties: {
            ...mutableProperties(config),
            accessPolicies: [],
            enableSoftDelete: true,
            softDeleteRetentionInDays: retentionOf(config.soft_delete_retention_days),
            createMode: 'default',
            publicNetworkAccess: 'Enabled',
          },
        },
        signal,
      );
    }
    client.rememberVault(result.id, result.properties.vaultUri);
    return { id: result.id, vault_uri: result.properties.vaultUri };
  },

  async read({ state, provider, signal }) {
    const client = clientOf(provider);
    const remote = await client.arm.getVault(vaultIdOf(state.id), signal);
    if (!remote) return gone;
    client.rememberVault(remote.id, remote.properties.vaultUri);
    const p = remote.properties;
    const location = typeof state.location === 'string' && normaliseLocation(state.location) === normaliseLocation(remote.location) ? state.location : remote.location;
    return {
      id: keepSpelling(state.id, remote.id),
      name: keepSpelling(state.name, remote.name),
      resource_group_name: keepSpelling(state.resource_group_name, parseVaultId(remote.id)?.resourceGroup ?? ''),
      location,
      tenant_id: keepSpelling(state.tenant_id, p.tenantId),
      sku_name: (p.sku?.name ?? 'standard').toLowerCase(),
      // azurerm reads a missing value as 90.
      soft_delete_retention_days: p.softDeleteRetentionInDays ?? 90,
      purge_protection_enabled: p.enablePurgeProtection === true,
      rbac_authorization_enabled: p.enableRbacAuthorization === true,
      tags: tagsFromRemote(remote.tags, state.tags),
      vault_uri: p.vaultUri,
    };
  },

  async update({ prior, config, provider, signal }) {
    const client = clientOf(provider);
    const result = await client.arm.patchVault(vaultIdOf(prior.id), { tags: config.tags ?? {}, properties: mutableProperties(config) }, signal);
    client.rememberVault(result.id, result.properties.vaultUri);
    return {};
  },

  async delete({ state, provider, signal, diagnostics }) {
    const client = clientOf(provider);
    const id = vaultIdOf(state.id);
    await client.arm.deleteVault(id, signal);
    client.forgetVault(state.id!);
    if (!provider.purgeSoftDeleteOnDestroy) return;
    const location = normaliseLocation(String(state.location ?? ''));
    const deleted = await client.arm.getDeletedVault(id.subscriptionId, location, id.name, signal);
    if (!deleted) return; // soft delete off: the vault is gone already
    if (deleted.properties.purgeProtectionEnabled) {
      diagnostics.warning(
        'Key Vault left soft-deleted',
        `Key Vault "${id.name}" has purge protection, so it was not purged: it stays soft-deleted until ${deleted.properties.scheduledPurgeDate}, ` +
          'and its name cannot be reused until then (except to recover it).',
      );
      return;
    }
    await client.arm.purgeDeletedVault(id.subscriptionId, location, id.name, signal);
  },

  async importState({ id }) {
    const parsed = parseVaultId(id);
    if (!parsed) throw badImportId('keyvault_vault', id, VAULT_ID_FORMAT);
    return { id, name: parsed.name, resource_group_name: parsed.resourceGroup };
  },
});
