/**
 * examples/basic end to end, as its README tells a user to run it: a strict-auth emulator, the
 * provider installed into a filesystem mirror, `cdktf synth`, `cdktf deploy --skip-provider-lock`
 * with the real terraform, then the deployed secrets read back with @azure/keyvault-secrets as the
 * application the example grants read access to.
 *
 * Nothing of the developer's environment leaks in: our own Terraform CLI config, cache and state
 * directory, and ARM_/AZURE_/KEYVAULT_EMULATOR_ variables replaced by the test emulator's.
 * The project directory is a temporary one whose cdktf.json runs the example's main.ts in place,
 * so state and cdktf.out never land in the repository.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClientSecretCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { installProvider } from '../../provider/install';
import { PROVIDER_SOURCE } from '../../provider/version';
import { sdkClientOptions, startTestEmulator, tempDir, type TestEmulator } from '../helpers/emulator';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE_DIR = path.join(REPO_ROOT, 'examples', 'basic');
const CDKTF = path.join(REPO_ROOT, 'node_modules', '.bin', 'cdktf');

function terraformVersion(): string | undefined {
  const result = spawnSync('terraform', ['version'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  if (result.error || result.status !== 0) return undefined;
  return /Terraform v(\S+)/.exec(result.stdout)?.[1];
}

interface Run {
  code: number | null;
  output: string;
}

/** Runs a command to completion (async, so the in-process emulator keeps answering). */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 240_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      // cdktf draws spinners even without a TTY: keep the text, drop the escape sequences.
      resolve({ code, output: output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '') });
    });
  });
}

