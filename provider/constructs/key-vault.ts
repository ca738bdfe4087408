/**
 * KeyVault: one declaration of a vault, its secrets and its access policies,
 * rendered either for the local emulator (our `keyvault` provider) or for
 * Azure (azurerm 4.x), in the style of AWS CDK's L2 constructs: secure
 * defaults, `addSecret()`, `grant*()`.
 *
 * Every prop is documented once, on KeyVaultProps below; provider/constructs/README.md
 * explains the defaults and the differences between the targets.
 */
import { Construct } from 'constructs';
import { Annotations, Aspects, Token, dependable, type TerraformProvider, type TerraformResource } from '../cdktf/bindings/runtime';
import {
  BACKENDS,
  type AzureConnection,
  type Backend,
  type EmulatorConnection,
  type KeyVaultTarget,
  type NetworkAcls,
  type RenderedAccessPolicy,
  type RenderedSecret,
  type SoftDeleteBehaviour,
} from './backends';
import { mergePermissions, SECRET_READ, SECRET_WRITE, type KeyVaultPermissions } from './permissions';

export type { AzureConnection, EmulatorConnection, KeyVaultTarget, NetworkAcls, SoftDeleteBehaviour } from './backends';

/** Props of {@link KeyVault}. Defaults are the secure choice unless noted. */
export interface KeyVaultProps {
  /**
   * Where the vault is deployed:
   * - `'emulator'`: resources of the `keyvault-emulator/keyvault` provider, against a local keyvault-emulator;
   * - `'azure'`: `azurerm_key_vault`, `azurerm_key_vault_secret`, `azurerm_key_vault_access_policy` (azurerm >= 4.42, < 5).
   */
  readonly target: KeyVaultTarget;
  /** Vault name, globally unique in Azure: 3-24 letters, digits and dashes, starting with a letter, ending with a letter or digit, no `--`. */
  readonly name: string;
  /** Existing resource group (azurerm: `resource_group_name`). */
  readonly resourceGroupName: string;
  /** Azure region, e.g. `westeurope` (the emulator records it and answers with it). */
  readonly location: string;
  /** Tenant whose principals the access policies name. Default: the deploying principal's tenant (client-config data source). */
  readonly tenantId?: string;
  /** `standard` (default) or `premium` (HSM-backed keys; informational in the emulator). */
  readonly skuName?: 'standard' | 'premium';
  /** Days a deleted vault or secret stays recoverable, 7-90. Default 90 (the maximum). Cannot change after creation. */
  readonly softDeleteRetentionDays?: number;
  /**
   * Purge protection: nothing can be purged before its retention ends, not even by an administrator.
   * Default **true**. Cannot be turned off once on, and a destroyed vault keeps its name taken for
   * the retention period: set `false` for throwaway vaults.
   */
  readonly purgeProtectionEnabled?: boolean;
  /**
   * Authorize data-plane access with Azure RBAC role assignments instead of access policies.
   * Default **false** (access policies, which `grant*()` creates). Sent explicitly, because from
   * ARM api-version 2026-02-01 a vault created without it defaults to RBAC.
   */
  readonly rbacAuthorizationEnabled?: boolean;
  /** Tags of the vault. */
  readonly tags?: Record<string, string>;
  /**
   * Azure only: whether the vault accepts traffic from public networks. Default: azurerm's (`true`).
   * The emulator has no network isolation to configure: it listens on loopback only.
   */
  readonly publicNetworkAccessEnabled?: boolean;
  /**
   * Azure only: firewall rules (`network_acls`). Default: none, i.e. Azure's `Allow` from every network.
   * Recommended in production: `{ defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [...] }`
   * including the address Terraform deploys from, since Terraform writes secrets through the data plane.
   * Not emulated: with `target: 'emulator'` they are ignored with a warning.
   */
  readonly networkAcls?: NetworkAcls;
  /** Soft-delete behaviour of destroy and re-create (azurerm's `features { key_vault { … } }`; flat flags of our provider). */
  readonly softDelete?: SoftDeleteBehaviour;
  /** `target: 'emulator'`: provider connection. Default: the provider's environment fallbacks (see EmulatorConnection). */
  readonly emulator?: EmulatorConnection;
  /** `target: 'azure'`: provider settings. */
  readonly azure?: AzureConnection;
  /**
   * A provider block you configure yourself (e.g. an aliased one), used by every resource of this
   * vault instead of the one the construct creates; `emulator`, `azure` and `softDelete` must then be unset.
   */
  readonly provider?: TerraformProvider;
}

