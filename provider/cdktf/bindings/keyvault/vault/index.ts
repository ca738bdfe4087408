// @ts-nocheck: generated code without `override` modifiers; see provider/cdktf/generate.ts
// https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/vault
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface VaultConfig extends cdktf.TerraformMetaArguments {
  /**
  * Azure location, e.g. "westeurope" or "West Europe" (compared normalised, as azurerm does).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/vault#location Vault#location}
  */
  readonly location: string;
  /**
  * Vault name: 3-24 letters, digits and dashes, starting with a letter. Unique in the emulator, also while soft-deleted.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/vault#name Vault#name}
  */
  readonly name: string;
  /**
  * Refuse purges until the retention period ends (default false). Cannot be turned off once on.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/vault#purge_protection_enabled Vault#purge_protection_enabled}
  */
  readonly purgeProtectionEnabled?: boolean | cdktf.IResolvable;
  /**
  * Authorize the data plane with Azure RBAC instead of access policies (default false; always sent explicitly).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/vault#rbac_authorization_enabled Vault#rbac_authorization_enabled}
  */
  readonly rbacAuthorizationEnabled?: boolean | cdktf.IResolvable;
  /**
  * Resource group of the vault (created on the fly by the emulator).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/vault#resource_group_name Vault#resource_group_name}
  */
  readonly resourceGroupName: string;
  /**
  * "standard" (default) or "premium".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/vault#sku_name Vault#sku_name}
  */
  readonly skuName?: string;
  /**
  * Days a deleted vault or secret stays recoverable, 7-90 (default 90). Cannot be changed once set.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/vault#soft_delete_retention_days Vault#soft_delete_retention_days}
  */
  readonly softDeleteRetentionDays?: number;
  /**
  * Tags of the vault.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/vault#tags Vault#tags}
  */
  readonly tags?: { [key: string]: string };
  /**
  * Tenant of the vault (a UUID).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/vault#tenant_id Vault#tenant_id}
  */
  readonly tenantId: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/vault keyvault_vault}