function expectSuccess(result: Run, what: string): string {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${result.output.slice(-6000)}`);
  return result.output;
}

const version = terraformVersion();

if (!version) {
  console.log('SKIPPED: no terraform on PATH');
  test.skip('examples/basic end to end (SKIPPED: no terraform on PATH)', () => {});
} else {
  describe(`examples/basic with cdktf and terraform ${version}`, () => {
    let work: string;
    let project: string;
    let emulator: TestEmulator;
    let env: NodeJS.ProcessEnv;
    let app: { clientId: string; objectId: string; clientSecret: string };
    const dbPassword = `pw-${randomBytes(12).toString('hex')}`;

    beforeAll(async () => {
      work = tempDir('kv-cdktf-e2e-');
      emulator = await startTestEmulator('memory', {
        dataDir: path.join(work, 'emulator'),
        auth: 'strict',
        clients: [{ displayName: 'basic-example-app' }],
      });
      const registered = emulator.clients.find((c) => c.displayName === 'basic-example-app');
      if (!registered?.clientSecret) throw new Error('the emulator did not register the example application');
      app = { clientId: registered.clientId, objectId: registered.objectId, clientSecret: registered.clientSecret };

      const installed = await installProvider({ dir: path.join(work, 'terraform') });
      const cliConfig = path.join(work, 'terraformrc');
      fs.writeFileSync(
        cliConfig,
        [
          'provider_installation {',
          '  filesystem_mirror {',
          `    path    = ${JSON.stringify(installed.mirrorDir)}`,
          `    include = [${JSON.stringify(PROVIDER_SOURCE)}]`,
          '  }',
          '}',
          '',
        ].join('\n'),
      );

      project = path.join(work, 'project');
      fs.mkdirSync(project);
      const cdktfJson = JSON.parse(fs.readFileSync(path.join(EXAMPLE_DIR, 'cdktf.json'), 'utf8')) as { app: string };
      expect(cdktfJson.app).toBe('node ../run-app.js main.ts');
      cdktfJson.app = `node ${JSON.stringify(path.join(REPO_ROOT, 'examples', 'run-app.js'))} ${JSON.stringify(path.join(EXAMPLE_DIR, 'main.ts'))}`;
      fs.writeFileSync(path.join(project, 'cdktf.json'), JSON.stringify(cdktfJson, null, 2));

      const inherited = Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !/^(ARM_|AZURE_|KEYVAULT_|TF_|APP_OBJECT_ID$|EXAMPLE_VAULT_NAME$|NODE_EXTRA_CA_CERTS$)/.test(k)),
      );
      env = {
        ...inherited,
        CI: '1',
        CHECKPOINT_DISABLE: '1', // neither terraform nor cdktf calls home
        TF_CLI_CONFIG_FILE: cliConfig,
        TF_IN_AUTOMATION: '1',
        TF_INPUT: '0',
        XDG_CACHE_HOME: path.join(work, 'cache'),
        KEYVAULT_EMULATOR_ENDPOINT: emulator.url,
        KEYVAULT_EMULATOR_CA_FILE: emulator.caPath,
        KEYVAULT_EMULATOR_TENANT_ID: emulator.tenantId,
        KEYVAULT_EMULATOR_CLIENT_ID: emulator.devClient.clientId,
        KEYVAULT_EMULATOR_CLIENT_SECRET: fs.readFileSync(emulator.devClient.secretFile, 'utf8').trim(),
        KEYVAULT_TARGET: 'emulator',
        APP_OBJECT_ID: app.objectId,
        TF_VAR_db_password: dbPassword,
      };
    });

    afterAll(async () => {
      await emulator?.cleanup();
      if (work) fs.rmSync(work, { recursive: true, force: true });
    });

    test('cdktf synth writes the stack without the password in it', async () => {
      expectSuccess(await run(CDKTF, ['synth'], project, env), 'cdktf synth');
      const synthesized = fs.readFileSync(path.join(project, 'cdktf.out', 'stacks', 'basic', 'cdk.tf.json'), 'utf8');
      expect(synthesized).not.toContain(dbPassword);
      const stack = JSON.parse(synthesized) as { resource: Record<string, Record<string, unknown>>; data: Record<string, unknown> };
      expect(Object.keys(stack.resource.keyvault_vault ?? {})).toHaveLength(1);
      expect(Object.keys(stack.resource.keyvault_secret ?? {})).toHaveLength(3);
      expect(Object.keys(stack.resource.keyvault_access_policy ?? {})).toHaveLength(2);
      expect(stack.data.keyvault_client_config).toBeDefined();
    });

    test('cdktf deploy --skip-provider-lock creates the vault, secrets and policies', async () => {
      const outputsFile = path.join(work, 'outputs.json');
      const output = expectSuccess(
        await run(CDKTF, ['deploy', '--skip-provider-lock', '--auto-approve', '--outputs-file', outputsFile], project, env),
        'cdktf deploy',
      );
      expect(output).toMatch(/Apply complete! Resources: 6 added, 0 changed, 0 destroyed/);
      const outputs = JSON.parse(fs.readFileSync(outputsFile, 'utf8')).basic as Record<string, string>;
      expect(outputs.vault_uri).toMatch(/^https:\/\/basic-example\.vault\.localhost:\d+\/?$/);
      expect(outputs.vault_id).toMatch(/\/resourceGroups\/rg-basic-example\/providers\/Microsoft\.KeyVault\/vaults\/basic-example$/);
      for (const [output, name] of [
        ['db_password_id', 'db-password'],
        ['app_config_id', 'app-config'],
        ['api_key_id', 'api-key'],
      ]) {
        expect(outputs[output!]).toBe(`${outputs.vault_uri!.replace(/\/$/, '')}/secrets/${name}`);
      }
    });

    test('the application reads the secrets with @azure/keyvault-secrets, and may not write them', async () => {
      const outputs = JSON.parse(fs.readFileSync(path.join(work, 'outputs.json'), 'utf8')).basic as Record<string, string>;
      const credential = new ClientSecretCredential(emulator.tenantId, app.clientId, app.clientSecret, {
        authorityHost: emulator.url,
        disableInstanceDiscovery: true,
        ...sdkClientOptions(emulator),
      });
      const client = new SecretClient(outputs.vault_uri!, credential, sdkClientOptions(emulator));
      const secret = await client.getSecret('db-password');
      expect(secret.value).toBe(dbPassword);
      expect(secret.properties.contentType).toBe('text/plain');
      const config = await client.getSecret('app-config');
      expect(JSON.parse(config.value!)).toEqual({ featureX: true, pageSize: 50 });
      expect(config.properties.tags).toEqual({ owner: 'platform' });
      const apiKey = await client.getSecret('api-key');
      expect(apiKey.properties.expiresOn?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
      const names: string[] = [];
      for await (const p of client.listPropertiesOfSecrets()) names.push(p.name);
      expect(names.sort()).toEqual(['api-key', 'app-config', 'db-password']);
      await expect(client.setSecret('db-password', 'not-allowed')).rejects.toMatchObject({ statusCode: 403 });
    });

    test("the README's read-secret.js prints the value, with the banner's trust and resolution lines", async () => {
      const outputs = JSON.parse(fs.readFileSync(path.join(work, 'outputs.json'), 'utf8')).basic as Record<string, string>;
      const userEnv: NodeJS.ProcessEnv = {
        ...env,
        NODE_EXTRA_CA_CERTS: emulator.caPath,
        // The preload the emulator's banner prints (built into dist/ by the e2e global setup).
        NODE_OPTIONS: `--require ${path.join(REPO_ROOT, 'dist', 'localhost.cjs')}`,
        VAULT_URI: outputs.vault_uri,
        AZURE_TENANT_ID: emulator.tenantId,
        AZURE_AUTHORITY_HOST: emulator.url,
        APP_CLIENT_ID: app.clientId,
        APP_CLIENT_SECRET: app.clientSecret,
      };
      const output = expectSuccess(await run(process.execPath, ['read-secret.js', 'db-password'], EXAMPLE_DIR, userEnv, 60_000), 'read-secret.js');
      expect(output).toMatch(new RegExp(`^db-password \\(version [0-9a-f]{32}\\) = ${dbPassword}\\n$`));
    });

    test('a second plan has nothing to change', async () => {
      const output = expectSuccess(await run(CDKTF, ['diff', '--skip-provider-lock'], project, env), 'cdktf diff');
      expect(output).toMatch(/No changes/);
    });
  });
}