/** Who is granted access: a user, group, service principal or managed identity. */
export interface Principal {
  /** Object ID (UUID) of the principal in the tenant. */
  readonly objectId: string;
  /** Default: the vault's tenant. */
  readonly tenantId?: string;
  /** Application ID, for a compound identity (an application acting for a user); usually unset. */
  readonly applicationId?: string;
  /** Names the access-policy construct (`AccessPolicy-<name>`); default: the object ID when it is literal. */
  readonly name?: string;
}

/** Options of {@link KeyVault.addSecret}. */
export interface SecretOptions {
  /**
   * The value. It ends up in Terraform state in plain text on both targets (`sensitive` only
   * masks it in plans): keep the state protected, or pass a token of a sensitive variable.
   */
  readonly value: string;
  /** MIME type or free-form hint, up to 255 characters. */
  readonly contentType?: string;
  /** At most 15 tags. */
  readonly tags?: Record<string, string>;
  /** Not valid before (informational, as in Azure). A Date or an RFC 3339 string. */
  readonly notBefore?: Date | string;
  /** Not valid after (informational, as in Azure). A Date or an RFC 3339 string. */
  readonly expiresOn?: Date | string;
  /**
   * `false` disables reading the value. Emulator only: azurerm_key_vault_secret has no such
   * argument, so `enabled: false` with `target: 'azure'` is refused.
   */
  readonly enabled?: boolean;
}

const VAULT_NAME = /^[a-zA-Z0-9-]{3,24}$/;
const SECRET_NAME = /^[0-9a-zA-Z-]{1,127}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const literal = (value: unknown): value is string => typeof value === 'string' && !Token.isUnresolved(value);

function checkVaultName(name: string): void {
  if (!literal(name)) return;
  if (!VAULT_NAME.test(name) || !/^[a-zA-Z]/.test(name) || !/[a-zA-Z0-9]$/.test(name) || name.includes('--')) {
    throw new Error(
      `vault name "${name}" is invalid: 3-24 letters, digits and dashes, starting with a letter, ending with a letter or digit, without "--"`,
    );
  }
}

/** RFC 3339 in whole seconds: azurerm reads dates back as unix seconds, so milliseconds would show as a change on every plan. */
function rfc3339(what: string, value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error(`${what} is an invalid Date`);
    return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  if (literal(value) && !RFC3339.test(value)) throw new Error(`${what} "${value}" is not an RFC 3339 date-time such as 2030-01-31T00:00:00Z`);
  return value;
}

/** A secret of a {@link KeyVault}. */
export class KeyVaultSecret extends Construct {
  /** The secret's name in the vault. */
  public readonly secretName: string;
  /** Versioned data-plane URL `https://{vault}…/secrets/{name}/{version}` (Terraform attribute `id`). */
  public readonly id: string;
  /** Data-plane URL without the version: what apps should reference to always get the latest value. */
  public readonly versionlessId: string;
  /** Current version (32 hex digits). */
  public readonly version: string;
  /** The underlying Terraform resource (keyvault_secret or azurerm_key_vault_secret). */
  public readonly resource: TerraformResource;

  /** @internal use KeyVault.addSecret */
  constructor(scope: KeyVault, name: string, render: (scope: Construct) => RenderedSecret) {
    super(scope, `Secret-${name}`);
    const rendered = render(this);
    this.secretName = name;
    this.resource = rendered.resource;
    this.id = rendered.id;
    this.versionlessId = rendered.versionlessId;
    this.version = rendered.version;
  }
}

export class KeyVault extends Construct {
  /** Deployment target this vault was declared for. */
  public readonly target: KeyVaultTarget;
  /** Vault name. */
  public readonly vaultName: string;
  /** ARM resource ID `/subscriptions/…/resourceGroups/…/providers/Microsoft.KeyVault/vaults/{name}` (Terraform attribute `id`). */
  public readonly vaultId: string;
  /** Data-plane URI, e.g. `https://{name}.vault.azure.net/` or `https://{name}.vault.localhost:8443/`. */
  public readonly vaultUri: string;
  /** Tenant of the vault (a token of the client-config data source unless `tenantId` was given). */
  public readonly tenantId: string;
  /** The underlying Terraform resource (keyvault_vault or azurerm_key_vault). */
  public readonly resource: TerraformResource;
  /** The provider block every resource of this vault uses. */
  public readonly provider: TerraformProvider;

