/**
 * Command-line entry of `npm run generate` (scripts/generate.js bundles this
 * file with esbuild and runs it with node):
 *
 *   node scripts/generate.js                     write provider/schema/keyvault.json and provider/cdktf/bindings/
 *   node scripts/generate.js --check             regenerate into a temporary directory; exit 1 if the committed files differ
 *   node scripts/generate.js --flavour cdktn     generate for CDK Terrain instead of the flavour set in flavour.ts
 */
import * as path from 'node:path';
import { repositoryRoot } from '../build';
import { CDK_FLAVOUR, CDK_FLAVOURS, isCdkFlavour, type CdkFlavour } from './flavour';
import { checkGenerated, committedPaths, generateAll } from './generate-all';

function parseArgs(argv: string[]): { check: boolean; flavour: CdkFlavour } {
  let check = false;
  let flavour: CdkFlavour = CDK_FLAVOUR;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--check') check = true;
    else if (arg === '--flavour' || arg.startsWith('--flavour=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!value || !isCdkFlavour(value)) throw new Error(`--flavour must be one of ${Object.keys(CDK_FLAVOURS).join(', ')}`);
      flavour = value;
    } else throw new Error(`unknown argument ${arg} (usage: generate [--check] [--flavour cdktf|cdktn])`);
  }
  return { check, flavour };
}

async function run(): Promise<number> {
  const { check, flavour } = parseArgs(process.argv.slice(2));
  if (check) {
    const diffs = await checkGenerated(committedPaths(), flavour);
    if (diffs.length === 0) {
      console.log('generated files are up to date');
      return 0;
    }
    console.error(`generated files are out of date (run \`npm run generate\`):\n  ${diffs.join('\n  ')}`);
    return 1;
  }
  const paths = committedPaths();
  await generateAll(paths, flavour);
  const root = repositoryRoot();
  console.log(`wrote ${path.relative(root, paths.schemaDir)}/keyvault.json and ${path.relative(root, paths.bindingsDir)}/ (${flavour})`);
  return 0;
}

run().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`generate failed: ${(err as Error)?.message ?? err}`);
    process.exit(1);
  },
);
