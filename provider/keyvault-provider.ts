/**
 * The `keyvault` provider: its configuration schema and what configure()
 * hands to every resource and data source.
 *
 * Argument names follow azurerm where one exists (tenant_id, client_id,
 * client_secret, subscription_id and the key_vault feature flags), so a
 * configuration moves between the emulator and Azure with few edits. The
 * feature flags are flat booleans rather than azurerm's nested
 * `features { key_vault { ... } }` block, with azurerm's defaults (true).
 *
 * Environment fallbacks, first set wins: KEYVAULT_EMULATOR_*, then azurerm's
 * ARM_*, then the AZURE_* lines the emulator prints at start (so pasting the
 * banner is enough); the endpoint falls back to AZURE_AUTHORITY_HOST (the
 * emulator's own URL in that banner) and ca_file to NODE_EXTRA_CA_CERTS.
 */
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import { Unknown, type CtyValue } from './core/cty';
import { attr, DiagnosticError, type Diagnostics } from './core/diagnostics';
import { log } from './core/log';
import { defineProvider, type AnyDataSource, type AnyResource, type ProviderDefinition } from './framework/definitions';
import type { Schema } from './framework/schema';
import { isUrl, isUuid } from './framework/validators';
import { fetchEmulatorInfo, missingCredentialsError, type AuthSetting } from './client/auth';
import { HttpTransport } from './client/http';
import { KeyvaultClient } from './client';

export const DEFAULT_ENDPOINT = 'https://localhost:8443';
export const DEFAULT_SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';

