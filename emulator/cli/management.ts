/**
 * `keyvault-emulator vault|policy|role …`: manage vaults, access policies and role assignments of
 * a running emulator. Every command calls the emulator's ARM-shaped API over HTTPS — the same
 * code path as @azure/arm-keyvault and the Terraform provider — with a management token minted
 * from the data directory's signing key (so it works in strict mode too).
 */
import { randomUUID } from 'node:crypto';
import { InvalidArgumentError, type Command } from 'commander';
import { CliFailure, emulatorCa, mintWithDataDir, requestEmulator, runCommand, type EmulatorResponse } from './common';
import { DEFAULT_DATA_DIR, DEFAULT_PORT } from '../server';
import { DEFAULT_LOCATION, DEFAULT_RESOURCE_GROUP, DEFAULT_SUBSCRIPTION } from '../ops/vaults';
import { findRole, BUILT_IN_ROLES } from '../authz/roles';
import { SECRET_PERMISSIONS } from '../core/operations';

/** The principal the CLI acts as (management calls are not authorized per principal). */
export const CLI_PRINCIPAL = { oid: '5eb2c6d1-0c1a-4d6e-9f3a-7c2b1a0e9d8f', appid: 'f3c9a1e2-6b5d-4c7a-8e9f-1a2b3c4d5e6f' };
const API_VERSION = '2023-07-01';

interface ConnectionFlags {
  url: string;
  dataDir: string;
  subscription: string;
  token?: string;
  json?: boolean;
}

interface Info {
  tenantId: string;
  scheme: string;
  port: number;
  vaults: Array<{ name: string; resourceGroup: string; subscriptionId: string }>;
}

/** The management API of one running emulator, acting as the CLI's principal. */
export class ManagementClient {
  private info?: Info;
  private token?: string;

  constructor(private readonly flags: ConnectionFlags) {}

  async request(method: string, pathAndQuery: string, body?: unknown, auth = true): Promise<EmulatorResponse> {
    return requestEmulator(this.flags.url, method, pathAndQuery, {
      body,
      token: auth ? await this.bearer() : undefined,
      ca: await emulatorCa(this.flags.url, this.flags.dataDir),
    });
  }

  /** Throws the service's own error text for a non-2xx answer. */
  async call(method: string, pathAndQuery: string, body?: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const res = await this.request(method, pathAndQuery, body);
    if (res.status >= 400) {
      const e = res.json?.error;
      throw new CliFailure(e ? `${e.code}: ${e.message}` : `HTTP ${res.status} from ${method} ${pathAndQuery}`);
    }
    return res.json;
  }

  async emulatorInfo(): Promise<Info> {
    if (!this.info) {
      const res = await this.request('GET', '/_emulator/info', undefined, false);
      if (res.status !== 200) throw new CliFailure(`${this.flags.url} does not look like a keyvault-emulator (GET /_emulator/info → ${res.status}).`);
      this.info = res.json as Info;
    }
    return this.info;
  }

  private async bearer(): Promise<string> {
    if (this.flags.token) return this.flags.token;
    if (!this.token) {
      const info = await this.emulatorInfo();
      this.token = await mintWithDataDir(
        { dataDir: this.flags.dataDir, url: `${info.scheme}://localhost:${info.port}`, tenant: info.tenantId },
        { objectId: CLI_PRINCIPAL.oid, appId: CLI_PRINCIPAL.appid },
        'https://management.azure.com/.default',
        3600,
      );
    }
    return this.token;
  }

  /** ARM id of a vault by name (vault names are unique across the emulator). */
  async vaultId(name: string): Promise<string> {
    const list = await this.call('GET', `/subscriptions/${this.flags.subscription}/providers/Microsoft.KeyVault/vaults?api-version=${API_VERSION}`);
    const vault = (list.value as Array<{ id: string; name: string }>).find((v) => v.name.toLowerCase() === name.toLowerCase());
    if (!vault) throw new CliFailure(`no vault named '${name}' in subscription ${this.flags.subscription}.`);
    return vault.id;
  }
}

// --- flag parsers ----------------------------------------------------------------------------

function parseDays(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) < 7 || Number(v) > 90) throw new InvalidArgumentError(`'${v}': retention is 7 to 90 days.`);
  return Number(v);
}

