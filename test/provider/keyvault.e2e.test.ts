/**
 * The shipped provider with the real terraform binary against an emulator in
 * strict auth mode (every call the provider makes carries a token it got from
 * the emulator's token endpoint). The provider is installed with the CLI
 * (`keyvault-emulator provider install`), configured only by the lines the
 * emulator prints at start (AZURE_*, NODE_EXTRA_CA_CERTS), and terraform runs
 * with our own CLI config and cache, never the environment's.
 *
 * One configuration, one vault with access policies (the deploying principal
 * granted through data.keyvault_client_config) and secrets, through: apply,
 * an empty plan, drift made outside Terraform, import of every resource type
 * into a fresh state, validation diagnostics, an API error, soft delete and
 * recovery, destroy with and without purge.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { schemaDocument } from '../../provider/main';
import { PROVIDER_SOURCE, PROVIDER_VERSION } from '../../provider/version';
import { runCli } from '../helpers/cli';
import { startTestEmulator, tempDir, type TestEmulator } from '../helpers/emulator';
import { rawRequest } from '../helpers/http';

function terraformVersion(): string | undefined {
  const result = spawnSync('terraform', ['version'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  if (result.error || result.status !== 0) return undefined;
  return /Terraform v(\S+)/.exec(result.stdout)?.[1];
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
const READER = '33333333-3333-4333-8333-333333333333';
const MAIN_VAULT = 'tf-e2e-main';
const KEPT_VAULT = 'tf-e2e-kept';

const version = terraformVersion();

if (!version) {
  console.log('SKIPPED: no terraform on PATH');
  test.skip('keyvault provider with terraform (SKIPPED: no terraform on PATH)', () => {});
} else {
  describe(`keyvault provider with terraform ${version}`, () => {
    let em: TestEmulator;
    let work: string;
    let installDir: string;
    let project: string;
    let importProject: string;
    let tfEnv: NodeJS.ProcessEnv;

    /** Runs terraform without blocking: the emulator answers from this very process. */
    function tf(cwd: string, ...args: string[]): Promise<Run> {
      return new Promise((resolve, reject) => {
        const child = spawn('terraform', [...args, '-no-color'], { cwd, env: tfEnv, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
        child.on('error', reject);
        child.on('close', (status) => {
          clearTimeout(timer);
          resolve({ status, stdout, stderr });
        });
      });
    }

    function ok(result: Run, what = 'terraform'): string {
      if (result.status !== 0) throw new Error(`${what} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
      return result.stdout;
    }

    async function arm(method: string, armPath: string, body?: object) {
      const token = await em.mintToken({ scope: 'https://management.azure.com/.default' });
      return rawRequest(em.ca, { method, url: `${em.url}${armPath}?api-version=2023-07-01`, body, token });
    }

    async function dataPlane(method: string, secretPath: string, body?: object) {
      return rawRequest(em.ca, { method, url: `${em.vaultUrl(MAIN_VAULT)}${secretPath}?api-version=7.4`, body, token: await em.mintToken() });
    }

    const vaultId = (name: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-terraform/providers/Microsoft.KeyVault/vaults/${name}`;

    const HEADER = `terraform {
  required_providers {
    keyvault = {
      source  = "${PROVIDER_SOURCE}"
      version = "${PROVIDER_VERSION}"
    }
  }
}

# Everything comes from the emulator's banner lines in the environment.
provider "keyvault" {}

provider "keyvault" {
  alias                                 = "keep"
  purge_soft_delete_on_destroy          = false
  purge_soft_deleted_secrets_on_destroy = false
}

data "keyvault_client_config" "current" {}
`;

    interface Variant {
      secretName?: string;
      readerPermissions?: string;
      withApi?: boolean;
      withKept?: boolean;
      withDenied?: boolean;
      /** Data sources and outputs (an import-only project leaves them out: new outputs would be a change). */
      withOutputs?: boolean;
    }

    function mainConfig(v: Variant = {}): string {
      const parts = [
        HEADER,
        `resource "keyvault_vault" "main" {
  name                       = "${MAIN_VAULT}"
  location                   = "West Europe"
  resource_group_name        = "rg-terraform"
  tenant_id                  = data.keyvault_client_config.current.tenant_id
  soft_delete_retention_days = 7
  tags                       = { env = "e2e" }
}

resource "keyvault_access_policy" "deployer" {
  key_vault_id       = keyvault_vault.main.id
  tenant_id          = data.keyvault_client_config.current.tenant_id
  object_id          = data.keyvault_client_config.current.object_id
  secret_permissions = ["Get", "List", "Set", "Delete", "Recover", "Purge"]
}

resource "keyvault_access_policy" "reader" {
  key_vault_id       = keyvault_vault.main.id
  tenant_id          = data.keyvault_client_config.current.tenant_id
  object_id          = "${READER}"
  secret_permissions = ${v.readerPermissions ?? '["Get", "List"]'}
}

resource "keyvault_secret" "db" {
  key_vault_id = keyvault_vault.main.id
  name         = "${v.secretName ?? 'db-password'}"
  value        = "s3cr3t-value"
  content_type = "text/plain"
  tags         = { env = "e2e" }
  depends_on   = [keyvault_access_policy.deployer]
}
`,
      ];
      if (v.withOutputs !== false) {
        parts.push(`
data "keyvault_secret" "db" {
  key_vault_id = keyvault_vault.main.id
  name         = keyvault_secret.db.name
  depends_on   = [keyvault_secret.db]
}

output "db_value" {
  value     = data.keyvault_secret.db.value
  sensitive = true
}

output "ids" {
  value = {
    vault    = keyvault_vault.main.id
    deployer = keyvault_access_policy.deployer.id
    db       = keyvault_secret.db.id
  }
}

output "deployer_object_id" {
  value = data.keyvault_client_config.current.object_id
}
`);
      }
      if (v.withApi !== false) {
        parts.push(`
# Destroyed through the "keep" provider: left soft-deleted.
resource "keyvault_secret" "api" {
  provider        = keyvault.keep
  key_vault_id    = keyvault_vault.main.id
  name            = "api-key"
  value           = "k3y"
  expiration_date = "2030-01-01T00:00:00Z"
  depends_on      = [keyvault_access_policy.deployer]
}

data "keyvault_secrets" "all" {
  key_vault_id = keyvault_vault.main.id
  depends_on   = [keyvault_secret.db, keyvault_secret.api]
}

output "secret_names" {
  value = data.keyvault_secrets.all.names
}
`);
      }
      if (v.withKept) {
        parts.push(`
resource "keyvault_vault" "kept" {
  provider            = keyvault.keep
  name                = "${KEPT_VAULT}"
  location            = "westeurope"
  resource_group_name = "rg-terraform"
  tenant_id           = data.keyvault_client_config.current.tenant_id
}
`);
      }
      if (v.withDenied) {
        parts.push(`
# No access policy grants the deployer anything on this vault.
resource "keyvault_secret" "denied" {
  key_vault_id = keyvault_vault.kept.id
  name         = "denied"
  value        = "x"
}
`);
      }
      return parts.join('');
    }

    const write = (dir: string, content: string) => fs.writeFileSync(path.join(dir, 'main.tf'), content);
    /** Terraform wraps diagnostics at 78 columns when not on a terminal. */
    const unwrap = (text: string) => text.replace(/\s*\n[\s│]*/g, ' ');
    const plan = (dir: string) => tf(dir, 'plan', '-detailed-exitcode', '-input=false');
    const apply = (dir: string) => tf(dir, 'apply', '-auto-approve', '-input=false');

    beforeAll(async () => {
      work = tempDir('kv-provider-tf-');
      installDir = path.join(work, 'terraform');
      project = path.join(work, 'project');
      importProject = path.join(work, 'import');
      fs.mkdirSync(project);
      fs.mkdirSync(importProject);
      em = await startTestEmulator('memory', { auth: 'strict' });
      const base: NodeJS.ProcessEnv = {};
      for (const [k, v] of Object.entries(process.env)) {
        if (!/^(TF_|ARM_|AZURE_|KEYVAULT_EMULATOR_)/.test(k) && k !== 'NODE_EXTRA_CA_CERTS') base[k] = v;
      }
      tfEnv = {
        ...base,
        TF_CLI_CONFIG_FILE: path.join(installDir, 'terraformrc'),
        TF_IN_AUTOMATION: '1',
        TF_INPUT: '0',
        CHECKPOINT_DISABLE: '1',
        XDG_CACHE_HOME: path.join(work, 'cache'),
        // The emulator's banner lines, as a user pastes them.
        NODE_EXTRA_CA_CERTS: em.caPath,
        AZURE_TENANT_ID: em.tenantId,
        AZURE_CLIENT_ID: em.devClient.clientId,
        AZURE_CLIENT_SECRET: fs.readFileSync(em.devClient.secretFile, 'utf8').trim(),
        AZURE_AUTHORITY_HOST: em.url,
      };
    });

    afterAll(async () => {
      await em?.cleanup();
      if (work) fs.rmSync(work, { recursive: true, force: true });
    });

    test('`keyvault-emulator provider install` lays out the mirror and prints how to use it', () => {
      const result = runCli(['provider', 'install', '--dir', installDir], { timeoutMs: 120_000 });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`export TF_CLI_CONFIG_FILE=${path.join(installDir, 'terraformrc')}`);
      expect(result.stdout).toContain(`source  = "${PROVIDER_SOURCE}"`);
      expect(result.stdout).toContain(`version = "${PROVIDER_VERSION}"`);
      const config = fs.readFileSync(path.join(installDir, 'terraformrc'), 'utf8');
      expect(config).toContain('filesystem_mirror');
      expect(config).not.toMatch(/\bdirect\b\s*\{/);
    });

    test('init installs the provider from the mirror', async () => {
      write(project, mainConfig());
      expect(ok(await tf(project, 'init', '-input=false'))).toMatch(/Installing keyvault-emulator\/keyvault v0\.1\.0/);
    });

    test('validate: bad values are errors on their attribute', async () => {
      // Two resources nothing else depends on (Terraform skips validating dependents of an invalid resource).
      write(project, mainConfig({ secretName: 'db_password!', readerPermissions: '["Get", "set"]' }));
      try {
        const result = await tf(project, 'validate');
        expect(result.status).toBe(1);
        const stderr = unwrap(result.stderr);
        expect(stderr).toContain('Error: Invalid value for "name" with keyvault_secret.db');
        expect(stderr).toContain('"name" may only contain alphanumeric characters and dashes, got "db_password!"');
        expect(result.stderr).toMatch(/name\s+= "db_password!"/); // Terraform quotes the offending line
        expect(stderr).toContain('Error: Invalid value for "secret_permissions" with keyvault_access_policy.reader');
        expect(stderr).toMatch(/"secret_permissions" must be one of "Backup", "Delete", "Get", "List", "Purge", "Recover", "Restore", "Set", got "set"/);
        expect(result.stderr).toMatch(/secret_permissions = \["Get", "set"\]/);
      } finally {
        write(project, mainConfig());
      }
    });

    test('apply creates the vault, its access policies and secrets; a second plan is empty', async () => {
      const out = ok(await apply(project));
      expect(out).toMatch(/Apply complete! Resources: 5 added, 0 changed, 0 destroyed/);
      expect(out).toMatch(/secret_names = tolist\(\[\s*"api-key",\s*"db-password",\s*\]\)/);
      expect(out).toContain(`deployer_object_id = "${em.devClient.objectId}"`);
      const outputs = JSON.parse(ok(await tf(project, 'output', '-json')));
      expect(outputs.db_value.value).toBe('s3cr3t-value');
      expect(outputs.ids.value.vault).toBe(vaultId(MAIN_VAULT));

      const vault = (await arm('GET', vaultId(MAIN_VAULT))).json;
      expect(vault).toMatchObject({ location: 'westeurope', tags: { env: 'e2e' }, properties: { softDeleteRetentionInDays: 7, enableRbacAuthorization: false } });
      expect(vault.properties.accessPolicies.map((p: { objectId: string }) => p.objectId).sort()).toEqual([READER, em.devClient.objectId].sort());
      expect((await dataPlane('GET', '/secrets/db-password')).json).toMatchObject({ value: 's3cr3t-value', contentType: 'text/plain', tags: { env: 'e2e' } });
      expect((await dataPlane('GET', '/secrets/api-key')).json.attributes.exp).toBe(1893456000);

      expect((await plan(project)).status).toBe(0);
    });

    test('`terraform providers schema -json` matches the document the provider derives from its schemas', async () => {
      const fromTerraform = JSON.parse(ok(await tf(project, 'providers', 'schema', '-json')));
      expect(fromTerraform.provider_schemas[PROVIDER_SOURCE]).toEqual(schemaDocument().provider_schemas[PROVIDER_SOURCE]);
    });

    test('changes made outside Terraform show as drift in the plan; apply puts them back', async () => {
      expect((await dataPlane('PUT', '/secrets/db-password', { value: 'changed-elsewhere', contentType: 'text/plain', tags: { env: 'e2e' } })).status).toBe(200);
      expect((await dataPlane('PATCH', '/secrets/api-key', { tags: { owner: 'someone' } })).status).toBe(200);
      expect((await arm('PATCH', vaultId(MAIN_VAULT), { tags: { env: 'tampered' } })).status).toBe(200);
      expect(
        (await arm('PUT', `${vaultId(MAIN_VAULT)}/accessPolicies/remove`, {
          properties: { accessPolicies: [{ tenantId: em.tenantId, objectId: READER, permissions: { secrets: ['Get', 'List'] } }] },
        })).status,
      ).toBe(200);

      const result = await plan(project);
      expect(result.status).toBe(2);
      expect(result.stdout).toMatch(/# keyvault_vault\.main will be updated in-place[\s\S]*~ tags\s+= \{\s*~ "env" = "tampered" -> "e2e"/);
      expect(result.stdout).toMatch(/# keyvault_access_policy\.reader will be created/);
      expect(result.stdout).toMatch(/# keyvault_secret\.db will be updated in-place[\s\S]*~ value\s+= \(sensitive value\)/);
      expect(result.stdout).toMatch(/# keyvault_secret\.api will be updated in-place[\s\S]*- "owner" = "someone"/);
      expect(result.stdout).not.toContain('changed-elsewhere');
      expect(result.stdout).toMatch(/Plan: 1 to add, 3 to change, 0 to destroy/);

      expect(ok(await apply(project))).toMatch(/Apply complete! Resources: 1 added, 3 changed, 0 destroyed/);
      expect((await dataPlane('GET', '/secrets/db-password')).json.value).toBe('s3cr3t-value');
      expect((await plan(project)).status).toBe(0);
    });

    test('terraform import of each resource type into a fresh state, then an empty plan', async () => {
      const ids = JSON.parse(ok(await tf(project, 'output', '-json'))).ids.value as Record<string, string>;
      write(importProject, mainConfig({ withApi: false, withOutputs: false }));
      ok(await tf(importProject, 'init', '-input=false'));
      for (const [address, id] of [
        ['keyvault_vault.main', ids.vault],
        ['keyvault_access_policy.deployer', ids.deployer],
        ['keyvault_access_policy.reader', `${ids.vault}/objectId/${READER}`],
        ['keyvault_secret.db', ids.db],
      ] as const) {
        expect(ok(await tf(importProject, 'import', '-input=false', address, id), `import ${address}`)).toMatch(/Import successful/);
      }
      const result = await plan(importProject);
      if (result.status !== 0) throw new Error(`plan after import is not empty:\n${result.stdout}\n${result.stderr}`);
    });

    test("an API error is surfaced with Azure's message", async () => {
      write(project, mainConfig({ withKept: true, withDenied: true }));
      const result = await apply(project);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/Error: Failed to apply changes to keyvault_secret/);
      expect(unwrap(result.stderr)).toMatch(
        /Status=403 Code="Forbidden" InnerError="AccessDenied" Message="The user, group or application 'appid=.*' does not have secrets get permission on key vault 'tf-e2e-kept;location=westeurope'/,
      );
      write(project, mainConfig({ withKept: true }));
      expect((await plan(project)).status).toBe(0); // the vault was created; the secret was not
    });

    test('a destroyed secret stays soft-deleted with purging off; creating it again recovers it', async () => {
      write(project, mainConfig({ withKept: true, withApi: false }));
      ok(await apply(project));
      expect((await dataPlane('GET', '/deletedsecrets/api-key')).status).toBe(200);
      write(project, mainConfig({ withKept: true }));
      expect(ok(await apply(project))).toMatch(/Resources: 1 added, 0 changed, 0 destroyed/);
      expect((await dataPlane('GET', '/deletedsecrets/api-key')).status).toBe(404);
      expect((await dataPlane('GET', '/secrets/api-key/versions')).json.value).toHaveLength(2); // the recovered version, then the new one
      expect((await plan(project)).status).toBe(0);
    });

    test('destroy purges the main vault; the vault of the "keep" provider stays soft-deleted', async () => {
      const out = ok(await tf(project, 'destroy', '-auto-approve', '-input=false'));
      expect(out).toMatch(/Destroy complete! Resources: 6 destroyed/);
      const deleted = (name: string) => arm('GET', `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.KeyVault/locations/westeurope/deletedVaults/${name}`);
      expect((await arm('GET', vaultId(MAIN_VAULT))).status).toBe(404);
      expect((await deleted(MAIN_VAULT)).status).toBe(404);
      expect((await deleted(KEPT_VAULT)).status).toBe(200);
    });
  });
}
