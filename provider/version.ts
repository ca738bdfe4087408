/**
 * Identity of the provider as Terraform knows it. The version is the
 * package's, so the filesystem mirror path, the lock file and the
 * `required_providers` constraint all agree with what is shipped.
 */
export const PROVIDER_TYPE = 'keyvault';
export const PROVIDER_NAMESPACE = 'keyvault-emulator';
export const PROVIDER_HOSTNAME = 'registry.terraform.io';
export const PROVIDER_SOURCE = `${PROVIDER_HOSTNAME}/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}`;
export const PROVIDER_VERSION: string = (require('../package.json') as { version: string }).version;
