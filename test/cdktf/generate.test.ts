/**
 * `npm run generate` output is committed (provider/schema/keyvault.json, provider/cdktf/bindings/):
 * these tests fail when it is stale, and type-check the generated bindings strictly.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { checkGenerated, committedPaths, KEYVAULT_SCHEMA_FILE, schemaFileContent } from '../../provider/cdktf/generate-all';
import { GENERATED_TS_HEADER, listFiles, resolveGenerator, runtimeModuleSource } from '../../provider/cdktf/generate';
import { CDK_FLAVOUR, CDK_FLAVOURS } from '../../provider/cdktf/flavour';
import { schemaDocument } from '../../provider/main';
import { PROVIDER_SOURCE } from '../../provider/version';

jest.setTimeout(120_000);

const committed = committedPaths();

test('provider/schema/keyvault.json is the document the provider serves', () => {
  const file = path.join(committed.schemaDir, KEYVAULT_SCHEMA_FILE);
  expect(fs.readFileSync(file, 'utf8')).toBe(schemaFileContent(schemaDocument()));
  expect(Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')).provider_schemas)).toEqual([PROVIDER_SOURCE]);
});

test('the committed bindings are what `npm run generate` produces now', async () => {
  const diffs = await checkGenerated(committed);
  if (diffs.length > 0) throw new Error(`run \`npm run generate\` and commit the result:\n  ${diffs.join('\n  ')}`);
});

test('the bindings import the runtime of the configured flavour, through one runtime module', () => {
  const runtime = CDK_FLAVOURS[CDK_FLAVOUR].runtime;
  expect(fs.readFileSync(path.join(committed.bindingsDir, 'runtime.ts'), 'utf8')).toBe(runtimeModuleSource(CDK_FLAVOUR));
  for (const provider of ['keyvault', 'azurerm']) {
    const index = fs.readFileSync(path.join(committed.bindingsDir, provider, 'provider', 'index.ts'), 'utf8');
    expect(index).toContain(`from '${runtime}';`);
  }
  expect(runtimeModuleSource('cdktn')).toContain("export * from 'cdktn';");
});

test('a flavour whose generator is not installed fails with the packages to install', () => {
  let installed = true;
  try {
    require.resolve(CDK_FLAVOURS.cdktn.generator);
  } catch {
    installed = false;
  }
  if (installed) expect(resolveGenerator('cdktn')).toContain('@cdktn');
  else expect(() => resolveGenerator('cdktn')).toThrow('npm install --save-dev @cdktn/provider-generator@0.24.0 cdktn@0.24.0 cdktn-cli@0.24.0');
});

test('the generated bindings type-check strictly (all rules but noImplicitOverride)', () => {
  const files = listFiles(committed.bindingsDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(committed.bindingsDir, f));
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
    noImplicitOverride: false,
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  // Without the @ts-nocheck line that the repository-wide `tsc -p .` relies on.
  host.readFile = (file) => {
    const text = read(file);
    return text !== undefined && text.startsWith(GENERATED_TS_HEADER) ? text.slice(GENERATED_TS_HEADER.length) : text;
  };
  const program = ts.createProgram(files, options, host);
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  expect(diagnostics).toEqual([]);
});
