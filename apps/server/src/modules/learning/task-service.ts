import {
  beijingDate,
  type AssignableLecture,
  completionPercent,
  type LearningCompletion,
  type LearningTaskCreate,
  type LearningTaskDetail,
  type LearningTaskLecture,
  type LearningTaskList,
  type LearningTaskSummary,
  type LearningUnfinished,
  type MyLearningTask,
} from '@jiangtai/contracts';
import { holdsRole, type Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { conflict, forbidden, invalid, notVisible } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { pathAndAncestors } from '../classroom/policy.ts';
import { BRANCH_ORG_TYPES, branchesLedBy } from '../org/branch-leaders.ts';
import { completionByChild } from './completion.ts';
import { learningNumbersByTask } from './dashboard-numbers.ts';
import { isCompleted, watchedPercent } from './intervals.ts';
import {
  ASSIGNER_ROLES,
  completionRoots,
  mayAssign,
  mayCancel,
  mayListUnfinished,
  READER_ROLES,
} from './policy.ts';
import * as repo from './repository.ts';
import * as tasks from './task-repository.ts';

const LIST_LIMIT = 200;
const isBranch = (type: string) => (BRANCH_ORG_TYPES as readonly string[]).includes(type);
const lastId = (path: string) => path.slice(0, -1).split('.').pop()!;

const summary = (t: tasks.TaskRow): LearningTaskSummary => ({
  id: t.id,
  title: t.title,
  note: t.note,
  dueOn: t.due_on,
  org: { id: t.org_id, name: t.org_name },
  createdAt: new Date(t.created_at).toISOString(),
  cancelled: t.cancelled_at !== null,
  cancelReason: t.cancel_reason,
  lectureCount: t.lecture_count,
});

const lectureOf = (l: Awaited<ReturnType<typeof tasks.taskLectures>>[number]): LearningTaskLecture => ({
  id: l.id,
  title: l.title,
  durationSeconds: l.duration_seconds,
  counting: l.state === 'published',
  unpublishReason: l.state === 'published' ? null : (l.unpublish_reason ?? '已下架'),
});

const completion = (members: number, completed: number, counting: boolean): LearningCompletion => ({
  members,
  completed: counting ? completed : 0,
  percent: counting ? completionPercent(completed, members) : null,
});

/** 学习任务: assign published lectures to an org's subtree, cancel, and read completion as percentages. */
export function learningTaskService({ db, clock }: AppDeps) {
  async function create(actor: Actor, input: LearningTaskCreate, who: AuditWho) {
    if (!holdsRole(actor, ASSIGNER_ROLES)) throw forbidden('只有组织者和单位管理员可以下达学习任务');
    const org = await repo.findOrg(db, input.orgId);
    if (!org || !org.active || !mayAssign(actor, org.path)) throw notVisible('组织');
    const now = clock.now();
    if (input.dueOn < beijingDate(now))
      throw invalid('截止日期不能早于今天', [{ path: 'dueOn', message: '截止日期不能早于今天' }]);
    const found = await repo.lecturesByIds(db, input.lectureIds);
    const byId = new Map(found.map((l) => [l.id, l]));
    const above = new Set(pathAndAncestors(org.path));
    for (const id of input.lectureIds) {
      const l = byId.get(id);
      if (!l) throw invalid('所选微课不存在', [{ path: 'lectureIds', message: '所选微课不存在' }]);
      if (l.state !== 'published') throw invalid(`微课「${l.title}」未发布或已下架，不能布置`);
      // Every member of the subtree must be able to open it: public, or published by this org or above.
      if (l.visibility !== 'public' && !above.has(l.org_path))
        throw invalid(`微课「${l.title}」只在发布单位内可见，不能布置给${org.name}全体党员`);
    }
    const id = await db.transaction().execute(async (tx) => {
      const taskId = await tasks.insertTask(tx, {
        orgId: org.id,
        orgPath: org.path,
        title: input.title,
        note: input.note,
        dueOn: input.dueOn,
        lectureIds: input.lectureIds,
        createdBy: actor.userId,
        now,
      });
      await audit(tx, who, {
        action: 'learning.task_created',
        entityType: 'learning_task',
        entityId: taskId,
        orgPath: org.path,
        after: { title: input.title, dueOn: input.dueOn, lectureIds: input.lectureIds },
      });
      return taskId;
    });
    return summary((await tasks.findTask(db, id))!);
  }

  /** The assign form's choices: published lectures every member of the org's subtree may open. */
  async function assignable(actor: Actor, orgId: string, q: string): Promise<AssignableLecture[]> {
    if (!holdsRole(actor, ASSIGNER_ROLES)) throw forbidden('只有组织者和单位管理员可以下达学习任务');
    const org = await repo.findOrg(db, orgId);
    if (!org || !org.active || !mayAssign(actor, org.path)) throw notVisible('组织');
    const rows = await repo.assignableLectures(db, pathAndAncestors(org.path), q, 50);
    return rows.map((l) => ({
      id: l.id,
      title: l.title,
      speakerName: l.speaker_name,
      durationSeconds: l.duration_seconds,
      visibility: l.visibility,
    }));
  }

  /** The task and the subtrees of it the actor reads (404 alike for missing and out of reach). */
  async function readable(actor: Actor, id: string) {
    const task = await tasks.findTask(db, id);
    const led = (await branchesLedBy(db, actor)).map((b) => b.orgPath);
    const roots = task ? completionRoots(actor, task.org_path, led) : [];
    if (!task || roots.length === 0) throw notVisible('学习任务', '查看');
    return { task, roots, led };
  }

  async function cancel(actor: Actor, id: string, reason: string, who: AuditWho) {
    const { task } = await readable(actor, id);
    if (!mayCancel(actor, task.org_path)) throw forbidden('只有下达任务的组织及上级的管理员可以撤销学习任务');
    if (task.cancelled_at) throw conflict('该学习任务已撤销');
    await db.transaction().execute(async (tx) => {
      const done = await tasks.cancelTask(tx, id, actor.userId, reason, clock.now());
      if (Number(done.numUpdatedRows) === 0) throw conflict('该学习任务已撤销');
      await audit(tx, who, {
        action: 'learning.task_cancelled',
        entityType: 'learning_task',
        entityId: id,
        orgPath: task.org_path,
        after: { title: task.title, reason },
      });
    });
    return summary((await tasks.findTask(db, id))!);
  }

  /**
   * The tasks of the actor's scope and from above it; with `orgId` (an org of that scope), those
   * reaching into the org's subtree, each open one with the org's numbers as the dashboard counts them.
   */
  async function list(actor: Actor, orgId?: string): Promise<LearningTaskList> {
    const led = (await branchesLedBy(db, actor)).map((b) => b.orgPath);
    const scope = [
      ...actor.grants.filter((g) => READER_ROLES.includes(g.role)).map((g) => g.orgPath),
      ...led,
    ];
    if (scope.length === 0) throw forbidden('您无权查看学习任务的完成情况');
    if (!orgId) {
      const ancestors = [...new Set(scope.flatMap(pathAndAncestors))];
      const rows = await tasks.tasksInScope(db, scope, ancestors, LIST_LIMIT);
      return { items: rows.map((t) => ({ ...summary(t), inOrg: null })), org: null };
    }
    const org = await repo.findOrg(db, orgId);
    if (!org || !scope.some((p) => org.path.startsWith(p))) throw notVisible('组织', '查看');
    // Tasks above the org or inside it: all of them lie in the scope's, since the org does.
    const rows = await tasks.tasksInScope(db, [org.path], pathAndAncestors(org.path), LIST_LIMIT);
    const numbers = await learningNumbersByTask(
      db,
      org.path,
      rows.filter((t) => t.cancelled_at === null),
    );
    const sum = { assigned: 0, completed: 0 };
    for (const n of numbers.values()) {
      sum.assigned += n.assigned;
      sum.completed += n.completed;
    }
    return {
      items: rows.map((t) => ({ ...summary(t), inOrg: numbers.get(t.id) ?? null })),
      org: { id: org.id, name: org.name, ...sum },
    };
  }

  async function detail(actor: Actor, id: string, orgId?: string): Promise<LearningTaskDetail> {
    const { task, roots, led } = await readable(actor, id);
    const org = orgId ? await repo.findOrg(db, orgId) : await repo.findOrg(db, lastId(roots[0]!));
    if (!org || !org.active || !roots.some((r) => org.path.startsWith(r))) throw notVisible('组织', '查看');
    const top = roots.find((r) => org.path.startsWith(r))!;
    const crumbIds = pathAndAncestors(org.path)
      .filter((p) => p.startsWith(top) && p !== org.path)
      .map(lastId);
    const [lectureRows, rows, crumbs] = await Promise.all([
      tasks.taskLectures(db, [id]),
      completionByChild(db, id, org),
      repo.orgNames(db, crumbIds),
    ]);
    const lectures = lectureRows.map(lectureOf);
    const counting = lectures.some((l) => l.counting);
    const sum = rows.reduce((a, r) => ({ m: a.m + r.members, c: a.c + r.completed }), { m: 0, c: 0 });
    const byId = new Map(crumbs.map((c) => [c.id, c]));
    return {
      task: summary(task),
      lectures,
      org: { id: org.id, name: org.name, type: org.type, isBranch: isBranch(org.type) },
      breadcrumb: crumbIds.flatMap((c) => (byId.has(c) ? [byId.get(c)!] : [])),
      totals: completion(sum.m, sum.c, counting),
      children: rows
        .filter((r) => !r.self && r.active)
        .map((r) => ({
          org: { id: r.id, name: r.name, type: r.type },
          isBranch: isBranch(r.type),
          ...completion(r.members, r.completed, counting),
        })),
      mayCancel: mayCancel(actor, task.org_path) && !task.cancelled_at,
      ledBranchIds: led.filter((p) => p.startsWith(task.org_path)).map(lastId),
    };
  }

  async function unfinished(actor: Actor, id: string, orgId?: string): Promise<LearningUnfinished> {
    const { task, led } = await readable(actor, id);
    const inside = led.filter((p) => p.startsWith(task.org_path));
    const path = orgId ? inside.find((p) => lastId(p) === orgId) : inside[0];
    if (!path || !mayListUnfinished(path, task.org_path, led))
      throw forbidden('未学完名单只向本支部书记、副书记显示');
    const [branch, members, lectureRows] = await Promise.all([
      repo.findOrg(db, lastId(path)),
      tasks.unfinishedMembers(db, id, path),
      tasks.taskLectures(db, [id]),
    ]);
    return {
      task: { id: task.id, title: task.title, dueOn: task.due_on },
      branch: { id: branch!.id, name: branch!.name, type: branch!.type },
      members: members.map((m) => ({ id: m.id, name: m.name, completedLectures: m.completed })),
      countingLectures: lectureRows.filter((l) => l.state === 'published').length,
    };
  }

  async function mine(actor: Actor): Promise<MyLearningTask[]> {
    if (!actor.memberId) throw forbidden('只有党员账号有学习任务，请使用本人的党员账号登录');
    const member = await repo.memberPath(db, actor.memberId);
    if (!member) return [];
    const rows = await tasks.tasksForMemberPath(db, pathAndAncestors(member.org_path), LIST_LIMIT);
    const lectureRows = await tasks.taskLectures(
      db,
      rows.map((r) => r.id),
    );
    const progress = await tasks.memberProgress(db, actor.memberId, [
      ...new Set(lectureRows.map((l) => l.id)),
    ]);
    const mineById = new Map(progress.map((p) => [p.lecture_id, p]));
    return rows.map((t) => {
      const lectures = lectureRows
        .filter((l) => l.task_id === t.id)
        .map((l) => {
          const p = mineById.get(l.id);
          const watched = p?.watched_seconds ?? 0;
          return {
            ...lectureOf(l),
            watchedSeconds: watched,
            percent: watchedPercent(watched, l.duration_seconds),
            completed: !!p?.completed_at || isCompleted(watched, l.duration_seconds),
          };
        });
      const counting = lectures.filter((l) => l.counting);
      return {
        ...summary(t),
        lectures,
        completed: counting.length > 0 && counting.every((l) => l.completed),
      };
    });
  }

  return { create, cancel, list, detail, unfinished, mine, assignable };
}
