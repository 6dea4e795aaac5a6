import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import * as repo from './org-repository.ts';

/**
 * The top of a new installation's org tree (e.g. 某某市委), made by the first-administrator command
 * before anyone can sign in; every later org is created under it through the org service.
 */
export async function createRootOrg(tx: Transaction<DB>, name: string, who: AuditWho) {
  const [id] = await repo.nextOrgIds(tx, 1);
  const row = {
    id: id!,
    parentId: null,
    path: `${id}.`,
    depth: 0,
    name,
    type: 'committee' as const,
    code: null,
    sortOrder: 0,
  };
  await repo.insertOrgs(tx, [row]);
  await audit(tx, who, {
    action: 'org.created',
    entityType: 'org',
    entityId: row.id,
    orgPath: row.path,
    after: { name, type: row.type, parentId: null, path: row.path, active: true },
  });
  return { id: row.id, path: row.path, name };
}

/** The roots of the tree, oldest first. */
export function rootOrgs(tx: Transaction<DB>) {
  return tx
    .selectFrom('orgs')
    .select(['id', 'path', 'name'])
    .where('parent_id', 'is', null)
    .orderBy('id')
    .execute();
}
