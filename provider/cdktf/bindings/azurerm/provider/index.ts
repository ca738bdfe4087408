// @ts-nocheck: generated code without `override` modifiers; see provider/cdktf/generate.ts
// https://registry.terraform.io/providers/hashicorp/azurerm/>= 4.42.0, < 5.0.0/docs
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface AzurermProviderConfig {
  /**
  * The Subscription ID to use; falls back to $ARM_SUBSCRIPTION_ID (required from one of the two since 4.0).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/azurerm/>= 4.42.0, < 5.0.0/docs#subscription_id AzurermProvider#subscription_id}
  */
  readonly subscriptionId?: string;
  /**
  * Alias name
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/azurerm/>= 4.42.0, < 5.0.0/docs#alias AzurermProvider#alias}
  */
  readonly alias?: string;
  /**
  * features block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/azurerm/>= 4.42.0, < 5.0.0/docs#features AzurermProvider#features}
  */
  readonly features: AzurermProviderFeatures;
}
export interface AzurermProviderFeaturesKeyVault {
  /**
  * Purge azurerm_key_vault after delete (skipped if purge protection). Default true.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/azurerm/>= 4.42.0, < 5.0.0/docs#purge_soft_delete_on_destroy AzurermProvider#purge_soft_delete_on_destroy}
  */
  readonly purgeSoftDeleteOnDestroy?: boolean | cdktf.IResolvable;
  /**
  * Purge certificates after delete. Default true.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/azurerm/>= 4.42.0, < 5.0.0/docs#purge_soft_deleted_certificates_on_destroy AzurermProvider#purge_soft_deleted_certificates_on_destroy}
  */
  readonly purgeSoftDeletedCertificatesOnDestroy?: boolean | cdktf.IResolvable;
  /**
  * Purge Managed HSM keys after delete. Default true.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/azurerm/>= 4.42.0, < 5.0.0/docs#purge_soft_deleted_hardware_security_module_keys_on_destroy AzurermProvider#purge_soft_deleted_hardware_security_module_keys_on_destroy}
  */
  readonly purgeSoftDeletedHardwareSecurityModuleKeysOnDestroy?: boolean | cdktf.IResolvable;
  /**
  * Purge Managed HSMs after delete. Default true.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/azurerm/>= 4.42.0, < 5.0.0/docs#purge_soft_deleted_hardware_security_modules_on_destroy AzurermProvider#purge_soft_deleted_hardware_security_modules_on_destroy}
  */
  readonly purgeSoftDeletedHardwareSecurityModulesOnDestroy?: boolean | cdktf.IResolvable;
  /**
  * Purge keys after delete. Default true.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/azurerm/>= 4.42.0, < 5.0.0/docs#purge_soft_deleted_keys_on_destroy AzurermProvider#purge_soft_deleted_keys_on_destroy}
  */
  readonly purgeSoftDeletedKeysOnDestroy?: boolean | cdktf.IResolvable;
  /**
  * Purge secrets after delete (skipped if the vault has purge protection). Default true.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/azurerm/>= 4.42.0, < 5.0.0/docs#purge_soft_deleted_secrets_on_destroy AzurermProvider#purge_soft_deleted_secrets_on_destroy}
  */
  readonly purgeSoftDeletedSecretsOnDestroy?: boolean | cdktf.IResolvable;
  /**
  * Recover a soft-deleted certificate instead of failing. Default true.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/azurerm/>= 4.42.0, < 5.0.0/docs#recover_soft_deleted_certificates AzurermProvider#recover_soft_deleted_certificates}
  */
  readonly recoverSoftDeletedCertificates?: boolean | cdktf.IResolvable;
  /**
  * Recover a soft-deleted Managed HSM key instead of failing. Default true.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/azurerm/>= 4.42.0, < 5.0.0/docs#recover_soft_deleted_hardware_security_module_keys AzurermProvider#recover_soft_deleted_hardware_security_module_keys}
  */
  readonly recoverSoftDeletedHardwareSecurityModuleKeys?: boolean | cdktf.IResolvable;
  /**
  * On create, recover a soft-deleted vault of the same name and location (createMode "recover"). Default true.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/azurerm/>= 4.42.0, < 5.0.0/docs#recover_soft_deleted_key_vaults AzurermProvider#recover_soft_deleted_key_vaults}
  */
  readonly recoverSoftDeletedKeyVaults?: boolean | cdktf.IResolvable;
  /**
  * Recover a soft-deleted key instead of failing. Default true.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/azurerm/>= 4.42.0, < 5.0.0/docs#recover_soft_deleted_keys AzurermProvider#recover_soft_deleted_keys}
  */
  readonly recoverSoftDeletedKeys?: boolean | cdktf.IResolvable;
  /**
  * On a 409 from SetSecret, recover the soft-deleted secret and set it again. Default true.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/azurerm/>= 4.42.0, < 5.0.0/docs#recover_soft_deleted_secrets AzurermProvider#recover_soft_deleted_secrets}
  */
  readonly recoverSoftDeletedSecrets?: boolean | cdktf.IResolvable;
}

