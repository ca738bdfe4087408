/**
 * KeyVault construct behaviour that does not depend on the target's argument names: grant merging,
 * secret ordering, validation, provider sharing, warnings.
 */
import { AnnotationMetadataEntryType, TerraformStack, Testing } from '../../provider/cdktf/bindings/runtime';
import { KeyVault, SECRET_MANAGE, type KeyVaultTarget } from '../../provider/constructs';
import { mergePermissions, type SecretPermission } from '../../provider/constructs/permissions';
import { removeTestApps, testApp } from './helpers';

afterAll(removeTestApps);

const APP = '3b6c7c1e-8d9a-4f5e-9b1a-2c3d4e5f6a7b';
const TYPES = {
  emulator: { vault: 'keyvault_vault', secret: 'keyvault_secret', policy: 'keyvault_access_policy' },
  azure: { vault: 'azurerm_key_vault', secret: 'azurerm_key_vault_secret', policy: 'azurerm_key_vault_access_policy' },
};

interface Synthesized {
  provider: Record<string, unknown[]>;
  resource: Record<string, Record<string, Record<string, unknown>>>;
}

function newStack(): TerraformStack {
  return new TerraformStack(testApp(), 'test');
}

function vaultIn(stack: TerraformStack, target: KeyVaultTarget, name = 'kv-test', id = 'vault'): KeyVault {
  return new KeyVault(stack, id, { target, name, resourceGroupName: 'rg', location: 'westeurope' });
}

const synth = (stack: TerraformStack) => JSON.parse(Testing.synth(stack)) as Synthesized;

/** Warnings attached to a construct's subtree (Testing.synth has run the aspects). */
function warnings(stack: TerraformStack): string[] {
  return stack.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === AnnotationMetadataEntryType.WARN)
    .map((m) => String(m.data));
}