  private readonly backend: Backend;
  private readonly rbac: boolean;
  private readonly secrets = new Map<string, KeyVaultSecret>();
  private readonly policies = new Map<string, { policy: RenderedAccessPolicy; permissions: KeyVaultPermissions; principal: Principal }>();
  private deployerPrincipal: Principal | undefined;
  private unnamedPrincipals = 0;

  constructor(scope: Construct, id: string, props: KeyVaultProps) {
    super(scope, id);
    const backend = BACKENDS[props.target];
    if (!backend) throw new Error(`target must be 'emulator' or 'azure', not ${JSON.stringify(props.target)}`);
    this.backend = backend;
    this.target = props.target;
    checkVaultName(props.name);
    const retention = props.softDeleteRetentionDays ?? 90;
    if (!Token.isUnresolved(retention) && (!Number.isInteger(retention) || retention < 7 || retention > 90)) {
      throw new Error(`softDeleteRetentionDays must be a whole number from 7 to 90, not ${retention}`);
    }
    const skuName = props.skuName ?? 'standard';
    if (skuName !== 'standard' && skuName !== 'premium') throw new Error(`skuName must be 'standard' or 'premium' (case-sensitive), not ${JSON.stringify(skuName)}`);
    if (props.provider && (props.emulator || props.azure || props.softDelete)) {
      throw new Error('`provider` replaces the provider block the construct would create: leave `emulator`, `azure` and `softDelete` unset with it');
    }
    if (props.tenantId !== undefined && literal(props.tenantId) && !UUID.test(props.tenantId)) {
      throw new Error(`tenantId "${props.tenantId}" is not a UUID`);
    }

    this.provider =
      props.provider ??
      backend.provider(this, {
        softDelete: {
          purgeSoftDeleteOnDestroy: props.softDelete?.purgeSoftDeleteOnDestroy ?? false,
          recoverSoftDeletedKeyVaults: props.softDelete?.recoverSoftDeletedKeyVaults ?? true,
          purgeSoftDeletedSecretsOnDestroy: props.softDelete?.purgeSoftDeletedSecretsOnDestroy ?? false,
          recoverSoftDeletedSecrets: props.softDelete?.recoverSoftDeletedSecrets ?? true,
        },
        ...(props.target === 'emulator' ? { emulator: props.emulator } : { azure: props.azure }),
      });
    if (props.target === 'emulator') {
      if (props.azure) Annotations.of(this).addWarning('`azure` settings are ignored with target "emulator"');
      if (props.networkAcls) {
        Annotations.of(this).addWarning('networkAcls are not emulated: the keyvault-emulator accepts every caller that reaches its loopback port');
      }
      if (props.publicNetworkAccessEnabled !== undefined) {
        Annotations.of(this).addWarning('publicNetworkAccessEnabled is not emulated: the keyvault-emulator listens on loopback only');
      }
    } else if (props.emulator) {
      Annotations.of(this).addWarning('`emulator` settings are ignored with target "azure"');
    }

    this.rbac = props.rbacAuthorizationEnabled ?? false;
    this.tenantId = props.tenantId ?? backend.clientConfig(this, this.provider).tenantId;
    const vault = backend.vault(
      this,
      'Vault',
      {
        name: props.name,
        location: props.location,
        resourceGroupName: props.resourceGroupName,
        tenantId: this.tenantId,
        skuName,
        softDeleteRetentionDays: retention,
        purgeProtectionEnabled: props.purgeProtectionEnabled ?? true,
        rbacAuthorizationEnabled: this.rbac,
        tags: props.tags,
        ...(props.target === 'azure' ? { publicNetworkAccessEnabled: props.publicNetworkAccessEnabled, networkAcls: props.networkAcls } : {}),
      },
      this.provider,
    );
    this.vaultName = props.name;
    this.resource = vault.resource;
    this.vaultId = vault.id;
    this.vaultUri = vault.vaultUri;

    // An aspect, not a validation: aspects run at every synth (validations can be skipped) and before annotations are collected.
    Aspects.of(this).add({ visit: (node) => node === this && this.warnIfDeployerCannotWrite() });
  }

  /**
   * The principal Terraform runs as, from the target's client-config data source
   * (`keyvault_client_config` / `azurerm_client_config`). Grant it secret
   * permissions (`grant(vault.deployer, { secrets: SECRET_MANAGE })`) so that
   * Terraform can write the secrets declared with addSecret().
   */
  public get deployer(): Principal {
    if (!this.deployerPrincipal) {
      const config = this.backend.clientConfig(this, this.provider);
      this.deployerPrincipal = { objectId: config.objectId, tenantId: config.tenantId, name: 'deployer' };
    }
    return this.deployerPrincipal;
  }

