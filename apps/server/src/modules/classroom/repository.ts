import type { Kysely, Transaction } from 'kysely';
import { pathCopy } from '../../db/path-copies.ts';
import type { DB } from '../../db/types.ts';

/** A classroom lecture's `org_path` follows its publishing org when the tree is restructured. */
export const classroomPathCopies = [pathCopy('classroom_lectures', 'org_path')];

// ---------- SQL only below; rules live in the services and policy.ts ----------

export type Db = Kysely<DB> | Transaction<DB>;
