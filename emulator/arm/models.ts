/**
 * ARM JSON ↔ vault records (reference management-plane-and-identity.md §2.2–2.5): the `Vault`,
 * `DeletedVault`, access-policy and role-assignment resource shapes, and request-body parsing
 * with ARM's error codes.
 */
import { ArmErrors } from '../core/errors';
import { findRole } from '../authz/roles';
import type { AccessPolicyEntry, DeletedVaultRecord, RoleAssignmentRecord, Tags, VaultRecord } from '../store/types';
import { roleAssignmentScopeId, vaultArmId, type VaultDefinition, type VaultPatch } from '../ops/vaults';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

function invalid(path: string, expected: string): never {
  throw ArmErrors.invalidRequestContent(`${path} must be ${expected}`);
}

function optString(o: Json, key: string, path: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') invalid(`${path}.${key}`, 'a string');
  return v;
}

function optBool(o: Json, key: string, path: string): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') invalid(`${path}.${key}`, 'a boolean');
  return v;
}

function optInt(o: Json, key: string, path: string): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) invalid(`${path}.${key}`, 'an integer');
  return v;
}

function parseTags(v: unknown, path: string): Tags | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) invalid(path, 'an object of strings');
  const tags: Tags = Object.create(null);
  for (const [k, value] of Object.entries(v)) {
    if (typeof value !== 'string') invalid(`${path}.${k}`, 'a string');
    tags[k] = value;
  }
  if (Object.keys(tags).length > 50) throw ArmErrors.badRequest('A resource can have at most 50 tags.');
  return tags;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function parsePermissionList(v: unknown, path: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((p) => typeof p !== 'string')) invalid(path, 'an array of strings');
  return v as string[];
}

export function parseAccessPolicies(v: unknown, path: string): AccessPolicyEntry[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) invalid(path, 'an array');
  return v.map((entry, i) => {
    const p = `${path}[${i}]`;
    if (!isObject(entry)) invalid(p, 'an object');
    const tenantId = optString(entry, 'tenantId', p);
    const objectId = optString(entry, 'objectId', p);
    if (!tenantId) throw ArmErrors.badRequest(`The property "${p}.tenantId" is required.`);
    if (!objectId) throw ArmErrors.badRequest(`The property "${p}.objectId" is required.`);
    const applicationId = optString(entry, 'applicationId', p);
    if (applicationId && !GUID.test(applicationId)) throw ArmErrors.badRequest(`"${p}.applicationId" must be a GUID (got '${applicationId}').`);
    const permissions = entry.permissions === undefined ? {} : entry.permissions;
    if (!isObject(permissions)) invalid(`${p}.permissions`, 'an object');
    const result: AccessPolicyEntry = { tenantId, objectId, permissions: {} };
    if (applicationId) result.applicationId = applicationId;
    for (const list of ['keys', 'secrets', 'certificates', 'storage'] as const) {
      const parsed = parsePermissionList(permissions[list], `${p}.permissions.${list}`);
      if (parsed) result.permissions[list] = parsed;
    }
    return result;
  });
}

function parseSku(v: unknown, required: boolean): 'standard' | 'premium' | undefined {
  if (v === undefined || v === null) {
    if (required) throw ArmErrors.badRequest('The property "properties.sku" is required.');
    return undefined;
  }
  if (!isObject(v)) invalid('properties.sku', 'an object');
  const name = typeof v.name === 'string' ? v.name.toLowerCase() : undefined;
  if (name !== 'standard' && name !== 'premium') {
    throw ArmErrors.badRequest(`The property "properties.sku.name" must be 'standard' or 'premium' (got '${String(v.name)}').`);
  }
  return name;
}

