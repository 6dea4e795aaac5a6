/** Chinese names for audit actions, areas and entity types: kept in contracts with the server's list of actions. */
export {
  AUDIT_ACTIONS,
  AUDIT_AREAS,
  AUDIT_ENTITY_TYPES,
  auditActionLabel as actionLabel,
  auditEntityLabel as entityTypeLabel,
} from '@jiangtai/contracts';
