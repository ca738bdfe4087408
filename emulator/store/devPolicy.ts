import type { AccessPolicyEntry } from './types';

/**
 * The development access policy of the default vault (an emulator extension): every principal of
 * every tenant (`"*"`) gets every permission. Vaults users declare get only what they declare.
 */
export function developmentAccessPolicy(): AccessPolicyEntry {
  return {
    tenantId: '*',
    objectId: '*',
    permissions: { secrets: ['all'], keys: ['all'], certificates: ['all'], storage: ['all'] },
  };
}
