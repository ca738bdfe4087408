/**
 * The `npm run generate` pipeline (entry point: generate-main.ts, run by
 * scripts/generate.js):
 *
 *   1. provider/schema/keyvault.json: our provider's `terraform providers
 *      schema -json` document, from `schemaDocument()` of provider/main.ts;
 *      the terraform end-to-end test compares terraform's own output with it;
 *   2. provider/cdktf/bindings/keyvault/: CDKTF bindings generated from that file;
 *   3. provider/cdktf/bindings/azurerm/: bindings generated from the curated
 *      partial azurerm document (provider/schema/azurerm-partial.ts);
 *   4. provider/cdktf/bindings/runtime.ts: the flavour's runtime re-export.
 *
 * All of it is committed, so the constructs type-check without a generate
 * step; `checkGenerated()` regenerates into a temporary directory and lists
 * what differs from the committed files.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repositoryRoot } from '../build';
import { schemaDocument } from '../main';
import { AZURERM_VERSION_CONSTRAINT, azurermPartialSchema } from '../schema/azurerm-partial';
import { PROVIDER_VERSION } from '../version';
import { CDK_FLAVOUR, type CdkFlavour } from './flavour';
import { compareTrees, generateBindings, runtimeModuleSource } from './generate';
import type { SchemaDocument } from './schema-document';

export interface GeneratedPaths {
  /** Where keyvault.json goes. */
  schemaDir: string;
  /** Where keyvault/, azurerm/ and runtime.ts go. */
  bindingsDir: string;
}

export function committedPaths(root: string = repositoryRoot()): GeneratedPaths {
  return { schemaDir: path.join(root, 'provider', 'schema'), bindingsDir: path.join(root, 'provider', 'cdktf', 'bindings') };
}

export const KEYVAULT_SCHEMA_FILE = 'keyvault.json';

/** The document as committed: two-space JSON with a final newline. */
export function schemaFileContent(doc: unknown = schemaDocument()): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export async function generateAll(paths: GeneratedPaths, flavour: CdkFlavour = CDK_FLAVOUR): Promise<void> {
  fs.mkdirSync(paths.schemaDir, { recursive: true });
  const schemaFile = path.join(paths.schemaDir, KEYVAULT_SCHEMA_FILE);
  fs.writeFileSync(schemaFile, schemaFileContent());
  // Bindings come from the file just written, not from memory: what terraform is checked against is what CDKTF sees.
  const keyvault = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as SchemaDocument;
  // Sequential: the two generator processes would only compete for the same 2 cores.
  await generateBindings(keyvault, path.join(paths.bindingsDir, 'keyvault'), { flavour, providerVersion: PROVIDER_VERSION });
  await generateBindings(azurermPartialSchema, path.join(paths.bindingsDir, 'azurerm'), {
    flavour,
    providerVersion: AZURERM_VERSION_CONSTRAINT,
  });
  fs.writeFileSync(path.join(paths.bindingsDir, 'runtime.ts'), runtimeModuleSource(flavour));
}

/** Regenerates into a temporary directory; returns the differences from `committed` (empty when up to date). */
export async function checkGenerated(committed: GeneratedPaths = committedPaths(), flavour: CdkFlavour = CDK_FLAVOUR): Promise<string[]> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kv-generate-check-'));
  try {
    const fresh: GeneratedPaths = { schemaDir: path.join(work, 'schema'), bindingsDir: path.join(work, 'bindings') };
    await generateAll(fresh, flavour);
    const schemaDiffs = compareFile(path.join(committed.schemaDir, KEYVAULT_SCHEMA_FILE), path.join(fresh.schemaDir, KEYVAULT_SCHEMA_FILE));
    const bindingDiffs = compareTrees(committed.bindingsDir, fresh.bindingsDir).map(
      (d) => d.replace(/^([\w ]+): /, `$1: ${path.relative(repositoryRoot(), committed.bindingsDir)}/`),
    );
    return [...schemaDiffs, ...bindingDiffs];
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function compareFile(committedFile: string, freshFile: string): string[] {
  const rel = path.relative(repositoryRoot(), committedFile);
  if (!fs.existsSync(committedFile)) return [`not committed: ${rel}`];
  return fs.readFileSync(committedFile).equals(fs.readFileSync(freshFile)) ? [] : [`stale: ${rel}`];
}
