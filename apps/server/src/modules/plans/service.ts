import {
  monthsBetween,
  type MyPlanItem,
  type NoticeKind,
  type PlanDetail,
  type SavePlanBody,
} from '@jiangtai/contracts';
import type { LecturePlanStatus } from '../../db/types.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { conflict, invalid } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { participatingPaths } from '../campaigns/loading.ts';
import * as campaigns from '../campaigns/repository.ts';
import { branchesLedBy } from '../org/branch-leaders.ts';
import type { Db } from '../org/tables.ts';
import { sendNotice } from '../notices/service.ts';
import { assertCampaignOpen, loadPlanContext, type PlanContext } from './context.ts';
import { checkLines } from './lines-check.ts';
import * as policy from './policy.ts';
import { iso, linesContent, presentLine, presentRevision } from './present.ts';
import * as repo from './repository.ts';
import * as rules from './rules.ts';

const planLink = (campaignId: string, orgId: string) => `/plans/${campaignId}/${orgId}`;
const auditName = (ctx: PlanContext) => `${ctx.branch.name}（${ctx.campaign.title}）`;

export function planService({ db, clock }: AppDeps) {
  async function detail(tx: Db, ctx: PlanContext): Promise<PlanDetail> {
    const plan = await repo.findPlan(tx, ctx.campaign.id, ctx.branch.id);
    const status = plan?.status ?? 'none';
    const lines = plan ? (await repo.listLines(tx, plan.id)).map(presentLine) : [];
    const revisions = plan ? (await repo.listRevisions(tx, plan.id)).map(presentRevision) : [];
    const open = ctx.campaign.status === 'published';
    const canEdit = open && ctx.rights.file;
    return {
      campaign: {
        id: ctx.campaign.id,
        title: ctx.campaign.title,
        startsOn: ctx.settings.startsOn,
        endsOn: ctx.settings.endsOn,
      },
      branch: { id: ctx.branch.id, name: ctx.branch.name },
      required: ctx.settings.lecturePlan?.required ?? false,
      dueOn: ctx.settings.lecturePlan?.dueOn ?? null,
      late: rules.isLate(ctx.settings.lecturePlan, status, clock.now()),
      status,
      version: plan?.version ?? null,
      returnReason: plan?.status === 'returned' ? plan.return_reason : null,
      submittedAt: iso(plan?.submitted_at ?? null),
      decidedAt: iso(plan?.decided_at ?? null),
      decidedByName: plan?.decided_by_name ?? null,
      lines,
      revisions,
      months: monthsBetween(ctx.settings.startsOn, ctx.settings.endsOn),
      categories: ctx.settings.categories.map((c) => ({ key: c.key, name: c.name })),
      members: canEdit ? await repo.branchMembers(tx, ctx.branch.id) : [],
      canEdit,
      canDecide: open && ctx.rights.decide && status === 'submitted',
    };
  }

  /** The version the form saw must be the plan's now; otherwise someone else changed it meanwhile. */
  function assertVersion(ctx: PlanContext, version: number | null) {
    if ((ctx.plan?.version ?? null) !== version)
      throw conflict('计划在您打开后已被他人修改，请刷新页面后再操作（您填写的内容仍保留在表单中）');
  }

  async function record(
    tx: Db,
    ctx: PlanContext,
    actor: Actor,
    r: {
      kind: 'submitted' | 'returned' | 'accepted' | 'changed';
      after: LecturePlanStatus;
      reason: string | null;
    },
    now: Date,
  ) {
    const lines = (await repo.listLines(tx, ctx.plan!.id)).map(presentLine);
    await repo.insertRevision(tx, {
      planId: ctx.plan!.id,
      kind: r.kind,
      before: ctx.plan!.status,
      after: r.after,
      reason: r.reason,
      lines,
      actorUserId: actor.userId,
      actorName: actor.displayName,
      now,
    });
  }

  /** Tells the branch's secretaries (and whoever submitted, if someone else) what the unit decided. */
  async function notifyBranch(
    tx: Db,
    ctx: PlanContext,
    actor: Actor,
    n: { kind: NoticeKind; title: string; body: string },
    now: Date,
  ) {
    const accounts = await repo.secretaryAccounts(tx, [ctx.branch.id]);
    const userIds = accounts.map((a) => a.userId);
    if (ctx.plan?.submitted_by) userIds.push(ctx.plan.submitted_by);
    await sendNotice(tx, {
      userIds: userIds.filter((id) => id !== actor.userId),
      ...n,
      link: planLink(ctx.campaign.id, ctx.branch.id),
      orgId: ctx.branch.id,
      createdBy: actor.userId,
      now,
    });
  }

  return {
    async get(actor: Actor, campaignId: string, orgId: string) {
      return db.transaction().execute(async (tx) => {
        const ctx = await loadPlanContext(tx, actor, campaignId, orgId);
        return detail(tx, ctx);
      });
    },

    /**
     * Saves the whole list of lines. Lines are matched by their browser-made key (new ones inserted,
     * changed ones updated, missing ones marked removed), and the save's own key makes a retry after a
     * lost answer return the saved plan instead of failing on the version it already moved.
     */
    async save(actor: Actor, campaignId: string, orgId: string, body: SavePlanBody, who: AuditWho) {
      return db.transaction().execute(async (tx) => {
        let ctx = await loadPlanContext(tx, actor, campaignId, orgId, { forUpdate: true });
        policy.assertCanFile(ctx.rights);
        if (ctx.plan && ctx.plan.last_save_key === body.saveKey) return detail(tx, ctx);
        assertCampaignOpen(ctx.campaign);
        assertVersion(ctx, body.version);
        const status = ctx.plan?.status ?? 'draft';
        const reason = body.reason?.trim() || null;
        if (rules.changeNeedsReason(status) && !reason)
          throw invalid('计划已通过审核，修改时请说明原因', [{ path: 'reason', message: '请填写修改原因' }]);
        const now = clock.now();
        const existing = ctx.plan ? await repo.listLines(tx, ctx.plan.id, { withRemoved: true }) : [];
        await checkLines(tx, ctx, body.lines, existing);
        if (!ctx.plan) {
          await repo.insertPlan(tx, {
            campaignId,
            orgId,
            orgPath: ctx.branch.path,
            createdBy: actor.userId,
            now,
          });
          ctx = { ...ctx, plan: (await repo.findPlan(tx, campaignId, orgId, true))! };
        }
        const plan = ctx.plan!;
        const before = existing.filter((l) => !l.removed_at).map(presentLine);
        const byKey = new Map(existing.map((l) => [l.client_key, l]));
        for (const [i, l] of body.lines.entries()) {
          const values = {
            month: l.month,
            topic: l.topic,
            category_key: l.categoryKey,
            speaker_member_id: l.speakerMemberId,
            guest_speaker_name: l.speakerMemberId ? null : l.guestSpeakerName,
            occasion: l.occasion,
            sort_order: i,
          };
          const old = byKey.get(l.key);
          if (old) await repo.updateLine(tx, old.id, values, now);
          else await repo.insertLine(tx, plan.id, l.key, values, now);
        }
        const keep = new Set(body.lines.map((l) => l.key));
        await repo.removeLines(
          tx,
          existing.filter((l) => !l.removed_at && !keep.has(l.client_key)).map((l) => l.id),
          actor.userId,
          now,
        );
        const after = (await repo.listLines(tx, plan.id)).map(presentLine);
        const changed = linesContent(before) !== linesContent(after);
        const nextStatus = changed ? rules.statusAfterChange(status, ctx.rights.decide) : status;
        if (changed && rules.changeIsRecorded(status))
          await record(tx, ctx, actor, { kind: 'changed', after: nextStatus, reason }, now);
        await repo.updatePlan(tx, plan.id, {
          status: nextStatus,
          last_save_key: body.saveKey,
          updated_by: actor.userId,
          updated_at: now,
        });
        await audit(tx, who, {
          action: 'plans.saved',
          entityType: 'lecture_plan',
          entityId: plan.id,
          orgPath: ctx.branch.path,
          before: { status, lines: before.length },
          after: { name: auditName(ctx), status: nextStatus, lines: after.length, reason },
        });
        return detail(tx, ctx);
      });
    },

    async submit(actor: Actor, campaignId: string, orgId: string, version: number, who: AuditWho) {
      return db.transaction().execute(async (tx) => {
        const ctx = await loadPlanContext(tx, actor, campaignId, orgId, { forUpdate: true });
        policy.assertCanFile(ctx.rights);
        assertCampaignOpen(ctx.campaign);
        rules.assertCanSubmit(ctx.plan?.status ?? 'none');
        assertVersion(ctx, version);
        const plan = ctx.plan!;
        if ((await repo.listLines(tx, plan.id)).length === 0) throw invalid('请至少添加一条宣讲安排再提交');
        const now = clock.now();
        await record(tx, ctx, actor, { kind: 'submitted', after: 'submitted', reason: null }, now);
        await repo.updatePlan(tx, plan.id, {
          status: 'submitted',
          return_reason: null,
          submitted_by: actor.userId,
          submitted_at: now,
          updated_by: actor.userId,
          updated_at: now,
        });
        await audit(tx, who, {
          action: 'plans.submitted',
          entityType: 'lecture_plan',
          entityId: plan.id,
          orgPath: ctx.branch.path,
          before: { status: plan.status },
          after: { name: auditName(ctx), status: 'submitted' },
        });
        return detail(tx, ctx);
      });
    },

    /** The unit accepts the plan, or returns it with a reason; the branch's secretaries are notified. */
    async decide(
      actor: Actor,
      campaignId: string,
      orgId: string,
      d: { accept: true; version: number } | { accept: false; version: number; reason: string },
      who: AuditWho,
    ) {
      return db.transaction().execute(async (tx) => {
        const ctx = await loadPlanContext(tx, actor, campaignId, orgId, { forUpdate: true });
        policy.assertCanDecide(ctx.rights, ctx.isSecretary);
        assertCampaignOpen(ctx.campaign);
        rules.assertCanDecide(ctx.plan?.status ?? 'none');
        assertVersion(ctx, d.version);
        const plan = ctx.plan!;
        const now = clock.now();
        const status = d.accept ? 'accepted' : 'returned';
        const reason = d.accept ? null : d.reason.trim();
        await record(tx, ctx, actor, { kind: status, after: status, reason }, now);
        await repo.updatePlan(tx, plan.id, {
          status,
          return_reason: reason,
          decided_by: actor.userId,
          decided_at: now,
          updated_by: actor.userId,
          updated_at: now,
        });
        await audit(tx, who, {
          action: d.accept ? 'plans.accepted' : 'plans.returned',
          entityType: 'lecture_plan',
          entityId: plan.id,
          orgPath: ctx.branch.path,
          before: { status: plan.status },
          after: { name: auditName(ctx), status, reason },
        });
        const subject = `${ctx.branch.name}的宣讲计划（${ctx.campaign.title}）`;
        await notifyBranch(
          tx,
          ctx,
          actor,
          d.accept
            ? { kind: 'plan_accepted', title: '宣讲计划已通过', body: `${subject}已通过单位审核。` }
            : {
                kind: 'plan_returned',
                title: '宣讲计划被退回，请修改后重新提交',
                body: `${subject}被退回。退回原因：${reason}`,
              },
          now,
        );
        return detail(tx, ctx);
      });
    },

    /** The plans of the branches the actor leads as 书记/副书记, in the published campaigns they take part in. */
    async mine(actor: Actor): Promise<MyPlanItem[]> {
      const led = await branchesLedBy(db, actor);
      if (led.length === 0) return [];
      const running = (await campaigns.listCandidates(db, { prefixes: [], status: 'published' })).filter(
        (c) => c.status === 'published',
      );
      const scopes = await participatingPaths(db, running);
      const pairs = running.flatMap((c, i) =>
        led
          .filter((b) => scopes[i]!.paths.some((p) => b.orgPath.startsWith(p)))
          .map((b) => ({ c, b, campaignId: c.id, orgId: b.orgId })),
      );
      const plans = await repo.plansOf(db, pairs);
      const statusOf = new Map(plans.map((p) => [`${p.campaign_id}:${p.org_id}`, p.status]));
      const now = clock.now();
      return pairs.map(({ c, b }) => {
        const status = statusOf.get(`${c.id}:${b.orgId}`) ?? 'none';
        return {
          campaignId: c.id,
          campaignTitle: c.title,
          branchId: b.orgId,
          branchName: b.orgName,
          required: c.settings.lecturePlan?.required ?? false,
          dueOn: c.settings.lecturePlan?.dueOn ?? null,
          status,
          late: rules.isLate(c.settings.lecturePlan, status, now),
        };
      });
    },
  };
}
