import type { Transaction } from 'kysely';
import {
  beijingDate,
  planFilingStatusLabels,
  shiftDateDays,
  type CampaignSettings,
} from '@jiangtai/contracts';
import type { DB } from '../../db/types.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { participatingPaths } from '../campaigns/loading.ts';
import { sendNotice } from '../notices/service.ts';
import type { ReencodedPhoto } from '../uploads/photos.ts';
import type { OrgTag, PlannedOrg } from './city-plan.ts';
import { createRandom } from './people.ts';
import {
  beijingAt,
  hoursAfter,
  isSecretary,
  type SeasonAccount,
  type SeasonBranch,
  type SeasonContext,
} from './season-context.ts';
import { attachSeasonPhotos } from './season-photos.ts';
import { seedPlans } from './season-plans.ts';
import { seedRecords, type SeededRecord } from './season-records.ts';

/** Its own seed: the season can change without moving the city's names and numbers. */
export const SEASON_SEED = 20_200_713; // the 岳阳 notice's launch day

interface OrgRef extends PlannedOrg {
  id: string;
  path: string;
}

export interface SeasonInput {
  orgs: OrgRef[];
  /** Demo account ids by username (admin, unitadmin, unitadmin2, member …). */
  userIds: Map<string, string>;
  memberBranchId: string;
  now: Date;
  photos: ReencodedPhoto[];
}

/**
 * The branch's season (支部宣讲季) of the 岳阳-style campaign, the one whose settings require a
 * lecture plan: plans (宣讲计划), lecture records (宣讲记录) with a few photos, and in-app notices for
 * the demo member, inserted in bulk through the owning modules' repositories. Coverage (人人上讲台)
 * follows from the records. Returns what it made, for the seed's audit row; null without such a campaign.
 */
export async function seedDemoSeason(
  tx: Transaction<DB>,
  deps: Pick<AppDeps, 'config' | 'clock'>,
  input: SeasonInput,
) {
  const campaign = await tx
    .selectFrom('campaigns')
    .select(['id', 'organiser_org_path', 'settings'])
    .where('status', '=', 'published')
    .orderBy('id')
    .execute()
    .then((rows) =>
      rows
        .map((r) => ({ ...r, settings: r.settings as CampaignSettings }))
        .find((r) => r.settings.lecturePlan?.required),
    );
  if (!campaign) return null;
  const today = beijingDate(input.now);
  const ctx: SeasonContext = {
    random: createRandom(SEASON_SEED),
    campaignId: campaign.id,
    settings: campaign.settings,
    now: input.now,
    today,
    startsOn: campaign.settings.startsOn,
    categoryKeys: campaign.settings.categories.map((c) => c.key),
    memberBranchId: input.memberBranchId,
  };
  if (ctx.startsOn > today) return null; // nothing can have happened yet
  const [scope] = await participatingPaths(tx, [campaign]);
  const branches = await loadBranches(tx, ctx, input, scope!.paths);
  const plans = await seedPlans(tx, ctx, branches);
  const records = await seedRecords(tx, ctx, branches, plans.lines);
  pickPhotoRecords(ctx, records);
  const photos = await attachSeasonPhotos(tx, deps, records, input.photos);
  const notices = await noticeTheMember(tx, ctx, input, records);
  const status = (s: string) => records.filter((r) => !r.row.deleted_at && r.row.status === s).length;
  return {
    plans: plans.counts,
    records: {
      total: records.length,
      confirmed: status('confirmed'),
      recorded: status('recorded'),
      returned: status('returned'),
      deleted: records.filter((r) => r.row.deleted_at).length,
      photos,
    },
    notices,
  };
}

