import {
  beijingDate,
  type CampaignDetail,
  type CampaignListItem,
  type CampaignPresetKey,
  type CampaignSettings,
  type CampaignStatus,
  type CampaignWarning,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, conflict } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import * as policy from './policy.ts';
import * as repo from './repository.ts';
import type { CampaignRow } from './repository.ts';
import { buildPresetSettings, campaignPresets } from './presets.ts';
import { changedParts, copiedSettings, invalidSettings, parseSettings } from './settings.ts';
import { campaignTimeline, currentStage, pastContestStages } from './timeline.ts';
import { campaignWarnings, pastStagesRefusal } from './warnings.ts';
import { shiftCampaignDates } from './shift.ts';
import { access, loadManaged, loadVisible, participatingPaths } from './loading.ts';

type Db = AppDeps['db'];

export interface NewCampaign {
  organiserOrgId: string;
  presetKey?: CampaignPresetKey;
  copyFromId?: string;
  settings?: unknown;
  /** Preset only: the day the season starts (default: today in Beijing); stages keep their lengths. */
  startsOn?: string;
  /** Preset only, instead of startsOn: the notice's own days in this year. */
  year?: number;
  /** Copy only: move every date by whole years. */
  shiftYears?: number;
  /** Preset or copy: a title instead of the preset's or the copy's. */
  title?: string;
}

