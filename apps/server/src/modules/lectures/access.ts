import type { Actor } from '../../lib/actor.ts';
import { forbidden, notVisible } from '../../lib/errors.ts';
import { branchesLedBy } from '../org/branch-leaders.ts';
import { accessTo, mayRecordFor } from './policy.ts';
import * as repo from './repository.ts';
import type { Db } from './repository.ts';

/** A record the actor may see, with what they may do (404 alike for missing and out of sight). */
export async function loadRecord(db: Db, actor: Actor, id: string, forUpdate = false) {
  const row = await repo.findRecord(db, id, forUpdate);
  if (!row) throw notVisible('宣讲记录', '查看');
  const led = await branchesLedBy(db, actor);
  const access = accessTo(actor, led, {
    orgId: row.org_id,
    orgPath: row.org_path,
    campaignOrganiserPath: row.campaign_organiser_path,
    speakerMemberId: row.speaker_member_id,
    deleted: row.deleted_at !== null,
  });
  if (!access.view) throw notVisible('宣讲记录', '查看');
  return { row, access, led };
}

/** A branch the actor records for: its secretary, or an admin over it (404 for an unknown branch). */
export async function loadBranchToRecord(db: Db, actor: Actor, orgId: string) {
  const branch = await repo.findBranch(db, orgId);
  if (!branch || !branch.active) throw notVisible('支部');
  const led = await branchesLedBy(db, actor);
  if (!mayRecordFor(actor, led, branch))
    throw forbidden('只有本支部书记、副书记或上级单位管理员可以登记宣讲记录');
  return branch;
}
