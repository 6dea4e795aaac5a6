import type { LectureRecordCreate, LectureRecordFields } from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { conflict, forbidden, invalid, notFound } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { findCampaign } from '../campaigns/repository.ts';
import { sendNotice } from '../notices/service.ts';
import { loadBranchToRecord, loadRecord } from './access.ts';
import * as files from './files-repository.ts';
import { plansModuleLines, type PlanLineLookup } from './plan-lines.ts';
import { changedFields, fieldsAsText } from './present.ts';
import * as repo from './repository.ts';
import type { Db, RecordRow } from './repository.ts';
import * as rules from './rules.ts';
import { assertValidRecord } from './validate.ts';

const fieldColumns = (f: LectureRecordFields) => ({
  held_on: f.heldOn,
  occasion: f.occasion,
  topic: f.topic,
  category_key: f.categoryKey,
  speaker_member_id: f.speaker.kind === 'member' ? f.speaker.memberId : null,
  guest_speaker_name: f.speaker.kind === 'guest' ? f.speaker.name : null,
  attendance: f.attendance,
  summary: f.summary,
  plan_line_id: f.planLineId,
});

/** A record's fields as text, read back from the database (for audit rows and corrections). */
async function snapshot(db: Db, id: string) {
  const row = (await repo.findRecord(db, id))!;
  return fieldsAsText(row, await repo.listAttendees(db, id), await files.listRecordFiles(db, id));
}

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

/**
 * Lecture records (宣讲记录): recorded by the branch, confirmed or returned by the unit, corrected
 * with a logged reason once confirmed, deleted with a trace. Every change writes an audit row in
 * its transaction. Exposed to other modules: see the functions' comments.
 */
