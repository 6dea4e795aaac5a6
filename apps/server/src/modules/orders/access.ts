import type { Actor } from '../../lib/actor.ts';
import { notVisible } from '../../lib/errors.ts';
import { branchesLedBy } from '../org/branch-leaders.ts';
import { orderAccess } from './policy.ts';
import * as repo from './repository.ts';
import type { Db } from './repository.ts';

/** An order the actor may see, with the capacities they see it in (404 alike for missing and out of sight). */
export async function loadOrder(tx: Db, actor: Actor, id: string, forUpdate = false) {
  const row = await repo.findOrder(tx, id, forUpdate);
  if (!row) throw notVisible('点单', '查看');
  const led = await branchesLedBy(tx, actor);
  const access = orderAccess(actor, led, {
    orgId: row.org_id,
    orgPath: row.org_path,
    poolPath: row.pool_path,
    speakerMemberId: row.speaker_member_id,
  });
  if (!access.view) throw notVisible('点单', '查看');
  return { row, access };
}

/** The active account of a member speaker, if they have one (they answer on their phone). */
export async function speakerAccount(tx: Db, memberId: string | null) {
  if (!memberId) return null;
  return (await repo.memberAccounts(tx, [memberId]))[0]?.id ?? null;
}
