/**
 * Entry point of the provider executable.
 *
 * Terraform starts the provider through the mirror's launcher script, which
 * calls main(); the bundle also calls it when run directly
 * (`node dist/provider/provider.cjs`, which without Terraform's environment
 * explains that it is a plugin and exits 1).
 */
import { log } from './core/log';
import { servePlugin } from './core/serve';
import { createProviderHandlers } from './framework/provider-server';
import { providerSchemaDocument, type ProviderSchemaDocument } from './framework/schema-document';
import { createKeyvaultProvider, type ProviderRegistry } from './keyvault-provider';
import { registry as shippedRegistry } from './resources';
import { PROVIDER_SOURCE } from './version';

/** Serves the provider with the given resources (the shipped ones by default). */
export function main(registry: ProviderRegistry = shippedRegistry): void {
  const provider = createKeyvaultProvider(registry);
  servePlugin({ handlers: createProviderHandlers(provider) }).catch((err: unknown) => {
    log('error', 'provider failed to start', { error: String((err as Error)?.stack ?? err) });
    process.stderr.write(`keyvault provider failed to start: ${(err as Error)?.message ?? err}\n`);
    process.exit(1);
  });
}

/** The `terraform providers schema -json` document of the shipped provider (for CDKTF bindings). */
export function schemaDocument(registry: ProviderRegistry = shippedRegistry): ProviderSchemaDocument {
  return providerSchemaDocument(createKeyvaultProvider(registry), PROVIDER_SOURCE);
}