/** Fields shared by PUT and PATCH `properties`. */
function parseVaultProperties(props: Json): VaultPatch {
  const patch: VaultPatch = {};
  const tenantId = optString(props, 'tenantId', 'properties');
  if (tenantId !== undefined) {
    if (!GUID.test(tenantId)) throw ArmErrors.badRequest(`The property "properties.tenantId" must be a GUID (got '${tenantId}').`);
    patch.tenantId = tenantId;
  }
  const bools = [
    ['enableSoftDelete', 'softDeleteEnabled'],
    ['enablePurgeProtection', 'purgeProtectionEnabled'],
    ['enableRbacAuthorization', 'rbacAuthorizationEnabled'],
    ['enabledForDeployment', 'enabledForDeployment'],
    ['enabledForDiskEncryption', 'enabledForDiskEncryption'],
    ['enabledForTemplateDeployment', 'enabledForTemplateDeployment'],
  ] as const;
  for (const [wire, field] of bools) {
    const value = optBool(props, wire, 'properties');
    if (value !== undefined) patch[field] = value;
  }
  const days = optInt(props, 'softDeleteRetentionInDays', 'properties');
  if (days !== undefined) patch.softDeleteRetentionInDays = days;
  const publicNetworkAccess = optString(props, 'publicNetworkAccess', 'properties');
  if (publicNetworkAccess !== undefined) {
    if (!/^(enabled|disabled)$/i.test(publicNetworkAccess)) {
      throw ArmErrors.badRequest(`The property "properties.publicNetworkAccess" must be 'Enabled' or 'Disabled' (got '${publicNetworkAccess}').`);
    }
    patch.publicNetworkAccess = publicNetworkAccess.toLowerCase() === 'enabled' ? 'Enabled' : 'Disabled';
  }
  const policies = parseAccessPolicies(props.accessPolicies, 'properties.accessPolicies');
  if (policies !== undefined) patch.accessPolicies = policies;
  return patch;
}

export interface ParsedVaultPut {
  definition: VaultDefinition;
  createMode: 'default' | 'recover';
}

/**
 * Body of `PUT …/vaults/{name}`. From api-version 2026-02-01 on, a new vault that does not say
 * otherwise uses RBAC (`defaultRbac`), like Azure.
 */
export function parseVaultPut(
  body: unknown,
  ids: { subscriptionId: string; resourceGroup: string; name: string },
  defaultRbac: boolean,
): ParsedVaultPut {
  if (!isObject(body)) throw ArmErrors.invalidRequestContent('the body must be a JSON object');
  const location = optString(body, 'location', '');
  if (!location) throw ArmErrors.locationRequired();
  const props = body.properties;
  if (!isObject(props)) throw ArmErrors.badRequest('The property "properties" is required.');
  const createModeRaw = optString(props, 'createMode', 'properties')?.toLowerCase() ?? 'default';
  if (createModeRaw !== 'default' && createModeRaw !== 'recover') {
    throw ArmErrors.badRequest(`The property "properties.createMode" must be 'default' or 'recover' (got '${createModeRaw}').`);
  }
  const createMode = createModeRaw;
  const patch = parseVaultProperties(props);
  const sku = parseSku(props.sku, createMode === 'default');
  if (createMode === 'default' && patch.tenantId === undefined) throw ArmErrors.badRequest('The property "properties.tenantId" is required.');
  const definition: VaultDefinition = {
    ...patch,
    name: ids.name,
    subscriptionId: ids.subscriptionId,
    resourceGroup: ids.resourceGroup,
    location,
    tenantId: patch.tenantId ?? '',
    ...(sku ? { sku } : {}),
  };
  const tags = parseTags(body.tags, 'tags');
  if (tags !== undefined) definition.tags = tags;
  if (definition.rbacAuthorizationEnabled === undefined && defaultRbac) definition.rbacAuthorizationEnabled = true;
  return { definition, createMode };
}

/** Body of `PATCH …/vaults/{name}`: `properties` and `tags`, all optional. */
export function parseVaultPatch(body: unknown): VaultPatch {
  if (!isObject(body)) throw ArmErrors.invalidRequestContent('the body must be a JSON object');
  const props = body.properties === undefined || body.properties === null ? {} : body.properties;
  if (!isObject(props)) invalid('properties', 'an object');
  const patch = parseVaultProperties(props);
  const sku = parseSku(props.sku, false);
  if (sku) patch.sku = sku;
  const tags = parseTags(body.tags, 'tags');
  if (tags !== undefined) patch.tags = tags;
  return patch;
}

export function renderAccessPolicy(entry: AccessPolicyEntry): Json {
  return {
    tenantId: entry.tenantId,
    objectId: entry.objectId,
    ...(entry.applicationId ? { applicationId: entry.applicationId } : {}),
    permissions: { ...entry.permissions },
  };
}