  /** Declares a secret. It is created after every access policy of this vault and destroyed before them. */
  public addSecret(name: string, options: SecretOptions): KeyVaultSecret {
    if (literal(name) && !SECRET_NAME.test(name)) throw new Error(`secret name "${name}" is invalid: 1-127 letters, digits and dashes`);
    if (this.secrets.has(name)) throw new Error(`secret "${name}" is already declared in vault ${this.node.path}`);
    if (options.tags && Object.keys(options.tags).length > 15) throw new Error(`secret "${name}": at most 15 tags`);
    if (literal(options.contentType) && options.contentType.length > 255) throw new Error(`secret "${name}": contentType is longer than 255 characters`);
    const secret = new KeyVaultSecret(this, name, (scope) =>
      this.backend.secret(
        scope,
        'Resource',
        {
          keyVaultId: this.vaultId,
          name,
          value: options.value,
          contentType: options.contentType,
          tags: options.tags,
          notBeforeDate: rfc3339(`secret "${name}": notBefore`, options.notBefore),
          expirationDate: rfc3339(`secret "${name}": expiresOn`, options.expiresOn),
          enabled: options.enabled,
        },
        this.provider,
      ),
    );
    // Terraform writes the value through the data plane as the deployer: its access policy must exist first, and outlive the secret.
    secret.resource.dependsOn = [...this.policies.values()].map((p) => dependable(p.policy.resource));
    this.secrets.set(name, secret);
    return secret;
  }

  /** Read secret values and list secrets: `Get`, `List`. */
  public grantSecretRead(principal: Principal): void {
    this.grant(principal, { secrets: SECRET_READ });
  }

  /** Write secrets (new versions, attributes): `Set`. */
  public grantSecretWrite(principal: Principal): void {
    this.grant(principal, { secrets: SECRET_WRITE });
  }

  /**
   * Grants permissions through an access policy. All grants to one principal
   * (object ID + application ID) are merged into one policy, as Azure keeps one
   * entry per principal and two policy resources for it would overwrite each other.
   */
  public grant(principal: Principal, permissions: KeyVaultPermissions): void {
    if (this.rbac) {
      throw new Error(
        'grant() creates access policies, which a vault with rbacAuthorizationEnabled ignores: assign Key Vault roles (e.g. "Key Vault Secrets User") instead',
      );
    }
    if (literal(principal.objectId) && !UUID.test(principal.objectId)) throw new Error(`objectId "${principal.objectId}" is not a UUID`);
    const key = `${principal.objectId}|${principal.applicationId ?? ''}`;
    const existing = this.policies.get(key);
    const merged = mergePermissions(existing?.permissions ?? {}, permissions);
    if (existing) {
      existing.permissions = merged;
      existing.policy.setPermissions(merged);
      return;
    }
    const label = principal.name ?? (literal(principal.objectId) ? principal.objectId : `principal${++this.unnamedPrincipals}`);
    const policy = this.backend.accessPolicy(
      this,
      `AccessPolicy-${label}`,
      {
        keyVaultId: this.vaultId,
        tenantId: principal.tenantId ?? this.tenantId,
        objectId: principal.objectId,
        applicationId: principal.applicationId,
      },
      this.provider,
    );
    policy.setPermissions(merged);
    this.policies.set(key, { policy, permissions: merged, principal });
    for (const secret of this.secrets.values()) {
      secret.resource.dependsOn = [...(secret.resource.dependsOn ?? []), dependable(policy.resource)];
    }
  }

  /** With access policies, secrets need the deployer's `Set`: say so at synth rather than as a 403 in the middle of a deploy. */
  private warnIfDeployerCannotWrite(): void {
    if (this.rbac || this.secrets.size === 0) return;
    const deployer = this.deployerPrincipal;
    const granted = deployer && this.policies.get(`${deployer.objectId}|${deployer.applicationId ?? ''}`);
    if (granted?.permissions.secrets?.includes('Set')) return;
    Annotations.of(this).addWarning(
      `vault ${this.vaultName} declares secrets but no access policy here lets the deploying principal write them: ` +
        'add vault.grant(vault.deployer, { secrets: SECRET_MANAGE }) unless it is granted elsewhere',
    );
  }
}
