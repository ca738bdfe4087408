/**
 * The resources and data sources the shipped provider registers.
 *
 * Phase 2 adds keyvault_vault, keyvault_secret and keyvault_access_policy
 * (resources) and keyvault_secret / keyvault_secrets (data sources) here.
 * Test-only fixtures live in test/provider/fixtures and are registered by
 * their own entry point, never by the shipped bundle.
 */
import type { ProviderRegistry } from '../keyvault-provider';

export const registry: ProviderRegistry = {
  resources: [],
  dataSources: [],
};
