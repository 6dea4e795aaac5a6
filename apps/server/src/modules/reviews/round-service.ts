import {
  formatBeijingDateTime,
  roundStateLabels,
  type JudgeInvite,
  type RoundConfig,
  type RoundCreate,
  type RoundUpdate,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, conflict, invalid, notFound } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { assertJudgeCandidate, createInvitedJudge, judgeCandidates } from '../accounts/operations.ts';
import { findCampaign, findOrg, findOrgs } from '../campaigns/repository.ts';
import { fixedFinalists } from '../live/draw/fixed-list.ts';
import { autoAssign, redistribute, type AssignResult } from './assignment.ts';
import { checkManualAssignment } from './assignment-check.ts';
import { genesisHash } from './hash-chain.ts';
import { resultRulesOf, sameRules } from './chain-facts.ts';
import { appendRecord, chainMark } from './score-log.ts';
import * as policy from './policy.ts';
import * as repo from './repository.ts';
import type { Db, RoundRow } from './repository.ts';
import {
  accessOf,
  assertManagesRound,
  assertSeesResults,
  assignmentScene,
  auditRound,
  loadRound,
  managedChange,
  stageName,
  unitConflictOf,
} from './round-context.ts';
import {
  assertLiveStage,
  assertValidConfig,
  contestStage,
  defaultLiveSettings,
  defaultRoundConfig,
  previousContestStage,
  randomEntryCode,
} from './rules.ts';

