// @ts-nocheck: generated code without `override` modifiers; see provider/cdktf/generate.ts
// https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/access_policy
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface AccessPolicyConfig extends cdktf.TerraformMetaArguments {
  /**
  * Application id of the client acting on behalf of object_id (compound identity).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/access_policy#application_id AccessPolicy#application_id}
  */
  readonly applicationId?: string;
  /**
  * Certificate permissions: Backup, Create, Delete, DeleteIssuers, Get, GetIssuers, Import, List, ListIssuers, ManageContacts, ManageIssuers, Purge, Recover, Restore, SetIssuers, Update (azurerm's casing).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/access_policy#certificate_permissions AccessPolicy#certificate_permissions}
  */
  readonly certificatePermissions?: string[];
  /**
  * Key permissions: Backup, Create, Decrypt, Delete, Encrypt, Get, Import, List, Purge, Recover, Restore, Sign, UnwrapKey, Update, Verify, WrapKey, Release, Rotate, GetRotationPolicy, SetRotationPolicy (azurerm's casing).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/access_policy#key_permissions AccessPolicy#key_permissions}
  */
  readonly keyPermissions?: string[];
  /**
  * ARM id of the vault (/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/access_policy#key_vault_id AccessPolicy#key_vault_id}
  */
  readonly keyVaultId: string;
  /**
  * Object id of the user, service principal or group (a UUID; keyvault_client_config.object_id for the deploying principal).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/access_policy#object_id AccessPolicy#object_id}
  */
  readonly objectId: string;
  /**
  * Secret permissions: Backup, Delete, Get, List, Purge, Recover, Restore, Set (azurerm's casing).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/access_policy#secret_permissions AccessPolicy#secret_permissions}
  */
  readonly secretPermissions?: string[];
  /**
  * Storage permissions: Backup, Delete, DeleteSAS, Get, GetSAS, List, ListSAS, Purge, Recover, RegenerateKey, Restore, Set, SetSAS, Update (azurerm's casing).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/access_policy#storage_permissions AccessPolicy#storage_permissions}
  */
  readonly storagePermissions?: string[];
  /**
  * Tenant of the principal (a UUID).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/access_policy#tenant_id AccessPolicy#tenant_id}
  */
  readonly tenantId: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/access_policy keyvault_access_policy}
*/
export class AccessPolicy extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "keyvault_access_policy";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a AccessPolicy resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the AccessPolicy to import
  * @param importFromId The id of the existing AccessPolicy that should be imported. Refer to the {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/access_policy#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the AccessPolicy to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "keyvault_access_policy", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/keyvault-emulator/keyvault/0.1.0/docs/resources/access_policy keyvault_access_policy} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options AccessPolicyConfig
  */
  public constructor(scope: Construct, id: string, config: AccessPolicyConfig) {
    super(scope, id, {
      terraformResourceType: 'keyvault_access_policy',
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
    this._applicationId = config.applicationId;
    this._certificatePermissions = config.certificatePermissions;
    this._keyPermissions = config.keyPermissions;
    this._keyVaultId = config.keyVaultId;
    this._objectId = config.objectId;
    this._secretPermissions = config.secretPermissions;
    this._storagePermissions = config.storagePermissions;
    this._tenantId = config.tenantId;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // application_id - computed: false, optional: true, required: false
  private _applicationId?: string; 
  public get applicationId() {
    return this.getStringAttribute('application_id');
  }
  public set applicationId(value: string) {
    this._applicationId = value;
  }
  public resetApplicationId() {
    this._applicationId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get applicationIdInput() {
    return this._applicationId;
  }

  // certificate_permissions - computed: false, optional: true, required: false
  private _certificatePermissions?: string[]; 
  public get certificatePermissions() {
    return this.getListAttribute('certificate_permissions');
  }
  public set certificatePermissions(value: string[]) {
    this._certificatePermissions = value;
  }
  public resetCertificatePermissions() {
    this._certificatePermissions = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get certificatePermissionsInput() {
    return this._certificatePermissions;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // key_permissions - computed: false, optional: true, required: false
  private _keyPermissions?: string[]; 
  public get keyPermissions() {
    return this.getListAttribute('key_permissions');
  }
  public set keyPermissions(value: string[]) {
    this._keyPermissions = value;
  }
  public resetKeyPermissions() {
    this._keyPermissions = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get keyPermissionsInput() {
    return this._keyPermissions;
  }

  // key_vault_id - computed: false, optional: false, required: true
  private _keyVaultId?: string; 
  public get keyVaultId() {
    return this.getStringAttribute('key_vault_id');
  }
  public set keyVaultId(value: string) {
    this._keyVaultId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get keyVaultIdInput() {
    return this._keyVaultId;
  }

  // object_id - computed: false, optional: false, required: true
  private _objectId?: string; 
  public get objectId() {
    return this.getStringAttribute('object_id');
  }
  public set objectId(value: string) {
    this._objectId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get objectIdInput() {
    return this._objectId;
  }

  // secret_permissions - computed: false, optional: true, required: false
  private _secretPermissions?: string[]; 
  public get secretPermissions() {
    return this.getListAttribute('secret_permissions');
  }
  public set secretPermissions(value: string[]) {
    this._secretPermissions = value;
  }
  public resetSecretPermissions() {
    this._secretPermissions = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get secretPermissionsInput() {
    return this._secretPermissions;
  }

  // storage_permissions - computed: false, optional: true, required: false
  private _storagePermissions?: string[]; 
  public get storagePermissions() {
    return this.getListAttribute('storage_permissions');
  }
  public set storagePermissions(value: string[]) {
    this._storagePermissions = value;
  }
  public resetStoragePermissions() {
    this._storagePermissions = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get storagePermissionsInput() {
    return this._storagePermissions;
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

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      application_id: cdktf.stringToTerraform(this._applicationId),
      certificate_permissions: cdktf.listMapper(cdktf.stringToTerraform, false)(this._certificatePermissions),
      key_permissions: cdktf.listMapper(cdktf.stringToTerraform, false)(this._keyPermissions),
      key_vault_id: cdktf.stringToTerraform(this._keyVaultId),
      object_id: cdktf.stringToTerraform(this._objectId),
      secret_permissions: cdktf.listMapper(cdktf.stringToTerraform, false)(this._secretPermissions),
      storage_permissions: cdktf.listMapper(cdktf.stringToTerraform, false)(this._storagePermissions),
      tenant_id: cdktf.stringToTerraform(this._tenantId),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      application_id: {
        value: cdktf.stringToHclTerraform(this._applicationId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      certificate_permissions: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._certificatePermissions),
        isBlock: false,
        type: "list",
        storageClassType: "stringList",
      },
      key_permissions: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._keyPermissions),
        isBlock: false,
        type: "list",
        storageClassType: "stringList",
      },
      key_vault_id: {
        value: cdktf.stringToHclTerraform(this._keyVaultId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      object_id: {
        value: cdktf.stringToHclTerraform(this._objectId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      secret_permissions: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._secretPermissions),
        isBlock: false,
        type: "list",
        storageClassType: "stringList",
      },
      storage_permissions: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._storagePermissions),
        isBlock: false,
        type: "list",
        storageClassType: "stringList",
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
