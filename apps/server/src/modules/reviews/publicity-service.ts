import { createHash } from 'node:crypto';
import { addWorkingDays, beijingDate, formatBeijingDate, objectionOutcomeLabels } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import { maskPhone } from '../../lib/mask.ts';
import type { AuditWho } from '../audit/service.ts';
import { entryService } from '../entries/service.ts';
import { followEarlierStage, setPromoted } from './entry-departures.ts';
import * as repo from './repository.ts';
import type { Db, RoundRow } from './repository.ts';
import { assertSeesResults, auditRound, loadRound, managedChange, stageName } from './round-context.ts';
import { randomNoticeCode } from './rules.ts';
import type { ResultsService } from './results-service.ts';
import { noticeOpen, sealRefusal } from './seal-rule.ts';
import { assertMayObject } from './objector-rule.ts';

/**
 * 公示: the confirmed list is published for a notice period (working days); anyone signed in may
 * object; the organiser answers each objection; after the period, with every objection answered, the
 * results are sealed with a hash over the published list and the score log's head.
 */
export function publicityService(deps: AppDeps, results: ResultsService) {
  const { db, clock } = deps;
  const entryOps = entryService(deps);

  /**
   * The advancing entries as published: speaker, unit, title, score, rank. An entry that left the
   * contest after the list was confirmed is not ranked and so not listed; a sealed round is never
   * marked, so its list stays as sealed.
   */
  async function publishedList(tx: Db, r: RoundRow) {
    const c = await results.compute(tx, r);
    const byId = new Map(c.entries.map((e) => [e.entry_id, e]));
    return c.ranking
      .filter((k) => byId.get(k.entryId)?.advanced && !byId.get(k.entryId)?.left_at)
      .map((k) => {
        const e = byId.get(k.entryId)!;
        return {
          entryId: e.entry_id,
          code: e.code,
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
      // A notice published again after a withdrawal keeps its public address.
      const noticeCode = r.notice_code ?? randomNoticeCode();
      await repo.updateRound(
        tx,
        id,
        { state: 'publicised', published_at: now, notice_ends_on: endsOn, notice_code: noticeCode },
        now,
      );
      await auditRound(tx, who, r, 'round.published', {
        after: { noticeEndsOn: endsOn, noticeCode },
      });
    });
    return noticeOfRound(id);
  }

  /**
   * What the public sees: no round or entry ids (sequential ids would reveal unpublished rounds and
   * entries), no phone or ID numbers; items are referred to by their code in this round.
   */
  function presentNotice(r: RoundRow, list: Awaited<ReturnType<typeof publishedList>>) {
    return {
      code: r.notice_code ?? '',
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
      /** The score log head behind the list: anyone can compare it with the signed paper sheets. */
      chainHead: r.chain_head,
      chainRecords: r.score_count,
      items: list.map(({ code, rank, speakerName, unitName, title, score }) => ({
        ref: code,
        rank,
        speakerName,
        unitName,
        title,
        score,
      })),
    };
  }

  /** The public notice board: every published round, for anyone (公众), signed in or not. */
  async function board() {
    const rounds = await repo.listPublishedRounds(db);
    const items = [];
    for (const r of rounds) items.push(presentNotice(r, await publishedList(db, r)));
    return { items };
  }

  /** One notice by its public code; an unknown code and an unpublished round answer the same 404. */
  async function loadNotice(tx: Db, code: string) {
    const r = await repo.findPublishedRoundByNoticeCode(tx, code);
    if (!r) throw notFound('公示');
    return r;
  }

  async function notice(code: string) {
    const r = await loadNotice(db, code);
    return presentNotice(r, await publishedList(db, r));
  }

  async function noticeOfRound(id: string) {
    const r = await loadRound(db, id);
    return presentNotice(r, await publishedList(db, r));
  }

  /**
   * An objection to a notice during its period: from a signed-in user (on record under their
   * account) or from the public without an account (name and contact required, rate-limited by the
   * route, the client address kept). `caller` is whoever is signed in on the request, on record or
   * not: the list's own organisers are refused (objector-rule.ts).
   */
  async function lodge(
    actor: Actor | null,
    code: string,
    input: { entryCode?: string; content: string; contactName: string; contactPhone: string },
    who: AuditWho,
    caller: Actor | null = actor,
  ) {
    const objectionId = await db.transaction().execute(async (tx) => {
      const found = await loadNotice(tx, code);
      const r = await loadRound(tx, found.id, true);
      await assertMayObject(tx, caller, r, 'round.published');
      if (!noticeOpen(r, clock.now()))
        throw conflict(`公示期已于${formatBeijingDate(r.notice_ends_on ?? '')}结束，不能再提出异议`);
      let entryId: string | null = null;
      if (input.entryCode) {
        const item = (await publishedList(tx, r)).find((x) => x.code === input.entryCode);
        if (!item)
          throw invalid('所选作品不在公示名单中', [{ path: 'entryCode', message: '所选作品不在公示名单中' }]);
        entryId = item.entryId;
      }
      const oid = await repo.insertObjection(tx, {
        roundId: r.id,
        entryId,
        content: input.content,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        lodgedBy: actor?.userId ?? null,
        lodgedIp: actor ? null : (who.ip ?? null),
        now: clock.now(),
      });
      await auditRound(tx, who, r, 'round.objection_lodged', {
        after: {
          objectionId: oid,
          entryId,
          contact: maskPhone(input.contactPhone),
          ...(actor ? {} : { anonymous: true }),
        },
      });
      return oid;
    });
    return { id: objectionId, message: '异议已提交，组织者将在核实后答复' };
  }

  /** Objections lodged by me (the person who lodged sees their own and the answer). */
  async function mine(actor: Actor, code: string) {
    const r = await loadNotice(db, code);
    const rows = (await repo.listObjections(db, r.id)).filter((o) => o.lodged_by === actor.userId);
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
    await assertSeesResults(db, actor, r);
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
   * publish again. Only the recommendations this round's confirmation made are undone (through the
   * entries service); a unit's own recommendations stay. Objections stay.
   */
  async function withdraw(actor: Actor, id: string, reason: string, who: AuditWho) {
    await managedChange(db, actor, id, ['confirmed', 'publicised'], '撤回晋级名单', async (tx, r) => {
      const list = await repo.listRoundEntries(tx, id);
      const advanced = list.filter((e) => e.advanced);
      const undone = await entryOps.undoRoundPromotion(
        tx,
        actor,
        who,
        { id, name: r.config.name, stageKey: r.stage_key },
        list.filter((e) => e.promoted && !e.left_at).map((e) => e.entry_id),
        reason,
      );
      await repo.setAdvanced(tx, id, []);
      await setPromoted(tx, id, []);
      await repo.updateRound(
        tx,
        id,
        { state: 'closed', confirmed_at: null, published_at: null, notice_ends_on: null },
        clock.now(),
      );
      // What this list sent on leaves the next stage's rounds that are not sealed.
      await followEarlierStage(tx, who, r, clock.now());
      const code = (e: string) => list.find((x) => x.entry_id === e)?.code;
      await auditRound(tx, who, r, 'round.results_withdrawn', {
        before: { state: r.state, advancing: advanced.map((e) => e.code) },
        after: { reason, recommendationsUndone: undone.map(code) },
      });
    });
    return { message: '晋级名单已撤回，本轮恢复为「评分已截止」，可修改后重新确认和公示' };
  }

  /** After the notice period, with every objection answered: final, sealed with the hash. */
  async function seal(actor: Actor, id: string, who: AuditWho) {
    await managedChange(db, actor, id, ['publicised'], '封存结果', async (tx, r) => {
      const pending = (await repo.listObjections(tx, id)).filter((o) => !o.outcome);
      const refusal = sealRefusal(r, clock.now(), pending.length);
      if (refusal) throw conflict(refusal);
      const hash = sealHash(r, await publishedList(tx, r));
      const now = clock.now();
      await repo.updateRound(tx, id, { state: 'final', sealed_at: now, seal_hash: hash }, now);
      await auditRound(tx, who, r, 'round.sealed', {
        after: { sealHash: hash, chainHead: r.chain_head },
      });
    });
    return noticeOfRound(id);
  }

  /** The seal hash today's list and log would give: the chain check compares it with the stored one. */
  const sealOf = async (tx: Db, r: RoundRow) => sealHash(r, await publishedList(tx, r));

  return { publish, board, notice, lodge, mine, objections, answer, withdraw, seal, sealOf };
}
