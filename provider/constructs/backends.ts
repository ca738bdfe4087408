/**
 * The two renderings of one KeyVault declaration: our provider's resources
 * (`target: 'emulator'`) and azurerm 4.x's (`target: 'azure'`). Both go
 * through generated, typed bindings (provider/cdktf/bindings/), never through
 * untyped escape hatches, so a renamed argument breaks `tsc`, not a deploy.
 *
 * Internal to the constructs: KeyVault (key-vault.ts) is the public API.
 */
import type { Construct } from 'constructs';
import { TerraformStack, type TerraformProvider, type TerraformResource } from '../cdktf/bindings/runtime';
import { AccessPolicy } from '../cdktf/bindings/keyvault/access-policy';
import { DataKeyvaultClientConfig } from '../cdktf/bindings/keyvault/data-keyvault-client-config';
import { KeyvaultProvider } from '../cdktf/bindings/keyvault/provider';
import { Secret } from '../cdktf/bindings/keyvault/secret';
import { Vault } from '../cdktf/bindings/keyvault/vault';
import { DataAzurermClientConfig } from '../cdktf/bindings/azurerm/data-azurerm-client-config';
import { KeyVault as AzurermKeyVault } from '../cdktf/bindings/azurerm/key-vault';
import { KeyVaultAccessPolicyA as AzurermKeyVaultAccessPolicy } from '../cdktf/bindings/azurerm/key-vault-access-policy';
import { KeyVaultSecret as AzurermKeyVaultSecret } from '../cdktf/bindings/azurerm/key-vault-secret';
import { AzurermProvider } from '../cdktf/bindings/azurerm/provider';
import type { KeyVaultPermissions } from './permissions';

export type KeyVaultTarget = 'emulator' | 'azure';

/** Where the emulator's provider connects and as whom; unset values come from its environment fallbacks at deploy time. */
export interface EmulatorConnection {
  /** Emulator URL. Default: $KEYVAULT_EMULATOR_ENDPOINT, $AZURE_AUTHORITY_HOST, then https://localhost:8443. */
  readonly endpoint?: string;
  /** Default: $KEYVAULT_EMULATOR_TENANT_ID, $ARM_TENANT_ID, $AZURE_TENANT_ID. */
  readonly tenantId?: string;
  /** Default: $KEYVAULT_EMULATOR_CLIENT_ID, $ARM_CLIENT_ID, $AZURE_CLIENT_ID. */
  readonly clientId?: string;
  /**
   * Default: $KEYVAULT_EMULATOR_CLIENT_SECRET, $ARM_CLIENT_SECRET, $AZURE_CLIENT_SECRET.
   * Prefer the environment: a value here is written in plain text into cdktf.out.
   */
  readonly clientSecret?: string;
  /** Default: $KEYVAULT_EMULATOR_SUBSCRIPTION_ID, $ARM_SUBSCRIPTION_ID, $AZURE_SUBSCRIPTION_ID, then all zeros. */
  readonly subscriptionId?: string;
  /** CA certificate (PEM file) to trust. Default: $KEYVAULT_EMULATOR_CA_FILE, then $NODE_EXTRA_CA_CERTS. */
  readonly caFile?: string;
}

/** azurerm provider settings; credentials come from azurerm's usual ARM_* environment variables or the Azure CLI login. */
export interface AzureConnection {
  /** Default: $ARM_SUBSCRIPTION_ID (azurerm 4.x needs one of the two). */
  readonly subscriptionId?: string;
}

/** The soft-delete behaviour of `terraform destroy` and of re-creating a deleted name: azurerm's `features { key_vault { … } }`. */
export interface SoftDeleteBehaviour {
  /** Purge the vault after destroying it (Azure skips it under purge protection). Default **false**: a destroyed vault stays recoverable. */
  readonly purgeSoftDeleteOnDestroy?: boolean;
  /** Recover a soft-deleted vault of the same name and location instead of failing to create it. Default true. */
  readonly recoverSoftDeletedKeyVaults?: boolean;
  /** Purge secrets after destroying them (skipped under purge protection). Default **false**: a destroyed secret stays recoverable. */
  readonly purgeSoftDeletedSecretsOnDestroy?: boolean;
  /** Recover a soft-deleted secret of the same name (then set the new value) instead of failing. Default true. */
  readonly recoverSoftDeletedSecrets?: boolean;
}

