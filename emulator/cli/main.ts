/**
 * The `keyvault-emulator` command line. Bad flags or values: one clear line on stderr, exit 2.
 */
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version';
import { registerClient, registerToken } from './identity';
import { registerLogs } from './logs';
import { registerStart } from './start';
import { registerManagement } from './management';
import { registerProvider } from './provider';

export function buildProgram(): Command {
  const program = new Command('keyvault-emulator')
    .description('A local, wire-exact emulator of Azure Key Vault secrets.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      outputError: (text, write) => write(text.replace(/^error: /, 'keyvault-emulator: ')),
    });
  registerStart(program);
  registerLogs(program);
  registerToken(program);
  registerClient(program);
  registerManagement(program);
  registerProvider(program);
  const overrideAll = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.commands.forEach(overrideAll);
  };
  overrideAll(program);
  return program;
}

export async function main(argv: string[] = process.argv): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with exit code 0.
      process.exit(err.exitCode === 0 ? 0 : 2);
    }
    process.stderr.write(`keyvault-emulator: ${(err as Error).message}\n`);
    process.exit(1);
  }
}


