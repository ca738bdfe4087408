/**
 * Bundles the provider into one CommonJS file with esbuild.
 *
 * Why a bundle: Terraform launches a provider process several times per
 * command (3 launches for one `plan` of two resources were observed), and
 * each launch must reach its handshake line fast. One pre-linked file avoids
 * hundreds of module resolutions and file reads, and the .proto files are
 * embedded as a pre-compiled JSON descriptor so nothing is parsed at start.
 * The bundle is also self-contained, which a Terraform filesystem mirror
 * needs (its lock-file hash covers only the package directory).
 *
 * From the command line, see build-main.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROVIDER_VERSION } from './version';

export const BUNDLE_FILE_NAME = 'provider.cjs';

export interface BuildProviderOptions {
  /** Entry module exporting `main()`; defaults to provider/main.ts. Tests pass their fixture entry. */
  entry?: string;
  /** Output directory; defaults to dist/provider in the repository. */
  outDir?: string;
}

export interface BuiltProvider {
  bundlePath: string;
  version: string;
}

/**
 * The repository root: the nearest directory upwards whose package.json is
 * keyvault-emulator's, searched from this file's location (works for the
 * sources and for bundles under dist/), then from the current directory.
 */
export function repositoryRoot(starts: readonly string[] = [__dirname, process.cwd()]): string {
  for (const start of starts) {
    let dir = start;
    for (;;) {
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
        if (pkg.name === 'keyvault-emulator') return dir;
      } catch {
        // no package.json here; keep walking up
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`cannot find the keyvault-emulator package above ${starts.join(' or ')}`);
}

export async function buildProvider(options: BuildProviderOptions = {}): Promise<BuiltProvider> {
  const esbuild = require('esbuild') as typeof import('esbuild');
  // Loaded here, not at the top: the emulator's CLI bundles this module, and protobufjs is only
  // needed when a bundle is actually built.
  const { compileProtoJson } = require('./core/protos') as typeof import('./core/protos');
  const root = repositoryRoot();
  const outDir = path.resolve(options.outDir ?? path.join(root, 'dist', 'provider'));
  const bundlePath = path.join(outDir, BUNDLE_FILE_NAME);
  fs.mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [path.resolve(options.entry ?? path.join(root, 'provider', 'main.ts'))],
    // Module names in the bundle are relative to this directory: building from
    // any cwd or checkout gives identical bytes, so lock-file hashes stay stable.
    absWorkingDir: root,
    outfile: bundlePath,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Whitespace/syntax minification shrinks parse time; identifiers are kept so stack traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'eof',
    define: {
      __KEYVAULT_PROTO_JSON__: JSON.stringify(compileProtoJson(path.join(root, 'provider', 'protos'))),
    },
    // Run main() when the bundle is the program itself (the mirror's launcher calls it explicitly).
    footer: { js: 'if (require.main === module) module.exports.main();' },
    logLevel: 'warning',
  });
  return { bundlePath, version: PROVIDER_VERSION };
}