export function azurermProviderFeaturesKeyVaultToTerraform(struct?: AzurermProviderFeaturesKeyVault): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    purge_soft_delete_on_destroy: cdktf.booleanToTerraform(struct!.purgeSoftDeleteOnDestroy),
    purge_soft_deleted_certificates_on_destroy: cdktf.booleanToTerraform(struct!.purgeSoftDeletedCertificatesOnDestroy),
    purge_soft_deleted_hardware_security_module_keys_on_destroy: cdktf.booleanToTerraform(struct!.purgeSoftDeletedHardwareSecurityModuleKeysOnDestroy),
    purge_soft_deleted_hardware_security_modules_on_destroy: cdktf.booleanToTerraform(struct!.purgeSoftDeletedHardwareSecurityModulesOnDestroy),
    purge_soft_deleted_keys_on_destroy: cdktf.booleanToTerraform(struct!.purgeSoftDeletedKeysOnDestroy),
    purge_soft_deleted_secrets_on_destroy: cdktf.booleanToTerraform(struct!.purgeSoftDeletedSecretsOnDestroy),
    recover_soft_deleted_certificates: cdktf.booleanToTerraform(struct!.recoverSoftDeletedCertificates),
    recover_soft_deleted_hardware_security_module_keys: cdktf.booleanToTerraform(struct!.recoverSoftDeletedHardwareSecurityModuleKeys),
    recover_soft_deleted_key_vaults: cdktf.booleanToTerraform(struct!.recoverSoftDeletedKeyVaults),
    recover_soft_deleted_keys: cdktf.booleanToTerraform(struct!.recoverSoftDeletedKeys),
    recover_soft_deleted_secrets: cdktf.booleanToTerraform(struct!.recoverSoftDeletedSecrets),
  }
}


