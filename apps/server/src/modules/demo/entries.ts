import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import { insertEntry, insertEvent } from '../entries/repository.ts';

interface OrgRef {
  id: string;
  path: string;
  tag?: string;
}

/**
 * Two draft entries in the 岳阳-style campaign's 初赛, so the unit admins have something to open:
 * one by a 市教育局 branch secretary (not the demo member, who enters themself), one in 市财政局.
 * Drafts without files: submitting needs the video and manuscript, which the demo leaves to people.
 */
export async function seedDemoEntries(
  tx: Transaction<DB>,
  { orgs, skipMemberId, now }: { orgs: OrgRef[]; skipMemberId: string; now: Date },
): Promise<number> {
  const campaign = await tx
    .selectFrom('campaigns')
    .select(['id', 'organiser_org_path'])
    .where('preset_key', '=', 'yueyang')
    .executeTakeFirst();
  if (!campaign) return 0;
  const plan = [
    { tag: 'education', title: '从红船精神说起', category: 'history' },
    { tag: 'finance', title: '算好民生账 守好钱袋子', category: 'models' },
  ];
  let made = 0;
  for (const p of plan) {
    const unit = orgs.find((o) => o.tag === p.tag);
    if (!unit || !unit.path.startsWith(campaign.organiser_org_path)) continue;
    const member = await firstSecretary(tx, unit.path, skipMemberId);
    if (!member) continue;
    const id = await insertEntry(tx, {
      campaignId: campaign.id,
      stageKey: 'preliminary',
      memberId: member.id,
      unit: { id: unit.id, path: unit.path },
      title: p.title,
      categoryKey: p.category,
      outline: '一、问题的提出\n二、身边的故事\n三、我们怎么做',
      createdBy: null,
      now,
    });
    await insertEvent(tx, {
      entryId: id,
      from: null,
      to: 'draft',
      actorUserId: null,
      actorName: '演示数据',
      at: now,
    });
    made += 1;
  }
  return made;
}

/** The first branch secretary (by id) in a unit's subtree, optionally skipping one member. */
export function firstSecretary(tx: Transaction<DB>, unitPath: string, skipMemberId?: string) {
  let q = tx
    .selectFrom('members')
    .select(['id', 'name'])
    .where('org_path', 'like', `${unitPath}%`)
    .where(sql<boolean>`${'书记'} = ANY(positions)`);
  if (skipMemberId) q = q.where('id', '<>', skipMemberId);
  return q.orderBy('id').executeTakeFirst();
}
