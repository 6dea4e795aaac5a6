import { planLinesForBranch } from '../plans/plan-lines.ts';
import {
  beijingDate,
  type LectureFormOptions,
  type LectureListQuery,
  type LectureRecordDetail,
  type LectureRecordList,
} from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { notVisible } from '../../lib/errors.ts';
import { participatingPaths } from '../campaigns/loading.ts';
import { branchesLedBy } from '../org/branch-leaders.ts';
import { loadBranchToRecord, loadRecord } from './access.ts';
import * as files from './files-repository.ts';
import { listScope, mayListUnder } from './policy.ts';
import { presentFile, presentSummary } from './present.ts';
import * as repo from './repository.ts';
import * as rules from './rules.ts';

/** What the lecture pages read: the form's choices, lists, a record, a member's own lectures, a file. */
export function lectureQueries(deps: AppDeps) {
  const { db, clock } = deps;

  return {
    /** The branches the actor records for as their secretary (admins open a branch from its page). */
    async myBranches(actor: Actor) {
      return { items: await branchesLedBy(db, actor) };
    },

    /** The form's choices for one branch: its published campaigns, active members, today's date. */
    async formOptions(actor: Actor, orgId: string): Promise<LectureFormOptions> {
      const branch = await loadBranchToRecord(db, actor, orgId);
      const campaigns = await repo.publishedCampaigns(db);
      const scopes = await participatingPaths(db, campaigns);
      const members = await repo.activeMembers(db, branch.id);
      return {
        branch: { id: branch.id, name: branch.name },
        activeMemberCount: members.length,
        members,
        campaigns: await Promise.all(
          campaigns
            .filter((_, i) => scopes[i]!.paths.some((p) => branch.path.startsWith(p)))
            .map(async (c) => ({
              id: c.id,
              title: c.title,
              startsOn: c.settings.startsOn,
              endsOn: c.settings.endsOn,
              categories: c.settings.categories.map((k) => ({ key: k.key, name: k.name })),
              planLines: (await planLinesForBranch(db, c.id, branch.id)).map((l) => ({
                id: l.id,
                label: l.label,
                topic: l.topic,
                categoryKey: l.categoryKey,
                occasion: l.occasion,
                speakerMemberId: l.speakerMemberId,
                speakerName: l.speakerName,
              })),
            })),
        ),
        selfMemberId: members.some((m) => m.id === actor.memberId) ? actor.memberId : null,
        today: beijingDate(clock.now()),
      };
    },

    /**
     * Records the actor may see (the same people as the detail page), filtered, newest first;
     * `underOrgId` narrows them to an org's subtree (the dashboard's numbers open this list).
     */
    async list(actor: Actor, q: LectureListQuery): Promise<LectureRecordList> {
      const led = await branchesLedBy(db, actor);
      const under = q.underOrgId ? await repo.findOrg(db, q.underOrgId) : null;
      if (q.underOrgId && (!under || !mayListUnder(actor, led, under.path))) throw notVisible('组织', '查看');
      const rows = await repo.listRecords(db, listScope(actor, led), { ...q, underPath: under?.path });
      return {
        items: rows.map(presentSummary),
        total: Number(rows[0]?.total ?? 0),
        page: q.page,
        pageSize: q.pageSize,
        org: under ? { id: under.id, name: under.name } : null,
      };
    },

    /** The lectures the actor gave as a member (我的宣讲). */
    async mine(actor: Actor) {
      if (!actor.memberId) return { items: [] };
      return { items: (await repo.listBySpeaker(db, actor.memberId)).map(presentSummary) };
    },

    async detail(actor: Actor, id: string): Promise<LectureRecordDetail> {
      const { row, access } = await loadRecord(db, actor, id);
      const [attendees, fileRows, corrections] = await Promise.all([
        repo.listAttendees(db, id),
        files.listRecordFiles(db, id),
        repo.listCorrections(db, id),
      ]);
      const names = await repo.userNames(
        db,
        [row.created_by, row.decided_by].filter((v): v is string => !!v),
      );
      const live = row.deleted_at === null;
      return {
        ...presentSummary(row),
        speakerMemberId: row.speaker_member_id,
        guestSpeakerName: row.guest_speaker_name,
        summary: row.summary,
        attendees,
        files: fileRows.map(presentFile),
        planLineId: row.plan_line_id,
        returnReason: row.status === 'returned' ? row.return_reason : null,
        recordedBy: names.get(row.created_by) ?? '',
        decidedBy: row.decided_by ? (names.get(row.decided_by) ?? '') : null,
        decidedAt: row.decided_at?.toISOString() ?? null,
        deletedAt: row.deleted_at?.toISOString() ?? null,
        deleteReason: row.delete_reason,
        corrections: corrections.map((c) => ({
          id: c.id,
          reason: c.reason,
          before: c.before as Record<string, string>,
          after: c.after as Record<string, string>,
          correctedBy: c.display_name,
          correctedAt: c.corrected_at.toISOString(),
        })),
        can: {
          edit: live && access.edit && rules.mayEditInState(row.status),
          decide: live && access.decide && rules.mayDecideInState(row.status),
          correct: live && access.decide && rules.mayCorrectInState(row.status),
          delete: live && access.edit && (access.admin || rules.secretaryMayDeleteInState(row.status)),
          deleteNeedsReason: access.admin,
        },
      };
    },

    /**
     * A file of a record (or its photo's thumbnail) for whoever may see the record; a file not yet
     * on a record only for the account that uploaded it (the open form shows it).
     */
    async file(actor: Actor, id: string, variant: 'full' | 'thumb') {
      const f = await files.findFile(db, id);
      if (!f || f.removed_at) throw notVisible('文件', '查看');
      if (f.record_id) await loadRecord(db, actor, f.record_id);
      else if (f.uploaded_by !== actor.userId) throw notVisible('文件', '查看');
      if (variant === 'thumb' && f.thumb_id)
        return {
          row: f,
          stored: {
            storage: f.thumb_storage!,
            storage_key: f.thumb_storage_key!,
            size_bytes: f.thumb_size_bytes!,
          },
          mime: f.thumb_mime!,
        };
      return { row: f, stored: f, mime: f.mime };
    },
  };
}
