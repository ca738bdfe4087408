/**
 * Authorization matrix: all 12 operations × permission sets × {access policy, RBAC}. An operation
 * is allowed iff it is granted; otherwise the answer is 403 with Azure's exact body.
 *
 * The expectations are written out here from the reference (secrets-data-plane.md §3.14, §12),
 * not derived from the emulator's own table.
 */
import { randomUUID } from 'node:crypto';
import { fakeJwt, startTestEmulator, testPolicy, type TestEmulator } from '../helpers/emulator';
import { rawRequest } from '../helpers/http';

const API = 'api-version=7.6';
const ADMIN = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const CALLER = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const CALLER_APP = 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee';

type Op =
  | 'SetSecret' | 'GetSecret' | 'UpdateSecret' | 'DeleteSecret' | 'GetSecrets' | 'GetSecretVersions'
  | 'GetDeletedSecrets' | 'GetDeletedSecret' | 'PurgeDeletedSecret' | 'RecoverDeletedSecret' | 'BackupSecret' | 'RestoreSecret';

/** Access-policy permission each operation needs (reference §3.14 "Perm"). */
const NEEDS: Record<Op, string> = {
  SetSecret: 'set', GetSecret: 'get', UpdateSecret: 'set', DeleteSecret: 'delete', GetSecrets: 'list',
  GetSecretVersions: 'list', GetDeletedSecrets: 'list', GetDeletedSecret: 'get', PurgeDeletedSecret: 'purge',
  RecoverDeletedSecret: 'recover', BackupSecret: 'backup', RestoreSecret: 'restore',
};
/** RBAC data action each operation needs (reference §3.14). */
const ACTION: Record<Op, string> = {
  SetSecret: 'setSecret/action', GetSecret: 'getSecret/action', UpdateSecret: 'update/action', DeleteSecret: 'delete',
  GetSecrets: 'readMetadata/action', GetSecretVersions: 'readMetadata/action', GetDeletedSecrets: 'readMetadata/action',
  GetDeletedSecret: 'readMetadata/action', PurgeDeletedSecret: 'purge/action', RecoverDeletedSecret: 'recover/action',
  BackupSecret: 'backup/action', RestoreSecret: 'restore/action',
};
const OPS = Object.keys(NEEDS) as Op[];

