'use strict';
/**
 * `terraform apply` of 1 vault + 100 secrets + 2 access policies through the keyvault provider,
 * against a fresh emulator, against a baseline in the same run: `terraform apply` of 100
 * `terraform_data` resources (Terraform's own built-in provider, no network).
 *
 * The provider is installed with its own installProvider() into a throw-away filesystem mirror
 * (TF_CLI_CONFIG_FILE), exactly as users do. The configuration is written from the provider's
 * schema (`terraform providers schema -json`): every attribute the benchmark knows a value for
 * is set, and a required attribute it does not know makes the row "not measured" with the name
 * of the attribute, instead of a failed or invented number. The provider finds the emulator
 * through its documented environment variables (KEYVAULT_EMULATOR_*), filled from the banner.
 * As in azurerm configurations, one of the two policies grants the deployer (the provider's own
 * principal, from the keyvault_client_config data source) what it needs to manage secrets, and
 * the secrets depend on the policies; the other grants an application read access.
 * Each round applies both configurations from an empty state (init is not timed).
 */
const { execFile, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startEmulator, tempDir } = require('../lib/emulator');
const { NotReady, installInto, providerTools } = require('../lib/provider');
const { median } = require('../lib/stats');

const SECRETS = 100;
const POLICIES = 2;
const RESOURCE_TYPES = ['keyvault_vault', 'keyvault_secret', 'keyvault_access_policy'];
/** Every emulator of this figure runs with this tenant (--tenant), so the configuration can name it. */
const TENANT_ID = '5f0c2d7e-8a41-4b3c-9d6e-2f1a0b9c8d7e';
/** The application granted read access by the second policy. */
const APP_OBJECT_ID = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

function terraformAvailable() {
  try {
    return execFileSync('terraform', ['version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    }).split('\n')[0];
  } catch {
    return undefined;
  }
}

function terraform(args, cwd, env) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    execFile('terraform', [...args, '-no-color'], { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 }, (err, stdout, stderr) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (err) reject(new Error(`terraform ${args[0]} failed in ${cwd}:\n${stderr || stdout}`.slice(0, 4000)));
      else resolve({ ms, stdout });
    });
  });
}

/** The KEYVAULT_EMULATOR_* variables for a running emulator, from its banner's export lines. */
function emulatorEnv(emulator) {
  const banner = fs.readFileSync(emulator.logFile, 'utf8');
  const exported = {};
  for (const m of banner.matchAll(/^\s+export (\w+)=(.*)$/gm)) {
    let value = m[2].replace(/^"(.*)"$/, '$1');
    const file = /^\$\(cat '?([^')]+)'?\)$/.exec(value);
    if (file) value = fs.readFileSync(file[1], 'utf8').trim();
    exported[m[1]] = value;
  }
  const env = { KEYVAULT_EMULATOR_ENDPOINT: emulator.url, KEYVAULT_EMULATOR_CA_FILE: emulator.caPath, KEYVAULT_EMULATOR_TENANT_ID: TENANT_ID };
  if (exported.AZURE_CLIENT_ID) env.KEYVAULT_EMULATOR_CLIENT_ID = exported.AZURE_CLIENT_ID;
  if (exported.AZURE_CLIENT_SECRET) env.KEYVAULT_EMULATOR_CLIENT_SECRET = exported.AZURE_CLIENT_SECRET;
  return env;
}

/** Values the benchmark knows for attributes of each resource (HCL expressions). */
function knownValues(tenantId) {
  const vaultRef = 'keyvault_vault.bench.id';
  return {
    keyvault_vault: {
      name: '"benchvault"',
      location: '"westeurope"',
      sku_name: '"standard"',
      tenant_id: JSON.stringify(tenantId),
      resource_group_name: '"bench"',
    },
    keyvault_secret: {
      name: '"s-${count.index}"',
      value: '"value-${count.index}"',
      key_vault_id: vaultRef,
      vault_id: vaultRef,
    },
    keyvault_access_policy: {
      key_vault_id: vaultRef,
      vault_id: vaultRef,
      tenant_id: JSON.stringify(tenantId),
      object_id: `count.index == 0 ? data.keyvault_client_config.current.object_id : "${APP_OBJECT_ID}"`,
      secret_permissions: 'count.index == 0 ? ["Backup", "Delete", "Get", "List", "Purge", "Recover", "Restore", "Set"] : ["Get", "List"]',
    },
  };
}

/** main.tf for the provider run, from the provider's schema; NotReady names what is missing. */
function providerConfig(schema, tools, tenantId) {
  const resources = schema.provider_schemas?.[tools.PROVIDER_SOURCE]?.resource_schemas ?? {};
  const dataSources = schema.provider_schemas?.[tools.PROVIDER_SOURCE]?.data_source_schemas ?? {};
  const missing = [...RESOURCE_TYPES.filter((t) => !resources[t]), ...(dataSources.keyvault_client_config ? [] : ['data source keyvault_client_config'])];
  if (missing.length > 0) throw new NotReady(`provider resources not built yet (no ${missing.join(', ')})`);
  const known = knownValues(tenantId);
  const counts = { keyvault_vault: undefined, keyvault_secret: SECRETS, keyvault_access_policy: POLICIES };
  const blocks = [];
  for (const type of RESOURCE_TYPES) {
    const block = resources[type].block ?? {};
    const lines = [];
    if (counts[type]) lines.push(`  count = ${counts[type]}`);
    for (const [name, attr] of Object.entries(block.attributes ?? {})) {
      if (attr.computed && !attr.optional && !attr.required) continue;
      const value = known[type][name];
      if (value !== undefined) lines.push(`  ${name} = ${value}`);
      else if (attr.required) throw new NotReady(`${type} requires "${name}", which the benchmark does not fill yet`);
    }
    for (const [name, nested] of Object.entries(block.block_types ?? {})) {
      if ((nested.min_items ?? 0) > 0) throw new NotReady(`${type} requires a "${name}" block, which the benchmark does not fill yet`);
    }
    if (type === 'keyvault_secret') lines.push('  depends_on = [keyvault_access_policy.bench]');
    blocks.push(`resource "${type}" "bench" {\n${lines.join('\n')}\n}`);
  }
  return [
    'terraform {',
    `  required_providers {\n    keyvault = {\n      source  = "${tools.PROVIDER_SOURCE}"\n      version = "${tools.PROVIDER_VERSION}"\n    }\n  }`,
    '}',
    'provider "keyvault" {}',
    'data "keyvault_client_config" "current" {}',
    ...blocks,
    '',
  ].join('\n');
}

