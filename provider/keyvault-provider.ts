/**
 * The `keyvault` provider: its configuration schema and what configure()
 * hands to every resource and data source.
 *
 * Argument names follow azurerm where one exists (tenant_id, client_id,
 * client_secret, subscription_id and the key_vault feature flags), so a
 * configuration moves between the emulator and Azure with few edits. The
 * feature flags are flat booleans rather than azurerm's nested
 * `features { key_vault { ... } }` block, with azurerm's defaults (true).
 * Credentials fall back to KEYVAULT_EMULATOR_* and then azurerm's ARM_*
 * environment variables.
 */
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import { Unknown, type CtyValue } from './core/cty';
import { attr } from './core/diagnostics';
import { defineProvider, type AnyDataSource, type AnyResource, type ProviderDefinition } from './framework/definitions';
import type { Schema } from './framework/schema';
import { isUrl } from './framework/validators';

export const providerConfigSchema = {
  description: 'Manages vaults, secrets and access policies in a local keyvault-emulator.',
  attributes: {
    endpoint: {
      type: 'string',
      optional: true,
      envVar: 'KEYVAULT_EMULATOR_ENDPOINT',
      validators: [isUrl()],
      description: 'Base URL of the keyvault-emulator, e.g. http://127.0.0.1:8443. Defaults to $KEYVAULT_EMULATOR_ENDPOINT.',
    },
    tenant_id: {
      type: 'string',
      optional: true,
      envVar: ['KEYVAULT_EMULATOR_TENANT_ID', 'ARM_TENANT_ID'],
      description: 'Tenant ID used to request tokens from the emulator. Defaults to $KEYVAULT_EMULATOR_TENANT_ID, then $ARM_TENANT_ID.',
    },
    client_id: {
      type: 'string',
      optional: true,
      envVar: ['KEYVAULT_EMULATOR_CLIENT_ID', 'ARM_CLIENT_ID'],
      description: 'Client (application) ID of the service principal. Defaults to $KEYVAULT_EMULATOR_CLIENT_ID, then $ARM_CLIENT_ID.',
    },
    client_secret: {
      type: 'string',
      optional: true,
      sensitive: true,
      envVar: ['KEYVAULT_EMULATOR_CLIENT_SECRET', 'ARM_CLIENT_SECRET'],
      description: 'Client secret of the service principal. Defaults to $KEYVAULT_EMULATOR_CLIENT_SECRET, then $ARM_CLIENT_SECRET.',
    },
    subscription_id: {
      type: 'string',
      optional: true,
      envVar: ['KEYVAULT_EMULATOR_SUBSCRIPTION_ID', 'ARM_SUBSCRIPTION_ID'],
      description: 'Subscription that vault IDs are built under. Defaults to $KEYVAULT_EMULATOR_SUBSCRIPTION_ID, then $ARM_SUBSCRIPTION_ID.',
    },
    ca_file: {
      type: 'string',
      optional: true,
      envVar: 'KEYVAULT_EMULATOR_CA_FILE',
      description: 'PEM file with the CA certificate to trust when the emulator serves HTTPS. Defaults to $KEYVAULT_EMULATOR_CA_FILE.',
    },
    purge_soft_deleted_secrets_on_destroy: {
      type: 'bool',
      optional: true,
      default: true,
      description: 'Purge secrets when they are destroyed instead of leaving them soft-deleted (as azurerm\'s key_vault feature; default true).',
    },
    recover_soft_deleted_secrets: {
      type: 'bool',
      optional: true,
      default: true,
      description: 'Recover a soft-deleted secret of the same name instead of failing to create it (as azurerm\'s key_vault feature; default true).',
    },
  },
} as const satisfies Schema;

/** What resources and data sources receive as `ctx.provider`. */
export interface KeyvaultProviderData {
  endpoint: string | undefined;
  tenantId: string | undefined;
  clientId: string | undefined;
  clientSecret: string | undefined;
  subscriptionId: string | undefined;
  caFile: string | undefined;
  /** Contents of ca_file, read once at configure time. */
  caCertificatePem: string | undefined;
  purgeSoftDeletedSecretsOnDestroy: boolean;
  recoverSoftDeletedSecrets: boolean;
  terraformVersion: string;
  /**
   * Settings that were not known when Terraform configured the provider (they
   * depend on resources not created yet). Operations needing them must wait
   * for apply, when Terraform configures the provider again with real values.
   */
  unknownAttributes: string[];
}

export interface ProviderRegistry {
  resources: readonly AnyResource<KeyvaultProviderData>[];
  dataSources: readonly AnyDataSource<KeyvaultProviderData>[];
}

export function createKeyvaultProvider(
  registry: ProviderRegistry,
): ProviderDefinition<typeof providerConfigSchema, KeyvaultProviderData> {
  return defineProvider({
    typeName: 'keyvault',
    schema: providerConfigSchema,
    resources: registry.resources,
    dataSources: registry.dataSources,
    configure({ config, terraformVersion, diagnostics }) {
      const unknownAttributes = Object.entries(config)
        .filter(([, v]) => v instanceof Unknown)
        .map(([k]) => k);
      const str = (v: CtyValue): string | undefined => (typeof v === 'string' ? v : undefined);
      const caFile = str(config.ca_file);
      let caCertificatePem: string | undefined;
      if (caFile !== undefined) {
        try {
          caCertificatePem = fs.readFileSync(caFile, 'utf8');
          new X509Certificate(caCertificatePem); // fail now, not on the first HTTPS call
        } catch (err) {
          diagnostics.error(
            'Invalid value for "ca_file"',
            `"ca_file" must name a readable PEM certificate file: ${(err as Error).message}.`,
            [attr('ca_file')],
          );
        }
      }
      return {
        endpoint: str(config.endpoint),
        tenantId: str(config.tenant_id),
        clientId: str(config.client_id),
        clientSecret: str(config.client_secret),
        subscriptionId: str(config.subscription_id),
        caFile,
        caCertificatePem,
        purgeSoftDeletedSecretsOnDestroy: config.purge_soft_deleted_secrets_on_destroy !== false,
        recoverSoftDeletedSecrets: config.recover_soft_deleted_secrets !== false,
        terraformVersion,
        unknownAttributes,
      };
    },
  });
}