/** Which operations each built-in role allows (reference §12.2). */
const ROLES: Record<string, { id: string; allows: (op: Op) => boolean }> = {
  'Key Vault Administrator': { id: '00482a5a-887f-4fb3-b363-3b7fe8e74483', allows: () => true },
  'Key Vault Secrets Officer': { id: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7', allows: () => true },
  'Key Vault Secrets User': { id: '4633458b-17de-408a-b874-0445c86b69e6', allows: (op) => ['getSecret/action', 'readMetadata/action'].includes(ACTION[op]) },
  'Key Vault Reader': { id: '21090545-7ca7-4776-b22c-e363652d74d2', allows: (op) => ACTION[op] === 'readMetadata/action' },
  'Key Vault Contributor': { id: 'f25e0fa2-a7c8-4377-a976-54943a77a395', allows: () => false },
};

describe('authorization matrix', () => {
  let em: TestEmulator;
  const admin = fakeJwt({ oid: ADMIN });
  const caller = fakeJwt({ oid: CALLER, appid: CALLER_APP, iss: 'https://sts.windows.net/t/' });
  const call = (vault: string, method: string, path: string, token: string, body?: object) =>
    rawRequest(em.ca, { method, url: `${em.vaultUrl(vault)}${path}${path.includes('?') ? '&' : '?'}${API}`, token, body });

  beforeAll(async () => {
    em = await startTestEmulator('memory', {
      vaults: [
        { name: 'policies', accessPolicies: [testPolicy(['all'], ADMIN)], softDeleteRetentionInDays: 7 },
        { name: 'rbac', rbacAuthorizationEnabled: true, softDeleteRetentionInDays: 7 },
      ],
    });
    await em.store.update((d) => {
      d.vaults.rbac.roleAssignments.push({ id: randomUUID(), principalId: ADMIN, roleDefinitionId: '00482a5a-887f-4fb3-b363-3b7fe8e74483', secretScope: '', createdAt: 0 });
    });
    for (const vault of ['policies', 'rbac']) {
      await call(vault, 'PUT', '/secrets/existing', admin, { value: 'v' });
    }
  });
  afterAll(async () => em.cleanup());

  /**
   * Prepares what the operation needs (as the admin) and returns the request to make as the caller
   * and the secret it concerns (RBAC resource in the denial text).
   */
  async function prepare(vault: string, op: Op): Promise<{ method: string; path: string; body?: object; secret?: string }> {
    const n = `${op.toLowerCase()}-${randomUUID().slice(0, 8)}`;
    const make = () => call(vault, 'PUT', `/secrets/${n}`, admin, { value: 'v' });
    const softDelete = async () => {
      await make();
      await call(vault, 'DELETE', `/secrets/${n}`, admin);
    };
    switch (op) {
      case 'SetSecret': return { method: 'PUT', path: `/secrets/${n}`, body: { value: 'x' }, secret: n };
      case 'GetSecret': return { method: 'GET', path: '/secrets/existing', secret: 'existing' };
      case 'UpdateSecret': return { method: 'PATCH', path: '/secrets/existing', body: { tags: { t: '1' } }, secret: 'existing' };
      case 'DeleteSecret': await make(); return { method: 'DELETE', path: `/secrets/${n}`, secret: n };
      case 'GetSecrets': return { method: 'GET', path: '/secrets' };
      case 'GetSecretVersions': return { method: 'GET', path: '/secrets/existing/versions', secret: 'existing' };
      case 'GetDeletedSecrets': return { method: 'GET', path: '/deletedsecrets' };
      case 'GetDeletedSecret': await softDelete(); return { method: 'GET', path: `/deletedsecrets/${n}`, secret: n };
      case 'PurgeDeletedSecret': await softDelete(); return { method: 'DELETE', path: `/deletedsecrets/${n}`, secret: n };
      case 'RecoverDeletedSecret': await softDelete(); return { method: 'POST', path: `/deletedsecrets/${n}/recover`, secret: n };
      case 'BackupSecret': return { method: 'POST', path: '/secrets/existing/backup', secret: 'existing' };
      case 'RestoreSecret': {
        await make();
        const blob = (await call(vault, 'POST', `/secrets/${n}/backup`, admin)).json.value;
        await call(vault, 'DELETE', `/secrets/${n}`, admin);
        await call(vault, 'DELETE', `/deletedsecrets/${n}`, admin);
        return { method: 'POST', path: '/secrets/restore', body: { value: blob } };
      }
    }
  }

  async function setPolicy(permissions: string[]) {
    await em.store.update((d) => {
      d.vaults.policies.properties.accessPolicies = [
        testPolicy(['all'], ADMIN),
        ...(permissions.length ? [{ ...testPolicy(permissions, CALLER) }] : []),
      ];
    });
  }

  const PERMISSION_SETS: string[][] = [[], ['get'], ['list'], ['set'], ['delete'], ['recover'], ['backup'], ['restore'], ['purge'], ['all'], ['GET', 'List']];

  describe.each(PERMISSION_SETS.map((p) => [p.join(',') || '(none)', p] as const))('access policy granting %s', (_label, permissions) => {
    beforeAll(async () => setPolicy([...permissions]));
    test.each(OPS)('%s', async (op) => {
      const granted = permissions.some((p) => p.toLowerCase() === 'all' || p.toLowerCase() === NEEDS[op]);
      const req = await prepare('policies', op);
      const res = await call('policies', req.method, req.path, caller, req.body);
      if (granted) {
        expect([op, res.status]).toEqual([op, op === 'PurgeDeletedSecret' ? 204 : 200]);
      } else {
        expect(res.status).toBe(403);
        expect(res.json).toEqual({
          error: {
            code: 'Forbidden',
            message: `The user, group or application 'appid=${CALLER_APP};oid=${CALLER};iss=https://sts.windows.net/t/' does not have secrets ${NEEDS[op]} permission on key vault 'policies;location=westus'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287`,
            innererror: { code: 'AccessDenied' },
          },
        });
      }
    });
  });

  test('a compound identity (applicationId) only matches through that application', async () => {
    await em.store.update((d) => {
      d.vaults.policies.properties.accessPolicies = [{ ...testPolicy(['get'], CALLER), applicationId: CALLER_APP }];
    });
    expect((await call('policies', 'GET', '/secrets/existing', caller)).status).toBe(200);
    expect((await call('policies', 'GET', '/secrets/existing', fakeJwt({ oid: CALLER, appid: randomUUID() }))).status).toBe(403);
  });

  describe.each(Object.entries(ROLES))('RBAC role %s at vault scope', (_name, role) => {
    beforeAll(async () => {
      await em.store.update((d) => {
        d.vaults.rbac.roleAssignments = d.vaults.rbac.roleAssignments.filter((a) => a.principalId !== CALLER);
        d.vaults.rbac.roleAssignments.push({ id: randomUUID(), principalId: CALLER, roleDefinitionId: role.id, secretScope: '', createdAt: 0 });
      });
    });
    test.each(OPS)('%s', async (op) => {
      const req = await prepare('rbac', op);
      const res = await call('rbac', req.method, req.path, caller, req.body);
      if (role.allows(op)) {
        expect([op, res.status]).toEqual([op, op === 'PurgeDeletedSecret' ? 204 : 200]);
        expect(res.headers['x-ms-keyvault-rbac-assignment-id']).toMatch(/^[0-9a-f-]{36}$/);
      } else {
        expect(res.status).toBe(403);
        const resource = `/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/keyvault-emulator/providers/microsoft.keyvault/vaults/rbac${req.secret ? `/secrets/${req.secret}` : ''}`;
        expect(res.json).toEqual({
          error: {
            code: 'Forbidden',
            message: `Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: appid=${CALLER_APP};oid=${CALLER};iss=https://sts.windows.net/t/\r\nAction: 'Microsoft.KeyVault/vaults/secrets/${ACTION[op]}'\r\nResource: '${resource}'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: null \r\nVault: rbac;location=westus\r\n`,
            innererror: { code: 'ForbiddenByRbac' },
          },
        });
      }
    });
  });

  test('RBAC at single-secret scope covers that secret only, and no list', async () => {
    await em.store.update((d) => {
      d.vaults.rbac.roleAssignments = d.vaults.rbac.roleAssignments.filter((a) => a.principalId !== CALLER);
      d.vaults.rbac.roleAssignments.push({ id: randomUUID(), principalId: CALLER, roleDefinitionId: ROLES['Key Vault Secrets User'].id, secretScope: 'existing', createdAt: 0 });
    });
    await call('rbac', 'PUT', '/secrets/other', admin, { value: 'o' });
    expect((await call('rbac', 'GET', '/secrets/EXISTING', caller)).status).toBe(200);
    expect((await call('rbac', 'GET', '/secrets/other', caller)).status).toBe(403);
    expect((await call('rbac', 'GET', '/secrets', caller)).status).toBe(403);
  });

  test('an RBAC vault ignores access policies; a policy vault ignores role assignments', async () => {
    await em.store.update((d) => {
      d.vaults.rbac.roleAssignments = d.vaults.rbac.roleAssignments.filter((a) => a.principalId !== CALLER);
      d.vaults.rbac.properties.accessPolicies = [testPolicy(['all'], CALLER)];
      d.vaults.policies.properties.accessPolicies = [testPolicy(['all'], ADMIN)];
      d.vaults.policies.roleAssignments = [{ id: randomUUID(), principalId: CALLER, roleDefinitionId: ROLES['Key Vault Administrator'].id, secretScope: '', createdAt: 0 }];
    });
    expect((await call('rbac', 'GET', '/secrets/existing', caller)).status).toBe(403);
    expect((await call('policies', 'GET', '/secrets/existing', caller)).status).toBe(403);
  });
});

test('--auth none: no token, no identities, so no access control (every caller may do everything)', async () => {
  const em = await startTestEmulator('memory', { auth: 'none', vaults: [{ name: 'closed', accessPolicies: [] }] });
  try {
    const res = await rawRequest(em.ca, { method: 'PUT', url: `${em.vaultUrl('closed')}/secrets/open?${API}`, token: null, body: { value: 'v' } });
    expect(res.status).toBe(200);
    expect((await rawRequest(em.ca, { url: `${em.vaultUrl('closed')}/secrets/open?${API}`, token: null })).json.value).toBe('v');
  } finally {
    await em.cleanup();
  }
});
