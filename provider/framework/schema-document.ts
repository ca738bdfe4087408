/**
 * The `terraform providers schema -json` document for one provider, built
 * from the same schemas that GetProviderSchema serves. CDKTF's
 * generateProviderBindingsFromSchema() consumes exactly this shape, so
 * bindings can be generated without running terraform.
 */
import type { ProviderDefinition } from './definitions';
import { schemaToJson, type JsonSchema } from './schema';

export interface ProviderSchemaDocument {
  format_version: '1.0';
  provider_schemas: Record<
    string,
    {
      provider: JsonSchema;
      resource_schemas: Record<string, JsonSchema>;
      data_source_schemas: Record<string, JsonSchema>;
    }
  >;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function providerSchemaDocument(provider: ProviderDefinition<any, any>, sourceAddress: string): ProviderSchemaDocument {
  const byName = <T extends { typeName: string; schema: Parameters<typeof schemaToJson>[0] }>(items: readonly T[]) =>
    Object.fromEntries([...items].sort((a, b) => a.typeName.localeCompare(b.typeName)).map((d) => [d.typeName, schemaToJson(d.schema)]));
  return {
    format_version: '1.0',
    provider_schemas: {
      [sourceAddress]: {
        provider: schemaToJson(provider.schema),
        resource_schemas: byName(provider.resources),
        data_source_schemas: byName(provider.dataSources),
      },
    },
  };
}
