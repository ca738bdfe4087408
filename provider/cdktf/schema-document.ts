/**
 * The shape of a `terraform providers schema -json` document, as far as the
 * CDKTF provider generator reads it (`@cdktf/commons` `ProviderSchema`).
 *
 * Our own provider's document is typed by provider/framework/schema-document.ts
 * (attributes only); this wider type also covers nested blocks, which the
 * curated azurerm document needs (`features`, `network_acls`, `timeouts`).
 */

export type SchemaType = string | readonly unknown[];

export interface SchemaAttribute {
  type: SchemaType;
  description?: string;
  description_kind?: 'plain' | 'markdown';
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  deprecated?: boolean;
  /** Terraform ≥ 1.11: never stored in plan or state (azurerm's `value_wo`). */
  write_only?: boolean;
}

export interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
  block_types?: Record<string, SchemaNestedBlock>;
  description?: string;
  description_kind?: 'plain' | 'markdown';
  deprecated?: boolean;
}

export interface SchemaNestedBlock {
  nesting_mode: 'single' | 'list' | 'set' | 'map' | 'group';
  block: SchemaBlock;
  min_items?: number;
  max_items?: number;
}

export interface SchemaEntry {
  version: number;
  block: SchemaBlock;
}

export interface ProviderSchemas {
  provider: SchemaEntry;
  resource_schemas?: Record<string, SchemaEntry>;
  data_source_schemas?: Record<string, SchemaEntry>;
}

export interface SchemaDocument {
  format_version: string;
  provider_schemas: Record<string, ProviderSchemas>;
}