export interface NetworkAcls {
  readonly defaultAction: 'Allow' | 'Deny';
  readonly bypass: 'AzureServices' | 'None';
  readonly ipRules?: readonly string[];
  readonly virtualNetworkSubnetIds?: readonly string[];
}

export interface ProviderSettings {
  readonly softDelete: Required<SoftDeleteBehaviour>;
  readonly emulator?: EmulatorConnection;
  readonly azure?: AzureConnection;
}

export interface VaultArgs {
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  readonly tenantId: string;
  readonly skuName: 'standard' | 'premium';
  readonly softDeleteRetentionDays: number;
  readonly purgeProtectionEnabled: boolean;
  readonly rbacAuthorizationEnabled: boolean;
  readonly tags?: Record<string, string>;
  readonly publicNetworkAccessEnabled?: boolean;
  readonly networkAcls?: NetworkAcls;
}

export interface SecretArgs {
  readonly keyVaultId: string;
  readonly name: string;
  readonly value: string;
  readonly contentType?: string;
  readonly tags?: Record<string, string>;
  readonly notBeforeDate?: string;
  readonly expirationDate?: string;
  readonly enabled?: boolean;
}

export interface AccessPolicyArgs {
  readonly keyVaultId: string;
  readonly tenantId: string;
  readonly objectId: string;
  readonly applicationId?: string;
}

export interface ClientConfigAttributes {
  readonly tenantId: string;
  readonly clientId: string;
  readonly objectId: string;
  readonly subscriptionId: string;
}

export interface RenderedVault {
  readonly resource: TerraformResource;
  readonly id: string;
  readonly vaultUri: string;
}

export interface RenderedSecret {
  readonly resource: TerraformResource;
  readonly id: string;
  readonly version: string;
  readonly versionlessId: string;
}

export interface RenderedAccessPolicy {
  readonly resource: TerraformResource;
  setPermissions(permissions: KeyVaultPermissions): void;
}

export interface Backend {
  readonly target: KeyVaultTarget;
  /** Terraform resource types this backend emits (vault, secret, access policy), for messages and tests. */
  readonly types: { vault: string; secret: string; accessPolicy: string; clientConfig: string; provider: string };
  /** The stack's provider block, created on first use; a second vault must ask for the same settings. */
  provider(scope: Construct, settings: ProviderSettings): TerraformProvider;
  /** The deploying principal, from the stack's client-config data source (created on first use). */
  clientConfig(scope: Construct, provider: TerraformProvider): ClientConfigAttributes;
  vault(scope: Construct, id: string, args: VaultArgs, provider: TerraformProvider): RenderedVault;
  secret(scope: Construct, id: string, args: SecretArgs, provider: TerraformProvider): RenderedSecret;
  accessPolicy(scope: Construct, id: string, args: AccessPolicyArgs, provider: TerraformProvider): RenderedAccessPolicy;
}

// ------------------------------------------------------ per-stack singletons ----

interface StackState {
  providers: Map<string, { settingsKey: string; provider: TerraformProvider }>;
  clientConfigs: Map<TerraformProvider, ClientConfigAttributes>;
}

const stacks = new WeakMap<TerraformStack, StackState>();

function stackState(scope: Construct): { stack: TerraformStack; state: StackState } {
  const stack = TerraformStack.of(scope);
  let state = stacks.get(stack);
  if (!state) {
    state = { providers: new Map(), clientConfigs: new Map() };
    stacks.set(stack, state);
  }
  return { stack, state };
}

function singletonProvider(scope: Construct, type: string, settingsKey: string, create: (stack: TerraformStack) => TerraformProvider): TerraformProvider {
  const { stack, state } = stackState(scope);
  const existing = state.providers.get(type);
  if (existing) {
    if (existing.settingsKey !== settingsKey) {
      throw new Error(
        `the stack already has a ${type} provider block with other settings (${existing.settingsKey} vs ${settingsKey}): ` +
          'one provider block serves every vault of a target in a stack; pass `provider` to use a provider you configure yourself',
      );
    }
    return existing.provider;
  }
  const provider = create(stack);
  state.providers.set(type, { settingsKey, provider });
  return provider;
}

