import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import {
  addWorkingDays,
  awardListStateLabels,
  beijingDate,
  formatBeijingDate,
  objectionOutcomeLabels,
  roundStateLabels,
  type AwardListUpdate,
  type AwardObjectionCreate,
  type OrgAwardRule,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, conflict, invalid, notFound } from '../../lib/errors.ts';
import { maskPhone } from '../../lib/mask.ts';
import type { AuditWho } from '../audit/service.ts';
import { contentDisposition, safeSegment } from '../entries/file-names.ts';
import { finalRanking } from '../reviews/final-ranking.ts';
import type { RoundRow } from '../reviews/repository.ts';
import { auditRound, loadRound, stageName } from '../reviews/round-context.ts';
import { assertMayObject } from '../reviews/objector-rule.ts';
import { renderCertificate, cjkFonts } from './certificate-pdf.ts';
import { imageType, SEAL_MAX_SIDE, sealImageType } from './seal-image.ts';
import { renderCertificateDocx } from './certificate-docx.ts';
import { assertMayManageAwards, assertMaySeeAwards, mayManageAwards } from './policy.ts';
import * as repo from './repository.ts';
import type { Db, ListRow } from './repository.ts';
import {
  applyUnitOverrides,
  assignTiers,
  certificateNumber,
  defaultOrgRule,
  orgAwardPlaces,
  randomCode,
  unitScores,
  type BoundaryFlag,
} from './rules.ts';

/** Rounds whose results may be awarded: scoring has ended (评分已截止) or later. */
const SCORED_STATES = ['closed', 'confirmed', 'publicised', 'final'] as const;
const AWARDED_KINDS = ['final', 'selection'];

/**
 * Awards of a final (or 评选) round: the tiers from the round's ranking (reviews' results, read
 * through `finalRanking`), 组织奖 by the list's points rule, the 表彰名单's 公示 and 定稿, the seal
 * image and the certificates. While the list is a draft everything is computed from the ranking, the
 * organiser's tie decisions and unit adjustments; publishing freezes the items with their
 * certificate numbers, which never change after.
 */
