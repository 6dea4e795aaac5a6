import {
  LEARNING_RULE,
  type LearningProgressView,
  type LearningReport,
  type LearningReportResult,
  type LearningSessionStarted,
} from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { conflict, forbidden, notVisible } from '../../lib/errors.ts';
import { mayViewLecture, viewerPlaces } from '../classroom/policy.ts';
import {
  creditReport,
  isCompleted,
  OVER_BUDGET_MESSAGE,
  REFUSAL_MESSAGES,
  watchedPercent,
  type Interval,
} from './intervals.ts';
import { coalesce } from '../../db/coalesce.ts';
import * as repo from './repository.ts';

export const SECOND_TAB_MESSAGE =
  '已在其他页面学习此课或其他微课，本页面不再记录学习进度；如需在本页学习，请刷新页面';
const NOT_PUBLISHED = '该微课未发布或已下架，学习进度不再记录';

function view(
  lectureId: string,
  duration: number,
  p: { watched_seconds: number; resume_seconds: number; completed_at: Date | null } | undefined,
): LearningProgressView {
  const watched = p?.watched_seconds ?? 0;
  return {
    lectureId,
    durationSeconds: duration,
    watchedSeconds: watched,
    percent: watchedPercent(watched, duration),
    completed: !!p?.completed_at,
    completedAt: p?.completed_at ? new Date(p.completed_at).toISOString() : null,
    resumeSeconds: p?.resume_seconds ?? 0,
    rule: LEARNING_RULE,
  };
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

/**
 * Honest learning: a member's page opens a session for a lecture they may watch, then reports the
 * intervals it played; each report is credited by the pure rules of intervals.ts against the time
 * since the session's previous report (the injected clock).
 */
export function learningService({ db, clock }: AppDeps) {
  // The evening peak is made of reports: the ones arriving while a read or a write is in flight share
  // the next statement (db/coalesce.ts). Each still reads after it arrived and writes under its own
  // optimistic check, so the rules below are exactly those of a statement per report.
  const readSession = coalesce(async (ids: string[]) => {
    const rows = await repo.readForReports(db, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id));
  });
  const saveReport = coalesce(
    async (writes: (repo.ReportWrite & { memberId: string })[]) => {
      const saved = await repo.saveReports(db, writes);
      return writes.map((w) => saved.has(w.sessionId));
    },
    // One progress row per member and lecture, and a member has one active session: one per member.
    { key: (w) => w.memberId },
  );

  function memberOf(actor: Actor): string {
    if (!actor.memberId) throw forbidden('只有党员账号记录学习进度，请使用本人的党员账号登录');
    return actor.memberId;
  }

  /** The lecture if the actor may watch it (404 in the same words whether missing or out of reach). */
  async function watchable(actor: Actor, lectureId: string) {
    const lecture = await repo.findLecture(db, lectureId);
    if (!lecture || !mayViewLecture(actor, await viewerPlaces(db, actor), lecture))
      throw notVisible('微课', '查看');
    return lecture;
  }

  async function start(actor: Actor, lectureId: string): Promise<LearningSessionStarted> {
    const memberId = memberOf(actor);
    const lecture = await watchable(actor, lectureId);
    if (lecture.state !== 'published') throw conflict(NOT_PUBLISHED);
    const now = clock.now();
    const open = () => db.transaction().execute((tx) => repo.startSession(tx, memberId, lectureId, now));
    // Two pages starting at the same instant: the index lets one win; the other supersedes it in turn.
    const sessionId = await open().catch((e: unknown) => (isUniqueViolation(e) ? open() : Promise.reject(e)));
    const progress = await repo.findProgress(db, memberId, lectureId);
    return { sessionId, progress: view(lectureId, lecture.duration_seconds, progress) };
  }

  async function report(
    actor: Actor,
    sessionId: string,
    input: LearningReport,
  ): Promise<LearningReportResult> {
    const memberId = memberOf(actor);
    // Another report of the same session saved in between: read again and credit against that.
    for (let attempt = 0; ; attempt++) {
      const answer = await tryReport(memberId, sessionId, input);
      if (answer) return answer;
      if (attempt === 4) throw conflict('学习进度正在保存，请稍后重试');
    }
  }

  async function tryReport(memberId: string, sessionId: string, input: LearningReport) {
    const now = clock.now();
    const s = await readSession(sessionId);
    if (!s || s.member_id !== memberId) throw notVisible('学习记录', '查看');
    if (s.superseded_at) throw conflict(SECOND_TAB_MESSAGE);
    if (s.state !== 'published') throw conflict(NOT_PUBLISHED);
    const duration = s.duration_seconds;
    const elapsed = now.getTime() - new Date(s.last_report_at).getTime();
    const credit = creditReport(
      (s.intervals ?? []) as Interval[],
      { ...input, intervals: input.intervals as Interval[] },
      duration,
      elapsed,
    );
    const watched = credit.watched;
    const completedAt = s.completed_at ?? (isCompleted(watched, duration) ? now : null);
    const resume =
      input.position === undefined
        ? (s.resume_seconds ?? 0)
        : Math.min(duration, Math.max(0, Math.floor(input.position)));
    // Every report moves the budget's start, counted or not: time spent hidden or muted cannot be
    // claimed by a later report.
    const saved = await saveReport({
      memberId,
      sessionId,
      readReports: s.reports,
      intervals: credit.merged,
      watched,
      resume,
      completedAt,
      now,
    });
    if (!saved) return null;
    const reason = credit.refusal
      ? REFUSAL_MESSAGES[credit.refusal]
      : credit.overBudget
        ? OVER_BUDGET_MESSAGE
        : null;
    return {
      counted: !credit.refusal && credit.accepted > 0,
      creditedSeconds: credit.added,
      reason,
      progress: view(s.lecture_id, duration, {
        watched_seconds: watched,
        resume_seconds: resume,
        completed_at: completedAt,
      }),
    };
  }

  async function progress(actor: Actor, lectureId: string): Promise<LearningProgressView> {
    const memberId = memberOf(actor);
    const lecture = await repo.findLecture(db, lectureId);
    const p = lecture ? await repo.findProgress(db, memberId, lectureId) : undefined;
    // A lecture unpublished since keeps showing the member their own record.
    if (!lecture || (!p && !mayViewLecture(actor, await viewerPlaces(db, actor), lecture)))
      throw notVisible('微课', '查看');
    return view(lectureId, lecture.duration_seconds, p);
  }

  return { start, report, progress };
}