function collectTag(v: string, prev: Record<string, string> = {}): Record<string, string> {
  const at = v.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`'${v}': tags are NAME=VALUE.`);
  return { ...prev, [v.slice(0, at)]: v.slice(at + 1) };
}

function parseSecretPermissions(v: string): string[] {
  const list = v.split(',').map((p) => p.trim()).filter(Boolean);
  const known = new Set([...SECRET_PERMISSIONS, 'all']);
  const bad = list.filter((p) => !known.has(p.toLowerCase()));
  if (bad.length || list.length === 0) {
    throw new InvalidArgumentError(`'${v}': secret permissions are a comma list of ${[...SECRET_PERMISSIONS, 'all'].join(', ')}.`);
  }
  return list;
}

function parseGuid(v: string): string {
  if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(v) && v !== '*') {
    throw new InvalidArgumentError(`'${v}' is not a GUID.`);
  }
  return v;
}

function parseRole(v: string): string {
  const role = findRole(v);
  if (!role) throw new InvalidArgumentError(`'${v}' is not a built-in Key Vault role (${BUILT_IN_ROLES.map((r) => r.name).join(', ')}).`);
  return role.id;
}

function connectionOptions(cmd: Command): Command {
  return cmd
    .option('--url <url>', 'the running emulator', `https://localhost:${DEFAULT_PORT}`)
    .option('-d, --data-dir <dir>', "the emulator's data directory (CA and signing key)", DEFAULT_DATA_DIR)
    .option('--subscription <id>', 'subscription id', DEFAULT_SUBSCRIPTION)
    .option('--token <jwt>', 'use this management token instead of minting one from the data directory')
    .option('--json', 'print the JSON the API answered');
}

type Action = (client: ManagementClient, flags: ConnectionFlags & Record<string, any>, ...args: string[]) => Promise<void>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Runs a command body with a client; API errors become one line on stderr and exit code 1. */
function run(action: Action) {
  return async (...argv: unknown[]) => {
    const cmd = argv[argv.length - 1] as Command;
    const flags = cmd.opts() as ConnectionFlags & Record<string, unknown>;
    const args = argv.slice(0, -2) as string[];
    await runCommand(() => action(new ManagementClient(flags), flags, ...args));
  };
}

