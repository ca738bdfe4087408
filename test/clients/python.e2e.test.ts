/**
 * A second, independent client: the Azure SDK for Python (Debian's python3-azure), unmodified app
 * code with DefaultAzureCredential, configured only by the environment lines the emulator prints.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { startCli } from '../helpers/cli';
import { tempDir } from '../helpers/emulator';

const PYTHON = '/usr/bin/python3';
const available = spawnSync(PYTHON, ['-c', 'import azure.keyvault.secrets, azure.identity'], { encoding: 'utf8' }).status === 0;

test('the Python SDK works against the emulator through managed identity', async () => {
  if (!available) {
    console.log('SKIPPED: no Azure SDK for Python (apt-get install python3-azure)');
    return;
  }
  const dataDir = tempDir('kve-py-');
  const cli = await startCli(['--port', '0', '--data-dir', dataDir, '--quiet', '--auth', 'strict']);
  try {
    // Exactly the printed lines: trust (REQUESTS_CA_BUNDLE) and managed identity (App Service style).
    const exportLines = cli
      .stdout()
      .split('\n')
      .filter((l) => /^\s+export (REQUESTS_CA_BUNDLE|SSL_CERT_FILE|IDENTITY_ENDPOINT|IDENTITY_HEADER)=/.test(l))
      .join('\n');
    const script = path.join(__dirname, 'python_app.py');
    const output = execFileSync('bash', ['-c', `${exportLines}\nexec ${PYTHON} ${script}`], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, VAULT_URL: cli.vaults.default[1] },
      encoding: 'utf8',
    });
    const result = JSON.parse(output.trim().split('\n').pop()!);
    expect(result).toEqual({
      versions_differ: true,
      latest: 'from-python-2',
      first: 'from-python-1',
      tags: { lang: 'python' },
      listed: ['py-page-0', 'py-page-1', 'py-page-2', 'py-page-3', 'py-page-4', 'py-page-5', 'py-page-6', 'py-secret'],
      version_count: 2,
      recovery_id: `${cli.vaults.default[1]}/deletedsecrets/py-secret`,
      restored_version: true,
      missing: 'ResourceNotFoundError',
    });
  } finally {
    await cli.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
