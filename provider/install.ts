/**
 * Installs the provider as a Terraform filesystem mirror plus a CLI config
 * file that uses only that mirror, so `terraform init` works offline:
 *
 *   DIR/mirror/registry.terraform.io/keyvault-emulator/keyvault/VERSION/OS_ARCH/
 *       provider.cjs                             the esbuild bundle
 *       terraform-provider-keyvault_vVERSION     #!/usr/bin/env node launcher
 *   DIR/terraformrc                              provider_installation { filesystem_mirror {...} }
 *
 * Then: TF_CLI_CONFIG_FILE=DIR/terraformrc terraform init
 *
 * Layout notes (terraform internal/getproviders/filesystem_search.go and
 * internal/providercache/cached_provider.go):
 *  - Terraform executes the first file, in lexical order, whose name starts
 *    with "terraform-provider-keyvault" followed by nothing, "_" or "."; the
 *    bundle therefore must not be called e.g. terraform-provider-keyvault.js
 *    ("." sorts before "_"). It is named provider.cjs.
 *  - `terraform init` records an h1: hash of the whole package directory in
 *    .terraform.lock.hcl, so the directory holds only deterministic content
 *    (no absolute paths, no timestamps): reinstalling the same version keeps
 *    existing lock files valid.
 *  - The CLI config has no `direct {}` block: nothing is ever fetched from a
 *    registry, and a configuration asking for another provider fails fast.
 *
 * Default DIR is `.keyvault-emulator/terraform` under the current directory:
 * project-local like `.terraform/`, already ignored by the repository's
 * .gitignore (`.keyvault-emulator/`), and it never touches ~/.terraform.d or
 * another tool's Terraform setup.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUNDLE_FILE_NAME, buildProvider, repositoryRoot } from './build';
import { launcherScript } from './launcher';
import { PROVIDER_HOSTNAME, PROVIDER_NAMESPACE, PROVIDER_SOURCE, PROVIDER_TYPE, PROVIDER_VERSION } from './version';

export const DEFAULT_INSTALL_DIR = path.join('.keyvault-emulator', 'terraform');
export const CLI_CONFIG_FILE_NAME = 'terraformrc';

export interface InstallProviderOptions {
  /** Installation directory (default `.keyvault-emulator/terraform`, relative to the current directory). */
  dir?: string;
  /**
   * Bundle to install. By default the provider is built from the repository
   * sources with esbuild; when esbuild is unavailable (no dev dependencies)
   * an existing dist/provider/provider.cjs is used.
   */
  bundlePath?: string;
}

export interface InstalledProvider {
  /** Root of the filesystem mirror (the CLI config's filesystem_mirror path). */
  mirrorDir: string;
  /** CLI configuration to export as TF_CLI_CONFIG_FILE. */
  cliConfigPath: string;
  version: string;
  /** The package directory inside the mirror (what `terraform init` links into .terraform/). */
  packageDir: string;
  /** The launcher Terraform executes. */
  executablePath: string;
}

/** Terraform's platform name for this machine, e.g. linux_amd64. */
export function terraformPlatform(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  const os = platform === 'win32' ? 'windows' : platform;
  const cpu = ({ x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' } as Record<string, string>)[arch] ?? arch;
  return `${os}_${cpu}`;
}

export async function installProvider(options: InstallProviderOptions = {}): Promise<InstalledProvider> {
  const dir = path.resolve(options.dir ?? DEFAULT_INSTALL_DIR);
  const bundlePath = options.bundlePath ?? (await defaultBundle());
  if (!fs.existsSync(bundlePath)) throw new Error(`provider bundle not found: ${bundlePath}`);

  const mirrorDir = path.join(dir, 'mirror');
  const packageDir = path.join(mirrorDir, PROVIDER_HOSTNAME, PROVIDER_NAMESPACE, PROVIDER_TYPE, PROVIDER_VERSION, terraformPlatform());
  // Start from an empty package directory so stale files never change the lock-file hash.
  fs.rmSync(packageDir, { recursive: true, force: true });
  fs.mkdirSync(packageDir, { recursive: true });
  fs.copyFileSync(bundlePath, path.join(packageDir, BUNDLE_FILE_NAME));
  fs.chmodSync(path.join(packageDir, BUNDLE_FILE_NAME), 0o644);
  // The launcher's code-cache loader, shared with the emulator's own CLI.
  fs.copyFileSync(path.join(repositoryRoot(), 'bin', 'code-cache.cjs'), path.join(packageDir, 'code-cache.cjs'));
  fs.chmodSync(path.join(packageDir, 'code-cache.cjs'), 0o644);
  const executablePath = path.join(packageDir, `terraform-provider-${PROVIDER_TYPE}_v${PROVIDER_VERSION}`);
  fs.writeFileSync(executablePath, launcherScript(BUNDLE_FILE_NAME), { mode: 0o755 });
  fs.chmodSync(executablePath, 0o755); // writeFileSync's mode is filtered by the umask

  const cliConfigPath = path.join(dir, CLI_CONFIG_FILE_NAME);
  fs.writeFileSync(cliConfigPath, cliConfig(mirrorDir));
  return { mirrorDir, cliConfigPath, version: PROVIDER_VERSION, packageDir, executablePath };
}

/** A Terraform CLI configuration that installs our provider from the mirror and nothing from anywhere else. */
export function cliConfig(mirrorDir: string): string {
  return [
    '# Written by keyvault-emulator (provider install). Use it with:',
    `#   export TF_CLI_CONFIG_FILE=${JSON.stringify(path.join(path.dirname(mirrorDir), CLI_CONFIG_FILE_NAME))}`,
    '# Providers come only from the local filesystem mirror below; there is no',
    '# "direct" installation method, so nothing is downloaded from a registry.',
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${hclString(mirrorDir)}`,
    `    include = [${hclString(PROVIDER_SOURCE)}]`,
    '  }',
    '}',
    '',
  ].join('\n');
}

/** HCL string literal: JSON escaping plus HCL's own template escapes. */
function hclString(value: string): string {
  // In a String.replace replacement '$$' is a literal '$', hence '$$$${' for HCL's '$${'.
  return JSON.stringify(value).replace(/\$\{/g, '$$$${').replace(/%\{/g, '%%{');
}

async function defaultBundle(): Promise<string> {
  let esbuildAvailable = true;
  try {
    require.resolve('esbuild');
  } catch {
    esbuildAvailable = false;
  }
  if (esbuildAvailable) return (await buildProvider()).bundlePath;
  const prebuilt = path.join(repositoryRoot(), 'dist', 'provider', BUNDLE_FILE_NAME);
  if (fs.existsSync(prebuilt)) return prebuilt;
  throw new Error(`no provider bundle: esbuild is not installed and ${prebuilt} does not exist`);
}