const BASELINE_TF = `resource "terraform_data" "bench" {\n  count = ${SECRETS}\n  input = "value-\${count.index}"\n}\n`;

async function run(settings, log) {
  const version = terraformAvailable();
  if (!version) throw new NotReady('terraform is not on the PATH');
  const tools = providerTools();
  const dir = tempDir('terraform');
  try {
    const installed = await installInto(path.join(dir, 'terraform'));
    const baseEnv = {
      ...process.env,
      TF_CLI_CONFIG_FILE: installed.cliConfigPath,
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
      XDG_CACHE_HOME: path.join(dir, 'cache'),
      // `node bench/run.js --profile DIR`: the provider processes Terraform launches write CPU profiles too.
      ...(process.env.KV_BENCH_PROFILE_DIR
        ? {
            NODE_OPTIONS: `--require ${path.join(__dirname, '..', 'lib', 'cpu-profile-preload.cjs')}`,
            KV_BENCH_CPU_PROFILE_DIR: path.join(process.env.KV_BENCH_PROFILE_DIR, 'provider'),
          }
        : {}),
    };
    const tfDir = path.join(dir, 'keyvault');
    const baseDir = path.join(dir, 'baseline');
    fs.mkdirSync(tfDir);
    fs.mkdirSync(baseDir);
    // Schema: init a configuration that only requires the provider.
    fs.writeFileSync(
      path.join(tfDir, 'main.tf'),
      `terraform {\n  required_providers {\n    keyvault = {\n      source  = "${tools.PROVIDER_SOURCE}"\n      version = "${tools.PROVIDER_VERSION}"\n    }\n  }\n}\n`,
    );
    await terraform(['init', '-input=false'], tfDir, baseEnv);
    const schema = JSON.parse((await terraform(['providers', 'schema', '-json'], tfDir, baseEnv)).stdout);
    fs.writeFileSync(path.join(tfDir, 'main.tf'), providerConfig(schema, tools, TENANT_ID));
    fs.writeFileSync(path.join(baseDir, 'main.tf'), BASELINE_TF);
    await terraform(['init', '-input=false'], baseDir, baseEnv);

    const applyKeyvault = async (label, extraArgs) => {
      for (const f of ['terraform.tfstate', 'terraform.tfstate.backup']) fs.rmSync(path.join(tfDir, f), { force: true });
      const dataDir = path.join(dir, `emulator-${label}`);
      fs.rmSync(dataDir, { recursive: true, force: true });
      const emulator = await startEmulator({
        dataDir,
        extraArgs: [...(process.env.KV_BENCH_TF_LOG ? [] : ['--quiet']), '--tenant', TENANT_ID, ...extraArgs],
      });
      try {
        return (await terraform(['apply', '-auto-approve', '-input=false'], tfDir, { ...baseEnv, ...emulatorEnv(emulator) })).ms;
      } finally {
        await emulator.stop();
        if (process.env.KV_BENCH_TF_LOG) fs.copyFileSync(emulator.logFile, `${process.env.KV_BENCH_TF_LOG}.${label}`);
      }
    };

    const rounds = [];
    for (let r = 0; r < settings.rounds; r++) {
      for (const f of ['terraform.tfstate', 'terraform.tfstate.backup']) fs.rmSync(path.join(baseDir, f), { force: true });
      const baselineMs = (await terraform(['apply', '-auto-approve', '-input=false'], baseDir, baseEnv)).ms;
      const keyvaultMs = await applyKeyvault(`durable-${r}`, []);
      // The same apply against an --in-memory emulator: how much of the time is durable writes.
      const inMemoryMs = await applyKeyvault(`memory-${r}`, ['--in-memory']);
      log(
        `  round ${r + 1}: keyvault ${(keyvaultMs / 1000).toFixed(2)} s (against --in-memory ${(inMemoryMs / 1000).toFixed(2)} s), ` +
          `terraform_data ${(baselineMs / 1000).toFixed(2)} s`,
      );
      rounds.push({ keyvaultMs, inMemoryMs, baselineMs });
    }
    return {
      terraform: version,
      keyvaultMs: median(rounds.map((x) => x.keyvaultMs)),
      inMemoryMs: median(rounds.map((x) => x.inMemoryMs)),
      baselineMs: median(rounds.map((x) => x.baselineMs)),
      ratio: median(rounds.map((x) => x.keyvaultMs / x.baselineMs)),
      inMemoryRatio: median(rounds.map((x) => x.inMemoryMs / x.baselineMs)),
      rounds,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { run, providerConfig };