export const providerConfigSchema = {
  description: 'Manages vaults, secrets and access policies in a local keyvault-emulator, with azurerm semantics.',
  attributes: {
    endpoint: {
      type: 'string',
      optional: true,
      default: DEFAULT_ENDPOINT,
      envVar: ['KEYVAULT_EMULATOR_ENDPOINT', 'AZURE_AUTHORITY_HOST'],
      validators: [isUrl()],
      description:
        `URL of the keyvault-emulator (its management API and token endpoint). Defaults to $KEYVAULT_EMULATOR_ENDPOINT, then $AZURE_AUTHORITY_HOST, then ${DEFAULT_ENDPOINT}.`,
    },
    tenant_id: {
      type: 'string',
      optional: true,
      envVar: ['KEYVAULT_EMULATOR_TENANT_ID', 'ARM_TENANT_ID', 'AZURE_TENANT_ID'],
      description: 'Tenant to request tokens in. Defaults to $KEYVAULT_EMULATOR_TENANT_ID, $ARM_TENANT_ID, then $AZURE_TENANT_ID.',
    },
    client_id: {
      type: 'string',
      optional: true,
      envVar: ['KEYVAULT_EMULATOR_CLIENT_ID', 'ARM_CLIENT_ID', 'AZURE_CLIENT_ID'],
      description:
        'Client (application) id of the service principal the provider acts as. Defaults to $KEYVAULT_EMULATOR_CLIENT_ID, $ARM_CLIENT_ID, then $AZURE_CLIENT_ID.',
    },
    client_secret: {
      type: 'string',
      optional: true,
      sensitive: true,
      envVar: ['KEYVAULT_EMULATOR_CLIENT_SECRET', 'ARM_CLIENT_SECRET', 'AZURE_CLIENT_SECRET'],
      description:
        'Client secret of the service principal. Defaults to $KEYVAULT_EMULATOR_CLIENT_SECRET, $ARM_CLIENT_SECRET, then $AZURE_CLIENT_SECRET.',
    },
    subscription_id: {
      type: 'string',
      optional: true,
      default: DEFAULT_SUBSCRIPTION_ID,
      envVar: ['KEYVAULT_EMULATOR_SUBSCRIPTION_ID', 'ARM_SUBSCRIPTION_ID', 'AZURE_SUBSCRIPTION_ID'],
      validators: [isUuid()],
      description: `Subscription new vaults are created in. Defaults to $KEYVAULT_EMULATOR_SUBSCRIPTION_ID, $ARM_SUBSCRIPTION_ID, $AZURE_SUBSCRIPTION_ID, then ${DEFAULT_SUBSCRIPTION_ID}.`,
    },
    ca_file: {
      type: 'string',
      optional: true,
      envVar: ['KEYVAULT_EMULATOR_CA_FILE', 'NODE_EXTRA_CA_CERTS'],
      description:
        'PEM file of the CA to trust for HTTPS (the emulator\'s <data-dir>/tls/ca.pem). Defaults to $KEYVAULT_EMULATOR_CA_FILE, then $NODE_EXTRA_CA_CERTS.',
    },
    purge_soft_deleted_secrets_on_destroy: {
      type: 'bool',
      optional: true,
      default: true,
      description: 'Purge secrets when they are destroyed instead of leaving them soft-deleted (skipped with purge protection). Default true, as azurerm.',
    },
    recover_soft_deleted_secrets: {
      type: 'bool',
      optional: true,
      default: true,
      description: 'Recover a soft-deleted secret of the same name instead of failing to create it. Default true, as azurerm.',
    },
    purge_soft_delete_on_destroy: {
      type: 'bool',
      optional: true,
      default: true,
      description: 'Purge vaults when they are destroyed instead of leaving them soft-deleted (skipped with purge protection). Default true, as azurerm.',
    },
    recover_soft_deleted_key_vaults: {
      type: 'bool',
      optional: true,
      default: true,
      description: 'Recover a soft-deleted vault of the same name and location instead of failing to create it. Default true, as azurerm.',
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
  purgeSoftDeleteOnDestroy: boolean;
  recoverSoftDeletedKeyVaults: boolean;
  terraformVersion: string;
  /**
   * Settings that were not known when Terraform configured the provider (they
   * depend on resources not created yet). Operations needing them must wait
   * for apply, when Terraform configures the provider again with real values.
   */
  unknownAttributes: string[];
  /** The API client; undefined while the configuration is not fully known. */
  client: KeyvaultClient | undefined;
}

export interface ProviderRegistry {
  resources: readonly AnyResource<KeyvaultProviderData>[];
  dataSources: readonly AnyDataSource<KeyvaultProviderData>[];
}

/** How long configure() waits for GET /_emulator/info when it must decide how to authenticate. */
const PROBE_TIMEOUT_MS = 5_000;

export function createKeyvaultProvider(
  registry: ProviderRegistry,
): ProviderDefinition<typeof providerConfigSchema, KeyvaultProviderData> {
  return defineProvider({
    typeName: 'keyvault',
    schema: providerConfigSchema,
    resources: registry.resources,
    dataSources: registry.dataSources,
    async configure({ config, terraformVersion, diagnostics }) {
      const unknownAttributes = Object.entries(config)
        .filter(([, v]) => v instanceof Unknown)
        .map(([k]) => k);
      const str = (v: CtyValue): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
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
      const data: KeyvaultProviderData = {
        endpoint: str(config.endpoint),
        tenantId: str(config.tenant_id),
        clientId: str(config.client_id),
        clientSecret: str(config.client_secret),
        subscriptionId: str(config.subscription_id),
        caFile,
        caCertificatePem,
        purgeSoftDeletedSecretsOnDestroy: config.purge_soft_deleted_secrets_on_destroy !== false,
        recoverSoftDeletedSecrets: config.recover_soft_deleted_secrets !== false,
        purgeSoftDeleteOnDestroy: config.purge_soft_delete_on_destroy !== false,
        recoverSoftDeletedKeyVaults: config.recover_soft_deleted_key_vaults !== false,
        terraformVersion,
        unknownAttributes,
        client: undefined,
      };
      // With unknown settings Terraform is only planning; it configures again before apply.
      if (diagnostics.hasErrors() || unknownAttributes.length > 0) return data;
      const auth = await decideAuth(data, diagnostics);
      if (!auth) return data;
      data.client = new KeyvaultClient({
        endpoint: (data.endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, ''),
        subscriptionId: data.subscriptionId ?? DEFAULT_SUBSCRIPTION_ID,
        caPem: caCertificatePem,
        auth,
      });
      return data;
    },
  });
}

/**
 * Client credentials when configured; without any, the emulator is asked
 * whether it runs with --auth none, and anything else is a diagnostic naming
 * the lines to paste. An emulator that cannot be reached yet is asked again at
 * the first call (a plan of a configuration with nothing deployed yet needs
 * no emulator).
 */
async function decideAuth(data: KeyvaultProviderData, diagnostics: Diagnostics): Promise<AuthSetting | undefined> {
  const { clientId, clientSecret, tenantId } = data;
  if (clientId && clientSecret) return { kind: 'credentials', credentials: { tenantId, clientId, clientSecret } };
  if (clientId || clientSecret) {
    const missing = clientId ? 'client_secret' : 'client_id';
    const vars = { client_id: 'AZURE_CLIENT_ID', client_secret: 'AZURE_CLIENT_SECRET' }[missing];
    diagnostics.error(
      `Missing "${missing}"`,
      `"${clientId ? 'client_id' : 'client_secret'}" is set but "${missing}" is not: set both in the provider block, or export ` +
        `${vars} (or KEYVAULT_EMULATOR_${missing.toUpperCase()} / ARM_${missing.toUpperCase()}) as the emulator printed it at start.`,
      [attr(missing)],
    );
    return undefined;
  }
  const endpoint = (data.endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  const probe = new HttpTransport({ caPem: data.caCertificatePem, timeoutMs: PROBE_TIMEOUT_MS, maxRetries: 0 });
  try {
    const info = await fetchEmulatorInfo(probe, endpoint, AbortSignal.timeout(PROBE_TIMEOUT_MS));
    if (info.authMode === 'none') return { kind: 'anonymous', tenantId, clientId: undefined };
    const error: DiagnosticError = missingCredentialsError(endpoint, info);
    diagnostics.error(error.summary, error.detail, error.path);
    return undefined;
  } catch (err) {
    log('debug', 'could not ask the emulator how it authenticates; deciding at the first call', { error: String((err as Error)?.message ?? err) });
    return { kind: 'undecided', tenantId };
  } finally {
    probe.close();
  }
}
