import type { EntryCreate, EntryListResponse, EntryState, EntryUpdate, UnitQuota } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, conflict, forbidden, invalid, notFound, notVisible } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { findCampaign } from '../campaigns/repository.ts';
import { entryLeavesRounds, entryRejoinsRounds, lockRoundsOfEntry } from '../reviews/entry-departures.ts';
import * as policy from './policy.ts';
import * as repo from './repository.ts';
import type { EntryRow } from './repository.ts';
import { accessOf, deadlineOf, presentDetail, presentEvent, presentListItem, stageOf } from './present.ts';
import { entryRoundChanges } from './round-changes.ts';
import {
  assertEligible,
  assertNotLate,
  assertQuota,
  assertReadyToRecommend,
  assertReadyToSubmit,
  completeness,
  effectiveDeadline,
  entryStage,
  nextState,
  resolveUnit,
  type EntryAction,
} from './rules.ts';

type Db = AppDeps['db'];

const auditActions = {
  submit: 'entry.submitted',
  recommend: 'entry.recommended',
  return: 'entry.returned',
  withdraw: 'entry.withdrawn',
} as const;

export function entryService(deps: AppDeps) {
  const { db, clock } = deps;

  /** A campaign with the org paths taking part in it. */
  async function loadCampaign(tx: Db, id: string) {
    const campaign = await findCampaign(tx, id);
    if (!campaign) throw notFound('活动');
    const listed = await repo.findOrgs(tx, campaign.settings.participatingOrgIds);
    return { campaign, participating: listed };
  }

  async function extensionsFor(tx: Db, row: Pick<EntryRow, 'campaign_id' | 'stage_key' | 'unit_org_id'>) {
    const ext = await repo.listExtensions(tx, row.campaign_id, {
      stageKey: row.stage_key,
      unitIds: [row.unit_org_id],
    });
    return ext.map((x) => x.until);
  }

  async function loadVisible(tx: Db, actor: Actor, id: string, forUpdate = false) {
    const row = await repo.findEntry(tx, id, { forUpdate });
    if (!row) throw notVisible('作品', '查看');
    policy.assertCanView(actor, accessOf(row));
    return row;
  }

  function assertOpen(row: EntryRow) {
    if (row.campaign_status !== 'published')
      throw conflict(row.campaign_status === 'closed' ? '活动已结束，作品不能再更改' : '活动还未发布');
  }

  async function get(actor: Actor, id: string) {
    const row = await loadVisible(db, actor, id);
    const materials = await repo.listMaterials(db, [id]);
    return presentDetail(actor, row, materials, deadlineOf(row, await extensionsFor(db, row)), clock.now());
  }

  async function present(rows: EntryRow[]) {
    const current = await repo.listMaterials(
      db,
      rows.map((r) => r.id),
      { currentOnly: true },
    );
    const byEntry = new Map<string, typeof current>();
    for (const m of current) byEntry.set(m.entry_id, [...(byEntry.get(m.entry_id) ?? []), m]);
    const extensions = new Map<string, string[]>();
    for (const campaignId of new Set(rows.map((r) => r.campaign_id))) {
      for (const x of await repo.listExtensions(db, campaignId)) {
        const key = `${campaignId}/${x.stage_key}/${x.unit_org_id}`;
        extensions.set(key, [...(extensions.get(key) ?? []), x.until]);
      }
    }
    const ext = (r: Pick<EntryRow, 'campaign_id' | 'stage_key' | 'unit_org_id'>) =>
      extensions.get(`${r.campaign_id}/${r.stage_key}/${r.unit_org_id}`) ?? [];
    return {
      items: rows.map((r) => presentListItem(r, byEntry.get(r.id) ?? [], deadlineOf(r, ext(r)))),
      ext,
    };
  }

  async function list(
    actor: Actor,
    campaignId: string,
    q: { stageKey?: string; unitId?: string; orgId?: string; categoryKey?: string; state?: EntryState },
  ): Promise<EntryListResponse> {
    const { campaign, participating } = await loadCampaign(db, campaignId);
    const paths = participating.length ? participating.map((o) => o.path) : [campaign.organiser_org_path];
    policy.assertMayListCampaign(actor, campaign.organiser_org_path, paths);
    const { orgId, ...filters } = q;
    const [under] = orgId ? await repo.findOrgs(db, [orgId]) : [];
    if (orgId && (!under || !policy.mayListUnder(actor, campaign.organiser_org_path, paths, under.path)))
      throw notVisible('组织', '查看');
    const rows = await repo.listEntries(db, {
      campaignId,
      ...filters,
      underPath: under?.path,
      scope: policy.listScope(actor, campaign.organiser_org_path),
    });
    const { items, ext } = await present(rows);
    // One quota line per unit and stage in the list (stages without a quota show null limits).
    const quotas = new Map<string, UnitQuota>();
    for (const [i, r] of rows.entries()) {
      const key = `${r.stage_key}/${r.unit_org_id}`;
      const stage = stageOf(r);
      const line = quotas.get(key) ?? {
        stageKey: r.stage_key,
        unitId: r.unit_org_id,
        unitName: r.unit_name,
        recommended: 0,
        min: stage?.quota?.min ?? null,
        max: stage?.quota?.max ?? null,
        deadline: deadlineOf(r, ext(r)).at.toISOString(),
        entries: 0,
        recommendedIncomplete: 0,
        recommendedMissingScan: 0,
      };
      if (r.state !== 'withdrawn') line.entries += 1;
      if (r.state === 'recommended') {
        line.recommended += 1;
        // Recommended by a round's confirmation, or before a campaign asked for the 推荐表: counted,
        // but shown as not yet complete until every required material is there.
        const c = items[i]!.completeness;
        if (!c.complete) line.recommendedIncomplete += 1;
        if (c.items.some((m) => m.material === 'recommendation_scan' && m.status === 'missing'))
          line.recommendedMissingScan += 1;
      }
      quotas.set(key, line);
    }
    return {
      items,
      quotas: [...quotas.values()],
      canManage: policy.canManageCampaign(actor, campaign.organiser_org_path),
      org: under ? { id: under.id, name: under.name } : null,
    };
  }

  async function mine(actor: Actor) {
    if (!actor.memberId) return { items: [] };
    const rows = await repo.listEntries(db, { scope: { prefixes: [], memberId: actor.memberId } });
    return { items: (await present(rows)).items };
  }

  async function create(actor: Actor, campaignId: string, input: EntryCreate, who: AuditWho) {
    const memberId = input.memberId ?? actor.memberId;
    if (!memberId)
      throw invalid('您的账号没有关联党员信息，请由单位管理员代为报送，或联系管理员关联党员信息', [
        { path: 'memberId', message: '请选择宣讲人' },
      ]);
    const id = await db.transaction().execute(async (tx) => {
      const { campaign, participating } = await loadCampaign(tx, campaignId);
      const member = await repo.findMember(tx, memberId);
      const self = memberId === actor.memberId;
      // A member the caller does not administer is answered like a missing one: member ids cannot be probed.
      if (!member || (!self && !policy.canAdministerUnit(actor, member.org_path))) throw notVisible('党员');
      const stage = entryStage(campaign.settings.stages, input.stageKey);
      const unit = resolveUnit(member.org_path, {
        organiser: { id: campaign.organiser_org_id, path: campaign.organiser_org_path },
        participating,
        runBy: stage.runBy,
      });
      // Speakers enter themselves; anyone else must administer the unit (checked before revealing more).
      if (!self && !(unit && policy.canAdministerUnit(actor, unit.path)))
        throw forbidden('只能为本单位（本人管理范围内）的党员报送作品');
      if (campaign.status !== 'published')
        throw conflict(
          campaign.status === 'closed' ? '活动已结束，不能再报送作品' : '活动还未发布，暂不能报送作品',
        );
      if (!unit) throw new AppError('NOT_ELIGIBLE', `${member.name}所在组织不在本活动的参与范围内`);
      if (!campaign.settings.categories.some((c) => c.key === input.categoryKey))
        throw invalid('请选择本活动的宣讲类别', [{ path: 'categoryKey', message: '请选择本活动的宣讲类别' }]);
      assertEligible(campaign.settings.eligibility, {
        name: member.name,
        partyStatus: member.party_status,
        positions: member.positions,
        active: member.active,
      });
      const ext = await repo.listExtensions(tx, campaignId, { stageKey: stage.key, unitIds: [unit.id] });
      assertNotLate(
        clock.now(),
        effectiveDeadline(
          stage,
          ext.map((x) => x.until),
        ),
        '新建作品',
      );
      const existing = await repo.findLiveEntry(tx, campaignId, stage.key, memberId);
      if (existing)
        throw conflict(
          `${member.name}在本阶段已有作品「${existing.title}」，每人每阶段只能报送一件；如要重新报送，请先撤回原作品`,
        );
      const now = clock.now();
      const id = await repo.insertEntry(tx, {
        campaignId,
        stageKey: stage.key,
        memberId,
        unit,
        title: input.title,
        categoryKey: input.categoryKey,
        outline: input.outline ?? '',
        createdBy: actor.userId,
        now,
      });
      await repo.insertEvent(tx, {
        entryId: id,
        from: null,
        to: 'draft',
        actorUserId: actor.userId,
        actorName: actor.displayName,
        at: now,
      });
      await audit(tx, who, {
        action: 'entry.created',
        entityType: 'entry',
        entityId: id,
        orgPath: unit.path,
        after: { title: input.title, speaker: member.name, stage: stage.name, onBehalf: !self },
      });
      return id;
    });
    return get(actor, id);
  }

  /** Loads for a change: visible, editable by this actor, campaign open, before the unit's deadline. */
  async function loadForChange(tx: Db, actor: Actor, id: string, doing: string) {
    const row = await loadVisible(tx, actor, id, true);
    policy.assertCanEdit(actor, accessOf(row));
    assertOpen(row);
    assertNotLate(clock.now(), deadlineOf(row, await extensionsFor(tx, row)), doing);
    return row;
  }

  async function update(actor: Actor, id: string, input: EntryUpdate, who: AuditWho) {
    await db.transaction().execute(async (tx) => {
      const row = await loadForChange(tx, actor, id, '修改作品');
      nextState(row.state, 'edit');
      if (input.categoryKey && !row.campaign_settings.categories.some((c) => c.key === input.categoryKey))
        throw invalid('请选择本活动的宣讲类别', [{ path: 'categoryKey', message: '请选择本活动的宣讲类别' }]);
      const before = { title: row.title, categoryKey: row.category_key, outline: row.outline };
      const after = { ...before, ...input };
      await repo.updateEntry(
        tx,
        id,
        { title: after.title, category_key: after.categoryKey, outline: after.outline },
        clock.now(),
      );
      await audit(tx, who, {
        action: 'entry.updated',
        entityType: 'entry',
        entityId: id,
        orgPath: row.unit_org_path,
        before,
        after,
      });
    });
    return get(actor, id);
  }

  /** One state change with its event and audit rows; `check` runs the action's own rules first. */
  async function transition(
    actor: Actor,
    id: string,
    action: Exclude<EntryAction, 'edit'>,
    who: AuditWho,
    opts: { reason?: string } = {},
  ) {
    await db.transaction().execute(async (tx) => {
      // Its rounds first, then the entry: the order a round's confirmation locks them in.
      await lockRoundsOfEntry(tx, id);
      let row = await loadVisible(tx, actor, id, true);
      const access = accessOf(row);
      const unitAction = action === 'recommend' || action === 'return';
      if (unitAction) policy.assertCanAdministerUnit(actor, access, row.unit_name);
      else policy.assertCanEdit(actor, access);
      assertOpen(row);
      const to = nextState(row.state, action);
      const deadline = deadlineOf(row, await extensionsFor(tx, row));
      // A speaker may always pull out; every other change closes with the deadline.
      if (action !== 'withdraw')
        assertNotLate(clock.now(), deadline, { submit: '提交', recommend: '推荐', return: '退回' }[action]);
      if (action === 'submit') {
        const current = await repo.listMaterials(tx, [id], { currentOnly: true });
        assertReadyToSubmit(completeness(row.campaign_settings.materials, current));
      }
      if (action === 'recommend') {
        await repo.lockUnit(tx, row.unit_org_id);
        row = (await repo.findEntry(tx, id))!;
        nextState(row.state, action);
        assertQuota(
          stageOf(row)?.quota,
          await repo.countRecommended(tx, row.campaign_id, row.stage_key, row.unit_org_id),
        );
        const current = await repo.listMaterials(tx, [id], { currentOnly: true });
        assertReadyToRecommend(completeness(row.campaign_settings.materials, current), row.title);
      }
      const now = clock.now();
      await repo.updateEntry(
        tx,
        id,
        {
          state: to,
          return_reason:
            action === 'return' ? (opts.reason ?? null) : to === 'withdrawn' ? row.return_reason : null,
        },
        now,
      );
      await repo.insertEvent(tx, {
        entryId: id,
        from: row.state,
        to,
        actorUserId: actor.userId,
        actorName: actor.displayName,
        reason: opts.reason ?? null,
        at: now,
      });
      // Withdrawn or returned, the entry no longer competes: every round it is in marks it 已退赛
      // (judges drop it, it is not ranked and keeps no advancement place), so the unit's quota count
      // and the entries actually competing stay the same number.
      if (to === 'withdrawn' || to === 'returned')
        await entryLeavesRounds(tx, who, {
          entryId: id,
          reason:
            to === 'withdrawn'
              ? `作品已撤回（${actor.displayName}）`
              : `单位退回了作品（${actor.displayName}）：${opts.reason ?? ''}`,
          at: now,
        });
      // Corrected and submitted or recommended again, it competes again in an open round it had left.
      if (to === 'submitted' || to === 'recommended')
        await entryRejoinsRounds(tx, who, { entryId: id, at: now });
      await audit(tx, who, {
        action: auditActions[action],
        entityType: 'entry',
        entityId: id,
        orgPath: row.unit_org_path,
        before: { state: row.state },
        after: { state: to, ...(opts.reason ? { reason: opts.reason } : {}) },
      });
    });
    return get(actor, id);
  }

  async function events(actor: Actor, id: string) {
    await loadVisible(db, actor, id);
    return { items: (await repo.listEvents(db, id)).map(presentEvent) };
  }

  return {
    list,
    mine,
    get,
    create,
    update,
    events,
    loadVisible,
    loadForChange,
    loadCampaign,
    extensionsFor,
    submit: (a: Actor, id: string, who: AuditWho) => transition(a, id, 'submit', who),
    withdraw: (a: Actor, id: string, who: AuditWho) => transition(a, id, 'withdraw', who),
    recommend: (a: Actor, id: string, who: AuditWho) => transition(a, id, 'recommend', who),
    return: (a: Actor, id: string, reason: string, who: AuditWho) =>
      transition(a, id, 'return', who, { reason }),
    /** For review rounds: recommending by a round's confirmation and undoing it. */
    ...entryRoundChanges(deps),
  };
}

export type EntryService = ReturnType<typeof entryService>;
