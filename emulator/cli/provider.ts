/**
 * `keyvault-emulator provider install [--dir DIR]`: installs the Terraform provider into a
 * filesystem mirror with its own CLI configuration (provider/install.ts), then prints the
 * `export TF_CLI_CONFIG_FILE=…` line and the `required_providers` block to use it. Nothing is
 * downloaded: `terraform init` finds the provider in the mirror only.
 */
import type { Command } from 'commander';
import { DEFAULT_INSTALL_DIR, installProvider } from '../../provider/install';
import { PROVIDER_SOURCE } from '../../provider/version';
import { shellQuote } from '../identity/env';

/** What `provider install` prints once installed. */
export function installedText(installed: { cliConfigPath: string; mirrorDir: string; version: string }): string {
  return [
    `Installed the keyvault Terraform provider ${installed.version} into ${installed.mirrorDir}`,
    '',
    'Point Terraform at it (a CLI config that installs this provider from the mirror and nothing from a registry):',
    `  export TF_CLI_CONFIG_FILE=${shellQuote(installed.cliConfigPath)}`,
    '',
    'and declare it in your configuration:',
    '',
    'terraform {',
    '  required_providers {',
    '    keyvault = {',
    `      source  = "${PROVIDER_SOURCE}"`,
    `      version = "${installed.version}"`,
    '    }',
    '  }',
    '}',
    '',
    'provider "keyvault" {',
    '  # endpoint, tenant_id, client_id, client_secret and ca_file default to the lines the emulator',
    '  # prints at start (AZURE_AUTHORITY_HOST, AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET,',
    '  # NODE_EXTRA_CA_CERTS); KEYVAULT_EMULATOR_* and ARM_* variables work too.',
    '}',
    '',
  ].join('\n');
}

export function registerProvider(program: Command): void {
  const provider = program.command('provider').description('the Terraform provider for the emulator');
  provider
    .command('install')
    .description('install the Terraform provider into a local filesystem mirror and print how to use it')
    .option('--dir <dir>', 'installation directory (mirror and CLI config)', DEFAULT_INSTALL_DIR)
    .action(async (flags: { dir: string }) => {
      const installed = await installProvider({ dir: flags.dir });
      process.stdout.write(installedText(installed));
    });
}
