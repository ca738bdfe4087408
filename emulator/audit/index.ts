/** The access log (Key Vault AuditEvent): building records, writing them, reading them back. */
export {
  AUDIT_CATEGORY,
  AUDIT_OPERATIONS,
  AUDIT_QUERY_KEYS,
  buildAuditEvent,
  formatAuditTime,
  resultSignatureOf,
  resultTypeOf,
  vaultOfResourceId,
  type AuditClaims,
  type AuditEvent,
  type AuditInput,
  type AuditResource,
} from './event';
export { AuditLog, auditDirOf, type AuditLogOptions, type AuditLogStats } from './writer';
export { followAudit, listAuditFiles, parseSince, queryAudit, type AuditQuery, type FollowOptions } from './query';
export { auditQueryFromUrl, createAuditHandler } from './handler';