function clientConfigOnce(scope: Construct, provider: TerraformProvider, create: (stack: TerraformStack, id: string) => ClientConfigAttributes): ClientConfigAttributes {
  const { stack, state } = stackState(scope);
  let attributes = state.clientConfigs.get(provider);
  if (!attributes) {
    const id = `${provider.terraformResourceType}-client-config${state.clientConfigs.size === 0 ? '' : `-${state.clientConfigs.size}`}`;
    attributes = create(stack, id);
    state.clientConfigs.set(provider, attributes);
  }
  return attributes;
}

/** Only the arguments that are set: an unset optional argument stays out of the synthesized JSON. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const mutable = <T>(list: readonly T[] | undefined): T[] | undefined => (list ? [...list] : undefined);

// ------------------------------------------------------------------ emulator ----

export const emulatorBackend: Backend = {
  target: 'emulator',
  types: {
    vault: 'keyvault_vault',
    secret: 'keyvault_secret',
    accessPolicy: 'keyvault_access_policy',
    clientConfig: 'keyvault_client_config',
    provider: 'keyvault',
  },
  provider(scope, settings) {
    const connection = settings.emulator ?? {};
    const config = defined({
      endpoint: connection.endpoint,
      tenantId: connection.tenantId,
      clientId: connection.clientId,
      clientSecret: connection.clientSecret,
      subscriptionId: connection.subscriptionId,
      caFile: connection.caFile,
      // Flat booleans: our provider's spelling of azurerm's features { key_vault { … } }.
      purgeSoftDeleteOnDestroy: settings.softDelete.purgeSoftDeleteOnDestroy,
      recoverSoftDeletedKeyVaults: settings.softDelete.recoverSoftDeletedKeyVaults,
      purgeSoftDeletedSecretsOnDestroy: settings.softDelete.purgeSoftDeletedSecretsOnDestroy,
      recoverSoftDeletedSecrets: settings.softDelete.recoverSoftDeletedSecrets,
    });
    return singletonProvider(scope, 'keyvault', JSON.stringify(config), (stack) => new KeyvaultProvider(stack, 'keyvault', config));
  },
  clientConfig(scope, provider) {
    return clientConfigOnce(scope, provider, (stack, id) => {
      const data = new DataKeyvaultClientConfig(stack, id, { provider });
      return { tenantId: data.tenantId, clientId: data.clientId, objectId: data.objectId, subscriptionId: data.subscriptionId };
    });
  },
  vault(scope, id, args, provider) {
    const vault = new Vault(scope, id, {
      provider,
      name: args.name,
      location: args.location,
      resourceGroupName: args.resourceGroupName,
      tenantId: args.tenantId,
      skuName: args.skuName,
      softDeleteRetentionDays: args.softDeleteRetentionDays,
      purgeProtectionEnabled: args.purgeProtectionEnabled,
      rbacAuthorizationEnabled: args.rbacAuthorizationEnabled,
      ...defined({ tags: args.tags }),
    });
    return { resource: vault, id: vault.id, vaultUri: vault.vaultUri };
  },
  secret(scope, id, args, provider) {
    const secret = new Secret(scope, id, {
      provider,
      keyVaultId: args.keyVaultId,
      name: args.name,
      value: args.value,
      ...defined({
        contentType: args.contentType,
        tags: args.tags,
        notBeforeDate: args.notBeforeDate,
        expirationDate: args.expirationDate,
        enabled: args.enabled,
      }),
    });
    return { resource: secret, id: secret.id, version: secret.version, versionlessId: secret.versionlessId };
  },
  accessPolicy(scope, id, args, provider) {
    const policy = new AccessPolicy(scope, id, {
      provider,
      keyVaultId: args.keyVaultId,
      tenantId: args.tenantId,
      objectId: args.objectId,
      ...defined({ applicationId: args.applicationId }),
    });
    return {
      resource: policy,
      setPermissions(p) {
        if (p.secrets) policy.secretPermissions = [...p.secrets];
        if (p.keys) policy.keyPermissions = [...p.keys];
        if (p.certificates) policy.certificatePermissions = [...p.certificates];
        if (p.storage) policy.storagePermissions = [...p.storage];
      },
    };
  },
};

// --------------------------------------------------------------------- azure ----

export const azureBackend: Backend = {
  target: 'azure',
  types: {
    vault: 'azurerm_key_vault',
    secret: 'azurerm_key_vault_secret',
    accessPolicy: 'azurerm_key_vault_access_policy',
    clientConfig: 'azurerm_client_config',
    provider: 'azurerm',
  },
  provider(scope, settings) {
    const config = {
      ...defined({ subscriptionId: settings.azure?.subscriptionId }),
      features: {
        keyVault: {
          purgeSoftDeleteOnDestroy: settings.softDelete.purgeSoftDeleteOnDestroy,
          recoverSoftDeletedKeyVaults: settings.softDelete.recoverSoftDeletedKeyVaults,
          purgeSoftDeletedSecretsOnDestroy: settings.softDelete.purgeSoftDeletedSecretsOnDestroy,
          recoverSoftDeletedSecrets: settings.softDelete.recoverSoftDeletedSecrets,
        },
      },
    };
    return singletonProvider(scope, 'azurerm', JSON.stringify(config), (stack) => new AzurermProvider(stack, 'azurerm', config));
  },
  clientConfig(scope, provider) {
    return clientConfigOnce(scope, provider, (stack, id) => {
      const data = new DataAzurermClientConfig(stack, id, { provider });
      return { tenantId: data.tenantId, clientId: data.clientId, objectId: data.objectId, subscriptionId: data.subscriptionId };
    });
  },
  vault(scope, id, args, provider) {
    const acls = args.networkAcls;
    const vault = new AzurermKeyVault(scope, id, {
      provider,
      name: args.name,
      location: args.location,
      resourceGroupName: args.resourceGroupName,
      tenantId: args.tenantId,
      skuName: args.skuName,
      softDeleteRetentionDays: args.softDeleteRetentionDays,
      purgeProtectionEnabled: args.purgeProtectionEnabled,
      // Explicit: from ARM api-version 2026-02-01 a vault created without it uses RBAC (reference §0.2).
      rbacAuthorizationEnabled: args.rbacAuthorizationEnabled,
      ...defined({
        tags: args.tags,
        publicNetworkAccessEnabled: args.publicNetworkAccessEnabled,
        networkAcls: acls
          ? defined({
              defaultAction: acls.defaultAction,
              bypass: acls.bypass,
              ipRules: mutable(acls.ipRules),
              virtualNetworkSubnetIds: mutable(acls.virtualNetworkSubnetIds),
            })
          : undefined,
      }),
    });
    return { resource: vault, id: vault.id, vaultUri: vault.vaultUri };
  },
  secret(scope, id, args, provider) {
    if (args.enabled === false) {
      throw new Error(
        `secret "${args.name}": azurerm_key_vault_secret has no \`enabled\` argument (azurerm 4.x), so a disabled secret cannot be declared for target 'azure'`,
      );
    }
    const secret = new AzurermKeyVaultSecret(scope, id, {
      provider,
      keyVaultId: args.keyVaultId,
      name: args.name,
      value: args.value,
      ...defined({
        contentType: args.contentType,
        tags: args.tags,
        notBeforeDate: args.notBeforeDate,
        expirationDate: args.expirationDate,
      }),
    });
    return { resource: secret, id: secret.id, version: secret.version, versionlessId: secret.versionlessId };
  },
  accessPolicy(scope, id, args, provider) {
    const policy = new AzurermKeyVaultAccessPolicy(scope, id, {
      provider,
      keyVaultId: args.keyVaultId,
      tenantId: args.tenantId,
      objectId: args.objectId,
      ...defined({ applicationId: args.applicationId }),
    });
    return {
      resource: policy,
      setPermissions(p) {
        if (p.secrets) policy.secretPermissions = [...p.secrets];
        if (p.keys) policy.keyPermissions = [...p.keys];
        if (p.certificates) policy.certificatePermissions = [...p.certificates];
        if (p.storage) policy.storagePermissions = [...p.storage];
      },
    };
  },
};

export const BACKENDS: Record<KeyVaultTarget, Backend> = { emulator: emulatorBackend, azure: azureBackend };
