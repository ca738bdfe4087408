/**
 * CDKTF constructs for Azure Key Vault, deployable to the keyvault-emulator or to Azure from one
 * declaration (see README.md here). The CDK runtime classes an app needs are re-exported from the
 * flavour's runtime module, so an app does not name `cdktf` (or `cdktn`) itself.
 */
export { KeyVault, KeyVaultSecret } from './key-vault';
export type { KeyVaultProps, Principal, SecretOptions } from './key-vault';
export type { AzureConnection, EmulatorConnection, KeyVaultTarget, NetworkAcls, SoftDeleteBehaviour } from './backends';
export {
  CERTIFICATE_PERMISSIONS,
  KEY_PERMISSIONS,
  SECRET_MANAGE,
  SECRET_PERMISSIONS,
  SECRET_READ,
  SECRET_WRITE,
  STORAGE_PERMISSIONS,
} from './permissions';
export type { CertificatePermission, KeyPermission, KeyVaultPermissions, SecretPermission, StoragePermission } from './permissions';
export { App, TerraformOutput, TerraformStack, TerraformVariable } from '../cdktf/bindings/runtime';
