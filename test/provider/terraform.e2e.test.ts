/**
 * End to end with the real terraform binary: the provider (with the test
 * fixtures) is installed into a temporary filesystem mirror, and terraform
 * runs init / apply / plan -detailed-exitcode / import / destroy against it
 * using a CLI config written here (never the environment's own).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { providerSchemaDocument } from '../../provider/framework/schema-document';
import { createKeyvaultProvider } from '../../provider/keyvault-provider';
import type { InstalledProvider } from '../../provider/install';
import { PROVIDER_SOURCE, PROVIDER_VERSION } from '../../provider/version';
import { fixtureRegistry } from './fixtures/main';
import { installFixtureProvider, tempDir } from './helpers';

jest.setTimeout(180_000);

function terraformVersion(): string | undefined {
  const result = spawnSync('terraform', ['version'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  if (result.error || result.status !== 0) return undefined;
  return /Terraform v(\S+)/.exec(result.stdout)?.[1];
}

const version = terraformVersion();

if (!version) {
  console.log('SKIPPED: no terraform on PATH');
  test.skip('terraform end-to-end (SKIPPED: no terraform on PATH)', () => {});
} else {
  describe(`terraform ${version} end to end`, () => {
    let work: string;
    let installed: InstalledProvider;
    let project: string;
    let objectFile: string;

    const env = (): NodeJS.ProcessEnv => {
      const e: NodeJS.ProcessEnv = {
        ...process.env,
        TF_CLI_CONFIG_FILE: installed.cliConfigPath,
        TF_IN_AUTOMATION: '1',
        TF_INPUT: '0',
        CHECKPOINT_DISABLE: '1', // no version check over the network
        XDG_CACHE_HOME: path.join(work, 'cache'),
      };
      delete e.TF_LOG;
      delete e.TF_PLUGIN_CACHE_DIR;
      delete e.TF_REATTACH_PROVIDERS;
      return e;
    };

    function tf(...args: string[]): { status: number | null; stdout: string; stderr: string } {
      const result = spawnSync('terraform', [...args, '-no-color'], { cwd: project, env: env(), encoding: 'utf8', timeout: 120_000 });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    }

    function expectOk(result: { status: number | null; stdout: string; stderr: string }): string {
      if (result.status !== 0) throw new Error(`terraform failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
      return result.stdout;
    }

    function writeConfig(content: string, extra = ''): void {
      fs.writeFileSync(
        path.join(project, 'main.tf'),
        `terraform {
  required_providers {
    keyvault = {
      source  = "${PROVIDER_SOURCE}"
      version = "${PROVIDER_VERSION}"
    }
  }
}

provider "keyvault" {
  endpoint = "http://127.0.0.1:1"
}

resource "keyvault_fixture_file" "a" {
  path    = ${JSON.stringify(objectFile)}
  content = ${JSON.stringify(content)}
  secret  = "s3cr3t"
  tags    = { env = "e2e" }
}

data "keyvault_fixture_file" "a" {
  path = keyvault_fixture_file.a.path
}

output "revision" {
  value = keyvault_fixture_file.a.revision
}

output "read_back" {
  value = data.keyvault_fixture_file.a.content
}
${extra}`,
      );
    }

    beforeAll(async () => {
      work = tempDir('terraform');
      installed = await installFixtureProvider(work);
      project = path.join(work, 'project');
      fs.mkdirSync(project);
      objectFile = path.join(work, 'objects', 'a.json');
    });

    afterAll(() => {
      fs.rmSync(work, { recursive: true, force: true });
    });

    test('the CLI config uses only the filesystem mirror', () => {
      const config = fs.readFileSync(installed.cliConfigPath, 'utf8');
      expect(config).toContain('filesystem_mirror');
      expect(config).not.toMatch(/\bdirect\b\s*\{/);
    });

    test('init installs the provider from the mirror and locks its hash', () => {
      writeConfig('hello');
      const out = expectOk(tf('init', '-input=false'));
      expect(out).toMatch(/Installing keyvault-emulator\/keyvault v0\.1\.0/);
      const lock = fs.readFileSync(path.join(project, '.terraform.lock.hcl'), 'utf8');
      expect(lock).toContain(`provider "${PROVIDER_SOURCE}"`);
      expect(lock).toMatch(/"h1:[A-Za-z0-9+/=]+"/);
    });

    test('validate reports a bad value on its attribute', () => {
      writeConfig('');
      const result = tf('validate');
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('Invalid value for "content"');
      expect(result.stderr).toContain('must be between 1 and 200 characters long');
      expect(result.stderr).toMatch(/content = ""/); // Terraform quotes the offending line
    });

    test('apply creates the object; a second plan is empty (exit code 0)', () => {
      writeConfig('hello');
      const out = expectOk(tf('apply', '-auto-approve', '-input=false'));
      expect(out).toMatch(/Apply complete! Resources: 1 added, 0 changed, 0 destroyed/);
      expect(out).toMatch(/revision = 1/);
      expect(out).toMatch(/read_back = "hello"/);
      expect(JSON.parse(fs.readFileSync(objectFile, 'utf8'))).toMatchObject({ content: 'hello', revision: 1 });
      const shown = expectOk(tf('show'));
      expect(shown).toMatch(/secret\s+= \(sensitive value\)/);
      expect(shown).not.toContain('s3cr3t');
      expect(tf('plan', '-detailed-exitcode', '-input=false').status).toBe(0);
    });

    test('an in-place update keeps created_at and bumps the revision', () => {
      const before = JSON.parse(fs.readFileSync(objectFile, 'utf8'));
      writeConfig('hello again');
      const plan = tf('plan', '-detailed-exitcode', '-input=false');
      expect(plan.status).toBe(2);
      expect(plan.stdout).toMatch(/~ update in-place/);
      expect(plan.stdout).not.toContain('s3cr3t');
      const out = expectOk(tf('apply', '-auto-approve', '-input=false'));
      expect(out).toMatch(/0 added, 1 changed, 0 destroyed/);
      expect(out).toMatch(/revision = 2/);
      const after = JSON.parse(fs.readFileSync(objectFile, 'utf8'));
      expect(after.created_at).toBe(before.created_at);
      expect(tf('plan', '-detailed-exitcode', '-input=false').status).toBe(0);
    });

    test('drift made outside terraform is detected by refresh', () => {
      const stored = JSON.parse(fs.readFileSync(objectFile, 'utf8'));
      fs.writeFileSync(objectFile, JSON.stringify({ ...stored, content: 'changed behind its back' }));
      const plan = tf('plan', '-detailed-exitcode', '-input=false');
      expect(plan.status).toBe(2);
      expect(plan.stdout).toMatch(/"changed behind its back" -> "hello again"/);
      expectOk(tf('apply', '-auto-approve', '-input=false'));
      expect(tf('plan', '-detailed-exitcode', '-input=false').status).toBe(0);
    });

    test('import brings an existing object back under management', () => {
      expectOk(tf('state', 'rm', 'keyvault_fixture_file.a'));
      const out = expectOk(tf('import', '-input=false', 'keyvault_fixture_file.a', objectFile));
      expect(out).toMatch(/Import successful/);
      expect(tf('plan', '-detailed-exitcode', '-input=false').status).toBe(0);
    });

    test('changing a force-new attribute plans a replacement', () => {
      const moved = objectFile.replace(/a\.json$/, 'b.json');
      const config = fs.readFileSync(path.join(project, 'main.tf'), 'utf8');
      fs.writeFileSync(path.join(project, 'main.tf'), config.replace(JSON.stringify(objectFile), JSON.stringify(moved)));
      const plan = tf('plan', '-detailed-exitcode', '-input=false');
      expect(plan.status).toBe(2);
      expect(plan.stdout).toMatch(/must be replaced/);
      expect(plan.stdout).toMatch(/# forces replacement/);
      fs.writeFileSync(path.join(project, 'main.tf'), config);
    });

    test('`terraform providers schema -json` matches the document the provider derives from its schemas', () => {
      const out = expectOk(tf('providers', 'schema', '-json'));
      const fromTerraform = JSON.parse(out);
      const ours = providerSchemaDocument(createKeyvaultProvider(fixtureRegistry), PROVIDER_SOURCE);
      expect(fromTerraform.format_version).toBe('1.0');
      expect(fromTerraform.provider_schemas[PROVIDER_SOURCE]).toEqual(ours.provider_schemas[PROVIDER_SOURCE]);
    });

    test('destroy removes the object', () => {
      const out = expectOk(tf('destroy', '-auto-approve', '-input=false'));
      expect(out).toMatch(/Destroy complete! Resources: 1 destroyed/);
      expect(fs.existsSync(objectFile)).toBe(false);
      expect(tf('plan', '-detailed-exitcode', '-input=false').status).toBe(2);
    });
  });
}