export function lectureService(deps: AppDeps, opts: { planLines?: PlanLineLookup } = {}) {
  const { db, clock } = deps;
  const planLines = opts.planLines ?? plansModuleLines;
  const check = (actor: Actor) => ({ clock, planLines, actorUserId: actor.userId });
  const entity = (row: Pick<RecordRow, 'id' | 'org_path'>) => ({
    entityType: 'lecture_record' as const,
    entityId: row.id,
    orgPath: row.org_path,
  });

  /** Loads a record the actor may change as its branch (secretary or admin), in a state that allows it. */
  async function loadEditable(tx: Db, actor: Actor, id: string) {
    const loaded = await loadRecord(tx, actor, id, true);
    if (loaded.row.deleted_at) throw conflict('这条记录已删除');
    if (!loaded.access.edit) throw forbidden('只有本支部书记、副书记或上级单位管理员可以修改这条记录');
    return loaded;
  }

  async function loadDecidable(tx: Db, actor: Actor, id: string) {
    const loaded = await loadRecord(tx, actor, id, true);
    if (loaded.row.deleted_at) throw conflict('这条记录已删除');
    if (!loaded.access.decide) throw forbidden('只有上级单位管理员可以确认、退回或更正宣讲记录');
    return loaded;
  }

  return {
    /**
     * Records a lecture. A retry with the same clientKey by the same account answers the record saved
     * the first time (`replayed`), so a submit repeated after a dropped connection saves once.
     */
    async create(actor: Actor, input: LectureRecordCreate, who: AuditWho) {
      const replay = async () => {
        const existing = await repo.findIdByClientKey(db, input.clientKey);
        if (!existing) return null;
        if (existing.created_by !== actor.userId)
          throw conflict('这份表单的提交标识已被使用，请刷新页面后重新填写');
        return { id: existing.id, replayed: true };
      };
      const earlier = await replay();
      if (earlier) return earlier;
      try {
        const id = await db.transaction().execute(async (tx) => {
          const branch = await loadBranchToRecord(tx, actor, input.orgId);
          const campaign = await findCampaign(tx, input.campaignId);
          if (!campaign || campaign.status === 'draft') throw notFound('活动');
          await assertValidRecord(tx, check(actor), { recordId: null, branch, campaign }, input);
          const now = clock.now();
          const id = await repo.insertRecord(tx, {
            campaign_id: campaign.id,
            org_id: branch.id,
            org_path: branch.path,
            ...fieldColumns(input),
            client_key: input.clientKey,
            created_by: actor.userId,
            created_at: now,
            updated_at: now,
            deleted_at: null,
            deleted_by: null,
            delete_reason: null,
          });
          await repo.replaceAttendees(tx, id, input.attendeeMemberIds);
          await files.setRecordFiles(tx, id, input.fileIds, now);
          const after = await snapshot(tx, id);
          await audit(tx, who, {
            action: 'lecture.recorded',
            ...entity({ id, org_path: branch.path }),
            after: { title: input.topic, campaign: campaign.title, branch: branch.name, ...after },
          });
          return id;
        });
        return { id, replayed: false };
      } catch (error) {
        // Two copies of one submit raced: the loser answers the winner's record.
        if (isUniqueViolation(error)) {
          const again = await replay();
          if (again) return again;
        }
        throw error;
      }
    },

    /** The branch edits a record not yet confirmed; editing a returned one submits it again. */
    async update(actor: Actor, id: string, input: LectureRecordFields, who: AuditWho) {
      return db.transaction().execute(async (tx) => {
        const { row } = await loadEditable(tx, actor, id);
        if (!rules.mayEditInState(row.status))
          throw conflict('这条记录已确认，不能直接修改；如需更正，请联系上级单位管理员');
        const campaign = (await findCampaign(tx, row.campaign_id))!;
        const branch = { id: row.org_id, path: row.org_path };
        await assertValidRecord(
          tx,
          check(actor),
          { recordId: id, currentPlanLineId: row.plan_line_id, branch, campaign },
          input,
        );
        const before = await snapshot(tx, id);
        const now = clock.now();
        const resubmit = row.status === 'returned';
        await repo.updateRecord(tx, id, {
          ...fieldColumns(input),
          ...(resubmit ? { status: 'recorded' as const } : {}),
          updated_at: now,
        });
        await repo.replaceAttendees(tx, id, input.attendeeMemberIds);
        await files.setRecordFiles(tx, id, input.fileIds, now);
        const diff = changedFields(before, await snapshot(tx, id));
        await audit(tx, who, {
          action: resubmit ? 'lecture.resubmitted' : 'lecture.updated',
          ...entity(row),
          before: { title: row.topic, ...diff.before },
          after: { title: input.topic, ...diff.after },
        });
        return { id };
      });
    },

    /** The unit confirms a recorded lecture; it is locked from then on except for corrections. */
    async confirm(actor: Actor, id: string, who: AuditWho) {
      return db.transaction().execute(async (tx) => {
        const { row } = await loadDecidable(tx, actor, id);
        if (!rules.mayDecideInState(row.status)) throw conflict(stateMessage(row.status));
        const now = clock.now();
        await repo.updateRecord(tx, id, {
          status: 'confirmed',
          decided_by: actor.userId,
          decided_at: now,
          updated_at: now,
        });
        await audit(tx, who, { action: 'lecture.confirmed', ...entity(row), after: { title: row.topic } });
        return { id };
      });
    },

    /**
     * The unit returns a recorded lecture with a reason; the branch edits and submits it again. Whoever
     * recorded it gets an in-app notice in the same transaction.
     */
    async return(actor: Actor, id: string, reason: string, who: AuditWho) {
      return db.transaction().execute(async (tx) => {
        const { row } = await loadDecidable(tx, actor, id);
        if (!rules.mayDecideInState(row.status)) throw conflict(stateMessage(row.status));
        const now = clock.now();
        await repo.updateRecord(tx, id, {
          status: 'returned',
          return_reason: reason,
          decided_by: actor.userId,
          decided_at: now,
          updated_at: now,
        });
        await audit(tx, who, {
          action: 'lecture.returned',
          ...entity(row),
          after: { title: row.topic, reason },
        });
        await sendNotice(tx, {
          userIds: [row.created_by],
          kind: 'lecture_returned',
          title: `宣讲记录「${row.topic}」被退回`,
          body: `退回原因：${reason}。请修改后重新提交。`,
          link: `/lectures/${id}`,
          orgId: row.org_id,
          createdBy: actor.userId,
          now,
        });
        return { id, recordedBy: row.created_by };
      });
    },

    /** A logged correction of a confirmed record: reason, the fields before and after, who and when. */
    async correct(actor: Actor, id: string, input: LectureRecordFields & { reason: string }, who: AuditWho) {
      return db.transaction().execute(async (tx) => {
        const { row } = await loadDecidable(tx, actor, id);
        if (!rules.mayCorrectInState(row.status))
          throw conflict('只有已确认的记录需要更正；未确认的记录请由支部直接修改');
        const campaign = (await findCampaign(tx, row.campaign_id))!;
        const branch = { id: row.org_id, path: row.org_path };
        await assertValidRecord(
          tx,
          check(actor),
          { recordId: id, currentPlanLineId: row.plan_line_id, branch, campaign },
          input,
          { correction: true },
        );
        const before = await snapshot(tx, id);
        const now = clock.now();
        await repo.updateRecord(tx, id, { ...fieldColumns(input), updated_at: now });
        await repo.replaceAttendees(tx, id, input.attendeeMemberIds);
        await files.setRecordFiles(tx, id, input.fileIds, now);
        const diff = changedFields(before, await snapshot(tx, id));
        if (Object.keys(diff.after).length === 0) throw invalid('没有需要更正的内容：请先修改要更正的项目');
        await repo.insertCorrection(tx, {
          recordId: id,
          reason: input.reason,
          ...diff,
          by: actor.userId,
          at: now,
        });
        await audit(tx, who, {
          action: 'lecture.corrected',
          ...entity(row),
          before: { title: row.topic, ...diff.before },
          after: { title: input.topic, reason: input.reason, ...diff.after },
        });
        return { id };
      });
    },

    /**
     * Deletes a record, leaving the row (deleted_at, who, reason) and an audit row as the trace.
     * The branch's secretary may delete before confirmation; an admin over the branch at any time,
     * with a reason.
     */
    async remove(actor: Actor, id: string, reason: string, who: AuditWho) {
      return db.transaction().execute(async (tx) => {
        const { row, access } = await loadEditable(tx, actor, id);
        if (access.admin) {
          if (!reason) throw invalid('请填写删除原因', [{ path: 'reason', message: '请填写删除原因' }]);
        } else if (!rules.secretaryMayDeleteInState(row.status))
          throw conflict('这条记录已确认，支部不能删除；如确需删除，请联系上级单位管理员');
        const now = clock.now();
        await repo.updateRecord(tx, id, {
          deleted_at: now,
          deleted_by: actor.userId,
          delete_reason: reason || null,
          updated_at: now,
        });
        await audit(tx, who, {
          action: 'lecture.deleted',
          ...entity(row),
          before: { title: row.topic, status: row.status },
          after: { reason },
        });
        return { id };
      });
    },
  };
}

function stateMessage(status: RecordRow['status']): string {
  switch (status) {
    case 'confirmed':
      return '这条记录已确认';
    case 'returned':
      return '这条记录已退回，等待支部修改后重新提交';
    case 'recorded':
      return '这条记录等待确认';
  }
}

export type LectureService = ReturnType<typeof lectureService>;
