// @ts-nocheck: generated code without `override` modifiers; see provider/cdktf/generate.ts
// https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface KeyvaultProviderConfig {
  /**
  * PEM file of the CA to trust for HTTPS (the emulator's <data-dir>/tls/ca.pem). Defaults to $KEYVAULT_EMULATOR_CA_FILE, then $NODE_EXTRA_CA_CERTS.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs#ca_file KeyvaultProvider#ca_file}
  */
  readonly caFile?: string;
  /**
  * Client (application) id of the service principal the provider acts as. Defaults to $KEYVAULT_EMULATOR_CLIENT_ID, $ARM_CLIENT_ID, then $AZURE_CLIENT_ID.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs#client_id KeyvaultProvider#client_id}
  */
  readonly clientId?: string;
  /**
  * Client secret of the service principal. Defaults to $KEYVAULT_EMULATOR_CLIENT_SECRET, $ARM_CLIENT_SECRET, then $AZURE_CLIENT_SECRET.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs#client_secret KeyvaultProvider#client_secret}
  */
  readonly clientSecret?: string;
  /**
  * URL of the keyvault-emulator (its management API and token endpoint). Defaults to $KEYVAULT_EMULATOR_ENDPOINT, then $AZURE_AUTHORITY_HOST, then https://localhost:8443.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs#endpoint KeyvaultProvider#endpoint}
  */
  readonly endpoint?: string;
  /**
  * Purge vaults when they are destroyed instead of leaving them soft-deleted (skipped with purge protection). Default true, as azurerm.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs#purge_soft_delete_on_destroy KeyvaultProvider#purge_soft_delete_on_destroy}
  */
  readonly purgeSoftDeleteOnDestroy?: boolean | cdktf.IResolvable;
  /**
  * Purge secrets when they are destroyed instead of leaving them soft-deleted (skipped with purge protection). Default true, as azurerm.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs#purge_soft_deleted_secrets_on_destroy KeyvaultProvider#purge_soft_deleted_secrets_on_destroy}
  */
  readonly purgeSoftDeletedSecretsOnDestroy?: boolean | cdktf.IResolvable;
  /**
  * Recover a soft-deleted vault of the same name and location instead of failing to create it. Default true, as azurerm.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs#recover_soft_deleted_key_vaults KeyvaultProvider#recover_soft_deleted_key_vaults}
  */
  readonly recoverSoftDeletedKeyVaults?: boolean | cdktf.IResolvable;
  /**
  * Recover a soft-deleted secret of the same name instead of failing to create it. Default true, as azurerm.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs#recover_soft_deleted_secrets KeyvaultProvider#recover_soft_deleted_secrets}
  */
  readonly recoverSoftDeletedSecrets?: boolean | cdktf.IResolvable;
  /**
  * Subscription new vaults are created in. Defaults to $KEYVAULT_EMULATOR_SUBSCRIPTION_ID, $ARM_SUBSCRIPTION_ID, $AZURE_SUBSCRIPTION_ID, then 00000000-0000-0000-0000-000000000000.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs#subscription_id KeyvaultProvider#subscription_id}
  */
  readonly subscriptionId?: string;
  /**
  * Tenant to request tokens in. Defaults to $KEYVAULT_EMULATOR_TENANT_ID, $ARM_TENANT_ID, then $AZURE_TENANT_ID.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs#tenant_id KeyvaultProvider#tenant_id}
  */
  readonly tenantId?: string;
  /**
  * Alias name
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs#alias KeyvaultProvider#alias}
  */
  readonly alias?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs keyvault}
