import type { Insertable, Transaction } from 'kysely';
import { monthsBetween, shiftDateDays, type LectureOccasion, type PlanLine } from '@jiangtai/contracts';
import type {
  DB,
  LecturePlanLinesTable,
  LecturePlanRevisionsTable,
  LecturePlansTable,
  LecturePlanStatus,
} from '../../db/types.ts';
import { insertLinesBulk, insertPlansBulk, insertRevisionsBulk } from '../plans/repository.ts';
import {
  beijingAt,
  hoursAfter,
  isLeader,
  isSecretary,
  type SeasonBranch,
  type SeasonContext,
} from './season-context.ts';
import { GUESTS, PLAN_RETURN_REASONS, pickOccasion, pickTopic } from './season-text.ts';

/** A plan line as the records part needs it (to link a record to the line it fulfils). */
export interface SeededLine {
  id: string;
  orgId: string;
  month: string;
  topic: string;
  categoryKey: string;
  occasion: LectureOccasion;
  speakerMemberId: string | null;
  guestSpeakerName: string | null;
}

type Status = LecturePlanStatus | 'none';

/**
 * 市教育局's branches in a fixed mix (after the demo member's own draft), so its unit admin meets every
 * state on 计划填报情况: plans to accept or return, and late branches to remind.
 */
const EDUCATION_MIX: Status[] = [
  'submitted',
  'accepted',
  'none',
  'returned',
  'submitted',
  'accepted',
  'draft',
];

/** Elsewhere drawn by the unit's zeal: keen units have filed and been accepted, slow ones have not. */
function drawStatus(ctx: SeasonContext, zeal: number): Status {
  const r = ctx.random.next();
  const none = zeal < 0.25 ? 0.32 : 0.1;
  if (r < none) return 'none';
  if (r < none + 0.06) return 'draft';
  if (r < none + 0.1) return 'returned';
  if (r < none + 0.1 + (1 - none) * 0.35) return 'submitted';
  return 'accepted';
}

interface PlannedPlan {
  branch: SeasonBranch;
  status: LecturePlanStatus;
  row: Insertable<LecturePlansTable>;
  lines: Omit<Insertable<LecturePlanLinesTable>, 'plan_id'>[];
  submittedAt: Date | null;
  decidedAt: Date | null;
  reason: string | null;
}

/**
 * The branches' 宣讲计划 for the campaign: most filed (accepted, submitted, a few returned with a
 * reason, a few drafts), some not at all, so with the due date behind the demo's today the overview
 * shows late branches. The demo member's branch has a draft with lines (late, to finish and submit).
 * Revisions are written as the service writes them: a snapshot at each submit, return and acceptance.
 */
export async function seedPlans(tx: Transaction<DB>, ctx: SeasonContext, branches: SeasonBranch[]) {
  const months = monthsBetween(ctx.settings.startsOn, ctx.settings.endsOn);
  const dueOn = ctx.settings.lecturePlan?.dueOn ?? shiftDateDays(ctx.startsOn, 18);
  let education = 0;
  const planned: PlannedPlan[] = [];
  for (const branch of branches) {
    const mine = branch.id === ctx.memberBranchId;
    const status: Status = mine
      ? 'draft'
      : branch.unitTag === 'education'
        ? EDUCATION_MIX[education++ % EDUCATION_MIX.length]!
        : drawStatus(ctx, branch.zeal);
    if (status === 'none') continue;
    planned.push(planOne(ctx, branch, status, { months, dueOn, lineCount: mine ? 3 : undefined }));
  }

  const plans = await insertPlansBulk(
    tx,
    planned.map((p) => p.row),
  );
  const planIdByOrg = new Map(plans.map((p) => [p.org_id, p.id]));
  const lineRows = planned.flatMap((p) =>
    p.lines.map((l) => ({ ...l, plan_id: planIdByOrg.get(p.branch.id)! })),
  );
  const insertedLines = await insertLinesBulk(tx, lineRows);
  const lineId = new Map(insertedLines.map((l) => [`${l.plan_id}:${l.client_key}`, l.id]));

  const lines: SeededLine[] = [];
  const revisions: Insertable<LecturePlanRevisionsTable>[] = [];
  for (const p of planned) {
    const planId = planIdByOrg.get(p.branch.id)!;
    const names = new Map(p.branch.members.map((m) => [m.id, m.name]));
    const snapshot: PlanLine[] = p.lines.map((l) => ({
      id: lineId.get(`${planId}:${l.client_key}`)!,
      key: l.client_key,
      month: l.month,
      topic: l.topic,
      categoryKey: l.category_key,
      speakerMemberId: l.speaker_member_id ?? null,
      speakerName: l.guest_speaker_name ?? names.get(l.speaker_member_id ?? '') ?? '',
      guestSpeakerName: l.guest_speaker_name ?? null,
      occasion: l.occasion,
    }));
    for (const l of snapshot)
      lines.push({
        id: l.id,
        orgId: p.branch.id,
        month: l.month,
        topic: l.topic,
        categoryKey: l.categoryKey,
        occasion: l.occasion,
        speakerMemberId: l.speakerMemberId,
        guestSpeakerName: l.guestSpeakerName,
      });
    const revision = (
      kind: LecturePlanRevisionsTable['kind'],
      before: LecturePlanStatus,
      after: LecturePlanStatus,
      by: SeasonBranch['recorder'],
      at: Date,
      reason: string | null = null,
    ) =>
      revisions.push({
        plan_id: planId,
        kind,
        status_before: before,
        status_after: after,
        reason,
        lines: JSON.stringify(snapshot),
        actor_user_id: by.id,
        actor_name: by.name,
        created_at: at,
      });
    if (p.submittedAt) revision('submitted', 'draft', 'submitted', p.branch.recorder, p.submittedAt);
    if (p.decidedAt && p.status === 'accepted')
      revision('accepted', 'submitted', 'accepted', p.branch.decider, p.decidedAt);
    if (p.decidedAt && p.status === 'returned')
      revision('returned', 'submitted', 'returned', p.branch.decider, p.decidedAt, p.reason);
  }
  await insertRevisionsBulk(tx, revisions);
  const count = (s: LecturePlanStatus) => planned.filter((p) => p.status === s).length;
  return {
    lines,
    counts: {
      branches: branches.length,
      draft: count('draft'),
      submitted: count('submitted'),
      returned: count('returned'),
      accepted: count('accepted'),
      lines: lines.length,
    },
  };
}