/** Opening and setting up a round: config, its entries, the judges' panel, who scores what. */
export function roundService(deps: AppDeps) {
  const { db, clock } = deps;

  async function campaignOrThrow(tx: Db, campaignId: string) {
    const c = await findCampaign(tx, campaignId);
    if (!c) throw notFound('活动');
    return c;
  }

  /** Where a new round applies: a named unit (unit-run stages) or the campaign's organiser org. */
  async function scopeOf(
    tx: Db,
    campaign: NonNullable<Awaited<ReturnType<typeof findCampaign>>>,
    scopeOrgId?: string,
  ) {
    if (!scopeOrgId || scopeOrgId === campaign.organiser_org_id)
      return { id: campaign.organiser_org_id, path: campaign.organiser_org_path };
    const org = await findOrg(tx, scopeOrgId);
    if (!org || !org.path.startsWith(campaign.organiser_org_path))
      throw invalid('所选单位不在本活动范围内', [
        { path: 'scopeOrgId', message: '所选单位不在本活动范围内' },
      ]);
    return { id: org.id, path: org.path };
  }

  /** The round's results rules as a record of its log: the ranking reads them from there. */
  async function recordRules(tx: Db, r: RoundRow, config: RoundConfig, actor: Actor) {
    await appendRecord(tx, r, {
      action: 'rules_set',
      entryId: null,
      judgeId: null,
      reason: null,
      data: { rules: resultRulesOf(config) },
      actorId: actor.userId,
      now: clock.now(),
    });
  }

  async function defaults(actor: Actor, campaignId: string, stageKey: string, scopeOrgId?: string) {
    const campaign = await campaignOrThrow(db, campaignId);
    const stage = contestStage(campaign.settings, stageKey);
    const scope = await scopeOf(db, campaign, scopeOrgId);
    policy.assertMayOpenRound(actor, {
      organiserOrgPath: campaign.organiser_org_path,
      scopeOrgPath: scope.path,
    });
    // liveDefaults: what the form fills in when the organiser makes a 决赛 a live final.
    return {
      ...defaultRoundConfig(campaign.settings, stage),
      liveDefaults: defaultLiveSettings(campaign.settings, stage),
    };
  }

  /** Adds the stage's eligible entries not yet in the round, each with a fresh random code. */
  async function syncEntries(tx: Db, r: RoundRow): Promise<number> {
    const prev = previousContestStage(r.campaign_settings, r.stage_key);
    const ids = await repo.poolEntryIds(tx, {
      campaignId: r.campaign_id,
      stageKey: r.stage_key,
      previousStageKey: prev?.key ?? null,
      scopePath: r.scope_org_path,
    });
    const existing = await repo.listRoundEntries(tx, r.id);
    const have = new Set(existing.map((e) => e.entry_id));
    const codes = new Set(existing.map((e) => e.code));
    const rows = ids
      .filter((id) => !have.has(id))
      .map((entryId) => {
        const code = randomEntryCode(codes);
        codes.add(code);
        return { roundId: r.id, entryId, code };
      });
    await repo.insertRoundEntries(tx, rows);
    return rows.length;
  }

  async function create(actor: Actor, campaignId: string, input: RoundCreate, who: AuditWho) {
    const { stageKey, scopeOrgId, ...config } = input;
    assertValidConfig(config);
    const id = await db.transaction().execute(async (tx) => {
      const campaign = await campaignOrThrow(tx, campaignId);
      const stage = contestStage(campaign.settings, stageKey);
      assertLiveStage(config, stage);
      const scope = await scopeOf(tx, campaign, scopeOrgId);
      policy.assertMayOpenRound(actor, {
        organiserOrgPath: campaign.organiser_org_path,
        scopeOrgPath: scope.path,
      });
      if (stage.runBy === 'city' && scope.path !== campaign.organiser_org_path)
        throw invalid(`「${stage.name}」由活动组织者统一评审，不能按单位开启`);
      const clash = await tx
        .selectFrom('review_rounds')
        .select('id')
        .where('campaign_id', '=', campaignId)
        .where('stage_key', '=', stageKey)
        .where('scope_org_id', '=', scope.id)
        .where('rehearsal', '=', false)
        .executeTakeFirst();
      if (clash) throw conflict(`「${stage.name}」在该范围已开启评审（轮次 ${clash.id}），请打开它继续`);
      const roundId = await repo.insertRound(tx, {
        campaignId,
        stageKey,
        scope,
        config,
        chainHead: 'pending',
        createdBy: actor.userId,
        now: clock.now(),
      });
      await repo.updateRound(tx, roundId, { chain_head: genesisHash(roundId) }, clock.now());
      const r = await loadRound(tx, roundId);
      await recordRules(tx, r, r.config, actor);
      const added = await syncEntries(tx, r);
      await audit(tx, who, {
        action: 'round.created',
        entityType: 'review_round',
        entityId: roundId,
        orgPath: scope.path,
        after: { stageKey, config, entries: added, ...chainMark(r) },
      });
      return roundId;
    });
    return get(actor, id);
  }

  async function update(actor: Actor, id: string, patch: RoundUpdate, who: AuditWho) {
    await managedChange(db, actor, id, ['open', 'closed'], '修改设置', async (tx, r) => {
      // After scoring closed, only what decides the list may change (e.g. the advancement count
      // when it would take a unit past its quota); scoring rules stay as the judges scored.
      const afterClose = new Set(['advancement', 'noticeWorkingDays', 'name']);
      const changed = (Object.keys(patch) as (keyof RoundConfig)[]).filter(
        // An absent setting and null are the same (e.g. `live` on a round that is not live).
        (k) => JSON.stringify(patch[k] ?? null) !== JSON.stringify(r.config[k] ?? null),
      );
      if (r.state === 'closed' && changed.some((k) => !afterClose.has(k)))
        throw conflict('评分已截止，只能修改晋级规则、公示期和轮次名称；如需修改评分设置，请先重新打开评分');
      if (
        patch.criteria &&
        r.has_scores &&
        JSON.stringify(patch.criteria) !== JSON.stringify(r.config.criteria)
      )
        throw conflict('已有评委打分，评分标准不能再修改');
      const next: RoundConfig = { ...r.config, ...patch };
      assertValidConfig(next);
      assertLiveStage(next, contestStage(r.campaign_settings, r.stage_key));
      if (!!next.live !== !!r.config.live && r.has_scores)
        throw conflict('已有评委打分，不能再切换现场决赛和普通评审');
      await repo.updateRound(tx, id, { config: next }, clock.now());
      // Rules that can move a rank are a record of the log; other settings are not.
      if (!sameRules(resultRulesOf(next), resultRulesOf(r.config))) await recordRules(tx, r, next, actor);
      await auditRound(tx, who, r, 'round.updated', {
        before: r.config,
        after: { ...next, ...chainMark(r) },
      });
    });
    return get(actor, id);
  }

  async function refreshEntries(actor: Actor, id: string, who: AuditWho) {
    const added = await managedChange(db, actor, id, ['open'], '加入作品', async (tx, r) => {
      // A live final's draw published its list: an entry joining now would not be in the order.
      const fixed = await fixedFinalists(tx, r.id);
      if (fixed)
        throw conflict(
          `本轮已于 ${formatBeijingDateTime(fixed.at)} 公布抽签的决赛选手名单，不能再加入作品：名单确定后加入的作品不在出场顺序中`,
        );
      const n = await syncEntries(tx, r);
      if (n > 0)
        await auditRound(tx, who, r, 'round.entries_added', {
          after: { added: n },
        });
      return n;
    });
    return { added, round: await get(actor, id) };
  }

  function presentRound(r: RoundRow) {
    return {
      id: r.id,
      campaignId: r.campaign_id,
      campaignTitle: r.campaign_title,
      stageKey: r.stage_key,
      stageName: stageName(r),
      scopeOrgId: r.scope_org_id,
      scopeOrgName: r.scope_org_name,
      config: r.config,
      state: r.state,
      stateLabel: roundStateLabels[r.state],
      scoreCount: r.score_count,
      rubricLocked: !!r.has_scores,
      chainHead: r.chain_head,
      closedAt: r.closed_at,
      confirmedAt: r.confirmed_at,
      publishedAt: r.published_at,
      noticeEndsOn: r.notice_ends_on,
      sealedAt: r.sealed_at,
      sealHash: r.seal_hash,
      /** The public 公示 address is /publicity/<noticeCode> once published. */
      noticeCode: r.notice_code,
    };
  }

  /** The organiser's (and supervisor's) view: entries with names, panel, assignments, progress. */
  async function get(actor: Actor, id: string) {
    const r = await loadRound(db, id);
    await assertSeesResults(db, actor, r);
    const scene = await assignmentScene(db, r);
    const byEntry = new Map<string, typeof scene.assignments>();
    for (const a of scene.allAssignments) byEntry.set(a.entry_id, [...(byEntry.get(a.entry_id) ?? []), a]);
    const seatsOf = new Map<string, number>();
    for (const a of scene.seats) seatsOf.set(a.entry_id, (seatsOf.get(a.entry_id) ?? 0) + 1);
    const names = new Map(scene.panel.map((j) => [j.user_id, j.display_name]));
    const categories = new Map(r.campaign_settings.categories.map((c) => [c.key, c.name]));
    const live = scene.assignments.filter((a) => a.status !== 'removed');
    const load = new Map<string, { assigned: number; submitted: number }>();
    for (const a of live) {
      const l = load.get(a.judge_user_id) ?? { assigned: 0, submitted: 0 };
      l.assigned += 1;
      if (a.status === 'submitted') l.submitted += 1;
      load.set(a.judge_user_id, l);
    }
    return {
      round: presentRound(r),
      canManage: policy.canManageRound(actor, accessOf(r)),
      canSupervise: policy.canSupervise(actor, accessOf(r)),
      signOffRefusal: policy.signOffRefusal(
        actor,
        accessOf(r),
        scene.assignments.some((a) => a.judge_user_id === actor.userId),
      ),
      progress: {
        entries: scene.entries.length,
        assigned: live.length,
        submitted: live.filter((a) => a.status === 'submitted').length,
        underAssigned: scene.entries.filter((e) => (seatsOf.get(e.entry_id) ?? 0) < r.config.judgesPerEntry)
          .length,
      },
      entries: scene.allEntries.map((e) => ({
        entryId: e.entry_id,
        code: e.code,
        title: e.title,
        speakerName: e.speaker_name,
        unitName: e.unit_name,
        categoryName: categories.get(e.category_key) ?? e.category_key,
        advanced: e.advanced && !e.left_at,
        withdrawn: !!e.left_at,
        withdrawnAt: e.left_at,
        withdrawnReason: e.left_reason,
        judges: (byEntry.get(e.entry_id) ?? []).map((a) => ({
          judgeId: a.judge_user_id,
          name: names.get(a.judge_user_id) ?? a.judge_user_id,
          status: a.status,
          removedReason: a.removed_reason,
          // The judge now belongs to the entry's unit (a role granted after the pair was made).
          unitConflict: a.status !== 'removed' && unitConflictOf(scene, e.entry_id, a.judge_user_id),
        })),
      })),
      panel: scene.panel.map((j) => ({
        userId: j.user_id,
        name: j.display_name,
        username: j.username,
        active: j.active,
        leftReason: j.left_reason,
        hasUnit: (scene.unitsOf.get(j.user_id) ?? []).length > 0,
        pendingFirstLogin: j.must_change_password,
        ...(load.get(j.user_id) ?? { assigned: 0, submitted: 0 }),
      })),
      conflicts: scene.conflicts.map((c) => ({
        entryId: c.entry_id,
        judgeId: c.judge_user_id,
        judgeName: names.get(c.judge_user_id) ?? c.judge_user_id,
        reason: c.reason,
        at: c.at,
      })),
    };
  }

  async function listForCampaign(actor: Actor, campaignId: string) {
    const campaign = await campaignOrThrow(db, campaignId);
    const listed = await findOrgs(db, campaign.settings.participatingOrgIds);
    policy.assertMayListRounds(actor, {
      organiserOrgPath: campaign.organiser_org_path,
      status: campaign.status,
      participatingPaths: listed.length ? listed.map((o) => o.path) : [campaign.organiser_org_path],
    });
    const rows = await repo.listRoundsOfCampaign(db, campaignId);
    // A judge of a round does not see it listed for managing (its detail refuses them).
    const judging = await repo.roundsJudgedBy(
      db,
      actor.userId,
      rows.map((r) => r.id),
    );
    const canOpen = policy.canManageRound(actor, {
      organiserOrgPath: campaign.organiser_org_path,
      scopeOrgPath: campaign.organiser_org_path,
    });
    return {
      items: rows
        .filter((r) => policy.canSeeResults(actor, accessOf(r)) && !judging.has(r.id))
        .map(presentRound),
      canOpenCityRound: canOpen,
      unitScopes: policy.unitScopes(actor).filter((p) => p.startsWith(campaign.organiser_org_path)),
    };
  }

  // ---------- panel ----------

  /** Judge accounts the manager may see (never another city's), for the panel picker. */
  async function judgeAccounts(actor: Actor, id: string) {
    const r = await loadRound(db, id);
    await assertManagesRound(db, actor, r);
    const panel = new Set((await repo.listPanel(db, id)).filter((j) => j.active).map((j) => j.user_id));
    const rows = await judgeCandidates(db, actor);
    return {
      items: rows.map((u) => ({
        userId: u.id,
        name: u.display_name,
        username: u.username,
        onPanel: panel.has(u.id),
      })),
    };
  }

  /**
   * The accounts' rules decide who may be picked (visible to the manager, holding the judge role);
   * the round's rule is that those who run it do not also score it.
   */
  async function addToPanel(tx: Db, actor: Actor, r: RoundRow, userId: string) {
    const judge = await assertJudgeCandidate(tx, actor, userId);
    const grants = judge.grants.map((g) => ({
      id: g.id,
      role: g.role,
      orgId: g.org_id,
      orgPath: g.org_path,
      orgName: g.org_name,
    }));
    const refusal = policy.panelRefusal({ grants }, accessOf(r), judge.displayName);
    if (refusal) throw invalid(refusal);
    await repo.upsertPanelMember(tx, { roundId: r.id, userId, now: clock.now() });
    return judge.displayName;
  }

  async function addJudges(actor: Actor, id: string, userIds: string[], who: AuditWho) {
    await managedChange(db, actor, id, ['open'], '调整评委', async (tx, r) => {
      const names: string[] = [];
      for (const userId of userIds) names.push(await addToPanel(tx, actor, r, userId));
      await auditRound(tx, who, r, 'round.judges_added', {
        after: { judges: names },
      });
    });
    return get(actor, id);
  }

  /**
   * A new expert: the accounts module creates the account (judge role on the round's scope org, a
   * one-time password changed at first login) under its own rules; the round adds it to the panel.
   * The unit the organiser states is kept on the panel row and counts for conflicts of interest.
   */
  async function invite(actor: Actor, id: string, input: JudgeInvite, who: AuditWho) {
    const out = await managedChange(db, actor, id, ['open'], '邀请评委', async (tx, r) => {
      let unitPath: string | null = null;
      if (input.unitOrgId) {
        const org = await findOrg(tx, input.unitOrgId);
        if (!org) throw invalid('所在单位不存在', [{ path: 'unitOrgId', message: '所在单位不存在' }]);
        policy.assertMayStateUnit(actor, org.path, org.name);
        unitPath = org.path;
      }
      const created = await createInvitedJudge(
        tx,
        actor,
        {
          username: input.username,
          displayName: input.displayName,
          phone: input.phone ?? null,
          org: { id: r.scope_org_id, path: r.scope_org_path, name: r.scope_org_name },
        },
        who,
      );
      await repo.upsertPanelMember(tx, { roundId: id, userId: created.userId, unitPath, now: clock.now() });
      await auditRound(tx, who, r, 'round.judge_invited', {
        after: { userId: created.userId, username: input.username, displayName: input.displayName },
      });
      return created;
    });
    return {
      round: await get(actor, id),
      username: input.username,
      temporaryPassword: out.temporaryPassword,
    };
  }

  /** A judge drops out: their unsubmitted work goes to the rest of the panel; submitted scores stay. */
  async function removeJudge(actor: Actor, id: string, userId: string, reason: string, who: AuditWho) {
    const moved = await managedChange(db, actor, id, ['open'], '调整评委', async (tx, r) => {
      const member = await repo.findPanelMember(tx, id, userId);
      if (!member || !member.active) throw notFound('本轮评委');
      await repo.deactivatePanelMember(tx, id, userId, reason);
      const unsubmitted = (await repo.listAssignments(tx, id)).filter(
        (a) => a.judge_user_id === userId && (a.status === 'open' || a.status === 'draft'),
      );
      await appendRecord(tx, r, {
        action: 'judge_left',
        entryId: null,
        judgeId: userId,
        reason,
        data: { released: unsubmitted.map((a) => a.entry_id) },
        actorId: actor.userId,
        now: clock.now(),
      });
      const scene = await assignmentScene(tx, r);
      const scored = scene.assignments
        .filter((a) => a.status === 'submitted' || a.status === 'removed')
        .map((a) => ({ entryId: a.entry_id, judgeId: a.judge_user_id }));
      const result = redistribute(scene.current, userId, {
        entries: scene.entryRefs,
        judges: [...scene.judgeRefs, { id: userId, unitPaths: [] }],
        perEntry: scene.perEntry,
        seed: `${id}:${userId}`,
        scored,
      });
      const released = scene.assignments.filter(
        (a) => a.judge_user_id === userId && (a.status === 'open' || a.status === 'draft'),
      );
      await tx
        .deleteFrom('round_assignments')
        .where('round_id', '=', id)
        .where('judge_user_id', '=', userId)
        .where('status', 'in', ['open', 'draft'])
        .execute();
      const added = result.ok ? await applyNewPairs(tx, id, scene.current, result) : [];
      await auditRound(tx, who, r, 'round.judge_removed', {
        after: { userId, reason, released: released.length, reassigned: added.length, ...chainMark(r) },
      });
      return {
        released: released.length,
        reassigned: added.length,
        problems: result.ok ? [] : result.errors,
      };
    });
    return { ...moved, round: await get(actor, id) };
  }

  // ---------- assignment ----------

  /**
   * Who may be given an entry by hand: only active judges of the panel (any other id would be a seat
   * nobody can fill, or a supervisor turned into a judge of the round), and never a judge who
   * declared a conflict with it — a declaration is final for that pair, since the log already set
   * the pair aside and a later score of it could not count.
   */
  function assertSeatable(
    scene: Awaited<ReturnType<typeof assignmentScene>>,
    entryId: string,
    wanted: readonly string[],
    mine: readonly { judge_user_id: string }[],
  ) {
    const active = new Set(scene.judgeRefs.map((j) => j.id));
    const names = new Map(scene.panel.map((j) => [j.user_id, j.display_name]));
    const strangers = wanted.filter((j) => !active.has(j) && !mine.some((a) => a.judge_user_id === j));
    if (strangers.length)
      throw invalid(
        `以下账号不是本轮评委组的在任评委，不能分配作品：${strangers.map((j) => names.get(j) ?? `编号 ${j}`).join('、')}。请先把其加入评委组`,
        [{ path: 'judgeIds', message: '包含不在本轮评委组中的账号' }],
      );
    const declared = scene.conflicts
      .filter((c) => c.entry_id === entryId && wanted.includes(c.judge_user_id))
      .map((c) => names.get(c.judge_user_id) ?? c.judge_user_id);
    if (declared.length)
      throw conflict(
        `${declared.map((n) => `「${n}」`).join('、')}已对该作品声明回避，声明后不能再分配给其评审，请选择其他评委`,
      );
  }

  async function applyNewPairs(
    tx: Db,
    roundId: string,
    before: Readonly<Record<string, readonly string[]>>,
    result: Extract<AssignResult, { ok: true }>,
  ) {
    const pairs: { entryId: string; judgeId: string }[] = [];
    for (const [entryId, judgeIds] of Object.entries(result.assignments)) {
      for (const judgeId of judgeIds)
        if (!(before[entryId] ?? []).includes(judgeId)) pairs.push({ entryId, judgeId });
    }
    await repo.insertAssignments(tx, roundId, pairs, clock.now());
    return pairs;
  }

  /** Gives every entry its judges; pairs already made stay where they are. */
  async function assignAutomatically(actor: Actor, id: string, who: AuditWho) {
    const out = await managedChange(db, actor, id, ['open'], '分配作品', async (tx, r) => {
      const scene = await assignmentScene(tx, r);
      if (scene.entries.length === 0) throw conflict('本轮还没有作品，请先加入作品');
      if (scene.judgeRefs.length < scene.perEntry)
        throw conflict(
          `每件作品需要 ${scene.perEntry} 位评委，评委组只有 ${scene.judgeRefs.length} 位，请先添加评委`,
        );
      const result = autoAssign({
        entries: scene.entryRefs,
        judges: scene.judgeRefs,
        perEntry: scene.perEntry,
        existing: scene.current,
        seed: `${id}:${scene.assignments.length}`,
      });
      if (!result.ok)
        throw new AppError('VALIDATION_FAILED', result.errors.join('；'), {
          uncovered: result.uncovered,
          problems: result.errors,
        });
      const added = await applyNewPairs(tx, id, scene.current, result);
      await auditRound(tx, who, r, 'round.assigned', {
        after: { added: added.length, loads: result.loads },
      });
      return { added: added.length, warnings: result.warnings };
    });
    return { ...out, round: await get(actor, id) };
  }

  /**
   * The organiser sets one entry's judges by hand. Conflicts and imbalance are warnings: nothing is
   * saved until the organiser confirms them (acceptWarnings). Scored pairs cannot be taken away here.
   */
  async function setEntryJudges(
    actor: Actor,
    id: string,
    input: { entryId: string; judgeIds: string[]; acceptWarnings?: boolean },
    who: AuditWho,
  ) {
    const out = await managedChange(db, actor, id, ['open'], '分配作品', async (tx, r) => {
      const scene = await assignmentScene(tx, r);
      if (scene.allEntries.some((e) => e.entry_id === input.entryId && e.left_at))
        throw conflict('该作品已退赛，不再分配评委');
      if (!scene.entries.some((e) => e.entry_id === input.entryId)) throw notFound('本轮作品');
      const mine = scene.assignments.filter((a) => a.entry_id === input.entryId);
      // A removed pair stays on record as it is (the page does not send it back); only live pairs
      // can be dropped here, and a removed one still fills a seat unless its judge declared a conflict.
      const removed = mine.filter((a) => a.status === 'removed').map((a) => a.judge_user_id);
      const wanted = [...new Set(input.judgeIds)].filter((j) => !removed.includes(j));
      const dropped = mine.filter((a) => a.status !== 'removed' && !wanted.includes(a.judge_user_id));
      const worked = dropped.filter((a) => a.status !== 'open');
      if (worked.length)
        throw conflict('已打分的评委不能在这里取消，请在评分结果中“移除该评委的评分”并写明原因');
      assertSeatable(scene, input.entryId, wanted, mine);
      const removedSeats = (scene.current[input.entryId] ?? []).filter((j) => removed.includes(j));
      const after = { ...scene.current, [input.entryId]: [...wanted, ...removedSeats] };
      const warnings = checkManualAssignment({
        entries: scene.entryRefs,
        judges: scene.judgeRefs,
        perEntry: scene.perEntry,
        after,
        before: scene.current,
      });
      if (warnings.length && !input.acceptWarnings) return { saved: false, warnings };
      await repo.deleteOpenAssignments(
        tx,
        id,
        dropped.map((a) => ({ entryId: a.entry_id, judgeId: a.judge_user_id })),
      );
      const added = wanted.filter((j) => !mine.some((a) => a.judge_user_id === j));
      await repo.insertAssignments(
        tx,
        id,
        added.map((judgeId) => ({ entryId: input.entryId, judgeId })),
        clock.now(),
      );
      await auditRound(tx, who, r, 'round.assignment_edited', {
        before: { entryId: input.entryId, judges: mine.map((a) => a.judge_user_id) },
        after: { entryId: input.entryId, judges: wanted, warnings: warnings.map((w) => w.message) },
      });
      return { saved: true, warnings };
    });
    return { ...out, round: await get(actor, id) };
  }

  return {
    defaults,
    create,
    update,
    refreshEntries,
    get,
    listForCampaign,
    judgeAccounts,
    addJudges,
    invite,
    removeJudge,
    assignAutomatically,
    setEntryJudges,
  };
}
export type RoundService = ReturnType<typeof roundService>;