export interface VaultRenderContext {
  /** https://{name}.vault.localhost:{port}/ for a vault name. */
  vaultUri(name: string): string;
}

export function renderVault(vault: VaultRecord, ctx: VaultRenderContext): Json {
  const p = vault.properties;
  return {
    id: vaultArmId(vault),
    name: vault.name,
    type: 'Microsoft.KeyVault/vaults',
    location: p.location,
    tags: { ...p.tags },
    systemData: { createdAt: iso(vault.createdAt), createdByType: 'Application', lastModifiedByType: 'Application' },
    properties: {
      sku: { family: 'A', name: p.sku },
      tenantId: p.tenantId,
      accessPolicies: p.accessPolicies.map(renderAccessPolicy),
      vaultUri: ctx.vaultUri(vault.name),
      enabledForDeployment: p.enabledForDeployment,
      enabledForDiskEncryption: p.enabledForDiskEncryption,
      enabledForTemplateDeployment: p.enabledForTemplateDeployment,
      enableSoftDelete: p.softDeleteEnabled,
      softDeleteRetentionInDays: p.softDeleteRetentionInDays,
      enableRbacAuthorization: p.rbacAuthorizationEnabled,
      ...(p.purgeProtectionEnabled ? { enablePurgeProtection: true } : {}),
      provisioningState: 'Succeeded',
      publicNetworkAccess: p.publicNetworkAccess,
    },
  };
}

/** The generic `Resource` of `GET /subscriptions/{s}/resources`. */
export function renderGenericResource(vault: VaultRecord): Json {
  return { id: vaultArmId(vault), name: vault.name, type: 'Microsoft.KeyVault/vaults', location: vault.properties.location, tags: { ...vault.properties.tags } };
}

export function renderDeletedVault(deleted: DeletedVaultRecord): Json {
  const v = deleted.vault;
  return {
    id: `/subscriptions/${v.properties.subscriptionId}/providers/Microsoft.KeyVault/locations/${v.properties.location}/deletedVaults/${v.name}`,
    name: v.name,
    type: 'Microsoft.KeyVault/deletedVaults',
    properties: {
      vaultId: vaultArmId(v),
      location: v.properties.location,
      tags: { ...v.properties.tags },
      deletionDate: iso(deleted.deletionDate),
      scheduledPurgeDate: iso(deleted.scheduledPurgeDate),
      purgeProtectionEnabled: v.properties.purgeProtectionEnabled,
    },
  };
}

export function roleDefinitionArmId(subscriptionId: string, roleId: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`;
}

export function renderRoleAssignment(vault: VaultRecord, a: RoleAssignmentRecord): Json {
  const scope = roleAssignmentScopeId(vault, a.secretScope);
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${a.id}`,
    name: a.id,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: {
      roleDefinitionId: roleDefinitionArmId(vault.properties.subscriptionId, a.roleDefinitionId),
      principalId: a.principalId,
      principalType: 'ServicePrincipal',
      scope,
      createdOn: iso(a.createdAt),
      updatedOn: iso(a.createdAt),
    },
  };
}

export function renderRoleDefinition(subscriptionId: string, roleId: string): Json | undefined {
  const role = findRole(roleId);
  if (!role) return undefined;
  return {
    id: roleDefinitionArmId(subscriptionId, role.id),
    name: role.id,
    type: 'Microsoft.Authorization/roleDefinitions',
    properties: {
      roleName: role.name,
      type: 'BuiltInRole',
      description: `${role.name} (built-in role, as emulated by keyvault-emulator)`,
      assignableScopes: ['/'],
      permissions: [{ actions: [...role.actions], notActions: [], dataActions: [...role.dataActions], notDataActions: [] }],
    },
  };
}

export function parseRoleAssignmentBody(body: unknown): { roleDefinitionId: string; principalId: string } {
  if (!isObject(body) || !isObject(body.properties)) throw ArmErrors.invalidRequestContent('the body must have "properties"');
  const roleDefinitionId = optString(body.properties, 'roleDefinitionId', 'properties');
  const principalId = optString(body.properties, 'principalId', 'properties');
  if (!roleDefinitionId) throw ArmErrors.badRequest('The property "properties.roleDefinitionId" is required.');
  if (!principalId) throw ArmErrors.badRequest('The property "properties.principalId" is required.');
  return { roleDefinitionId, principalId };
}