function planOne(
  ctx: SeasonContext,
  branch: SeasonBranch,
  status: LecturePlanStatus,
  o: { months: string[]; dueOn: string; lineCount?: number },
): PlannedPlan {
  const { random, now } = ctx;
  // Started in the first days of the season; submitted within about a week, a few after the due date.
  const createdAt = beijingAt(shiftDateDays(ctx.startsOn, random.int(1, 10)), random.int(540, 1080), now);
  const lateFiler = random.chance(0.12);
  const submittedAt =
    status === 'draft'
      ? null
      : lateFiler
        ? beijingAt(shiftDateDays(o.dueOn, random.int(1, 5)), random.int(540, 1080), now)
        : hoursAfter(createdAt, random.int(4, 7 * 24), beijingAt(o.dueOn, 1080, now));
  const decidedAt =
    (status === 'accepted' || status === 'returned') && submittedAt
      ? hoursAfter(submittedAt, random.int(3, 96), now)
      : null;
  const reason = status === 'returned' ? random.pick(PLAN_RETURN_REASONS) : null;
  const updatedAt = decidedAt ?? submittedAt ?? hoursAfter(createdAt, random.int(1, 48), now);
  const count = o.lineCount ?? random.int(3, 6);
  return {
    branch,
    status,
    submittedAt,
    decidedAt,
    reason,
    row: {
      campaign_id: ctx.campaignId,
      org_id: branch.id,
      org_path: branch.path,
      status,
      return_reason: reason,
      // One save, then a version for each submit and decision (the optimistic lock the form sends back).
      version: 1 + (submittedAt ? 1 : 0) + (decidedAt ? 1 : 0),
      created_by: branch.recorder.id,
      created_at: createdAt,
      updated_by: decidedAt ? branch.decider.id : branch.recorder.id,
      updated_at: updatedAt,
      submitted_by: submittedAt ? branch.recorder.id : null,
      submitted_at: submittedAt,
      decided_by: decidedAt ? branch.decider.id : null,
      decided_at: decidedAt,
    },
    lines: planLines(ctx, branch, o.months, count, createdAt),
  };
}

/** 书记先讲: the secretary gives the first planned lecture; leaders and members follow, now and then a guest. */
function planLines(ctx: SeasonContext, branch: SeasonBranch, months: string[], count: number, at: Date) {
  const { random } = ctx;
  const secretary = branch.members.find(isSecretary) ?? branch.members[0]!;
  const leaders = branch.members.filter((m) => isLeader(m) && m !== secretary);
  const others = branch.members.filter((m) => !isLeader(m));
  const used = new Set([secretary.id]);
  const nextSpeaker = () => {
    const pool = (random.chance(0.45) && leaders.length ? leaders : others).filter((m) => !used.has(m.id));
    const pick = pool.length ? random.pick(pool) : random.pick(branch.members);
    used.add(pick.id);
    return pick;
  };
  return Array.from({ length: count }, (_, i) => {
    const guest = i > 0 && random.chance(0.1) ? random.pick(GUESTS) : null;
    const speaker = i === 0 ? secretary : guest ? null : nextSpeaker();
    const { categoryKey, topic } = pickTopic(random, ctx.categoryKeys);
    return {
      client_key: `demo-line-${i + 1}`,
      month: months[Math.min(months.length - 1, Math.floor((i * months.length) / count))]!,
      topic,
      category_key: categoryKey,
      speaker_member_id: speaker?.id ?? null,
      guest_speaker_name: guest,
      occasion: i === 0 ? ('party_lecture' as const) : pickOccasion(random),
      sort_order: i,
      created_at: at,
      updated_at: at,
    };
  });
}
