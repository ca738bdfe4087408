/**
 * Who may do what on a vault's data plane: access policies, or Azure RBAC when the vault says
 * `rbacAuthorizationEnabled` (then access policies are ignored, as in Azure). The operation →
 * permission / data action facts come from the one table in core/operations.ts.
 */
import { Errors } from '../core/errors';
import type { SecretOperationInfo } from '../core/operations';
import type { Principal } from '../http/auth';
import { vaultArmId } from '../ops/vaults';
import type { AccessPolicyEntry, RoleAssignmentRecord, VaultRecord } from '../store/types';
import { findRole, roleGrants } from './roles';

export interface AccessDecision {
  allowed: boolean;
  /** Access-policy model: a policy granted it. */
  isAccessPolicyMatch: boolean;
  /** RBAC model: an assignment granted it. */
  isRbacAuthorized: boolean;
  /** The granting role assignment (RBAC), sent back as x-ms-keyvault-rbac-assignment-id. */
  assignmentId?: string;
}

const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/** Whether an access-policy entry applies to the caller (objectId, tenant, compound application id). */
export function policyApplies(entry: AccessPolicyEntry, principal: Principal): boolean {
  const objectOk = entry.objectId === '*' || same(entry.objectId, principal.oid);
  const tenantOk = entry.tenantId === '*' || same(entry.tenantId, principal.tid);
  const appOk = !entry.applicationId || same(entry.applicationId, principal.appid);
  return objectOk && tenantOk && appOk;
}

export function policiesGrant(policies: readonly AccessPolicyEntry[], principal: Principal, permission: string): boolean {
  return policies.some(
    (entry) =>
      policyApplies(entry, principal) &&
      (entry.permissions.secrets ?? []).some((p) => p.toLowerCase() === 'all' || p.toLowerCase() === permission),
  );
}

/** The assignment that grants `dataAction` to the caller at vault scope or on `secretName`. */
export function grantingAssignment(
  assignments: readonly RoleAssignmentRecord[],
  principal: Principal,
  dataAction: string,
  secretName: string | undefined,
): RoleAssignmentRecord | undefined {
  if (!principal.oid) return undefined;
  return assignments.find((a) => {
    if (!same(a.principalId, principal.oid)) return false;
    if (a.secretScope !== '' && !(secretName !== undefined && same(a.secretScope, secretName))) return false;
    const role = findRole(a.roleDefinitionId);
    return role !== undefined && roleGrants(role, dataAction);
  });
}

export function decide(vault: VaultRecord, principal: Principal, op: SecretOperationInfo, secretName?: string): AccessDecision {
  if (vault.properties.rbacAuthorizationEnabled) {
    const assignment = grantingAssignment(vault.roleAssignments, principal, op.dataAction, secretName);
    return { allowed: Boolean(assignment), isAccessPolicyMatch: false, isRbacAuthorized: Boolean(assignment), assignmentId: assignment?.id };
  }
  const allowed = policiesGrant(vault.properties.accessPolicies, principal, op.permission);
  return { allowed, isAccessPolicyMatch: allowed, isRbacAuthorized: false };
}

/** How Azure names a caller in denials. */
export function callerDescription(principal: Principal): string {
  return `appid=${principal.appid ?? ''};oid=${principal.oid ?? ''};iss=${principal.iss ?? ''}`;
}

/** Throws the 403 Azure sends when the decision is a denial. */
export function denialError(vault: VaultRecord, principal: Principal, op: SecretOperationInfo, secretName?: string) {
  const region = vault.properties.location;
  if (vault.properties.rbacAuthorizationEnabled) {
    const resource = (vaultArmId(vault) + (secretName ? `/secrets/${secretName}` : '')).toLowerCase();
    return Errors.forbiddenByRbac(callerDescription(principal), op.dataAction, resource, vault.name, region);
  }
  return Errors.accessDenied(callerDescription(principal), op.permission, vault.name, region);
}
