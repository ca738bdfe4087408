/**
 * The ARM-shaped management API (reference management-plane-and-identity.md §2): vaults,
 * resource groups, deleted vaults, access policies, role assignments — enough for
 * `@azure/arm-keyvault`, our Terraform provider and the CLI. Paths are matched like ARM does:
 * fixed segments case-insensitively, any api-version accepted (but required).
 */
import express, { type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { ArmErrors, ServiceError, Errors } from '../core/errors';
import { BUILT_IN_ROLES } from '../authz/roles';
import { authenticate, managementChallenge, type Principal } from '../http/auth';
import type { EmulatorContext } from '../http/context';
import { readJsonBody } from '../http/body';
import { parseHost } from '../http/site';
import { sendError, sendJson } from '../http/respond';
import {
  checkNameAvailability,
  deleteRoleAssignment,
  deleteVault,
  findDeletedVault,
  findVault,
  listDeletedVaults,
  listVaults,
  normaliseLocation,
  patchVault,
  purgeDeletedVault,
  putRoleAssignment,
  putVault,
  updateAccessPolicies,
  vaultArmId,
  DEFAULT_SUBSCRIPTION,
  type AccessPolicyUpdateKind,
} from '../ops/vaults';
import type { VaultRecord } from '../store/types';
import {
  parseAccessPolicies,
  parseRoleAssignmentBody,
  parseVaultPatch,
  parseVaultPut,
  renderAccessPolicy,
  renderDeletedVault,
  renderGenericResource,
  renderRoleAssignment,
  renderRoleDefinition,
  renderVault,
} from './models';

/** What the audit log needs to know about a management call (set on `res.locals.armFacts`). */
export interface ArmFacts {
  operationName: string;
  principal?: Principal;
  apiVersion?: string;
  /** ARM id of the vault concerned, when there is one. */
  vaultId?: string;
  vaultName?: string;
  /** Error code of a failed call (audit `resultDescription`). */
  errorCode?: string;
}

interface Call {
  req: Request;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  now: number;
  origin: string;
}

interface Outcome {
  status: number;
  body?: unknown;
  /** The vault set changed: listeners must follow. */
  vaultsChanged?: boolean;
  vaultId?: string;
  vaultName?: string;
}

type Handler = (call: Call) => Promise<Outcome> | Outcome;

interface Route {
  segments: string[];
  methods: Partial<Record<string, { operation: string; handle: Handler }>>;
}

const VAULT = ['subscriptions', '{sub}', 'resourceGroups', '{rg}', 'providers', 'Microsoft.KeyVault', 'vaults', '{name}'];
const KV_PROVIDER = ['subscriptions', '{sub}', 'providers', 'Microsoft.KeyVault'];

function match(route: string[], segments: string[]): Record<string, string> | undefined {
  if (route.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < route.length; i++) {
    const r = route[i];
    if (r.startsWith('{')) {
      if (!segments[i]) return undefined;
      params[r.slice(1, -1)] = segments[i];
    } else if (r.toLowerCase() !== segments[i].toLowerCase()) {
      return undefined;
    }
  }
  return params;
}

function page<T>(items: T[], call: Call, render: (item: T) => unknown): { value: unknown[]; nextLink?: string } {
  const top = call.query.get('$top');
  const size = top && /^\d+$/.test(top) && Number(top) > 0 ? Math.min(Number(top), 1000) : 1000;
  const skip = Number(call.query.get('$skiptoken') ?? '0');
  const start = Number.isInteger(skip) && skip > 0 ? skip : 0;
  const slice = items.slice(start, start + size);
  const result: { value: unknown[]; nextLink?: string } = { value: slice.map(render) };
  if (start + size < items.length) {
    const next = new URLSearchParams(call.query);
    next.set('$skiptoken', String(start + size));
    result.nextLink = `${call.origin}${call.req.path}?${next.toString()}`;
  }
  return result;
}

export function createArmRouter(ctx: EmulatorContext): express.Router {
  const router = express.Router();
  /**
   * `vaultUri` names the vault on the port the client reached the main listener through (behind a
   * port mapping such as Docker's `-p 9443:8443` that is not the port the emulator listens on).
   */
  const render = (v: VaultRecord, call: Call) => {
    const onMain = call.req.socket.localPort === ctx.mainPort();
    const port = (onMain ? parseHost(call.req.headers.host)?.port : undefined) ?? ctx.mainPort();
    return renderVault(v, { vaultUri: (name) => `${ctx.scheme}://${name.toLowerCase()}.vault.localhost:${port}/` });
  };

  const routes: Route[] = [
    {
      segments: ['subscriptions'],
      methods: {
        GET: {
          operation: 'SubscriptionList',
          handle: (call) => {
            const ids = new Set([DEFAULT_SUBSCRIPTION, ...Object.values(ctx.store.data.vaults).map((v) => v.properties.subscriptionId)]);
            return { status: 200, body: page([...ids], call, (id) => subscriptionJson(id)) };
          },
        },
      },
    },
    {
      segments: ['subscriptions', '{sub}'],
      methods: { GET: { operation: 'SubscriptionGet', handle: (call) => ({ status: 200, body: subscriptionJson(call.params.sub) }) } },
    },
    {
      segments: ['subscriptions', '{sub}', 'resourcegroups'],
      methods: {
        GET: {
          operation: 'ResourceGroupList',
          handle: (call) => {
            const groups = Object.values(ctx.store.data.resourceGroups).filter((g) => same(g.subscriptionId, call.params.sub));
            return { status: 200, body: page(groups, call, (g) => resourceGroupJson(g.subscriptionId, g.name, g.location, g.tags)) };
          },
        },
      },
    },
    {
      segments: ['subscriptions', '{sub}', 'resourcegroups', '{rg}'],
      methods: {
        PUT: {
          operation: 'ResourceGroupPut',
          handle: async (call) => {
            const body = (call.body ?? {}) as { location?: unknown; tags?: unknown };
            if (typeof body.location !== 'string' || !body.location) throw ArmErrors.locationRequired();
            const key = `${call.params.sub}/${call.params.rg}`.toLowerCase();
            const existed = Boolean(ctx.store.data.resourceGroups[key]);
            const tags = body.tags && typeof body.tags === 'object' ? (body.tags as Record<string, string>) : {};
            const group = await ctx.store.update((data) => {
              const g = data.resourceGroups[key] ?? { subscriptionId: call.params.sub, name: call.params.rg, location: normaliseLocation(body.location as string), tags: {}, createdAt: call.now };
              g.tags = tags;
              data.resourceGroups[key] = g;
              return g;
            });
            return { status: existed ? 200 : 201, body: resourceGroupJson(group.subscriptionId, group.name, group.location, group.tags) };
          },
        },
        GET: { operation: 'ResourceGroupGet', handle: (call) => ({ status: 200, body: resourceGroupOr404(call) }) },
        HEAD: {
          operation: 'ResourceGroupHead',
          handle: (call) => ({ status: ctx.store.data.resourceGroups[`${call.params.sub}/${call.params.rg}`.toLowerCase()] ? 204 : 404 }),
        },
        DELETE: {
          operation: 'ResourceGroupDelete',
          handle: async (call) => {
            const key = `${call.params.sub}/${call.params.rg}`.toLowerCase();
            if (!ctx.store.data.resourceGroups[key]) return { status: 204 };
            // Like Azure, deleting a group deletes what is in it (vaults are soft-deleted).
            for (const vault of listVaults(ctx.store.data, call.params.sub, call.params.rg)) {
              await deleteVault(ctx.store, call.params.sub, call.params.rg, vault.name, call.now);
            }
            await ctx.store.update((data) => {
              delete data.resourceGroups[key];
            });
            return { status: 200, vaultsChanged: true };
          },
        },
      },
    },
    {
      segments: ['subscriptions', '{sub}', 'resources'],
      methods: {
        GET: {
          operation: 'ResourceList',
          handle: (call) => {
            const filter = call.query.get('$filter') ?? '';
            const type = /resourceType\s+eq\s+'([^']+)'/i.exec(filter)?.[1];
            const vaults = !type || type.toLowerCase() === 'microsoft.keyvault/vaults' ? listVaults(ctx.store.data, call.params.sub) : [];
            return { status: 200, body: page(vaults, call, renderGenericResource) };
          },
        },
      },
    },
    {
      segments: [...KV_PROVIDER, 'vaults'],
      methods: { GET: { operation: 'VaultList', handle: (call) => ({ status: 200, body: page(listVaults(ctx.store.data, call.params.sub), call, (v) => render(v, call)) }) } },
    },
    {
      segments: ['subscriptions', '{sub}', 'resourceGroups', '{rg}', 'providers', 'Microsoft.KeyVault', 'vaults'],
      methods: {
        GET: {
          operation: 'VaultList',
          handle: (call) => ({ status: 200, body: page(listVaults(ctx.store.data, call.params.sub, call.params.rg), call, (v) => render(v, call)) }),
        },
      },
    },
    {
      segments: VAULT,
      methods: {
        GET: {
          operation: 'VaultGet',
          handle: (call) => {
            const vault = findVault(ctx.store.data, call.params.sub, call.params.rg, call.params.name);
            return { status: 200, body: render(vault, call), vaultId: vaultArmId(vault), vaultName: vault.name };
          },
        },
        PUT: {
          operation: 'VaultPut',
          handle: async (call) => {
            const apiVersion = call.query.get('api-version') ?? '';
            const { definition, createMode } = parseVaultPut(
              call.body,
              { subscriptionId: call.params.sub, resourceGroup: call.params.rg, name: call.params.name },
              apiVersion >= '2026-02-01',
            );
            const { vault, created } = await putVault(ctx.store, definition, call.now, { createMode });
            return { status: created ? 201 : 200, body: render(vault, call), vaultsChanged: created, vaultId: vaultArmId(vault), vaultName: vault.name };
          },
        },
        PATCH: {
          operation: 'VaultPatch',
          handle: async (call) => {
            const vault = await patchVault(ctx.store, call.params.sub, call.params.rg, call.params.name, parseVaultPatch(call.body));
            return { status: 200, body: render(vault, call), vaultId: vaultArmId(vault), vaultName: vault.name };
          },
        },
        DELETE: {
          operation: 'VaultDelete',
          handle: async (call) => {
            const existed = await deleteVault(ctx.store, call.params.sub, call.params.rg, call.params.name, call.now);
            return { status: existed ? 200 : 204, vaultsChanged: existed, vaultName: call.params.name };
          },
        },
      },
    },
    {
      segments: [...VAULT, 'accessPolicies', '{kind}'],
      methods: {
        PUT: {
          operation: 'VaultAccessPolicyUpdate',
          handle: async (call) => {
            const kind = call.params.kind.toLowerCase();
            if (kind !== 'add' && kind !== 'replace' && kind !== 'remove') {
              throw ArmErrors.badRequest(`The operation kind '${call.params.kind}' is not one of add, replace, remove.`);
            }
            const body = call.body as { properties?: { accessPolicies?: unknown } } | undefined;
            const entries = parseAccessPolicies(body?.properties?.accessPolicies, 'properties.accessPolicies');
            if (!entries) throw ArmErrors.badRequest('The property "properties.accessPolicies" is required.');
            const vault = await updateAccessPolicies(ctx.store, call.params.sub, call.params.rg, call.params.name, kind as AccessPolicyUpdateKind, entries);
            return {
              status: 200,
              body: {
                id: `${vaultArmId(vault)}/accessPolicies/${kind}`,
                type: 'Microsoft.KeyVault/vaults/accessPolicies',
                properties: { accessPolicies: entries.map(renderAccessPolicy) },
              },
              vaultId: vaultArmId(vault),
              vaultName: vault.name,
            };
          },
        },
      },
    },
    {
      segments: [...KV_PROVIDER, 'checkNameAvailability'],
      methods: {
        POST: {
          operation: 'VaultCheckNameAvailability',
          handle: (call) => {
            const body = call.body as { name?: unknown; type?: unknown } | undefined;
            if (typeof body?.name !== 'string') throw ArmErrors.badRequest('The property "name" is required.');
            if (typeof body.type !== 'string' || body.type.toLowerCase() !== 'microsoft.keyvault/vaults') {
              throw ArmErrors.badRequest(`The property "type" must be 'Microsoft.KeyVault/vaults'.`);
            }
            return { status: 200, body: checkNameAvailability(ctx.store.data, body.name) };
          },
        },
      },
    },
    {
      segments: [...KV_PROVIDER, 'deletedVaults'],
      methods: {
        GET: {
          operation: 'DeletedVaultList',
          handle: (call) => ({ status: 200, body: page(listDeletedVaults(ctx.store.data, call.params.sub, call.now), call, renderDeletedVault) }),
        },
      },
    },
    {
      segments: [...KV_PROVIDER, 'locations', '{location}', 'deletedVaults', '{name}'],
      methods: {
        GET: {
          operation: 'DeletedVaultGet',
          handle: (call) => {
            const deleted = findDeletedVault(ctx.store.data, call.params.sub, call.params.location, call.params.name, call.now);
            return { status: 200, body: renderDeletedVault(deleted), vaultId: vaultArmId(deleted.vault), vaultName: deleted.vault.name };
          },
        },
      },
    },
    {
      segments: [...KV_PROVIDER, 'locations', '{location}', 'deletedVaults', '{name}', 'purge'],
      methods: {
        POST: {
          operation: 'VaultPurge',
          handle: async (call) => {
            await purgeDeletedVault(ctx.store, call.params.sub, call.params.location, call.params.name, call.now);
            return { status: 200, vaultName: call.params.name };
          },
        },
      },
    },
    {
      segments: ['subscriptions', '{sub}', 'providers', 'Microsoft.Authorization', 'roleDefinitions'],
      methods: {
        GET: {
          operation: 'RoleDefinitionList',
          handle: (call) => {
            const filter = call.query.get('$filter') ?? '';
            const wanted = /roleName\s+eq\s+'([^']+)'/i.exec(filter)?.[1]?.toLowerCase();
            const roles = BUILT_IN_ROLES.filter((r) => !wanted || r.name.toLowerCase() === wanted);
            return { status: 200, body: { value: roles.map((r) => renderRoleDefinition(call.params.sub, r.id)) } };
          },
        },
      },
    },
    {
      segments: ['subscriptions', '{sub}', 'providers', 'Microsoft.Authorization', 'roleDefinitions', '{id}'],
      methods: {
        GET: {
          operation: 'RoleDefinitionGet',
          handle: (call) => {
            const role = renderRoleDefinition(call.params.sub, call.params.id);
            if (!role) throw new ServiceError(404, 'RoleDefinitionDoesNotExist', `The role definition '${call.params.id}' could not be found.`);
            return { status: 200, body: role };
          },
        },
      },
    },
  ];

  /** `{vault scope}[/secrets/{name}]/providers/Microsoft.Authorization/roleAssignments[/{id}]` */
  async function roleAssignments(method: string, segments: string[], call: Call): Promise<{ operation: string; outcome: Outcome } | undefined> {
    const at = segments.findIndex((s, i) => s.toLowerCase() === 'providers' && segments[i + 1]?.toLowerCase() === 'microsoft.authorization' && segments[i + 2]?.toLowerCase() === 'roleassignments');
    if (at < 0) return undefined;
    const scope = segments.slice(0, at);
    const rest = segments.slice(at + 3);
    const vaultParams = match(VAULT, scope.slice(0, VAULT.length));
    const secretScope = scope.length === VAULT.length + 2 && scope[VAULT.length].toLowerCase() === 'secrets' ? scope[VAULT.length + 1] : scope.length === VAULT.length ? '' : undefined;
    if (!vaultParams || secretScope === undefined || rest.length > 1) throw ArmErrors.invalidRoleAssignmentScope(`/${scope.join('/')}`);
    const vault = findVault(ctx.store.data, vaultParams.sub, vaultParams.rg, vaultParams.name);
    const vaultKey = vault.name.toLowerCase();
    const ids = { vaultId: vaultArmId(vault), vaultName: vault.name };
    if (rest.length === 0) {
      if (method !== 'GET') throw ArmErrors.methodNotAllowed(method);
      const assignments = vault.roleAssignments.filter((a) => secretScope === '' || same(a.secretScope, secretScope));
      return { operation: 'RoleAssignmentList', outcome: { status: 200, body: { value: assignments.map((a) => renderRoleAssignment(vault, a)) }, ...ids } };
    }
    const id = rest[0];
    if (method === 'PUT') {
      const { roleDefinitionId, principalId } = parseRoleAssignmentBody(call.body);
      const existed = vault.roleAssignments.some((a) => same(a.id, id));
      const { assignment } = await putRoleAssignment(ctx.store, vaultKey, secretScope, id, roleDefinitionId, principalId, call.now);
      return { operation: 'RoleAssignmentPut', outcome: { status: existed ? 200 : 201, body: renderRoleAssignment(vault, assignment), ...ids } };
    }
    const existing = vault.roleAssignments.find((a) => same(a.id, id) && same(a.secretScope, secretScope));
    if (method === 'GET') {
      if (!existing) throw ArmErrors.roleAssignmentNotFound(id);
      return { operation: 'RoleAssignmentGet', outcome: { status: 200, body: renderRoleAssignment(vault, existing), ...ids } };
    }
    if (method === 'DELETE') {
      if (!existing) return { operation: 'RoleAssignmentDelete', outcome: { status: 204, ...ids } };
      await deleteRoleAssignment(ctx.store, vaultKey, id);
      return { operation: 'RoleAssignmentDelete', outcome: { status: 200, body: renderRoleAssignment(vault, existing), ...ids } };
    }
    throw ArmErrors.methodNotAllowed(method);
  }

  function resourceGroupOr404(call: Call) {
    const g = ctx.store.data.resourceGroups[`${call.params.sub}/${call.params.rg}`.toLowerCase()];
    if (!g) throw ArmErrors.resourceGroupNotFound(call.params.rg);
    return resourceGroupJson(g.subscriptionId, g.name, g.location, g.tags);
  }

  function subscriptionJson(id: string) {
    return { id: `/subscriptions/${id}`, subscriptionId: id, tenantId: ctx.auth.tenantId, displayName: 'keyvault-emulator', state: 'Enabled' };
  }

  const handler = async (req: Request, res: Response) => {
    const facts: ArmFacts = { operationName: 'Management' };
    res.locals.armFacts = facts;
    res.setHeader('x-ms-request-id', randomUUID());
    res.setHeader('x-ms-correlation-request-id', typeof req.headers['x-ms-correlation-request-id'] === 'string' ? req.headers['x-ms-correlation-request-id'] : randomUUID());
    res.setHeader('Cache-Control', 'no-cache');
    try {
      facts.principal = await authenticate(req, 'management', managementChallenge(ctx.auth), ctx.auth);
      const queryStart = req.url.indexOf('?');
      const query = new URLSearchParams(queryStart < 0 ? '' : req.url.slice(queryStart + 1));
      const segments = req.path.replace(/\/{2,}/g, '/').replace(/^\/|\/$/g, '').split('/').map((s) => {
        try {
          return decodeURIComponent(s);
        } catch {
          throw ArmErrors.badRequest(`The request path contains an invalid escape sequence: '${s.slice(0, 64)}'.`);
        }
      });
      const apiVersion = query.get('api-version');
      if (!apiVersion) throw ArmErrors.missingApiVersion();
      facts.apiVersion = apiVersion;
      const call: Call = {
        req,
        params: {},
        query,
        body: undefined,
        now: ctx.clock.now(),
        origin: `${ctx.scheme}://${req.headers.host ?? `localhost:${ctx.mainPort()}`}`,
      };
      if (req.method === 'PUT' || req.method === 'PATCH' || req.method === 'POST') {
        try {
          // Capped while reading (a body over 4 MB is refused before it is buffered whole).
          call.body = await readJsonBody(req, 4 * 1024 * 1024);
        } catch (err) {
          // ARM words a body it cannot read as InvalidRequestContent.
          if (err instanceof ServiceError && err.code === 'BadParameter') throw ArmErrors.invalidRequestContent(err.message);
          throw err;
        }
      }
      let operation: string | undefined;
      let outcome: Outcome | undefined;
      const assignment = await roleAssignments(req.method, segments, call);
      if (assignment) ({ operation, outcome } = assignment);
      else {
        for (const route of routes) {
          const params = match(route.segments, segments);
          if (!params) continue;
          const method = route.methods[req.method];
          if (!method) throw ArmErrors.methodNotAllowed(req.method);
          call.params = params;
          operation = method.operation;
          facts.operationName = operation;
          outcome = await method.handle(call);
          break;
        }
      }
      if (!outcome || !operation) throw ArmErrors.notFound(req.path.slice(0, 200));
      facts.operationName = operation;
      facts.vaultId = outcome.vaultId;
      facts.vaultName = outcome.vaultName;
      if (outcome.vaultsChanged) await ctx.vaultsChanged();
      if (outcome.body === undefined) {
        res.statusCode = outcome.status;
        res.end();
      } else sendJson(res, outcome.status, outcome.body);
    } catch (err) {
      if (err instanceof ServiceError) {
        facts.errorCode = err.code;
        sendError(res, err);
        return;
      }
      facts.errorCode = 'InternalError';
      ctx.logger.error({ err: { message: (err as Error)?.message, stack: (err as Error)?.stack } }, 'unexpected error (management)');
      sendError(res, Errors.internal());
    }
  };

  router.use('/subscriptions', (req, res) => {
    // Mounted on /subscriptions: restore the full path for matching.
    req.url = `/subscriptions${req.url === '/' ? '' : req.url}`;
    return handler(req, res);
  });
  return router;
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function resourceGroupJson(subscriptionId: string, name: string, location: string, tags: Record<string, string>) {
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/${name}`,
    name,
    type: 'Microsoft.Resources/resourceGroups',
    location,
    tags: { ...tags },
    properties: { provisioningState: 'Succeeded' },
  };
}
