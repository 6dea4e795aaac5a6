import { assignmentStatusLabels, roundStateLabels, type ScoreInput } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { findAssetWithJob } from '../media/assets-repository.ts';
import { hlsContentType } from '../media/assets-files.ts';
import { mediaOutputFile } from '../media/output-store.ts';
import { reassign } from './assignment.ts';
import { judgingDocuments } from './judging-documents.ts';
import * as repo from './repository.ts';
import type { Db, RoundRow } from './repository.ts';
import { assignmentScene, stageName, unitConflictOf } from './round-context.ts';
import { appendScoreRecord, chainMark, recordRemoval, recordTotal } from './score-log.ts';
import { assertBeforeDeadline, assertRoundState, validateScores } from './rules.ts';

/**
 * What a judge sees and does. A judge reaches a round only through its panel, an entry only through
 * an assignment (never a removed one), and an entry only by its code: no entry id, speaker, unit,
 * file id or original file name leaves this service in a blind round.
 */
export function judgingService(deps: AppDeps) {
  const { db, clock } = deps;
  const docs = judgingDocuments(deps);

  async function roundForJudge(tx: Db, actor: Actor, roundId: string, forUpdate = false): Promise<RoundRow> {
    const r = await repo.findRound(tx, roundId, { forUpdate });
    const seat = r && (await repo.findPanelMember(tx, roundId, actor.userId));
    if (!r || !seat || !seat.active) throw notFound('评审轮次');
    return r;
  }

  async function itemForJudge(tx: Db, actor: Actor, r: RoundRow, code: string) {
    const item = await repo.findRoundEntryByCode(tx, r.id, code);
    const assignment = item && (await repo.findAssignment(tx, r.id, item.entry_id, actor.userId));
    if (!item || !assignment || assignment.status === 'removed') throw notFound('待评作品');
    // Said plainly to the judge who had it open; the code reveals nothing about who withdrew.
    if (item.left_at) throw conflict('该作品已退赛，无需再评分');
    return { item, assignment };
  }

  /** The entry's unit, for the org path of a rendering job queued from a judge's request. */
  const unitPath = async (r: RoundRow, entryId: string) =>
    (await repo.listRoundEntries(db, r.id, { entryId }))[0]!.unit_org_path;

  const categoryName = (r: RoundRow, key: string) =>
    r.campaign_settings.categories.find((c) => c.key === key)?.name ?? key;

  function presentRoundForJudge(r: RoundRow) {
    return {
      id: r.id,
      name: r.config.name,
      campaignTitle: r.campaign_title,
      stageName: stageName(r),
      blind: r.config.blind,
      /** A live final: scored on the live page when the MC opens scoring, not from the queue. */
      live: !!r.config.live,
      materials: r.config.materials,
      criteria: r.config.criteria,
      deadline: r.config.deadline,
      state: r.state,
      stateLabel: roundStateLabels[r.state],
      open: r.state === 'open',
    };
  }

  async function myRounds(actor: Actor) {
    const rounds = await repo.listRoundsOfJudge(db, actor.userId);
    const items = [];
    for (const r of rounds) {
      const left = new Set(
        (await repo.listRoundEntries(db, r.id)).filter((e) => e.left_at).map((e) => e.entry_id),
      );
      const mine = (await repo.listAssignments(db, r.id)).filter(
        (a) => a.judge_user_id === actor.userId && a.status !== 'removed' && !left.has(a.entry_id),
      );
      items.push({
        ...presentRoundForJudge(r),
        assigned: mine.length,
        submitted: mine.filter((a) => a.status === 'submitted').length,
      });
    }
    return { items };
  }

  /** The judge's queue, in a stable order, with what they saved. */
  async function queue(actor: Actor, roundId: string) {
    const r = await roundForJudge(db, actor, roundId);
    const [entries, assignments, latest] = await Promise.all([
      repo.listRoundEntries(db, roundId),
      repo.listAssignments(db, roundId),
      repo.latestScores(db, roundId, { judgeId: actor.userId }),
    ]);
    // An entry that left the contest (已退赛) drops out of every judge's queue.
    const byEntry = new Map(entries.filter((e) => !e.left_at).map((e) => [e.entry_id, e]));
    const mine = assignments.filter(
      (a) => a.judge_user_id === actor.userId && a.status !== 'removed' && byEntry.has(a.entry_id),
    );
    const last = new Map(latest.map((l) => [l.entry_id, l]));
    const items = mine
      .map((a) => {
        const e = byEntry.get(a.entry_id)!;
        const l = last.get(a.entry_id);
        return {
          code: e.code,
          categoryName: categoryName(r, e.category_key),
          title: r.config.blind ? null : e.title,
          speakerName: r.config.blind ? null : e.speaker_name,
          unitName: r.config.blind ? null : e.unit_name,
          status: a.status,
          statusLabel: assignmentStatusLabels[a.status],
          total: l ? recordTotal(l.scores) : null,
        };
      })
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    return {
      round: presentRoundForJudge(r),
      items,
      progress: { assigned: items.length, submitted: items.filter((i) => i.status === 'submitted').length },
    };
  }

  /** One entry for scoring: its code, the materials the round shows (by URL under the code), my score. */
  async function item(actor: Actor, roundId: string, code: string) {
    const r = await roundForJudge(db, actor, roundId);
    const { item: it, assignment } = await itemForJudge(db, actor, r, code);
    const entry = (await repo.listRoundEntries(db, roundId, { entryId: it.entry_id }))[0]!;
    const files = await repo.currentMaterials(db, it.entry_id);
    const base = `/api/judging/rounds/${roundId}/items/${code}`;
    const documents = await docs.documents(r, code, files, entry.unit_org_path, base);
    let video = null;
    if (r.config.materials.includes('video')) {
      const f = files.find((x) => x.material === 'video');
      const asset = f ? await findAssetWithJob(db, f.file_id) : undefined;
      video = {
        present: !!f,
        ready: asset?.status === 'ready',
        masterUrl: asset?.status === 'ready' ? `${base}/video/master.m3u8` : null,
        posterUrl: asset?.status === 'ready' && asset.poster ? `${base}/video/poster.jpg` : null,
      };
    }
    const [latest] = await repo.latestScores(db, roundId, { judgeId: actor.userId, entryId: it.entry_id });
    return {
      round: presentRoundForJudge(r),
      code,
      categoryName: categoryName(r, entry.category_key),
      title: r.config.blind ? null : entry.title,
      outline: r.config.blind ? null : entry.outline,
      speakerName: r.config.blind ? null : entry.speaker_name,
      unitName: r.config.blind ? null : entry.unit_name,
      status: assignment.status,
      statusLabel: assignmentStatusLabels[assignment.status],
      locked: assignment.status === 'submitted' || r.state !== 'open',
      score: latest
        ? {
            scores: latest.scores,
            comment: latest.comment ?? '',
            total: recordTotal(latest.scores),
            savedAt: latest.created_at,
          }
        : null,
      reopenReason: latest?.action === 'reopen' ? latest.reason : null,
      documents,
      video,
    };
  }

  /** Save a draft or submit. Submitted scores are locked; a reopened one may be saved again. */
  async function score(actor: Actor, roundId: string, code: string, input: ScoreInput, who: AuditWho) {
    await db.transaction().execute(async (tx) => {
      const r = await roundForJudge(tx, actor, roundId, true);
      assertRoundState(r.state, ['open'], '评分');
      if (r.config.live) throw conflict('现场决赛请在现场评分页面为正在评分的选手打分');
      assertBeforeDeadline(clock.now(), r.config.deadline);
      const { item: it, assignment } = await itemForJudge(tx, actor, r, code);
      if (assignment.status === 'submitted')
        throw conflict('该作品的评分已提交并锁定；如需修改，请联系组织者说明原因后重新打开');
      if (unitConflictOf(await assignmentScene(tx, r), it.entry_id, actor.userId))
        throw conflict(
          '您现在属于该作品所在的单位（或其上级单位），不能为其评分，请点击「申报回避」并写明原因',
        );
      const valid = validateScores(r.config.criteria, input.scores, input.submit);
      const stored = await appendScoreRecord(tx, r, {
        entryId: it.entry_id,
        judgeId: actor.userId,
        action: input.submit ? 'submit' : 'draft',
        scores: valid.scores,
        comment: input.comment || null,
        reason: null,
        actorId: actor.userId,
        now: clock.now(),
      });
      if (input.submit)
        await audit(tx, who, {
          action: 'round.score_submitted',
          entityType: 'review_round',
          entityId: roundId,
          orgPath: r.scope_org_path,
          after: { code, total: valid.total, chainHead: stored.hash, records: stored.seq },
        });
    });
    return item(actor, roundId, code);
  }

  /**
   * The judge declares a conflict of interest while judging: the entry leaves their queue (any score
   * they gave is set aside with the reason) and goes to another judge of the panel by the same rules.
   */
  async function declareConflict(actor: Actor, roundId: string, code: string, reason: string, who: AuditWho) {
    const out = await db.transaction().execute(async (tx) => {
      const r = await roundForJudge(tx, actor, roundId, true);
      assertRoundState(r.state, ['open'], '声明回避');
      if (r.config.live)
        throw conflict('现场决赛如需回避，请告知组织者，由组织者在评分结果中移除您对该选手的评分');
      const { item: it, assignment } = await itemForJudge(tx, actor, r, code);
      await repo.insertConflict(tx, {
        roundId,
        entryId: it.entry_id,
        judgeId: actor.userId,
        reason,
        now: clock.now(),
      });
      // A record of the log: whatever the judge scored leaves the results with it.
      await recordRemoval(tx, r, {
        action: 'conflict_declared',
        entryId: it.entry_id,
        judgeId: actor.userId,
        reason,
        assignmentReason: `评委声明回避：${reason}`,
        deleteAssignment: assignment.status === 'open',
        actorId: actor.userId,
        now: clock.now(),
      });
      // The pair just set aside is no seat any more (see assignmentScene): the entry is topped up
      // whether the judge had not started, saved a draft or submitted.
      const scene = await assignmentScene(tx, r);
      const live = scene.current;
      const result = reassign({
        entries: scene.entryRefs,
        judges: scene.judgeRefs,
        perEntry: scene.perEntry,
        seed: `${roundId}:${code}:${actor.userId}`,
        assignments: live,
        release: [],
      });
      let replacement = false;
      if (result.ok) {
        const before = live[it.entry_id] ?? [];
        const added = (result.assignments[it.entry_id] ?? []).filter((j) => !before.includes(j));
        await repo.insertAssignments(
          tx,
          roundId,
          added.map((judgeId) => ({ entryId: it.entry_id, judgeId })),
          clock.now(),
        );
        replacement = added.length > 0;
      }
      await audit(tx, who, {
        action: 'round.conflict_declared',
        entityType: 'review_round',
        entityId: roundId,
        orgPath: r.scope_org_path,
        after: { code, reason, replacement, ...chainMark(r) },
      });
      return { replacement };
    });
    return {
      ...out,
      message: out.replacement
        ? '已回避，该作品已改由其他评委评审'
        : '已回避；评委组暂无可接替的评委，组织者会另行安排',
    };
  }

  /** A document as the judge may see it: only the platform's PDF in a blind round, named by the code. */
  async function materialFile(actor: Actor, roundId: string, code: string, material: string) {
    const r = await roundForJudge(db, actor, roundId);
    const { item: it } = await itemForJudge(db, actor, r, code);
    return docs.materialFile(r, it.entry_id, await unitPath(r, it.entry_id), code, material);
  }

  /** The platform's PDF of a document, under the code (see previews/render.ts). */
  async function previewFile(actor: Actor, roundId: string, code: string, material: string) {
    const r = await roundForJudge(db, actor, roundId);
    const { item: it } = await itemForJudge(db, actor, r, code);
    return docs.previewFile(r, it.entry_id, await unitPath(r, it.entry_id), code, material);
  }

  /** HLS playlists, segments and the poster, served under the code instead of the file id. */
  async function videoFile(actor: Actor, roundId: string, code: string, name: string) {
    const r = await roundForJudge(db, actor, roundId);
    const { item: it } = await itemForJudge(db, actor, r, code);
    if (!r.config.materials.includes('video')) throw forbidden('本轮评审不提供视频');
    const type = name === 'poster.jpg' ? 'image/jpeg' : hlsContentType(name);
    if (!type) throw new AppError('BAD_REQUEST', '文件名不正确');
    const f = (await repo.currentMaterials(db, it.entry_id)).find((x) => x.material === 'video');
    const asset = f && (await findAssetWithJob(db, f.file_id));
    if (!f || !asset) throw notFound('视频');
    if (asset.status !== 'ready') throw conflict('视频还在处理中，请稍后再试');
    const file = name === 'poster.jpg' ? asset.poster : name;
    if (!file) throw notFound('封面图');
    return {
      file: mediaOutputFile(deps.config, f.file_id, file),
      type,
      playlist: name.endsWith('.m3u8'),
    };
  }

  return { myRounds, queue, item, score, declareConflict, materialFile, previewFile, videoFile };
}
