import type { Kysely } from 'kysely';
import {
  DRAW_ALGORITHM,
  drawCommitment,
  drawOrder,
  formatBeijingDateTime,
  type DrawView,
  type PublicDraw,
} from '@jiangtai/contracts';
import type { DB } from '../../../db/types.ts';
import type { AppDeps } from '../../../lib/deps.ts';
import type { Actor } from '../../../lib/actor.ts';
import { conflict, notFound } from '../../../lib/errors.ts';
import type { AuditWho } from '../../audit/service.ts';
import * as reviews from '../../reviews/repository.ts';
import type { Db, RoundRow } from '../../reviews/repository.ts';
import { accessOf, auditRound, loadRound } from '../../reviews/round-context.ts';
import { entryLeavesRound } from '../../reviews/entry-departures.ts';
import { assertRoundState } from '../../reviews/rules.ts';
import * as policy from './policy.ts';
import * as repo from './repository.ts';
import type { DrawRow } from './repository.ts';
import { assertCompleteOrder, assertEnoughFinalists, assertFinalRound, finalistsList } from './rules.ts';

/**
 * The draw (抽签) of a live final's speaking order. See packages/contracts/src/live-draw.ts for the
 * algorithm and docs/LIVE-DRAW.md for the whole procedure.
 */

/** The order once drawn or entered (entry ids, first speaker first), else null. For the live evening. */
export async function drawnOrder(db: Db, roundId: string): Promise<string[] | null> {
  const d = await repo.findDraw(db, roundId);
  if (!d || (d.method === 'random' && !d.seed)) return null;
  return d.order;
}

const MAX_CONTRIBUTIONS = 100;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const statusOf = (d: DrawRow) => (d.method === 'manual' ? 'manual' : d.seed ? 'revealed' : 'committed');