describe.each(['emulator', 'azure'] as const)('target %s', (target) => {
  test('grants to one principal merge into one access policy, in canonical order', () => {
    const stack = newStack();
    const vault = vaultIn(stack, target);
    vault.grantSecretWrite({ objectId: APP });
    vault.grantSecretRead({ objectId: APP });
    vault.grant({ objectId: APP }, { secrets: ['Get'], keys: ['Sign', 'Get'] });
    const policies = Object.values(synth(stack).resource[TYPES[target].policy]!);
    expect(policies).toHaveLength(1);
    expect(policies[0]).toMatchObject({ object_id: APP, secret_permissions: ['Get', 'List', 'Set'], key_permissions: ['Get', 'Sign'] });
    expect(policies[0]).not.toHaveProperty('certificate_permissions');
  });

  test('an application id makes a separate policy (a compound identity is another principal)', () => {
    const stack = newStack();
    const vault = vaultIn(stack, target);
    vault.grantSecretRead({ objectId: APP });
    vault.grantSecretRead({ objectId: APP, applicationId: '5d0f6e1a-0b2c-4d3e-8f9a-1b2c3d4e5f60', name: 'compound' });
    expect(Object.keys(synth(stack).resource[TYPES[target].policy]!)).toHaveLength(2);
  });

  test('secrets depend on every access policy of their vault, whatever the order of declaration', () => {
    const stack = newStack();
    const vault = vaultIn(stack, target);
    vault.grant(vault.deployer, { secrets: SECRET_MANAGE });
    vault.addSecret('a', { value: '1' });
    vault.grantSecretRead({ objectId: APP });
    vault.addSecret('b', { value: '2' });
    const resources = synth(stack).resource;
    const policyRefs = Object.keys(resources[TYPES[target].policy]!).map((id) => `${TYPES[target].policy}.${id}`).sort();
    for (const secret of Object.values(resources[TYPES[target].secret]!)) {
      expect([...(secret.depends_on as string[])].sort()).toEqual(policyRefs);
    }
  });

  test('two vaults in one stack share one provider block', () => {
    const stack = newStack();
    vaultIn(stack, target, 'kv-one', 'one');
    vaultIn(stack, target, 'kv-two', 'two');
    const synthesized = synth(stack);
    expect(Object.values(synthesized.provider).flat()).toHaveLength(1);
    expect(Object.keys(synthesized.resource[TYPES[target].vault]!)).toHaveLength(2);
  });

  test('two vaults asking for different provider settings are refused', () => {
    const stack = newStack();
    vaultIn(stack, target, 'kv-one', 'one');
    expect(
      () =>
        new KeyVault(stack, 'two', {
          target,
          name: 'kv-two',
          resourceGroupName: 'rg',
          location: 'westeurope',
          softDelete: { purgeSoftDeleteOnDestroy: true },
        }),
    ).toThrow(/already has a .* provider block with other settings/);
  });

  test('invalid names, retention and principals fail at synth time', () => {
    const stack = newStack();
    const make = (name: string, extra: object = {}) => () =>
      new KeyVault(stack, `v-${name}-${Object.keys(extra).join()}`, { target, name, resourceGroupName: 'rg', location: 'westeurope', ...extra });
    expect(make('ab')).toThrow(/vault name "ab" is invalid/);
    expect(make('1vault')).toThrow(/is invalid/);
    expect(make('my--vault')).toThrow(/is invalid/);
    expect(make('vault-')).toThrow(/is invalid/);
    expect(make('good-vault', { softDeleteRetentionDays: 6 })).toThrow(/7 to 90/);
    expect(make('good-vault', { skuName: 'Standard' })).toThrow(/case-sensitive/);
    const vault = vaultIn(stack, target);
    expect(() => vault.addSecret('bad_name', { value: 'x' })).toThrow(/letters, digits and dashes/);
    expect(() => vault.addSecret('s', { value: 'x', expiresOn: '2030-01-01' })).toThrow(/RFC 3339/);
    const tooMany = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`t${i}`, 'v']));
    expect(() => vault.addSecret('tags', { value: 'x', tags: tooMany })).toThrow(/at most 15 tags/);
    vault.addSecret('dup', { value: 'x' });
    expect(() => vault.addSecret('dup', { value: 'y' })).toThrow(/already declared/);
    expect(() => vault.grantSecretRead({ objectId: 'not-a-uuid' })).toThrow(/not a UUID/);
    expect(() => vault.grant({ objectId: APP }, { secrets: ['get' as SecretPermission] })).toThrow(/unknown secrets permission "get"/);
  });

  test('an RBAC vault refuses access-policy grants', () => {
    const stack = newStack();
    const vault = new KeyVault(stack, 'rbac', { target, name: 'kv-rbac', resourceGroupName: 'rg', location: 'westeurope', rbacAuthorizationEnabled: true });
    expect(() => vault.grantSecretRead({ objectId: APP })).toThrow(/role/);
  });

  test('secrets without a write grant for the deployer draw a warning; with one, none', () => {
    const bare = newStack();
    vaultIn(bare, target).addSecret('s', { value: 'x' });
    Testing.synth(bare);
    expect(warnings(bare).join('\n')).toMatch(/no access policy here lets the deploying principal write them/);

    const granted = newStack();
    const vault = vaultIn(granted, target);
    vault.grant(vault.deployer, { secrets: SECRET_MANAGE });
    vault.addSecret('s', { value: 'x' });
    Testing.synth(granted);
    expect(warnings(granted)).toEqual([]);
  });

  test('`provider` uses a provider block of your own, and excludes the connection props', () => {
    const stack = newStack();
    const mine = vaultIn(stack, target, 'kv-first', 'first').provider;
    const second = new KeyVault(stack, 'second', { target, name: 'kv-second', resourceGroupName: 'rg', location: 'westeurope', provider: mine });
    expect(second.provider).toBe(mine);
    expect(
      () =>
        new KeyVault(stack, 'third', {
          target,
          name: 'kv-third',
          resourceGroupName: 'rg',
          location: 'westeurope',
          provider: mine,
          softDelete: {},
        }),
    ).toThrow(/leave `emulator`, `azure` and `softDelete` unset/);
  });
});

test('the emulator target warns that network rules are not emulated', () => {
  const stack = newStack();
  new KeyVault(stack, 'vault', {
    target: 'emulator',
    name: 'kv-acl',
    resourceGroupName: 'rg',
    location: 'westeurope',
    networkAcls: { defaultAction: 'Deny', bypass: 'None' },
    publicNetworkAccessEnabled: false,
  });
  const [vault] = Object.values(synth(stack).resource.keyvault_vault!);
  expect(vault).not.toHaveProperty('network_acls');
  expect(warnings(stack).join('\n')).toMatch(/networkAcls are not emulated[\s\S]*publicNetworkAccessEnabled is not emulated/);
});

test('a disabled secret cannot be declared for Azure (azurerm has no `enabled`)', () => {
  const vault = vaultIn(newStack(), 'azure');
  expect(() => vault.addSecret('off', { value: 'x', enabled: false })).toThrow(/no `enabled` argument/);
  expect(() => vault.addSecret('on', { value: 'x', enabled: true })).not.toThrow();
});

test('mergePermissions is a union in azurerm order', () => {
  expect(mergePermissions({ secrets: ['Set', 'Get'] }, { secrets: ['Get', 'Purge'], storage: ['SetSAS'] })).toEqual({
    secrets: ['Get', 'Set', 'Purge'],
    storage: ['SetSAS'],
  });
  expect(mergePermissions({}, {})).toEqual({});
});