export function azurermProviderFeaturesKeyVaultToHclTerraform(struct?: AzurermProviderFeaturesKeyVault): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    purge_soft_delete_on_destroy: {
      value: cdktf.booleanToHclTerraform(struct!.purgeSoftDeleteOnDestroy),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    purge_soft_deleted_certificates_on_destroy: {
      value: cdktf.booleanToHclTerraform(struct!.purgeSoftDeletedCertificatesOnDestroy),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    purge_soft_deleted_hardware_security_module_keys_on_destroy: {
      value: cdktf.booleanToHclTerraform(struct!.purgeSoftDeletedHardwareSecurityModuleKeysOnDestroy),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    purge_soft_deleted_hardware_security_modules_on_destroy: {
      value: cdktf.booleanToHclTerraform(struct!.purgeSoftDeletedHardwareSecurityModulesOnDestroy),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    purge_soft_deleted_keys_on_destroy: {
      value: cdktf.booleanToHclTerraform(struct!.purgeSoftDeletedKeysOnDestroy),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    purge_soft_deleted_secrets_on_destroy: {
      value: cdktf.booleanToHclTerraform(struct!.purgeSoftDeletedSecretsOnDestroy),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    recover_soft_deleted_certificates: {
      value: cdktf.booleanToHclTerraform(struct!.recoverSoftDeletedCertificates),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    recover_soft_deleted_hardware_security_module_keys: {
      value: cdktf.booleanToHclTerraform(struct!.recoverSoftDeletedHardwareSecurityModuleKeys),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    recover_soft_deleted_key_vaults: {
      value: cdktf.booleanToHclTerraform(struct!.recoverSoftDeletedKeyVaults),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    recover_soft_deleted_keys: {
      value: cdktf.booleanToHclTerraform(struct!.recoverSoftDeletedKeys),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    recover_soft_deleted_secrets: {
      value: cdktf.booleanToHclTerraform(struct!.recoverSoftDeletedSecrets),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export interface AzurermProviderFeatures {
  /**
  * key_vault block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/azurerm/>= 4.42.0, < 5.0.0/docs#key_vault AzurermProvider#key_vault}
  */
  readonly keyVault?: AzurermProviderFeaturesKeyVault;
}

export function azurermProviderFeaturesToTerraform(struct?: AzurermProviderFeatures): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    key_vault: azurermProviderFeaturesKeyVaultToTerraform(struct!.keyVault),
  }
}


export function azurermProviderFeaturesToHclTerraform(struct?: AzurermProviderFeatures): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    key_vault: {
      value: azurermProviderFeaturesKeyVaultToHclTerraform(struct!.keyVault),
      isBlock: true,
      type: "list",
      storageClassType: "AzurermProviderFeaturesKeyVaultList",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}


/**
* Represents a {@link https://registry.terraform.io/providers/hashicorp/azurerm/>= 4.42.0, < 5.0.0/docs azurerm}
*/
export class AzurermProvider extends cdktf.TerraformProvider {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "azurerm";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a AzurermProvider resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the AzurermProvider to import
  * @param importFromId The id of the existing AzurermProvider that should be imported. Refer to the {@link https://registry.terraform.io/providers/hashicorp/azurerm/>= 4.42.0, < 5.0.0/docs#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the AzurermProvider to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "azurerm", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/hashicorp/azurerm/>= 4.42.0, < 5.0.0/docs azurerm} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options AzurermProviderConfig
  */
  public constructor(scope: Construct, id: string, config: AzurermProviderConfig) {
    super(scope, id, {
      terraformResourceType: 'azurerm',
      terraformGeneratorMetadata: {
        providerName: 'azurerm',
        providerVersion: '>= 4.42.0, < 5.0.0'
      },
      terraformProviderSource: 'registry.terraform.io/hashicorp/azurerm'
    });
    this._subscriptionId = config.subscriptionId;
    this._alias = config.alias;
    this._features = config.features;
  }

  // ==========
  // ATTRIBUTES
  // ==========

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

  // features - computed: false, optional: false, required: true
  private _features?: AzurermProviderFeatures; 
  public get features() {
    return this._features;
  }
  public set features(value: AzurermProviderFeatures | undefined) {
    this._features = value;
  }
  // Temporarily expose input value. Use with caution.
  public get featuresInput() {
    return this._features;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      subscription_id: cdktf.stringToTerraform(this._subscriptionId),
      alias: cdktf.stringToTerraform(this._alias),
      features: azurermProviderFeaturesToTerraform(this._features),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      subscription_id: {
        value: cdktf.stringToHclTerraform(this._subscriptionId),
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
      features: {
        value: azurermProviderFeaturesToHclTerraform(this._features),
        isBlock: true,
        type: "list",
        storageClassType: "AzurermProviderFeaturesList",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