export function awardService(deps: AppDeps) {
  const { db, clock } = deps;

  /** Why the round's results cannot be awarded, or null. */
  function ineligible(r: RoundRow): string | null {
    const stage = r.campaign_settings.stages.find((s) => s.key === r.stage_key);
    if (!stage || !AWARDED_KINDS.includes(stage.kind))
      return `「${stageName(r)}」不是决赛或评选阶段，不设奖项`;
    if (!r.campaign_settings.awardTiers.length) return '活动设置中没有奖项，请先在活动设置中填写奖项和名额';
    if (!(SCORED_STATES as readonly string[]).includes(r.state))
      return `本轮评审当前为「${roundStateLabels[r.state]}」，评分截止后才能评定奖项`;
    return null;
  }

  /** The draft computed now: persons' tiers, units' points and 组织奖, and what blocks publishing. */
  async function preview(tx: Db, r: RoundRow, list: ListRow) {
    const ranking = await finalRanking(deps, tx, r.id);
    const [decisions, adjustments] = await Promise.all([
      repo.listTieDecisions(tx, list.id),
      repo.listUnitAdjustments(tx, list.id),
    ]);
    const settings = r.campaign_settings;
    const ofKind = (kind: 'person' | 'unit') =>
      decisions.filter((d) => d.kind === kind).map((d) => ({ ids: d.ids.map(String), reason: d.reason }));
    // An entry withdrawn or returned after its round was sealed still has its place in the sealed
    // ranking, but 退赛 means no award: it is left out and the places after it move up.
    const left = await repo.leftEntryIds(
      tx,
      ranking.items.map((i) => i.entryId),
    );
    const ranked = ranking.items.filter((i) => i.rank !== null && !left.has(i.entryId));
    const persons = assignTiers(
      ranked.map((i) => ({ id: i.entryId, rank: i.rank })),
      settings.awardTiers,
      ofKind('person'),
    );
    const scores = unitScores(
      ranked.map((i) => ({ entryId: i.entryId, unitId: i.unitId })),
      persons.awarded,
      list.org_rule,
    );
    const places = orgAwardPlaces(settings.orgAwards, list.org_rule);
    const byRule = assignTiers(
      scores.map((u) => ({ id: u.unitId, rank: u.rank })),
      places.tiers,
      ofKind('unit'),
    );
    const overrides = adjustments.map((a) => ({ unitId: a.org_id, tier: a.tier, reason: a.reason }));
    const units = applyUnitOverrides(byRule, overrides);
    const adjustedIds = adjustments.map((a) => a.org_id).filter((id) => !scores.some((u) => u.unitId === id));
    const names = await repo.orgNames(tx, [...scores.map((u) => u.unitId), ...adjustedIds]);

    const entryById = new Map(ranking.items.map((i) => [i.entryId, i]));
    const personName = (id: string) => {
      const e = entryById.get(id);
      return e ? `${e.speakerName}（${e.unitName}）` : id;
    };
    const flagText = (f: BoundaryFlag, what: (id: string) => string, kindWord: string) => {
      const tiers = f.tiers.map((t) => (t ? `「${t}」` : '不获奖')).join('与');
      return `${f.ids.map(what).join('、')} ${kindWord}相同，排在第 ${f.from}–${f.to} 位，跨越${tiers}的分界：请排定先后并写明理由`;
    };
    const flags = [
      ...persons.flags.map((f) => ({
        kind: 'person' as const,
        ...f,
        message: flagText(f, personName, '成绩'),
      })),
      ...units.flags.map((f) => ({
        kind: 'unit' as const,
        ...f,
        message: flagText(f, (id) => names.get(id) ?? id, '组织奖积分'),
      })),
    ];
    const blockers = [
      ...(ineligible(r) ? [ineligible(r)!] : []),
      ...ranking.problems,
      ...flags.map((f) => f.message),
      ...places.missing.map((n) => `「${n}」的名额为若干，请在组织奖规则中填写本次评定的名额`),
    ];
    if (persons.flags.length && settings.orgAwards.length)
      blockers.push('个人奖项中还有待裁定的同分，组织奖积分在裁定后才能确定');

    const personTier = new Map(persons.awarded.map((a) => [a.id, a]));
    const flaggedPersons = new Set(persons.flags.flatMap((f) => f.ids));
    const unitTier = new Map(units.awarded.map((a) => [a.id, a]));
    const ruleTier = new Map(byRule.awarded.map((a) => [a.id, a.tier]));
    const adjustmentOf = new Map(adjustments.map((a) => [a.org_id, a]));
    const flaggedUnits = new Set(units.flags.flatMap((f) => f.ids));
    const scoreOf = new Map(scores.map((u) => [u.unitId, u]));
    return {
      persons: ranked.map((i) => {
        const a = personTier.get(i.entryId);
        return {
          entryId: i.entryId,
          code: i.code,
          rank: i.rank,
          score: i.score,
          speakerName: i.speakerName,
          unitId: i.unitId,
          unitName: i.unitName,
          title: i.title,
          tier: a?.tier ?? null,
          position: a?.position ?? null,
          decidedBy: a?.decidedBy ?? null,
          flagged: flaggedPersons.has(i.entryId),
        };
      }),
      units: [...new Set([...scores.map((u) => u.unitId), ...adjustedIds])].map((id) => {
        const u = scoreOf.get(id);
        const adj = adjustmentOf.get(id);
        return {
          orgId: id,
          name: names.get(id) ?? id,
          points: u ? String(u.points) : '0',
          finalists: u?.finalists ?? 0,
          awards: u?.awards ?? {},
          rank: u?.rank ?? null,
          tier: unitTier.get(id)?.tier ?? null,
          ruleTier: ruleTier.get(id) ?? null,
          adjusted: adj ? { tier: adj.tier, reason: adj.reason, at: adj.at } : null,
          flagged: flaggedUnits.has(id),
        };
      }),
      orgAwardPlaces: places.tiers.map((t) => ({ ...t, open: places.missing.includes(t.name) })),
      flags,
      blockers,
      decisions: decisions.map((d) => ({ kind: d.kind, ids: d.ids.map(String), reason: d.reason, at: d.at })),
    };
  }

  /**
   * Why a published list no longer follows from its round, or null: the round was reopened, or the
   * awards the ranking gives now (a score reopened and changed, an entry withdrawn) are not the ones
   * published. Such a list cannot be finalised; the organiser withdraws it and publishes again.
   */
  async function staleness(tx: Db, r: RoundRow, list: ListRow): Promise<string | null> {
    if (list.state !== 'publicised') return null;
    const why = ineligible(r);
    if (why) return `公示后评审结果有变化：${why}`;
    const p = await preview(tx, r, list);
    if (p.blockers.length) return `公示后评审结果有变化：${p.blockers[0]}`;
    const key = (kind: string, id: string, tier: string) => `${kind}|${id}|${tier}`;
    const now = new Set([
      ...p.persons.filter((x) => x.tier).map((x) => key('person', x.entryId, x.tier!)),
      ...p.units.filter((u) => u.tier).map((u) => key('unit', u.orgId, u.tier!)),
    ]);
    const published = (await repo.listItemRows(tx, list.id)).map((i) =>
      key(i.kind, i.kind === 'person' ? i.entry_id! : i.org_id, i.tier),
    );
    const same = published.length === now.size && published.every((k) => now.has(k));
    return same ? null : '公示后评审结果有变化（重新打开了评分或有选手退赛），获奖名单与当前排名不一致';
  }

  const staleRefusal = (stale: string) => `${stale}。请撤回公示，核对后重新发布`;

  function presentList(r: RoundRow, list: ListRow, pending: number, stale: string | null = null) {
    return {
      id: list.id,
      state: list.state,
      stateLabel: awardListStateLabels[list.state],
      issuer: list.issuer,
      issuedOn: list.issued_on,
      certificateDate: certificateDate(list),
      noticeWorkingDays: list.notice_working_days,
      noticeCode: list.notice_code,
      noticeEndsOn: list.notice_ends_on,
      publishedAt: list.published_at,
      finalisedAt: list.finalised_at,
      hasSeal: !!list.seal_mime,
      orgRule: list.org_rule,
      pendingObjections: pending,
      finaliseBlockedReason: stale ? staleRefusal(stale) : finaliseRefusal(list, pending),
      awardTiers: r.campaign_settings.awardTiers,
      orgAwards: r.campaign_settings.orgAwards,
    };
  }

  const certificateDate = (list: Pick<ListRow, 'issued_on' | 'published_at'>) =>
    list.issued_on ?? (list.published_at ? beijingDate(list.published_at) : null);

  function finaliseRefusal(list: Pick<ListRow, 'state' | 'notice_ends_on'>, pending: number): string | null {
    if (list.state === 'final') return '表彰名单已定稿';
    if (list.state !== 'publicised') return '表彰名单公示期满后才能定稿';
    if (noticeOpen(list)) return `公示期至 ${formatBeijingDate(list.notice_ends_on!)}，期满后可定稿`;
    if (pending > 0) return `还有 ${pending} 条异议未答复，请先逐条答复`;
    return null;
  }

  /** Whether objections may be lodged now: published and within the notice period (Beijing date). */
  const noticeOpen = (list: Pick<ListRow, 'state' | 'notice_ends_on'>) =>
    list.state === 'publicised' && !!list.notice_ends_on && beijingDate(clock.now()) <= list.notice_ends_on;

  const pendingObjections = async (tx: Db, listId: string) =>
    (await repo.listObjections(tx, listId)).filter((o) => !o.outcome).length;

  function presentItem(i: repo.ItemRow) {
    return {
      id: i.id,
      /** A person's entry (for 加入师资库 from the list); null for a unit. */
      entryId: i.entry_id,
      kind: i.kind,
      tier: i.tier,
      position: i.position,
      rank: i.rank,
      points: i.points,
      name: i.kind === 'person' ? (i.speaker_name ?? '') : i.unit_name,
      unitName: i.unit_name,
      title: i.title,
      adjustedReason: i.adjusted_reason,
      certificateNo: i.certificate_no,
      verifyCode: i.verify_code,
    };
  }

  async function view(actor: Actor, roundId: string) {
    const r = await loadRound(db, roundId);
    await assertMaySeeAwards(db, actor, r);
    const list = await repo.findListOfRound(db, roundId);
    const round = {
      id: r.id,
      name: r.config.name,
      state: r.state,
      stageName: stageName(r),
      campaignId: r.campaign_id,
      campaignTitle: r.campaign_title,
    };
    const canManage = mayManageAwards(actor, r);
    if (!list)
      return { round, canManage, ineligibleReason: ineligible(r), list: null, draft: null, items: [] };
    const draft = list.state === 'draft' ? await preview(db, r, list) : null;
    const items = list.state === 'draft' ? [] : (await repo.listItems(db, list.id)).map(presentItem);
    const pending = await pendingObjections(db, list.id);
    return {
      round,
      canManage,
      ineligibleReason: ineligible(r),
      list: presentList(r, list, pending, await staleness(db, r, list)),
      draft,
      items,
    };
  }

  /**
   * A change to a round's list: one transaction with the list row locked (changes are serialised),
   * the manager check and the list states it is allowed in.
   */
  function listChange<T>(
    actor: Actor,
    roundId: string,
    states: readonly ListRow['state'][],
    doing: string,
    change: (tx: Db, r: RoundRow, list: ListRow) => Promise<T>,
  ) {
    return db.transaction().execute(async (tx) => {
      // The round first, then the list (the order reviews' changes lock the round in): the round's
      // state is read as it stands, so a round reopened meanwhile cannot be awarded.
      const r = await loadRound(tx, roundId, true);
      await assertMayManageAwards(tx, actor, r);
      const list = await repo.findListOfRound(tx, roundId, { forUpdate: true });
      if (!list) throw notFound('表彰名单');
      if (!states.includes(list.state))
        throw conflict(`表彰名单当前为「${awardListStateLabels[list.state]}」，不能${doing}`);
      return change(tx, r, list);
    });
  }

  async function create(actor: Actor, roundId: string, input: { issuer?: string }, who: AuditWho) {
    await db.transaction().execute(async (tx) => {
      const r = await loadRound(tx, roundId, true);
      await assertMayManageAwards(tx, actor, r);
      const why = ineligible(r);
      if (why) throw conflict(why);
      if (await repo.findListOfRound(tx, roundId)) throw conflict('本轮已有表彰名单');
      const issuer =
        input.issuer ?? (await repo.orgNames(tx, [r.organiser_org_id])).get(r.organiser_org_id) ?? '';
      const orgRule = defaultOrgRule(r.campaign_settings.awardTiers);
      const id = await repo.insertList(tx, {
        roundId,
        campaignId: r.campaign_id,
        orgRule,
        issuer,
        noticeWorkingDays: r.config.noticeWorkingDays,
        createdBy: actor.userId,
        now: clock.now(),
      });
      await auditRound(tx, who, r, 'awards.created', { after: { listId: id, issuer, orgRule } });
    });
    return view(actor, roundId);
  }

  /** Tier names the rule may name: the campaign's. */
  function checkRule(r: RoundRow, rule: OrgAwardRule) {
    const tiers = r.campaign_settings.awardTiers.map((t) => t.name);
    const orgAwards = r.campaign_settings.orgAwards.map((t) => t.name);
    const unknown = Object.keys(rule.tierPoints).filter((k) => !tiers.includes(k));
    if (unknown.length)
      throw invalid(`组织奖规则中的奖项「${unknown.join('、')}」不是本活动的奖项`, [
        { path: 'orgRule.tierPoints', message: '只能填写本活动的奖项' },
      ]);
    const unknownOrg = Object.keys(rule.places).filter((k) => !orgAwards.includes(k));
    if (unknownOrg.length)
      throw invalid(`「${unknownOrg.join('、')}」不是本活动的组织奖`, [
        { path: 'orgRule.places', message: '只能填写本活动的组织奖' },
      ]);
  }

  async function update(actor: Actor, roundId: string, input: AwardListUpdate, who: AuditWho) {
    await listChange(actor, roundId, ['draft'], '修改设置', async (tx, r, list) => {
      if (input.orgRule) checkRule(r, input.orgRule);
      await repo.updateList(tx, list.id, input, clock.now());
      await auditRound(tx, who, r, 'awards.settings_updated', {
        before: {
          issuer: list.issuer,
          issuedOn: list.issued_on,
          noticeWorkingDays: list.notice_working_days,
          orgRule: list.org_rule,
        },
        after: input,
      });
    });
    return view(actor, roundId);
  }

  async function decideTie(
    actor: Actor,
    roundId: string,
    input: { kind: 'person' | 'unit'; order: string[]; reason: string },
    who: AuditWho,
  ) {
    await listChange(actor, roundId, ['draft'], '裁定同分', async (tx, r, list) => {
      const p = await preview(tx, r, list);
      const flag = p.flags.find(
        (f) =>
          f.kind === input.kind &&
          f.ids.length === input.order.length &&
          f.ids.every((id) => input.order.includes(id)),
      );
      if (!flag) throw invalid('所排列的不是一组待裁定的同分，请刷新后重试');
      await repo.insertTieDecision(tx, {
        listId: list.id,
        kind: input.kind,
        ids: input.order,
        reason: input.reason,
        decidedBy: actor.userId,
        now: clock.now(),
      });
      await auditRound(tx, who, r, 'awards.tie_decided', {
        after: { kind: input.kind, order: input.order, tiers: flag.tiers, reason: input.reason },
      });
    });
    return view(actor, roundId);
  }

  async function adjustUnit(
    actor: Actor,
    roundId: string,
    input: { orgId: string; tier: string | null; reset?: boolean; reason: string },
    who: AuditWho,
  ) {
    await listChange(actor, roundId, ['draft'], '调整组织奖', async (tx, r, list) => {
      if (input.tier && !r.campaign_settings.orgAwards.some((a) => a.name === input.tier))
        throw invalid(`「${input.tier}」不是本活动的组织奖`, [
          { path: 'tier', message: '请选择本活动的组织奖' },
        ]);
      if (!r.campaign_settings.orgAwards.length) throw conflict('本活动没有设置组织奖');
      const p = await preview(tx, r, list);
      const before = p.units.find((u) => u.orgId === input.orgId);
      if (input.reset) {
        if (!(await repo.deleteUnitAdjustment(tx, list.id, input.orgId))) throw notFound('组织奖调整');
      } else {
        // A unit added by hand must be one of the round's units (an entry of it was ranked).
        if (!before)
          throw invalid('该单位没有作品参加本轮比赛，不能评定组织奖', [
            { path: 'orgId', message: '请选择参赛单位' },
          ]);
        await repo.upsertUnitAdjustment(tx, {
          listId: list.id,
          orgId: input.orgId,
          tier: input.tier,
          reason: input.reason,
          decidedBy: actor.userId,
          now: clock.now(),
        });
      }
      await auditRound(tx, who, r, 'awards.unit_adjusted', {
        before: before ? { orgId: input.orgId, name: before.name, tier: before.tier } : null,
        after: { orgId: input.orgId, tier: input.reset ? 'rule' : input.tier, reason: input.reason },
      });
    });
    return view(actor, roundId);
  }

  /** Freezes the list: items with certificate numbers and verify codes; the 公示 starts. */
  async function publish(actor: Actor, roundId: string, who: AuditWho) {
    await listChange(actor, roundId, ['draft'], '发布公示', async (tx, r, list) => {
      const p = await preview(tx, r, list);
      if (p.blockers.length)
        throw conflict(
          `还不能公示表彰名单：${p.blockers.slice(0, 3).join('；')}${p.blockers.length > 3 ? ` 等 ${p.blockers.length} 项` : ''}`,
        );
      const persons = p.persons.filter((x) => x.tier);
      const units = p.units.filter((x) => x.tier);
      if (!persons.length && !units.length) throw conflict('没有评出任何奖项，不能公示');
      const now = clock.now();
      const year = beijingDate(now).slice(0, 4);
      const campaignId = r.campaign_id;
      const tierOrder = (names: { name: string }[], t: string) => names.findIndex((x) => x.name === t);
      const sortedUnits = [...units].sort(
        (a, b) =>
          tierOrder(r.campaign_settings.orgAwards, a.tier!) -
            tierOrder(r.campaign_settings.orgAwards, b.tier!) || (a.rank ?? 1e9) - (b.rank ?? 1e9),
      );
      const wanted = [
        ...persons.map((x) => ({
          kind: 'person' as const,
          entryId: x.entryId,
          orgId: x.unitId,
          tier: x.tier!,
          position: x.position!,
          rank: x.rank,
          points: null,
          adjustedReason: null,
        })),
        ...sortedUnits.map((u, i) => ({
          kind: 'unit' as const,
          entryId: null,
          orgId: u.orgId,
          tier: u.tier!,
          position: i + 1,
          rank: u.rank,
          points: u.points,
          adjustedReason: u.adjusted?.reason ?? null,
        })),
      ];
      // Published again after a withdrawal: an award that is still the same keeps its certificate
      // number and verify code (a printed certificate stays valid); one that changed or went is
      // void (its verify page answers 404) and a new award gets the next number.
      const keyOf = (x: { kind: string; entryId: string | null; orgId: string; tier: string }) =>
        `${x.kind}|${x.kind === 'person' ? x.entryId : x.orgId}|${x.tier}`;
      const existing = new Map(
        (await repo.listItemRows(tx, list.id)).map((i) => [
          keyOf({ ...i, entryId: i.entry_id, orgId: i.org_id }),
          i,
        ]),
      );
      const kept = new Set<string>();
      const added: typeof wanted = [];
      for (const w of wanted) {
        const old = existing.get(keyOf(w));
        if (old) {
          kept.add(old.id);
          await repo.updateItem(tx, old.id, w);
        } else added.push(w);
      }
      let seq = added.length ? await repo.claimCertificateNumbers(tx, campaignId, year, added.length) : 0;
      const fresh: repo.NewItem[] = added.map((w) => ({
        ...w,
        certificateNo: certificateNumber(year, campaignId, seq++),
        verifyCode: randomCode(16),
      }));
      const voided = [...existing.values()].filter((i) => !kept.has(i.id));
      await repo.deleteItems(
        tx,
        voided.map((i) => i.id),
      );
      await repo.insertItems(tx, list.id, fresh, now);
      const noticeEndsOn = addWorkingDays(beijingDate(now), list.notice_working_days);
      // A list published again after a withdrawal keeps its public address.
      const noticeCode = list.notice_code ?? randomCode(12);
      await repo.updateList(
        tx,
        list.id,
        { state: 'publicised', publishedAt: now, noticeEndsOn, noticeCode },
        now,
      );
      await auditRound(tx, who, r, 'awards.published', {
        after: {
          noticeCode,
          noticeEndsOn,
          persons: persons.map((x) => [x.code, x.tier]),
          units: units.map((u) => [u.name, u.tier]),
          voided: voided.map((i) => i.certificate_no),
        },
      });
    });
    return view(actor, roundId);
  }

  async function finalise(actor: Actor, roundId: string, who: AuditWho) {
    await listChange(actor, roundId, ['publicised'], '定稿', async (tx, r, list) => {
      const refusal = finaliseRefusal(list, await pendingObjections(tx, list.id));
      if (refusal) throw conflict(refusal);
      const stale = await staleness(tx, r, list);
      if (stale) throw conflict(staleRefusal(stale));
      await repo.updateList(tx, list.id, { state: 'final', finalisedAt: clock.now() }, clock.now());
      await auditRound(tx, who, r, 'awards.finalised', { after: { noticeEndsOn: list.notice_ends_on } });
    });
    return view(actor, roundId);
  }

  /**
   * Takes a published list back to the draft (e.g. an objection was upheld), with the reason; the
   * organiser changes what is needed and publishes again. Certificates are not valid meanwhile.
   */
  async function withdraw(actor: Actor, roundId: string, reason: string, who: AuditWho) {
    await listChange(actor, roundId, ['publicised'], '撤回公示', async (tx, r, list) => {
      await repo.updateList(tx, list.id, { state: 'draft' }, clock.now());
      await auditRound(tx, who, r, 'awards.withdrawn', {
        before: { state: list.state, noticeEndsOn: list.notice_ends_on },
        after: { reason },
      });
    });
    return view(actor, roundId);
  }

  /** Objections with the contact given (for the round's managers and supervisors). */
  function presentObjection(o: repo.ObjectionRow) {
    return {
      id: o.id,
      content: o.content,
      contactName: o.contact_name,
      contactPhone: o.contact_phone,
      lodgedByName: o.lodged_by_name,
      lodgedAt: o.lodged_at,
      outcome: o.outcome,
      outcomeLabel: o.outcome ? objectionOutcomeLabels[o.outcome] : '待答复',
      answer: o.answer,
      answeredAt: o.answered_at,
    };
  }

  async function objections(actor: Actor, roundId: string) {
    const { list } = await seenList(actor, roundId);
    return { items: (await repo.listObjections(db, list.id)).map(presentObjection) };
  }

  async function answer(
    actor: Actor,
    roundId: string,
    objectionId: string,
    input: { outcome: 'upheld' | 'dismissed'; reason: string },
    who: AuditWho,
  ) {
    await listChange(actor, roundId, ['publicised'], '答复异议', async (tx, r, list) => {
      const o = (await repo.listObjections(tx, list.id)).find((x) => x.id === objectionId);
      if (!o) throw notFound('异议');
      if (o.outcome) throw conflict('该异议已答复');
      await repo.answerObjection(tx, {
        id: objectionId,
        outcome: input.outcome,
        answer: input.reason,
        answeredBy: actor.userId,
        now: clock.now(),
      });
      await auditRound(tx, who, r, 'awards.objection_answered', { after: { objectionId, ...input } });
    });
    return objections(actor, roundId);
  }

  /**
   * An objection during the notice period, from a signed-in user (on record under their account),
   * never from the list's own organisers: the same rule as the review results' 公示.
   */
  async function lodge(actor: Actor, code: string, input: AwardObjectionCreate, who: AuditWho) {
    const id = await db.transaction().execute(async (tx) => {
      const found = await repo.findListByNoticeCode(tx, code);
      if (!found) throw notFound('公示');
      const r = await loadRound(tx, found.round_id, true);
      const list = (await repo.findListOfRound(tx, r.id, { forUpdate: true }))!;
      await assertMayObject(tx, actor, r, 'awards.published');
      if (!noticeOpen(list))
        throw conflict(
          list.state === 'final' || !list.notice_ends_on
            ? '表彰名单已定稿，不能再提出异议'
            : `公示期已于${formatBeijingDate(list.notice_ends_on)}结束，不能再提出异议`,
        );
      const oid = await repo.insertObjection(tx, {
        listId: list.id,
        ...input,
        lodgedBy: actor.userId,
        now: clock.now(),
      });
      await auditRound(tx, who, r, 'awards.objection_lodged', {
        after: { objectionId: oid, contact: maskPhone(input.contactPhone) },
      });
      return oid;
    });
    return { id, message: '异议已提交，组织者将在核实后答复' };
  }

  /** The objections I lodged on a notice, with the answers. */
  async function mine(actor: Actor, code: string) {
    const list = await repo.findListByNoticeCode(db, code);
    if (!list) throw notFound('公示');
    const rows = (await repo.listObjections(db, list.id)).filter((o) => o.lodged_by === actor.userId);
    return { items: rows.map(presentObjection) };
  }

  async function uploadSeal(actor: Actor, roundId: string, image: Buffer, who: AuditWho) {
    if (!image.length)
      throw invalid('上传的印章图片是空文件，请重新选择图片', [{ path: 'file', message: '文件为空' }]);
    const mime = sealImageType(image);
    if (!mime)
      throw new AppError(
        'UNSUPPORTED_FILE',
        imageType(image)
          ? `印章图片已损坏或尺寸不合适（边长不超过 ${SEAL_MAX_SIDE} 像素），请重新导出 PNG 或 JPG 后上传`
          : '印章图片只能是 PNG 或 JPG 格式，建议使用透明背景的 PNG',
      );
    await listChange(actor, roundId, ['draft', 'publicised', 'final'], '上传印章', async (tx, r, list) => {
      await repo.setSeal(tx, list.id, { image, mime }, clock.now());
      await auditRound(tx, who, r, 'awards.seal_uploaded', { after: { mime, bytes: image.length } });
    });
    return view(actor, roundId);
  }

  async function removeSeal(actor: Actor, roundId: string, who: AuditWho) {
    await listChange(actor, roundId, ['draft', 'publicised', 'final'], '删除印章', async (tx, r, list) => {
      if (!list.seal_mime) throw notFound('印章图片');
      await repo.setSeal(tx, list.id, null, clock.now());
      await auditRound(tx, who, r, 'awards.seal_removed', {});
    });
    return view(actor, roundId);
  }

  async function seal(actor: Actor, roundId: string) {
    const { list } = await seenList(actor, roundId);
    const s = await repo.readSeal(db, list.id);
    if (!s) throw notFound('印章图片');
    return s;
  }

  async function seenList(actor: Actor, roundId: string) {
    const r = await loadRound(db, roundId);
    await assertMaySeeAwards(db, actor, r);
    const list = await repo.findListOfRound(db, roundId);
    if (!list) throw notFound('表彰名单');
    return { r, list };
  }

  async function factsOf(r: RoundRow, list: ListRow, i: repo.ItemRow, origin: string) {
    const date = certificateDate(list);
    return {
      kind: i.kind,
      campaignTitle: r.campaign_title,
      name: i.kind === 'person' ? (i.speaker_name ?? '') : i.unit_name,
      unitName: i.unit_name,
      title: i.title,
      award: i.tier,
      issuer: list.issuer,
      dateText: date ? formatBeijingDate(date) : '',
      number: i.certificate_no,
      verifyUrl: verifyUrl(origin, i.verify_code),
      seal: await repo.readSeal(db, list.id),
    };
  }

  /** A person's award whose entry has since left the contest (退赛): its certificate is void. */
  const withdrawn = (i: repo.ItemRow) =>
    i.kind === 'person' && (repo.LEFT_ENTRY_STATES as readonly string[]).includes(i.entry_state ?? '');

  const fileName = (i: repo.ItemRow) =>
    `${i.certificate_no}-${safeSegment(i.kind === 'person' ? (i.speaker_name ?? '') : i.unit_name)}-${safeSegment(i.tier)}.pdf`;

  async function publishedItems(actor: Actor, roundId: string) {
    const { r, list } = await seenList(actor, roundId);
    if (list.state === 'draft') throw conflict('表彰名单公示后才能生成证书（证书编号在公示时确定）');
    cjkFonts();
    return { r, list, items: await repo.listItems(db, list.id) };
  }

  /** One certificate as a PDF (to print) or a Word document (to adjust or print on pre-printed paper). */
  async function certificate(
    actor: Actor,
    roundId: string,
    itemId: string,
    origin: string,
    who: AuditWho,
    format: 'pdf' | 'docx' = 'pdf',
  ) {
    const { r, list, items } = await publishedItems(actor, roundId);
    const i = items.find((x) => x.id === itemId);
    if (!i) throw notFound('获奖证书');
    if (withdrawn(i))
      throw conflict(
        `${i.speaker_name ?? ''}的作品已撤回或被退回（退赛），这张证书作废，不能下载；请撤回公示，核对后重新发布`,
      );
    const facts = await factsOf(r, list, i, origin);
    const body = format === 'pdf' ? await renderCertificate(facts) : await renderCertificateDocx(facts);
    await auditRound(db, who, r, 'awards.certificates_downloaded', {
      after: { numbers: [i.certificate_no], format },
    });
    const name = fileName(i).replace(/\.pdf$/, `.${format}`);
    return { body, disposition: contentDisposition('attachment', name) };
  }

  /** All certificates in one zip, drawn one after the other as the zip is read. */
  async function certificatesZip(actor: Actor, roundId: string, origin: string, who: AuditWho) {
    const { r, list, items: all } = await publishedItems(actor, roundId);
    const items = all.filter((i) => !withdrawn(i));
    if (!items.length) throw conflict('表彰名单中没有获奖者');
    const zip = new ZipFile();
    for (const i of items) {
      const folder = i.kind === 'person' ? '个人' : '单位';
      const facts = await factsOf(r, list, i, origin);
      zip.addReadStreamLazy(`${folder}/${fileName(i)}`, { compress: false }, (cb) => {
        renderCertificate(facts).then(
          (pdf) => {
            cb(null, Readable.from([pdf]));
          },
          (error: Error) => cb(error, undefined as never),
        );
      });
    }
    zip.end();
    await auditRound(db, who, r, 'awards.certificates_downloaded', {
      after: { numbers: items.map((i) => i.certificate_no) },
    });
    const name = `${safeSegment(r.campaign_title)}-${safeSegment(stageName(r))}-证书.zip`;
    return { stream: zip.outputStream as Readable, disposition: contentDisposition('attachment', name) };
  }

  // ---------- public ----------

  /** The 表彰名单's 公示 by its random code: names, units, titles and awards; no ids, no phones. */
  async function notice(code: string) {
    const list = await repo.findListByNoticeCode(db, code);
    if (!list) throw notFound('公示');
    const r = await loadRound(db, list.round_id);
    const items = await repo.listItems(db, list.id);
    return {
      code,
      campaignTitle: r.campaign_title,
      stageName: stageName(r),
      issuer: list.issuer,
      publishedAt: list.published_at,
      noticeEndsOn: list.notice_ends_on,
      noticeWorkingDays: list.notice_working_days,
      final: list.state === 'final',
      finalisedAt: list.finalised_at,
      objectionsOpen: noticeOpen(list),
      persons: items
        .filter((i) => i.kind === 'person')
        .map((i) => ({ tier: i.tier, name: i.speaker_name ?? '', unitName: i.unit_name, title: i.title })),
      units: items.filter((i) => i.kind === 'unit').map((i) => ({ tier: i.tier, name: i.unit_name })),
    };
  }

  /** What a certificate's QR code opens: the award it confirms; an unknown code is a 404. */
  async function verify(code: string) {
    const i = await repo.findItemByVerifyCode(db, code);
    const ctx = i ? await repo.findListContext(db, i.list_id) : undefined;
    // A voided certificate (list withdrawn, award gone, or its speaker 退赛) is not confirmed.
    if (!i || !ctx || ctx.state === 'draft' || withdrawn(i)) throw notFound('证书');
    const date = certificateDate(ctx);
    return {
      valid: true,
      state: ctx.state,
      stateLabel: awardListStateLabels[ctx.state],
      noticeEndsOn: ctx.notice_ends_on,
      kind: i.kind,
      name: i.kind === 'person' ? (i.speaker_name ?? '') : i.unit_name,
      unitName: i.unit_name,
      title: i.title,
      award: i.tier,
      campaignTitle: ctx.campaign_title,
      issuer: ctx.issuer,
      date,
      dateText: date ? formatBeijingDate(date) : '',
      certificateNo: i.certificate_no,
    };
  }

  return {
    view,
    create,
    update,
    decideTie,
    adjustUnit,
    publish,
    withdraw,
    objections,
    answer,
    lodge,
    mine,
    finalise,
    uploadSeal,
    removeSeal,
    seal,
    certificate,
    certificatesZip,
    notice,
    verify,
  };
}

export const verifyUrl = (origin: string, code: string) =>
  `${origin.replace(/\/+$/, '')}/certificates/${code}`;