*/
export class Vault extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "keyvault_vault";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Vault resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Vault to import
  * @param importFromId The id of the existing Vault that should be imported. Refer to the {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/vault#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Vault to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "keyvault_vault", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/vault keyvault_vault} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options VaultConfig
  */
  public constructor(scope: Construct, id: string, config: VaultConfig) {
    super(scope, id, {
      terraformResourceType: 'keyvault_vault',
      terraformGeneratorMetadata: {
        providerName: 'keyvault',
        providerVersion: '0.1.0'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._location = config.location;
    this._name = config.name;
    this._purgeProtectionEnabled = config.purgeProtectionEnabled;
    this._rbacAuthorizationEnabled = config.rbacAuthorizationEnabled;
    this._resourceGroupName = config.resourceGroupName;
    this._skuName = config.skuName;
    this._softDeleteRetentionDays = config.softDeleteRetentionDays;
    this._tags = config.tags;
    this._tenantId = config.tenantId;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // location - computed: false, optional: false, required: true
  private _location?: string; 
  public get location() {
    return this.getStringAttribute('location');
  }
  public set location(value: string) {
    this._location = value;
  }
  // Temporarily expose input value. Use with caution.
  public get locationInput() {
    return this._location;
  }

  // name - computed: false, optional: false, required: true
  private _name?: string; 
  public get name() {
    return this.getStringAttribute('name');
  }
  public set name(value: string) {
    this._name = value;
  }
  // Temporarily expose input value. Use with caution.
  public get nameInput() {
    return this._name;
  }

  // purge_protection_enabled - computed: true, optional: true, required: false
  private _purgeProtectionEnabled?: boolean | cdktf.IResolvable; 
  public get purgeProtectionEnabled() {
    return this.getBooleanAttribute('purge_protection_enabled');
  }
  public set purgeProtectionEnabled(value: boolean | cdktf.IResolvable) {
    this._purgeProtectionEnabled = value;
  }
  public resetPurgeProtectionEnabled() {
    this._purgeProtectionEnabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get purgeProtectionEnabledInput() {
    return this._purgeProtectionEnabled;
  }

  // rbac_authorization_enabled - computed: true, optional: true, required: false
  private _rbacAuthorizationEnabled?: boolean | cdktf.IResolvable; 
  public get rbacAuthorizationEnabled() {
    return this.getBooleanAttribute('rbac_authorization_enabled');
  }
  public set rbacAuthorizationEnabled(value: boolean | cdktf.IResolvable) {
    this._rbacAuthorizationEnabled = value;
  }
  public resetRbacAuthorizationEnabled() {
    this._rbacAuthorizationEnabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get rbacAuthorizationEnabledInput() {
    return this._rbacAuthorizationEnabled;
  }

  // resource_group_name - computed: false, optional: false, required: true
  private _resourceGroupName?: string; 
  public get resourceGroupName() {
    return this.getStringAttribute('resource_group_name');
  }
  public set resourceGroupName(value: string) {
    this._resourceGroupName = value;
  }
  // Temporarily expose input value. Use with caution.
  public get resourceGroupNameInput() {
    return this._resourceGroupName;
  }

  // sku_name - computed: true, optional: true, required: false
  private _skuName?: string; 
  public get skuName() {
    return this.getStringAttribute('sku_name');
  }
  public set skuName(value: string) {
    this._skuName = value;
  }
  public resetSkuName() {
    this._skuName = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get skuNameInput() {
    return this._skuName;
  }

  // soft_delete_retention_days - computed: true, optional: true, required: false
  private _softDeleteRetentionDays?: number; 
  public get softDeleteRetentionDays() {
    return this.getNumberAttribute('soft_delete_retention_days');
  }
  public set softDeleteRetentionDays(value: number) {
    this._softDeleteRetentionDays = value;
  }
  public resetSoftDeleteRetentionDays() {
    this._softDeleteRetentionDays = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get softDeleteRetentionDaysInput() {
    return this._softDeleteRetentionDays;
  }

  // tags - computed: false, optional: true, required: false
  private _tags?: { [key: string]: string }; 
  public get tags() {
    return this.getStringMapAttribute('tags');
  }
  public set tags(value: { [key: string]: string }) {
    this._tags = value;
  }
  public resetTags() {
    this._tags = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get tagsInput() {
    return this._tags;
  }

  // tenant_id - computed: false, optional: false, required: true
  private _tenantId?: string; 
  public get tenantId() {
    return this.getStringAttribute('tenant_id');
  }
  public set tenantId(value: string) {
    this._tenantId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get tenantIdInput() {
    return this._tenantId;
  }

  // vault_uri - computed: true, optional: false, required: false
  public get vaultUri() {
    return this.getStringAttribute('vault_uri');
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      location: cdktf.stringToTerraform(this._location),
      name: cdktf.stringToTerraform(this._name),
      purge_protection_enabled: cdktf.booleanToTerraform(this._purgeProtectionEnabled),
      rbac_authorization_enabled: cdktf.booleanToTerraform(this._rbacAuthorizationEnabled),
      resource_group_name: cdktf.stringToTerraform(this._resourceGroupName),
      sku_name: cdktf.stringToTerraform(this._skuName),
      soft_delete_retention_days: cdktf.numberToTerraform(this._softDeleteRetentionDays),
      tags: cdktf.hashMapper(cdktf.stringToTerraform)(this._tags),
      tenant_id: cdktf.stringToTerraform(this._tenantId),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      location: {
        value: cdktf.stringToHclTerraform(this._location),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      name: {
        value: cdktf.stringToHclTerraform(this._name),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      purge_protection_enabled: {
        value: cdktf.booleanToHclTerraform(this._purgeProtectionEnabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      rbac_authorization_enabled: {
        value: cdktf.booleanToHclTerraform(this._rbacAuthorizationEnabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      resource_group_name: {
        value: cdktf.stringToHclTerraform(this._resourceGroupName),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      sku_name: {
        value: cdktf.stringToHclTerraform(this._skuName),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      soft_delete_retention_days: {
        value: cdktf.numberToHclTerraform(this._softDeleteRetentionDays),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      tags: {
        value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._tags),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      tenant_id: {
        value: cdktf.stringToHclTerraform(this._tenantId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