export function drawService(deps: AppDeps) {
  const { db, clock } = deps;

  /** The public record: everything needed to recompute the order, names but no accounts or phones. */
  async function record(tx: Db, r: RoundRow, d: DrawRow): Promise<PublicDraw> {
    const [contributions, entries] = await Promise.all([
      repo.listContributions(tx, r.id),
      reviews.listRoundEntries(tx, r.id),
    ]);
    const listed = new Set(d.finalists.map((f) => f.entryId));
    const names = await reviews.userNames(tx, [
      ...[d.committed_by, d.revealed_by, d.entered_by].filter((x): x is string => !!x),
      ...contributions.map((c) => c.entered_by),
    ]);
    const nameOf = (id: string | null) => (id ? (names.get(id) ?? '（已停用账号）') : null);
    return {
      algorithm: DRAW_ALGORITHM,
      roundId: r.id,
      campaignTitle: r.campaign_title,
      roundName: r.config.name,
      status: statusOf(d),
      method: d.method,
      commitment: d.commitment,
      committedAt: iso(d.committed_at),
      committedByName: nameOf(d.committed_by),
      finalists: d.finalists,
      contributions: contributions.map((c) => ({
        label: c.label,
        value: c.value,
        at: iso(c.at)!,
        enteredByName: nameOf(c.entered_by)!,
        enteredByOrganiser: c.entered_as === 'organiser',
      })),
      seed: d.seed,
      revealedAt: iso(d.revealed_at),
      revealedByName: nameOf(d.revealed_by),
      finalSeed: d.final_seed,
      order: d.method === 'random' && !d.seed ? null : d.order,
      manual:
        d.method === 'manual'
          ? { note: d.manual_note ?? '', enteredByName: nameOf(d.entered_by)!, at: iso(d.entered_at)! }
          : null,
      withdrawn: entries
        .filter((e) => e.left_at && listed.has(e.entry_id))
        .map((e) => ({ entryId: e.entry_id, at: iso(e.left_at)!, reason: e.left_reason })),
    };
  }

  /** A change to the draw: the round locked (as every change of a round), then the draw row. */
  function change<T>(
    actor: Actor,
    roundId: string,
    doing: string,
    step: (tx: Db, r: RoundRow, d: DrawRow | undefined, judged: boolean) => Promise<T>,
  ) {
    return (db as Kysely<DB>).transaction().execute(async (tx) => {
      const r = await loadRound(tx, roundId, true);
      const judged = await reviews.hasJudged(tx, r.id, actor.userId);
      policy.assertMayViewDraw(actor, accessOf(r), judged);
      assertFinalRound(r);
      assertRoundState(r.state, ['open'], doing);
      const d = await repo.findDraw(tx, r.id, { forUpdate: true });
      return step(tx, r, d, judged);
    });
  }

  const drawnAlready = (d: DrawRow) =>
    d.method === 'manual'
      ? conflict(`本轮已于 ${formatBeijingDateTime(d.entered_at!)} 录入现场抽签的出场顺序，不能再抽签或修改`)
      : conflict(`本轮已于 ${formatBeijingDateTime(d.revealed_at!)} 揭晓抽签结果，出场顺序不能再改变`);

  async function view(actor: Actor, roundId: string): Promise<DrawView> {
    const r = await loadRound(db, roundId);
    const judged = await reviews.hasJudged(db, r.id, actor.userId);
    policy.assertMayViewDraw(actor, accessOf(r), judged);
    assertFinalRound(r);
    const [d, entries] = await Promise.all([repo.findDraw(db, r.id), reviews.listRoundEntries(db, r.id)]);
    const role = policy.drawRole(actor, accessOf(r), judged);
    return {
      roundId: r.id,
      roundName: r.config.name,
      campaignTitle: r.campaign_title,
      status: d ? statusOf(d) : 'none',
      record: d ? await record(db, r, d) : null,
      finalists: d ? d.finalists : finalistsList(entries),
      departed: entries
        .filter((e) => e.left_at)
        .map((e) => ({
          entryId: e.entry_id,
          speakerName: e.speaker_name,
          title: e.title,
          reason: e.left_reason,
          at: iso(e.left_at)!,
        })),
      can: {
        manage: role === 'organiser' && r.state === 'open',
        contribute: role !== null && r.state === 'open',
      },
    };
  }

  async function publicDraw(roundId: string): Promise<PublicDraw> {
    const r = await reviews.findRound(db, roundId);
    const d = r && (await repo.findDraw(db, r.id));
    if (!r || !d) throw notFound('本轮的抽签记录（尚未公布）');
    return record(db, r, d);
  }

  function commit(actor: Actor, roundId: string, commitment: string, who: AuditWho) {
    return change(actor, roundId, '公布抽签承诺值', async (tx, r, d, judged) => {
      policy.assertMayManageDraw(actor, accessOf(r), judged);
      if (d?.method === 'manual' || d?.seed) throw drawnAlready(d);
      if (d)
        throw conflict(
          `本轮已于 ${formatBeijingDateTime(d.committed_at!)} 公布抽签承诺值，不能再次公布；请用当时保存的种子揭晓`,
        );
      const finalists = finalistsList(await reviews.listRoundEntries(tx, r.id));
      assertEnoughFinalists(finalists);
      const at = clock.now();
      await repo.insertCommitment(tx, { roundId: r.id, finalists, commitment, by: actor.userId, at });
      await auditRound(tx, who, r, 'live.draw_committed', {
        after: { commitment, finalists: finalists.map((f) => f.entryId) },
      });
      return { commitment, committedAt: at.toISOString(), finalists };
    });
  }

  function contribute(actor: Actor, roundId: string, input: { label: string; value: string }, who: AuditWho) {
    return change(actor, roundId, '录入抽签随机数', async (tx, r, d, judged) => {
      const role = policy.assertMayContribute(actor, accessOf(r), judged);
      if (!d) throw conflict('组织者公布抽签承诺值之后，才能录入现场随机数');
      if (d.method === 'manual' || d.seed) throw drawnAlready(d);
      const existing = await repo.listContributions(tx, r.id);
      if (existing.length >= MAX_CONTRIBUTIONS)
        throw conflict(`每次抽签最多录入 ${MAX_CONTRIBUTIONS} 份随机数，已经够了，请揭晓`);
      const id = await repo.insertContribution(tx, {
        roundId: r.id,
        label: input.label,
        value: input.value,
        by: actor.userId,
        as: role,
        at: clock.now(),
      });
      await auditRound(tx, who, r, 'live.draw_contributed', {
        after: { contributionId: id, label: input.label, value: input.value, enteredAs: role },
      });
      return { id };
    });
  }

  function reveal(actor: Actor, roundId: string, seed: string, who: AuditWho) {
    return change(actor, roundId, '揭晓抽签', async (tx, r, d, judged) => {
      policy.assertMayManageDraw(actor, accessOf(r), judged);
      if (!d) throw conflict('本轮还没有公布抽签承诺值：请先生成种子并公布承诺值，再录入现场随机数后揭晓');
      if (d.method === 'manual' || d.seed) throw drawnAlready(d);
      if (drawCommitment(seed) !== d.commitment)
        throw conflict(
          '这个种子与公布的承诺值不一致，不能揭晓。请使用公布承诺值时这台电脑保存的种子（或当时下载、抄写的种子）',
        );
      const contributions = await repo.listContributions(tx, r.id);
      if (contributions.length === 0)
        throw conflict('揭晓前至少需要一份现场随机数（监督员或选手给出），这样组织者一方无法独自决定顺序');
      // The organiser knows the seed: a value they typed last could be tried until the order suits.
      // The last value must come from the supervisor's own account, after every value the organiser typed.
      if (contributions.at(-1)!.entered_as !== 'supervisor')
        throw conflict(
          '揭晓前最后一份随机数须由监督员用自己的账号录入：组织者知道种子，若最后一份由组织者一方录入，就可能挑选出场顺序。请监督员再录入一份后揭晓',
        );
      const { finalSeed, order } = drawOrder(
        seed,
        contributions,
        d.finalists.map((f) => f.entryId),
      );
      await repo.setRevealed(tx, r.id, { seed, finalSeed, order, by: actor.userId, at: clock.now() });
      await auditRound(tx, who, r, 'live.draw_revealed', {
        after: { seed, finalSeed, order, contributions: contributions.length },
      });
      return { finalSeed, order };
    });
  }

  function manual(actor: Actor, roundId: string, input: { order: string[]; note: string }, who: AuditWho) {
    return change(actor, roundId, '录入出场顺序', async (tx, r, d, judged) => {
      policy.assertMayManageDraw(actor, accessOf(r), judged);
      if (d && (d.method === 'manual' || d.seed)) throw drawnAlready(d);
      // Once values are in, the organiser can work out the random order privately; switching to a
      // hand-drawn one then would let them drop a result they dislike.
      if (d && (await repo.listContributions(tx, r.id)).length > 0)
        throw conflict('已经录入了现场随机数，不能再改为人工抽签顺序，请揭晓种子完成抽签');
      // A commitment never revealed keeps its list: the hand-drawn order is of those published.
      const finalists = d ? d.finalists : finalistsList(await reviews.listRoundEntries(tx, r.id));
      assertEnoughFinalists(finalists);
      assertCompleteOrder(finalists, input.order);
      await repo.saveManual(
        tx,
        { roundId: r.id, finalists, order: input.order, note: input.note, by: actor.userId, at: clock.now() },
        !!d,
      );
      await auditRound(tx, who, r, 'live.draw_manual', {
        before: d ? { commitment: d.commitment } : undefined,
        after: { order: input.order, note: input.note },
      });
      return { order: input.order };
    });
  }

  /** A finalist leaves before the draw: only while the list is not yet published with a commitment. */
  function withdraw(
    actor: Actor,
    roundId: string,
    input: { entryId: string; reason: string },
    who: AuditWho,
  ) {
    return change(actor, roundId, '让选手退出', async (tx, r, d, judged) => {
      policy.assertMayManageDraw(actor, accessOf(r), judged);
      if (d?.method === 'manual' || d?.seed) throw drawnAlready(d);
      if (d)
        throw conflict(
          '抽签承诺值已经公布，决赛选手名单随之确定，不能再退出；当晚选手缺席请由主持人在现场控制台标记缺席',
        );
      const row = await reviews.findRoundEntry(tx, r.id, input.entryId);
      if (!row) throw notFound('本轮的这个作品');
      if (row.left_at) throw conflict(`该选手已于 ${formatBeijingDateTime(row.left_at)} 退出本轮`);
      await entryLeavesRound(tx, who, r, {
        ...input,
        reason: `抽签前退出：${input.reason}`,
        at: clock.now(),
      });
      return { left: true };
    });
  }

  return { view, publicDraw, commit, contribute, reveal, manual, withdraw };
}