*/
export class KeyvaultProvider extends cdktf.TerraformProvider {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "keyvault";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a KeyvaultProvider resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the KeyvaultProvider to import
  * @param importFromId The id of the existing KeyvaultProvider that should be imported. Refer to the {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the KeyvaultProvider to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "keyvault", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs keyvault} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options KeyvaultProviderConfig = {}
  */
  public constructor(scope: Construct, id: string, config: KeyvaultProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'keyvault',
      terraformGeneratorMetadata: {
        providerName: 'keyvault',
        providerVersion: '0.1.0'
      },
      terraformProviderSource: 'registry.terraform.io/keyvault-emulator/keyvault'
    });
    this._caFile = config.caFile;
    this._clientId = config.clientId;
    this._clientSecret = config.clientSecret;
    this._endpoint = config.endpoint;
    this._purgeSoftDeleteOnDestroy = config.purgeSoftDeleteOnDestroy;
    this._purgeSoftDeletedSecretsOnDestroy = config.purgeSoftDeletedSecretsOnDestroy;
    this._recoverSoftDeletedKeyVaults = config.recoverSoftDeletedKeyVaults;
    this._recoverSoftDeletedSecrets = config.recoverSoftDeletedSecrets;
    this._subscriptionId = config.subscriptionId;
    this._tenantId = config.tenantId;
    this._alias = config.alias;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // ca_file - computed: false, optional: true, required: false
  private _caFile?: string; 
  public get caFile() {
    return this._caFile;
  }
  public set caFile(value: string | undefined) {
    this._caFile = value;
  }
  public resetCaFile() {
    this._caFile = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get caFileInput() {
    return this._caFile;
  }

  // client_id - computed: false, optional: true, required: false
  private _clientId?: string; 
  public get clientId() {
    return this._clientId;
  }
  public set clientId(value: string | undefined) {
    this._clientId = value;
  }
  public resetClientId() {
    this._clientId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get clientIdInput() {
    return this._clientId;
  }

  // client_secret - computed: false, optional: true, required: false
  private _clientSecret?: string; 
  public get clientSecret() {
    return this._clientSecret;
  }
  public set clientSecret(value: string | undefined) {
    this._clientSecret = value;
  }
  public resetClientSecret() {
    this._clientSecret = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get clientSecretInput() {
    return this._clientSecret;
  }

  // endpoint - computed: false, optional: true, required: false
  private _endpoint?: string; 
  public get endpoint() {
    return this._endpoint;
  }
  public set endpoint(value: string | undefined) {
    this._endpoint = value;
  }
  public resetEndpoint() {
    this._endpoint = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get endpointInput() {
    return this._endpoint;
  }

  // purge_soft_delete_on_destroy - computed: false, optional: true, required: false
  private _purgeSoftDeleteOnDestroy?: boolean | cdktf.IResolvable; 
  public get purgeSoftDeleteOnDestroy() {
    return this._purgeSoftDeleteOnDestroy;
  }
  public set purgeSoftDeleteOnDestroy(value: boolean | cdktf.IResolvable | undefined) {
    this._purgeSoftDeleteOnDestroy = value;
  }
  public resetPurgeSoftDeleteOnDestroy() {
    this._purgeSoftDeleteOnDestroy = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get purgeSoftDeleteOnDestroyInput() {
    return this._purgeSoftDeleteOnDestroy;
  }

  // purge_soft_deleted_secrets_on_destroy - computed: false, optional: true, required: false
  private _purgeSoftDeletedSecretsOnDestroy?: boolean | cdktf.IResolvable; 
  public get purgeSoftDeletedSecretsOnDestroy() {
    return this._purgeSoftDeletedSecretsOnDestroy;
  }
  public set purgeSoftDeletedSecretsOnDestroy(value: boolean | cdktf.IResolvable | undefined) {
    this._purgeSoftDeletedSecretsOnDestroy = value;
  }
  public resetPurgeSoftDeletedSecretsOnDestroy() {
    this._purgeSoftDeletedSecretsOnDestroy = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get purgeSoftDeletedSecretsOnDestroyInput() {
    return this._purgeSoftDeletedSecretsOnDestroy;
  }

  // recover_soft_deleted_key_vaults - computed: false, optional: true, required: false
  private _recoverSoftDeletedKeyVaults?: boolean | cdktf.IResolvable; 
  public get recoverSoftDeletedKeyVaults() {
    return this._recoverSoftDeletedKeyVaults;
  }
  public set recoverSoftDeletedKeyVaults(value: boolean | cdktf.IResolvable | undefined) {
    this._recoverSoftDeletedKeyVaults = value;
  }
  public resetRecoverSoftDeletedKeyVaults() {
    this._recoverSoftDeletedKeyVaults = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get recoverSoftDeletedKeyVaultsInput() {
    return this._recoverSoftDeletedKeyVaults;
  }

  // recover_soft_deleted_secrets - computed: false, optional: true, required: false
  private _recoverSoftDeletedSecrets?: boolean | cdktf.IResolvable; 
  public get recoverSoftDeletedSecrets() {
    return this._recoverSoftDeletedSecrets;
  }
  public set recoverSoftDeletedSecrets(value: boolean | cdktf.IResolvable | undefined) {
    this._recoverSoftDeletedSecrets = value;
  }
  public resetRecoverSoftDeletedSecrets() {
    this._recoverSoftDeletedSecrets = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get recoverSoftDeletedSecretsInput() {
    return this._recoverSoftDeletedSecrets;
  }

  // subscription_id - computed: false, optional: true, required: false
  private _subscriptionId?: string; 
  public get subscriptionId() {
    return this._subscriptionId;
  }
  public set subscriptionId(value: string | undefined) {
    this._subscriptionId = value;
  }
  public resetSubscriptionId() {
    this._subscriptionId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get subscriptionIdInput() {
    return this._subscriptionId;
  }

  // tenant_id - computed: false, optional: true, required: false
  private _tenantId?: string; 
  public get tenantId() {
    return this._tenantId;
  }
  public set tenantId(value: string | undefined) {
    this._tenantId = value;
  }
  public resetTenantId() {
    this._tenantId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get tenantIdInput() {
    return this._tenantId;
  }

  // alias - computed: false, optional: true, required: false
  private _alias?: string; 
  public get alias() {
    return this._alias;
  }
  public set alias(value: string | undefined) {
    this._alias = value;
  }
  public resetAlias() {
    this._alias = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get aliasInput() {
    return this._alias;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      ca_file: cdktf.stringToTerraform(this._caFile),
      client_id: cdktf.stringToTerraform(this._clientId),
      client_secret: cdktf.stringToTerraform(this._clientSecret),
      endpoint: cdktf.stringToTerraform(this._endpoint),
      purge_soft_delete_on_destroy: cdktf.booleanToTerraform(this._purgeSoftDeleteOnDestroy),
      purge_soft_deleted_secrets_on_destroy: cdktf.booleanToTerraform(this._purgeSoftDeletedSecretsOnDestroy),
      recover_soft_deleted_key_vaults: cdktf.booleanToTerraform(this._recoverSoftDeletedKeyVaults),
      recover_soft_deleted_secrets: cdktf.booleanToTerraform(this._recoverSoftDeletedSecrets),
      subscription_id: cdktf.stringToTerraform(this._subscriptionId),
      tenant_id: cdktf.stringToTerraform(this._tenantId),
      alias: cdktf.stringToTerraform(this._alias),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      ca_file: {
        value: cdktf.stringToHclTerraform(this._caFile),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      client_id: {
        value: cdktf.stringToHclTerraform(this._clientId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      client_secret: {
        value: cdktf.stringToHclTerraform(this._clientSecret),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      endpoint: {
        value: cdktf.stringToHclTerraform(this._endpoint),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      purge_soft_delete_on_destroy: {
        value: cdktf.booleanToHclTerraform(this._purgeSoftDeleteOnDestroy),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      purge_soft_deleted_secrets_on_destroy: {
        value: cdktf.booleanToHclTerraform(this._purgeSoftDeletedSecretsOnDestroy),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      recover_soft_deleted_key_vaults: {
        value: cdktf.booleanToHclTerraform(this._recoverSoftDeletedKeyVaults),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      recover_soft_deleted_secrets: {
        value: cdktf.booleanToHclTerraform(this._recoverSoftDeletedSecrets),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      subscription_id: {
        value: cdktf.stringToHclTerraform(this._subscriptionId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      tenant_id: {
        value: cdktf.stringToHclTerraform(this._tenantId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      alias: {
        value: cdktf.stringToHclTerraform(this._alias),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
