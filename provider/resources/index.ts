/**
 * The resources and data sources the shipped provider registers.
 * Test-only fixtures live in test/provider/fixtures and are registered by
 * their own entry point, never by the shipped bundle.
 */
import type { ProviderRegistry } from '../keyvault-provider';
import { accessPolicy } from './access-policy';
import { clientConfigDataSource, secretDataSource, secretsDataSource } from './data-sources';
import { secret } from './secret';
import { vault } from './vault';

export const registry: ProviderRegistry = {
  resources: [vault, secret, accessPolicy],
  dataSources: [secretDataSource, secretsDataSource, clientConfigDataSource],
};