function print(flags: { json?: boolean }, json: unknown, human: () => string): void {
  process.stdout.write(flags.json ? `${JSON.stringify(json, null, 2)}\n` : `${human()}\n`);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function vaultLine(v: any): string[] {
  const p = v.properties;
  return [
    v.name,
    v.id.split('/')[4],
    v.location,
    p.enableRbacAuthorization ? 'rbac' : `policies(${p.accessPolicies.length})`,
    p.enableSoftDelete ? `${p.softDeleteRetentionInDays}d${p.enablePurgeProtection ? '+purge-protection' : ''}` : 'off',
    p.vaultUri,
  ];
}

export function registerManagement(program: Command): void {
  const vault = program.command('vault').description('create and manage vaults (through the ARM-shaped API)');

  connectionOptions(
    vault
      .command('create <name>')
      .description('create a vault')
      .option('-g, --resource-group <rg>', 'resource group', DEFAULT_RESOURCE_GROUP)
      .option('-l, --location <location>', 'location', DEFAULT_LOCATION)
      .option('--sku <sku>', 'standard or premium', 'standard')
      .option('--retention-days <days>', 'soft-delete retention, 7-90 (default 90)', parseDays)
      .option('--purge-protection', 'turn purge protection on (irreversible)')
      .option('--no-soft-delete', 'legacy vault without soft delete (deletes are permanent)')
      .option('--rbac', 'use Azure RBAC instead of access policies')
      .option('--tag <name=value>', 'tag (repeatable)', collectTag),
  ).action(
    run(async (client, f, name) => {
      const info = await client.emulatorInfo();
      const body = {
        location: f.location,
        tags: f.tag ?? {},
        properties: {
          tenantId: info.tenantId,
          sku: { family: 'A', name: f.sku },
          accessPolicies: [],
          enableRbacAuthorization: Boolean(f.rbac),
          enableSoftDelete: f.softDelete !== false,
          ...(f.retentionDays ? { softDeleteRetentionInDays: f.retentionDays } : {}),
          ...(f.purgeProtection ? { enablePurgeProtection: true } : {}),
        },
      };
      const existing = await client.request('GET', `/subscriptions/${f.subscription}/resourceGroups/${f.resourceGroup}/providers/Microsoft.KeyVault/vaults/${name}?api-version=${API_VERSION}`);
      if (existing.status === 200) throw new CliFailure(`vault '${name}' already exists (use 'vault update').`);
      const v = await client.call('PUT', `/subscriptions/${f.subscription}/resourceGroups/${f.resourceGroup}/providers/Microsoft.KeyVault/vaults/${name}?api-version=${API_VERSION}`, body);
      print(f, v, () =>
        [
          `Created vault '${v.name}': ${v.properties.vaultUri}`,
          f.rbac
            ? `It uses RBAC and has no role assignments yet: keyvault-emulator role assign ${v.name} --role "Key Vault Secrets Officer" --principal <object-id>`
            : `It has no access policies yet: keyvault-emulator policy add ${v.name} --object-id <object-id> --secret-permissions all`,
        ].join('\n'),
      );
    }),
  );

  connectionOptions(vault.command('list').description('list vaults').option('-g, --resource-group <rg>', 'only this resource group')).action(
    run(async (client, f) => {
      const path = f.resourceGroup
        ? `/subscriptions/${f.subscription}/resourceGroups/${f.resourceGroup}/providers/Microsoft.KeyVault/vaults?api-version=${API_VERSION}`
        : `/subscriptions/${f.subscription}/providers/Microsoft.KeyVault/vaults?api-version=${API_VERSION}`;
      const list = await client.call('GET', path);
      print(f, list.value, () => table([['NAME', 'RESOURCE GROUP', 'LOCATION', 'ACCESS', 'SOFT DELETE', 'URI'], ...list.value.map(vaultLine)]));
    }),
  );

  connectionOptions(vault.command('show <name>').description('show a vault')).action(
    run(async (client, f, name) => {
      const v = await client.call('GET', `${await client.vaultId(name)}?api-version=${API_VERSION}`);
      print(f, v, () => {
        const p = v.properties;
        return [
          `name:            ${v.name}`,
          `id:              ${v.id}`,
          `uri:             ${p.vaultUri}`,
          `location:        ${v.location}`,
          `tenant:          ${p.tenantId}`,
          `sku:             ${p.sku.name}`,
          `soft delete:     ${p.enableSoftDelete ? `${p.softDeleteRetentionInDays} days` : 'off'}`,
          `purge protect.:  ${p.enablePurgeProtection ? 'on' : 'off'}`,
          `authorization:   ${p.enableRbacAuthorization ? 'Azure RBAC' : 'access policies'}`,
          `tags:            ${JSON.stringify(v.tags)}`,
          ...p.accessPolicies.map(
            (a: any, i: number) => `policy ${i + 1}:        object ${a.objectId}${a.applicationId ? ` app ${a.applicationId}` : ''} tenant ${a.tenantId}: secrets ${(a.permissions.secrets ?? []).join(',') || '-'}`, // eslint-disable-line @typescript-eslint/no-explicit-any
          ),
        ].join('\n');
      });
    }),
  );

  connectionOptions(
    vault
      .command('update <name>')
      .description('change vault settings Azure lets you change')
      .option('--purge-protection', 'turn purge protection on (irreversible)')
      .option('--rbac', 'switch to Azure RBAC')
      .option('--access-policies', 'switch back to access policies')
      .option('--public-network-access <Enabled|Disabled>', 'public network access')
      .option('--tag <name=value>', 'replace the tags with these (repeatable)', collectTag),
  ).action(
    run(async (client, f, name) => {
      const properties: Record<string, unknown> = {};
      if (f.purgeProtection) properties.enablePurgeProtection = true;
      if (f.rbac) properties.enableRbacAuthorization = true;
      if (f.accessPolicies) properties.enableRbacAuthorization = false;
      if (f.publicNetworkAccess) properties.publicNetworkAccess = f.publicNetworkAccess;
      const body: Record<string, unknown> = { properties };
      if (f.tag) body.tags = f.tag;
      const v = await client.call('PATCH', `${await client.vaultId(name)}?api-version=${API_VERSION}`, body);
      print(f, v, () => `Updated vault '${v.name}'.`);
    }),
  );

  connectionOptions(vault.command('delete <name>').description('delete a vault (soft delete keeps it recoverable)')).action(
    run(async (client, f, name) => {
      const id = await client.vaultId(name);
      await client.call('DELETE', `${id}?api-version=${API_VERSION}`);
      print(f, { deleted: id }, () => `Deleted vault '${name}'. Recover it with: keyvault-emulator vault recover ${name}`);
    }),
  );

  connectionOptions(
    vault
      .command('recover <name>')
      .description('recover a deleted vault with its secrets')
      .option('-g, --resource-group <rg>', 'resource group to recover into (default: where it was)'),
  ).action(
    run(async (client, f, name) => {
      const deleted = await deletedVault(client, f.subscription, name);
      const rg = f.resourceGroup ?? deleted.properties.vaultId.split('/')[4];
      const info = await client.emulatorInfo();
      const v = await client.call('PUT', `/subscriptions/${f.subscription}/resourceGroups/${rg}/providers/Microsoft.KeyVault/vaults/${name}?api-version=${API_VERSION}`, {
        location: deleted.properties.location,
        properties: { tenantId: info.tenantId, sku: { family: 'A', name: 'standard' }, createMode: 'recover' },
      });
      print(f, v, () => `Recovered vault '${v.name}': ${v.properties.vaultUri}`);
    }),
  );

  connectionOptions(vault.command('purge <name>').description('permanently delete a deleted vault and its secrets')).action(
    run(async (client, f, name) => {
      const deleted = await deletedVault(client, f.subscription, name);
      await client.call('POST', `/subscriptions/${f.subscription}/providers/Microsoft.KeyVault/locations/${deleted.properties.location}/deletedVaults/${name}/purge?api-version=${API_VERSION}`);
      print(f, { purged: name }, () => `Purged vault '${name}'.`);
    }),
  );

  const policy = program.command('policy').description('access policies of a vault');
  connectionOptions(
    policy
      .command('add <vault>')
      .description('grant secret permissions to a principal (merged into its existing entry)')
      .requiredOption('--object-id <oid>', 'object id of the principal ("*" = everyone: emulator extension)', parseGuid)
      .requiredOption('--secret-permissions <list>', `comma list: ${[...SECRET_PERMISSIONS, 'all'].join(',')}`, parseSecretPermissions)
      .option('--application-id <appid>', 'compound identity: only when acting through this application', parseGuid)
      .option('--tenant-id <tid>', "tenant of the principal (default: the emulator's)"),
  ).action(
    run(async (client, f, vaultName) => {
      const info = await client.emulatorInfo();
      const entry = {
        tenantId: f.tenantId ?? info.tenantId,
        objectId: f.objectId,
        ...(f.applicationId ? { applicationId: f.applicationId } : {}),
        permissions: { secrets: f.secretPermissions },
      };
      const res = await client.call('PUT', `${await client.vaultId(vaultName)}/accessPolicies/add?api-version=${API_VERSION}`, { properties: { accessPolicies: [entry] } });
      print(f, res, () => `Granted secrets ${f.secretPermissions.join(',')} on '${vaultName}' to ${f.objectId}.`);
    }),
  );

  connectionOptions(
    policy
      .command('remove <vault>')
      .description("remove a principal's access-policy entry")
      .requiredOption('--object-id <oid>', 'object id of the principal', parseGuid)
      .option('--application-id <appid>', 'the compound identity to remove', parseGuid),
  ).action(
    run(async (client, f, vaultName) => {
      const id = await client.vaultId(vaultName);
      const v = await client.call('GET', `${id}?api-version=${API_VERSION}`);
      // Send the entry exactly as stored: ARM matches removed permissions case-sensitively.
      const entry = (v.properties.accessPolicies as Array<{ objectId: string; applicationId?: string }>).find(
        (a) => a.objectId.toLowerCase() === f.objectId.toLowerCase() && (a.applicationId ?? '').toLowerCase() === (f.applicationId ?? '').toLowerCase(),
      );
      if (!entry) throw new CliFailure(`vault '${vaultName}' has no access policy for ${f.objectId}${f.applicationId ? ` with application ${f.applicationId}` : ''}.`);
      const res = await client.call('PUT', `${id}/accessPolicies/remove?api-version=${API_VERSION}`, { properties: { accessPolicies: [entry] } });
      print(f, res, () => `Removed the access policy of ${f.objectId} from '${vaultName}'.`);
    }),
  );

  connectionOptions(policy.command('list <vault>').description('list the access policies of a vault')).action(
    run(async (client, f, vaultName) => {
      const v = await client.call('GET', `${await client.vaultId(vaultName)}?api-version=${API_VERSION}`);
      const rows = (v.properties.accessPolicies as any[]).map((a) => [a.objectId, a.applicationId ?? '', a.tenantId, (a.permissions.secrets ?? []).join(',')]); // eslint-disable-line @typescript-eslint/no-explicit-any
      print(f, v.properties.accessPolicies, () => table([['OBJECT ID', 'APPLICATION ID', 'TENANT', 'SECRET PERMISSIONS'], ...rows]));
    }),
  );

  const role = program.command('role').description('Azure RBAC role assignments on a vault (for vaults with --rbac)');
  connectionOptions(
    role
      .command('assign <vault>')
      .description('assign a built-in role to a principal, on the vault or on one secret')
      .requiredOption('--role <name-or-id>', 'e.g. "Key Vault Secrets User", "Key Vault Secrets Officer"', parseRole)
      .requiredOption('--principal <oid>', 'object id of the principal', parseGuid)
      .option('--secret <name>', 'scope the assignment to one secret'),
  ).action(
    run(async (client, f, vaultName) => {
      const scope = (await client.vaultId(vaultName)) + (f.secret ? `/secrets/${f.secret}` : '');
      const id = randomUUID();
      const res = await client.call('PUT', `${scope}/providers/Microsoft.Authorization/roleAssignments/${id}?api-version=2022-04-01`, {
        properties: { roleDefinitionId: `/subscriptions/${f.subscription}/providers/Microsoft.Authorization/roleDefinitions/${f.role}`, principalId: f.principal },
      });
      print(f, res, () => `Assigned '${findRole(f.role)!.name}' to ${f.principal} on ${f.secret ? `secret '${f.secret}' of ` : ''}'${vaultName}' (assignment ${id}).`);
    }),
  );

  connectionOptions(role.command('list <vault>').description('list the role assignments of a vault')).action(
    run(async (client, f, vaultName) => {
      const res = await client.call('GET', `${await client.vaultId(vaultName)}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01`);
      const rows = (res.value as any[]).map((a) => [ // eslint-disable-line @typescript-eslint/no-explicit-any
        a.name,
        findRole(a.properties.roleDefinitionId)?.name ?? a.properties.roleDefinitionId,
        a.properties.principalId,
        a.properties.scope.includes('/secrets/') ? `secret ${a.properties.scope.split('/secrets/')[1]}` : 'vault',
      ]);
      print(f, res.value, () => table([['ASSIGNMENT', 'ROLE', 'PRINCIPAL', 'SCOPE'], ...rows]));
    }),
  );

  connectionOptions(role.command('remove <vault> <assignment>').description('remove a role assignment').option('--secret <name>', 'the assignment is on this secret')).action(
    run(async (client, f, vaultName, assignment) => {
      const scope = (await client.vaultId(vaultName)) + (f.secret ? `/secrets/${f.secret}` : '');
      const res = await client.request('DELETE', `${scope}/providers/Microsoft.Authorization/roleAssignments/${assignment}?api-version=2022-04-01`);
      if (res.status === 204) throw new CliFailure(`no role assignment '${assignment}' on '${vaultName}'${f.secret ? ` secret '${f.secret}'` : ''}.`);
      if (res.status >= 400) throw new CliFailure(`${res.json?.error?.code}: ${res.json?.error?.message}`);
      print(f, res.json, () => `Removed role assignment ${assignment}.`);
    }),
  );
}

async function deletedVault(client: ManagementClient, subscription: string, name: string) {
  const list = await client.call('GET', `/subscriptions/${subscription}/providers/Microsoft.KeyVault/deletedVaults?api-version=${API_VERSION}`);
  const found = (list.value as Array<{ name: string; properties: { location: string; vaultId: string } }>).find(
    (d) => d.name.toLowerCase() === name.toLowerCase(),
  );
  if (!found) throw new CliFailure(`no deleted vault named '${name}'.`);
  return found;
}