export function campaignService(deps: AppDeps) {
  const { db, clock } = deps;
  function present(
    actor: Actor,
    row: CampaignRow,
    participatingOrgs: { id: string; name: string }[],
    warnings: CampaignWarning[],
  ): CampaignDetail {
    return {
      id: row.id,
      title: row.title,
      status: row.status,
      organiserOrgId: row.organiser_org_id,
      organiserOrgName: row.organiser_org_name,
      presetKey: row.preset_key as CampaignPresetKey | null,
      copiedFromId: row.copied_from_id,
      settings: row.settings,
      participatingOrgs,
      timeline: campaignTimeline(row.settings.stages, clock.now(), row.status),
      canEdit: row.status !== 'closed' && policy.canManageCampaign(actor, row.organiser_org_path),
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      warnings,
    };
  }

  /** Participating orgs must exist; reported like any other settings problem. */
  async function assertParticipantsExist(tx: Db, settings: CampaignSettings) {
    const found = new Set((await repo.findOrgs(tx, settings.participatingOrgIds)).map((o) => o.id));
    const issues = settings.participatingOrgIds.flatMap((id, i) =>
      found.has(id)
        ? []
        : [{ path: `participatingOrgIds.${i}`, message: `第 ${i + 1} 个参与组织（编号 ${id}）不存在` }],
    );
    if (issues.length > 0) throw invalidSettings(issues);
  }

  async function get(actor: Actor, id: string) {
    const { row, scope } = await loadVisible(db, actor, id);
    const manages = row.status !== 'closed' && policy.canManageCampaign(actor, row.organiser_org_path);
    const warnings = manages ? await campaignWarnings(db, actor, row, beijingDate(clock.now())) : [];
    return present(actor, row, scope.orgs, warnings);
  }

  async function list(actor: Actor, q: { status?: CampaignStatus }): Promise<{ items: CampaignListItem[] }> {
    const rows = await repo.listCandidates(db, {
      prefixes: policy.overseenPrefixes(actor),
      status: q.status,
    });
    const scopes = await participatingPaths(db, rows);
    const now = clock.now();
    const items = rows
      .filter((row, i) => policy.canView(actor, access(row, scopes[i]!.paths)))
      .map((row) => ({
        id: row.id,
        title: row.title,
        theme: row.settings.theme,
        status: row.status,
        organiserOrgId: row.organiser_org_id,
        organiserOrgName: row.organiser_org_name,
        presetKey: row.preset_key as CampaignPresetKey | null,
        currentStage: currentStage(campaignTimeline(row.settings.stages, now, row.status)),
        startsOn: row.settings.startsOn,
        endsOn: row.settings.endsOn,
        canEdit: row.status !== 'closed' && policy.canManageCampaign(actor, row.organiser_org_path),
      }))
      .sort((a, b) =>
        a.startsOn === b.startsOn ? Number(b.id) - Number(a.id) : a.startsOn < b.startsOn ? 1 : -1,
      );
    return { items };
  }

  function presets(actor: Actor) {
    policy.assertMayCreateSomewhere(actor);
    return campaignPresets;
  }

  async function create(actor: Actor, input: NewCampaign, who: AuditWho) {
    const org = await repo.findOrg(db, input.organiserOrgId);
    if (!org)
      throw new AppError('VALIDATION_FAILED', '组织者所在组织不存在', {
        issues: [{ path: 'organiserOrgId', message: '组织不存在' }],
      });
    policy.assertCanOrganise(actor, org.path, org.name);
    let candidate: unknown = input.settings;
    let presetKey: string | null = null;
    let copiedFromId: string | null = null;
    if (input.presetKey) {
      // A preset dated in the notice's year would put this season's stages in the past: it starts
      // today unless told otherwise.
      const preset = buildPresetSettings(
        input.presetKey,
        input.year !== undefined
          ? { year: input.year }
          : { startsOn: input.startsOn ?? beijingDate(clock.now()) },
      );
      candidate = input.title ? { ...preset, title: input.title } : preset;
      presetKey = input.presetKey;
    } else if (input.copyFromId) {
      const { row } = await loadVisible(db, actor, input.copyFromId);
      const copied = copiedSettings(row.settings, input);
      // Another organiser's copy starts with their own subtree taking part, not the source's list.
      candidate = row.organiser_org_id === org.id ? copied : { ...copied, participatingOrgIds: [] };
      presetKey = row.preset_key;
      copiedFromId = row.id;
    }
    return insert(actor, { settings: parseSettings(candidate), org, presetKey, copiedFromId }, who);
  }

  async function insert(
    actor: Actor,
    c: {
      settings: CampaignSettings;
      org: { id: string; path: string; name: string };
      presetKey: string | null;
      copiedFromId: string | null;
    },
    who: AuditWho,
  ) {
    const id = await db.transaction().execute(async (tx) => {
      await assertParticipantsExist(tx, c.settings);
      const id = await repo.insertCampaign(tx, {
        settings: c.settings,
        organiserOrgId: c.org.id,
        organiserOrgPath: c.org.path,
        presetKey: c.presetKey,
        copiedFromId: c.copiedFromId,
        createdBy: actor.userId,
        now: clock.now(),
      });
      await audit(tx, who, {
        action: c.copiedFromId ? 'campaign.copied' : 'campaign.created',
        entityType: 'campaign',
        entityId: id,
        orgPath: c.org.path,
        after: {
          title: c.settings.title,
          organiser: c.org.name,
          presetKey: c.presetKey,
          copiedFromId: c.copiedFromId,
        },
      });
      return id;
    });
    return get(actor, id);
  }

  async function copy(
    actor: Actor,
    id: string,
    opts: { title?: string; shiftYears?: number },
    who: AuditWho,
  ) {
    const { row } = await loadVisible(db, actor, id);
    const org = { id: row.organiser_org_id, path: row.organiser_org_path, name: row.organiser_org_name };
    policy.assertCanOrganise(actor, org.path, org.name);
    const settings = parseSettings(copiedSettings(row.settings, opts));
    return insert(actor, { settings, org, presetKey: row.preset_key, copiedFromId: row.id }, who);
  }

  async function update(
    actor: Actor,
    id: string,
    input: { settings: unknown; updatedAt?: string },
    who: AuditWho,
  ) {
    const settings = parseSettings(input.settings);
    await db.transaction().execute(async (tx) => {
      const { row } = await loadManaged(tx, actor, id);
      if (row.status === 'closed') throw conflict('活动已结束，不能再修改设置');
      if (input.updatedAt && new Date(input.updatedAt).getTime() !== row.updated_at.getTime()) {
        throw conflict('活动设置已被他人修改，请刷新页面后再编辑');
      }
      await assertParticipantsExist(tx, settings);
      const changes = changedParts(row.settings, settings);
      if (Object.keys(changes.after).length === 0) return;
      await repo.updateSettings(tx, id, settings, clock.now());
      await audit(tx, who, {
        action: 'campaign.updated',
        entityType: 'campaign',
        entityId: id,
        orgPath: row.organiser_org_path,
        before: { status: row.status, ...changes.before },
        after: { status: row.status, ...changes.after },
      });
    });
    return get(actor, id);
  }

  const transitions = {
    publish: {
      from: 'draft',
      to: 'published',
      action: 'campaign.published',
      refusal: { published: '活动已经发布', closed: '活动已结束，不能再发布' },
    },
    close: {
      from: 'published',
      to: 'closed',
      action: 'campaign.closed',
      refusal: { draft: '草稿状态的活动还未发布，不能结束', closed: '活动已经结束' },
    },
  } as const;

  async function transition(
    actor: Actor,
    id: string,
    which: keyof typeof transitions,
    who: AuditWho,
    opts: { confirmPastStages?: boolean } = {},
  ) {
    const t = transitions[which];
    await db.transaction().execute(async (tx) => {
      const { row } = await loadManaged(tx, actor, id);
      if (row.status !== t.from)
        throw conflict(
          (t.refusal as Partial<Record<CampaignStatus, string>>)[row.status] ?? '活动状态不允许此操作',
        );
      // Confirmed or not, the log says which stages were already over when it was published.
      const past =
        which === 'publish' ? pastContestStages(row.settings.stages, beijingDate(clock.now())) : [];
      if (past.length > 0 && !opts.confirmPastStages) throw pastStagesRefusal(past);
      await repo.updateStatus(tx, id, t.to, clock.now());
      await audit(tx, who, {
        action: t.action,
        entityType: 'campaign',
        entityId: id,
        orgPath: row.organiser_org_path,
        before: { status: row.status },
        after: { status: t.to, ...(past.length ? { pastStagesConfirmed: past.map((p) => p.key) } : {}) },
      });
    });
    return get(actor, id);
  }

  return {
    presets,
    list,
    get,
    create,
    copy,
    update,
    publish: (actor: Actor, id: string, who: AuditWho, opts: { confirmPastStages?: boolean } = {}) =>
      transition(actor, id, 'publish', who, opts),
    shiftDates: async (
      actor: Actor,
      id: string,
      input: { days: number; updatedAt?: string },
      who: AuditWho,
    ) => {
      await shiftCampaignDates(deps, actor, id, input, who);
      return get(actor, id);
    },
    close: (actor: Actor, id: string, who: AuditWho) => transition(actor, id, 'close', who),
  };
}

export type CampaignService = ReturnType<typeof campaignService>;