async function loadBranches(
  tx: Transaction<DB>,
  ctx: SeasonContext,
  input: SeasonInput,
  scopePaths: string[],
): Promise<SeasonBranch[]> {
  const inScope = (path: string) => scopePaths.some((p) => path.startsWith(p));
  const users = await tx
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...input.userIds.values()])
    .execute();
  const account = (username: string): SeasonAccount => {
    const id = input.userIds.get(username);
    const user = users.find((u) => u.id === id);
    if (!user) throw new Error(`演示数据：缺少演示账号 ${username}`);
    return { id: user.id, name: user.display_name };
  };
  const admins = (['education', 'finance'] as OrgTag[]).flatMap((tag) => {
    const org = input.orgs.find((o) => o.tag === tag);
    return org
      ? [{ tag, path: org.path, admin: account(tag === 'education' ? 'unitadmin' : 'unitadmin2') }]
      : [];
  });
  const city = account('admin');
  const member = account('member');

  const members = await tx
    .selectFrom('members')
    .select(['id', 'org_id', 'name', 'positions'])
    .where('active', '=', true)
    .where((eb) => eb.or(scopePaths.map((p) => eb('org_path', 'like', `${p}%`))))
    .orderBy('id')
    .execute();
  const byBranch = new Map<string, typeof members>();
  for (const m of members) byBranch.set(m.org_id, [...(byBranch.get(m.org_id) ?? []), m]);

  // A unit's zeal: how many of its ordinary members have lectured by mid-season (about 10–55 %).
  const zeal = new Map<string, number>();
  const units = input.orgs.filter((o) => o.type === 'unit' || o.type === 'county');
  const branches: SeasonBranch[] = [];
  for (const org of input.orgs) {
    const list = byBranch.get(org.id);
    if (org.type !== 'branch' || !list?.length || !inScope(org.path)) continue;
    const unit = units.find((u) => org.path.startsWith(u.path));
    const unitKey = unit?.id ?? org.parentIndex?.toString() ?? org.id;
    if (!zeal.has(unitKey)) zeal.set(unitKey, 0.08 + ctx.random.next() * 0.47);
    const admin = admins.find((a) => org.path.startsWith(a.path));
    const mine = org.id === ctx.memberBranchId;
    branches.push({
      id: org.id,
      path: org.path,
      name: org.name,
      members: [...list.filter(isSecretary), ...list.filter((m) => !isSecretary(m))],
      zeal: zeal.get(unitKey)!,
      recorder: mine ? member : (admin?.admin ?? city),
      decider: admin?.admin ?? city,
      unitTag: admin?.tag ?? null,
    });
  }
  return branches;
}

/** A handful of confirmed records elsewhere get a photo or two (the demo member's have theirs). */
function pickPhotoRecords(ctx: SeasonContext, records: SeededRecord[]) {
  const confirmed = records.filter(
    (r) => r.row.status === 'confirmed' && !r.row.deleted_at && r.branch.id !== ctx.memberBranchId,
  );
  const education = confirmed.filter((r) => r.branch.unitTag === 'education');
  const others = confirmed.filter((r) => r.branch.unitTag !== 'education');
  const chosen = [...education.slice(-3), ...others.filter((_, i) => i % 97 === 5).slice(0, 2)];
  [2, 1, 1, 2, 1].forEach((n, i) => {
    if (chosen[i]) chosen[i].photos = n;
  });
}

/**
 * What the bell shows the demo member: the unit's reminder that the branch's plan is late (it is a
 * draft past the due date), and the record the unit returned with its reason — as the plans and
 * lectures modules send them.
 */
async function noticeTheMember(
  tx: Transaction<DB>,
  ctx: SeasonContext,
  input: SeasonInput,
  records: SeededRecord[],
) {
  const member = input.userIds.get('member');
  const unitAdmin = input.userIds.get('unitadmin');
  if (!member || !unitAdmin) return 0;
  const branch = records.find((r) => r.branch.id === ctx.memberBranchId)?.branch;
  const dueOn = ctx.settings.lecturePlan?.dueOn;
  let sent = 0;
  if (branch && dueOn && dueOn < ctx.today) {
    sent += await sendNotice(tx, {
      userIds: [member],
      kind: 'plan_reminder',
      title: '请尽快填报宣讲计划',
      body: `「${ctx.settings.title}」要求各支部填报宣讲计划，截止日期为 ${dueOn}。${branch.name}的计划目前为「${planFilingStatusLabels.draft}」，请尽快完成并提交。`,
      link: `/plans/${ctx.campaignId}/${branch.id}`,
      orgId: branch.id,
      createdBy: unitAdmin,
      now: beijingAt(shiftDateDays(dueOn, 1), 9 * 60 + 30, ctx.now),
    });
  }
  for (const r of records) {
    if (r.branch.id !== ctx.memberBranchId || r.row.status !== 'returned' || r.row.deleted_at) continue;
    sent += await sendNotice(tx, {
      userIds: [member],
      kind: 'lecture_returned',
      title: `宣讲记录「${r.row.topic}」被退回`,
      body: `退回原因：${r.row.return_reason}。请修改后重新提交。`,
      link: `/lectures/${r.id}`,
      orgId: r.branch.id,
      createdBy: r.row.decided_by ?? unitAdmin,
      now: (r.row.decided_at as Date | null) ?? hoursAfter(new Date(r.row.created_at as Date), 24, ctx.now),
    });
  }
  return sent;
}
