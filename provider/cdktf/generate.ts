/**
 * CDKTF bindings from `terraform providers schema -json` documents, with no
 * terraform and no network: `generateProviderBindingsFromSchema(targetPath,
 * schemaJSON)` of the flavour's provider generator (terraform-plugin-protocol.md §4).
 *
 * Everything that depends on the generator package sits behind
 * `generateBindings()`, so moving to CDK Terrain is one setting (flavour.ts).
 *
 * The generator runs in a child process because loading it has side effects
 * we keep out of the caller (a jest worker, the generate script):
 * `@cdktf/commons` spawns `terraform version -json` at require time, logs
 * terraform's stderr as an ERROR line, and reports failures to HashiCorp's
 * checkpoint service over the network. The child gets CHECKPOINT_DISABLE=1 and
 * an empty Terraform CLI config of its own; its output is shown only on failure.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repositoryRoot } from '../build';
import { CDK_FLAVOUR, CDK_FLAVOURS, type CdkFlavour } from './flavour';
import type { SchemaDocument } from './schema-document';

export interface GenerateBindingsOptions {
  /** Default: CDK_FLAVOUR. */
  flavour?: CdkFlavour;
  /**
   * Version written into the bindings and from there into the synthesized
   * `required_providers` (an exact version or a constraint such as `~> 4.0`).
   * Passed to the generator as `provider_versions`, which is not part of
   * terraform's own document.
   */
  providerVersion?: string;
}

export interface GeneratedBindings {
  /** Directory holding the provider's `index.ts`, one folder per resource / data source. */
  outDir: string;
  /** Provider name, e.g. `keyvault` (last segment of the source address). */
  providerName: string;
  /** Files written, relative to outDir, sorted. */
  files: string[];
}

/**
 * First line of every generated .ts file. The generator writes no `override`
 * modifiers (its own packages compile without noImplicitOverride), which this
 * repository's tsconfig requires; `tsc -p .` therefore skips diagnostics inside
 * the generated files (their types still check every use in the constructs),
 * and test/cdktf/generate.test.ts type-checks them strictly without that one rule.
 */
export const GENERATED_TS_HEADER = '// @ts-nocheck: generated code without `override` modifiers; see provider/cdktf/generate.ts\n';

// Reads its arguments, runs the generator, reports errors on stderr with exit 1.
const CHILD_SCRIPT = `
const fs = require('node:fs');
const [generatorPath, schemaFile, outDir] = process.argv.slice(1);
require(generatorPath)
  .generateProviderBindingsFromSchema(outDir, JSON.parse(fs.readFileSync(schemaFile, 'utf8')))
  .then(() => process.exit(0), (err) => { process.stderr.write(String(err && err.stack || err) + '\\n'); process.exit(1); });
`;

/** Resolves the flavour's generator from the repository's node_modules, with install advice when missing. */
export function resolveGenerator(flavour: CdkFlavour = CDK_FLAVOUR): string {
  const packages = CDK_FLAVOURS[flavour];
  try {
    return require.resolve(packages.generator, { paths: [repositoryRoot()] });
  } catch {
    throw new Error(
      `CDK flavour '${flavour}' needs ${packages.generator}, which is not installed: ` +
        `npm install --save-dev ${packages.generator}@${packages.version} ${packages.runtime}@${packages.version} ${packages.cli}@${packages.version}`,
    );
  }
}

/**
 * Generates the bindings of the single provider in `schemaDoc` into `outDir`
 * (replaced as a whole, so removed resources leave no files behind).
 */
export async function generateBindings(
  schemaDoc: SchemaDocument,
  outDir: string,
  options: GenerateBindingsOptions = {},
): Promise<GeneratedBindings> {
  const flavour = options.flavour ?? CDK_FLAVOUR;
  const sources = Object.keys(schemaDoc.provider_schemas);
  if (sources.length !== 1) throw new Error(`expected one provider in the schema document, found ${sources.length}`);
  const source = sources[0]!;
  const providerName = source.split('/').pop()!;
  const generatorPath = resolveGenerator(flavour);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kv-bindings-'));
  try {
    const input = options.providerVersion ? { ...schemaDoc, provider_versions: { [source]: options.providerVersion } } : schemaDoc;
    const schemaFile = path.join(work, 'schema.json');
    fs.writeFileSync(schemaFile, JSON.stringify(input));
    const cliConfig = path.join(work, 'terraformrc');
    fs.writeFileSync(cliConfig, '');
    const generated = path.join(work, 'out');
    const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: cliConfig };
    delete env.TF_LOG;
    await runNode(['-e', CHILD_SCRIPT, generatorPath, schemaFile, generated], env);

    const providerDir = path.join(generated, 'providers', providerName);
    if (!fs.existsSync(path.join(providerDir, 'index.ts'))) throw new Error(`the generator wrote no ${providerName}/index.ts`);
    const files = listFiles(providerDir);
    const runtime = CDK_FLAVOURS[flavour].runtime;
    const provider = fs.readFileSync(path.join(providerDir, 'provider', 'index.ts'), 'utf8');
    if (!provider.includes(`from '${runtime}'`)) throw new Error(`generated bindings do not import '${runtime}' (flavour ${flavour})`);

    for (const file of files.filter((f) => f.endsWith('.ts'))) {
      const full = path.join(providerDir, file);
      fs.writeFileSync(full, GENERATED_TS_HEADER + fs.readFileSync(full, 'utf8'));
    }
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(outDir), { recursive: true });
    fs.cpSync(providerDir, outDir, { recursive: true });
    return { outDir, providerName, files };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** `export * from '<runtime>'`: the constructs' single import of the CDK runtime. */
export function runtimeModuleSource(flavour: CdkFlavour = CDK_FLAVOUR): string {
  const runtime = CDK_FLAVOURS[flavour].runtime;
  return [
    `// Written by \`npm run generate\` for the '${flavour}' flavour (provider/cdktf/flavour.ts): the CDK runtime`,
    `// the generated bindings import, re-exported so the constructs and examples name it once.`,
    `export * from '${runtime}';`,
    '',
  ].join('\n');
}

/** Files under dir, relative, '/'-separated, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out.sort();
}

/**
 * Differences between committed generated files and a fresh generation, as
 * `stale: f` (content differs), `not committed: f` (generated, not in the
 * committed tree) and `obsolete: f` (committed, no longer generated).
 */
export function compareTrees(committedDir: string, freshDir: string): string[] {
  const committed = fs.existsSync(committedDir) ? listFiles(committedDir) : [];
  const fresh = fs.existsSync(freshDir) ? listFiles(freshDir) : [];
  const diffs: string[] = [];
  for (const f of fresh) {
    if (!committed.includes(f)) diffs.push(`not committed: ${f}`);
    else if (!fs.readFileSync(path.join(committedDir, f)).equals(fs.readFileSync(path.join(freshDir, f)))) diffs.push(`stale: ${f}`);
  }
  for (const f of committed) if (!fresh.includes(f)) diffs.push(`obsolete: ${f}`);
  return diffs;
}

function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`provider generator failed: ${err.message}\n${stdout}${stderr}`.trim()));
      else resolve();
    });
  });
}
