import { createHash } from 'node:crypto';
import { addWorkingDays, beijingDate, objectionOutcomeLabels } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import { maskPhone } from '../../lib/mask.ts';
import type { AuditWho } from '../audit/service.ts';
import * as policy from './policy.ts';
import { insertEvent } from '../entries/repository.ts';
import * as repo from './repository.ts';
import type { Db, RoundRow } from './repository.ts';
import { accessOf, auditRound, loadRound, managedChange, stageName } from './round-context.ts';
import type { ResultsService } from './results-service.ts';

/**
 * 公示: the confirmed list is published for a notice period (working days); anyone signed in may
 * object; the organiser answers each objection; after the period, with every objection answered, the
 * results are sealed with a hash over the published list and the score log's head.
 */
export function publicityService(deps: AppDeps, results: ResultsService) {
  const { db, clock } = deps;

  /** The advancing entries as published: speaker, unit, title, score, rank. */
  async function publishedList(tx: Db, r: RoundRow) {
    const c = await results.compute(tx, r);
    const byId = new Map(c.entries.map((e) => [e.entry_id, e]));
    return c.ranking
      .filter((k) => byId.get(k.entryId)?.advanced)
      .map((k) => {
        const e = byId.get(k.entryId)!;
        return {
          entryId: e.entry_id,
          rank: k.rank,
          speakerName: e.speaker_name,
          unitName: e.unit_name,
          title: e.title,
          score: k.score,
        };
      });
  }

  /** SHA-256 over the published list and the score log head: shown on the page once sealed. */
  function sealHash(r: RoundRow, list: Awaited<ReturnType<typeof publishedList>>) {
    const canonical = JSON.stringify([
      ['round', r.id],
      ['chainHead', r.chain_head],
      ['results', list.map((x) => [x.entryId, x.rank, x.score, x.speakerName, x.unitName, x.title])],
    ]);
    return createHash('sha256').update(canonical, 'utf8').digest('hex');
  }

  async function publish(actor: Actor, id: string, who: AuditWho) {
    await managedChange(db, actor, id, ['confirmed'], '发布公示', async (tx, r) => {
      const now = clock.now();
      const endsOn = addWorkingDays(beijingDate(now), r.config.noticeWorkingDays);
      await repo.updateRound(tx, id, { state: 'publicised', published_at: now, notice_ends_on: endsOn }, now);
      await auditRound(tx, who, r, 'round.published', {
        after: { noticeEndsOn: endsOn },
      });
    });
    return notice(actor, id);
  }

  const noticeOpen = (r: RoundRow, now: Date) =>
    r.state === 'publicised' && !!r.notice_ends_on && beijingDate(now) <= r.notice_ends_on;

  function presentNotice(r: RoundRow, list: Awaited<ReturnType<typeof publishedList>>) {
    return {
      roundId: r.id,
      campaignTitle: r.campaign_title,
      roundName: r.config.name,
      stageName: stageName(r),
      scopeOrgName: r.scope_org_name,
      publishedAt: r.published_at,
      noticeEndsOn: r.notice_ends_on,
      noticeWorkingDays: r.config.noticeWorkingDays,
      objectionsOpen: noticeOpen(r, clock.now()),
      final: r.state === 'final',
      sealedAt: r.sealed_at,
      sealHash: r.seal_hash,
      items: list.map(({ entryId, ...rest }) => ({ entryId, ...rest })),
    };
  }

  /** The public notice board: every published round (any signed-in user). */
  async function board() {
    const rounds = await repo.listPublishedRounds(db);
    const items = [];
    for (const r of rounds) items.push(presentNotice(r, await publishedList(db, r)));
    return { items };
  }

  async function notice(_actor: Actor, id: string) {
    const r = await loadRound(db, id);
    if (r.state !== 'publicised' && r.state !== 'final') throw notFound('公示');
    return presentNotice(r, await publishedList(db, r));
  }

  async function lodge(
    actor: Actor,
    id: string,
    input: { entryId?: string; content: string; contactName: string; contactPhone: string },
    who: AuditWho,
  ) {
    const objectionId = await db.transaction().execute(async (tx) => {
      const r = await loadRound(tx, id, true);
      if (r.state !== 'publicised' && r.state !== 'final') throw notFound('公示');
      if (!noticeOpen(r, clock.now())) throw conflict(`公示期已于 ${r.notice_ends_on} 结束，不能再提出异议`);
      if (input.entryId) {
        const list = await publishedList(tx, r);
        if (!list.some((x) => x.entryId === input.entryId))
          throw invalid('所选作品不在公示名单中', [{ path: 'entryId', message: '所选作品不在公示名单中' }]);
      }
      const oid = await repo.insertObjection(tx, {
        roundId: id,
        entryId: input.entryId ?? null,
        content: input.content,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        lodgedBy: actor.userId,
        now: clock.now(),
      });
      await auditRound(tx, who, r, 'round.objection_lodged', {
        after: { objectionId: oid, entryId: input.entryId ?? null, contact: maskPhone(input.contactPhone) },
      });
      return oid;
    });
    return { id: objectionId, message: '异议已提交，组织者将在核实后答复' };
  }

  /** Objections lodged by me (the person who lodged sees their own and the answer). */
  async function mine(actor: Actor, id: string) {
    const r = await loadRound(db, id);
    if (r.state !== 'publicised' && r.state !== 'final') throw notFound('公示');
    const rows = (await repo.listObjections(db, id)).filter((o) => o.lodged_by === actor.userId);
    return { items: rows.map(presentObjection) };
  }

  function presentObjection(o: repo.ObjectionRow) {
    return {
      id: o.id,
      entryId: o.entry_id,
      entryTitle: o.entry_title,
      content: o.content,
      contactName: o.contact_name,
      contactPhone: o.contact_phone,
      lodgedAt: o.lodged_at,
      outcome: o.outcome,
      outcomeLabel: o.outcome ? objectionOutcomeLabels[o.outcome] : '待答复',
      answer: o.answer,
      answeredAt: o.answered_at,
    };
  }

  async function objections(actor: Actor, id: string) {
    const r = await loadRound(db, id);
    policy.assertCanSeeResults(actor, accessOf(r));
    return { items: (await repo.listObjections(db, id)).map(presentObjection) };
  }

  async function answer(
    actor: Actor,
    id: string,
    objectionId: string,
    input: { outcome: 'upheld' | 'dismissed'; reason: string },
    who: AuditWho,
  ) {
    await managedChange(db, actor, id, ['publicised'], '答复异议', async (tx, r) => {
      const o = (await repo.listObjections(tx, id)).find((x) => x.id === objectionId);
      if (!o) throw notFound('异议');
      if (o.outcome) throw conflict('该异议已答复');
      await repo.answerObjection(tx, {
        id: objectionId,
        outcome: input.outcome,
        answer: input.reason,
        answeredBy: actor.userId,
        now: clock.now(),
      });
      await auditRound(tx, who, r, 'round.objection_answered', {
        after: { objectionId, ...input },
      });
    });
    return objections(actor, id);
  }

  /**
   * Takes a confirmed or published list back (e.g. an objection was upheld): the round returns to
   * 评分已截止, so the organiser can reopen scores, remove a judge or decide a tie, then confirm and
   * publish again. Entries a first-stage round had recommended go back to 已提交. Objections stay.
   */
  async function withdraw(actor: Actor, id: string, reason: string, who: AuditWho) {
    await managedChange(db, actor, id, ['confirmed', 'publicised'], '撤回晋级名单', async (tx, r) => {
      const now = clock.now();
      const advanced = (await repo.listRoundEntries(tx, id)).filter((e) => e.advanced);
      const recommendedHere = advanced.filter(
        (e) => e.stage_key === r.stage_key && e.state === 'recommended',
      );
      for (const e of recommendedHere) {
        await tx
          .updateTable('entries')
          .set({ state: 'submitted', updated_at: now })
          .where('id', '=', e.entry_id)
          .execute();
        await insertEvent(tx, {
          entryId: e.entry_id,
          from: 'recommended',
          to: 'submitted',
          actorUserId: actor.userId,
          actorName: actor.displayName,
          reason: `「${r.config.name}」晋级名单撤回：${reason}`,
          at: now,
        });
      }
      await repo.setAdvanced(tx, id, []);
      await repo.updateRound(
        tx,
        id,
        { state: 'closed', confirmed_at: null, published_at: null, notice_ends_on: null },
        now,
      );
      await auditRound(tx, who, r, 'round.results_withdrawn', {
        before: { state: r.state, advancing: advanced.map((e) => e.code) },
        after: { reason },
      });
    });
    return { message: '晋级名单已撤回，本轮恢复为「评分已截止」，可修改后重新确认和公示' };
  }

  /** After the notice period, with every objection answered: final, sealed with the hash. */
  async function seal(actor: Actor, id: string, who: AuditWho) {
    await managedChange(db, actor, id, ['publicised'], '封存结果', async (tx, r) => {
      if (noticeOpen(r, clock.now())) throw conflict(`公示期到 ${r.notice_ends_on} 结束，结束后才能封存结果`);
      const pending = (await repo.listObjections(tx, id)).filter((o) => !o.outcome);
      if (pending.length) throw conflict(`还有 ${pending.length} 条异议未答复，请先逐条答复`);
      const hash = sealHash(r, await publishedList(tx, r));
      const now = clock.now();
      await repo.updateRound(tx, id, { state: 'final', sealed_at: now, seal_hash: hash }, now);
      await auditRound(tx, who, r, 'round.sealed', {
        after: { sealHash: hash, chainHead: r.chain_head },
      });
    });
    return notice(actor, id);
  }

  return { publish, board, notice, lodge, mine, objections, answer, withdraw, seal };
}
