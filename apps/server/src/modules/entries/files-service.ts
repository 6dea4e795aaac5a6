import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import {
  type DeadlineExtension,
  type DeadlineExtensionInput,
  type EntryMaterialKind,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { storedFileStream } from '../uploads/stored-files.ts';
import * as policy from './policy.ts';
import * as repo from './repository.ts';
import type { EntryRow } from './repository.ts';
import { accessOf, deadlineOf, presentMaterial, stageOf } from './present.ts';
import { entryStage, assertNotLate, nextState, resolveUnit, scanStates } from './rules.ts';
import type { EntryService } from './service.ts';
import { contentDisposition, materialFileName, safeSegment } from './file-names.ts';
import { recommendationFormDocx } from './recommendation-form.ts';

type Db = AppDeps['db'];

/** Types a browser can show in place; everything else downloads. */
const INLINE = new Set(['pdf', 'jpeg', 'png', 'mp4', 'webm']);
/** Already compressed: deflating a phone's 1 GB MOV in a zip costs CPU and saves nothing. */
const VIDEO_TYPES = new Set(['mp4', 'mov', 'mkv', 'webm', 'avi']);

/** Materials, file downloads, the 推荐表, zips and deadline extensions. */
export function entryFilesService(deps: AppDeps, entries: EntryService) {
  const { db, clock } = deps;

  /**
   * May this actor add or remove this kind of material now? The speaker's files follow the edit
   * rules (draft/returned); the stamped 推荐表 scan is the unit's, from the entry's creation on (print
   * the generated form, sign, stamp, scan) until the deadline, so it is there before 推荐.
   */
  async function assertMayChangeMaterial(tx: Db, actor: Actor, row: EntryRow, material: EntryMaterialKind) {
    if (material === 'recommendation_scan') {
      policy.assertCanAdministerUnit(actor, accessOf(row), row.unit_name);
      if (!scanStates.includes(row.state)) throw conflict('作品已撤回，不能再上传或删除推荐表');
    } else {
      policy.assertCanEdit(actor, accessOf(row));
      nextState(row.state, 'edit');
    }
    if (row.campaign_status !== 'published') throw conflict('活动未在进行中，材料不能再更改');
    assertNotLate(clock.now(), deadlineOf(row, await entries.extensionsFor(tx, row)), '更改材料');
  }

  async function materials(actor: Actor, entryId: string) {
    await entries.loadVisible(db, actor, entryId);
    return { items: (await repo.listMaterials(db, [entryId])).map(presentMaterial) };
  }

  /** Takes a file off the entry; it stays in the history (the bytes are kept for the record). */
  async function removeMaterial(actor: Actor, entryId: string, materialId: string, who: AuditWho) {
    await db.transaction().execute(async (tx) => {
      const row = await entries.loadVisible(tx, actor, entryId, true);
      const m = await repo.findMaterial(tx, entryId, materialId);
      if (!m) throw notFound('材料');
      if (!m.current) throw conflict('这份材料已被替换或删除');
      await assertMayChangeMaterial(tx, actor, row, m.material);
      // A recommended entry keeps what made it complete: a new scan replaces the old one instead.
      if (
        m.material === 'recommendation_scan' &&
        row.state === 'recommended' &&
        row.campaign_settings.materials.recommendationForm === 'required'
      )
        throw conflict('作品已推荐，本活动要求推荐表，不能删除；如需更换，请直接上传新的扫描件');
      await repo.retireMaterial(tx, materialId);
      await audit(tx, who, {
        action: 'entry.material_removed',
        entityType: 'entry',
        entityId: entryId,
        orgPath: row.unit_org_path,
        before: { material: m.material, fileId: m.file_id, name: m.original_name },
      });
    });
    return materials(actor, entryId);
  }

  /** A material's bytes: PDFs and images inline, Office files as attachments. */
  async function materialFile(actor: Actor, entryId: string, materialId: string, download: boolean) {
    const row = await entries.loadVisible(db, actor, entryId);
    const m = await repo.findMaterial(db, entryId, materialId);
    if (!m) throw notFound('材料');
    const inline = !download && INLINE.has(m.detected_type);
    return {
      stream: storedFileStream(deps, m),
      mime: m.mime,
      size: Number(m.size_bytes),
      disposition: contentDisposition(
        inline ? 'inline' : 'attachment',
        materialFileName(row.speaker_name, m.material, m.detected_type),
      ),
    };
  }

  async function recommendationForm(actor: Actor, entryId: string) {
    const row = await entries.loadVisible(db, actor, entryId);
    policy.assertCanAdministerUnit(actor, accessOf(row), row.unit_name);
    const positions = row.speaker_positions.filter((p) => p !== '党员');
    const buffer = await recommendationFormDocx({
      campaignTitle: row.campaign_title,
      stageName: stageOf(row)?.name ?? '',
      unitName: row.unit_name,
      name: row.speaker_name,
      gender: row.speaker_gender,
      phone: row.speaker_phone,
      orgAndPosition: [row.speaker_org_name, positions.join('、')].filter(Boolean).join(' '),
      outline: row.outline,
      title: row.title,
    });
    return {
      buffer,
      disposition: contentDisposition('attachment', `推荐表-${safeSegment(row.speaker_name)}.docx`),
    };
  }

  /**
   * The current materials of a stage's entries as one zip, folders per unit:
   * 市教育局/张三-讲稿.docx. Streamed: files are opened one at a time while the zip is written.
   */
  async function zip(actor: Actor, campaignId: string, q: { stageKey: string; unitId?: string }) {
    const { campaign, participating } = await entries.loadCampaign(db, campaignId);
    const paths = participating.length ? participating.map((o) => o.path) : [campaign.organiser_org_path];
    policy.assertMayListCampaign(actor, campaign.organiser_org_path, paths);
    policy.assertMayDownloadZip(actor, campaign.organiser_org_path);
    const stage = entryStage(campaign.settings.stages, q.stageKey);
    const rows = (
      await repo.listEntries(db, {
        campaignId,
        stageKey: stage.key,
        unitId: q.unitId,
        scope: policy.listScope(actor, campaign.organiser_org_path),
      })
    ).filter((r) => r.state !== 'withdrawn');
    const files = await repo.listMaterials(
      db,
      rows.map((r) => r.id),
      { currentOnly: true },
    );
    if (files.length === 0) throw conflict('所选范围内还没有可下载的材料');
    const byId = new Map(rows.map((r) => [r.id, r]));
    const zipFile = new ZipFile();
    const used = new Set<string>();
    for (const f of files) {
      const r = byId.get(f.entry_id)!;
      const base = `${safeSegment(r.unit_name)}/${materialFileName(r.speaker_name, f.material, f.detected_type)}`;
      let name = base;
      // Two speakers with the same name in one unit: 张三-讲稿(2).docx.
      for (let i = 2; used.has(name); i++) name = base.replace(/(\.[^.]+)$/, `(${i})$1`);
      used.add(name);
      zipFile.addReadStreamLazy(name, { compress: !VIDEO_TYPES.has(f.detected_type) }, (cb) => {
        try {
          cb(null, storedFileStream(deps, f));
        } catch (error) {
          cb(error, undefined as never);
        }
      });
    }
    zipFile.end();
    const unitName = q.unitId ? rows[0]?.unit_name : undefined;
    const name = `${safeSegment(campaign.title)}-${safeSegment(stage.name)}${unitName ? `-${safeSegment(unitName)}` : ''}-材料.zip`;
    return { stream: zipFile.outputStream as Readable, disposition: contentDisposition('attachment', name) };
  }

  async function extensions(actor: Actor, campaignId: string): Promise<{ items: DeadlineExtension[] }> {
    const { campaign, participating } = await entries.loadCampaign(db, campaignId);
    const paths = participating.length ? participating.map((o) => o.path) : [campaign.organiser_org_path];
    policy.assertMayListCampaign(actor, campaign.organiser_org_path, paths);
    const all = await repo.listExtensions(db, campaignId);
    const scope = policy.listScope(actor, campaign.organiser_org_path);
    const visible = scope ? all.filter((x) => scope.prefixes.some((p) => x.unit_path.startsWith(p))) : all;
    return {
      items: visible.map((x) => ({
        id: x.id,
        stageKey: x.stage_key,
        unitId: x.unit_org_id,
        unitName: x.unit_name,
        until: x.until,
        reason: x.reason,
        grantedBy: x.granted_by,
        at: x.at.toISOString(),
      })),
    };
  }

  async function extend(actor: Actor, campaignId: string, input: DeadlineExtensionInput, who: AuditWho) {
    await db.transaction().execute(async (tx) => {
      const { campaign, participating } = await entries.loadCampaign(tx, campaignId);
      policy.assertCanManageCampaign(actor, campaign.organiser_org_path);
      if (campaign.status !== 'published') throw conflict('活动未在进行中，不能延长截止时间');
      const stage = entryStage(campaign.settings.stages, input.stageKey);
      const [unit] = await repo.findOrgs(tx, [input.unitId]);
      const roots = participating.length ? participating.map((o) => o.path) : [campaign.organiser_org_path];
      if (!unit || !roots.some((p) => unit.path.startsWith(p)))
        throw invalid('该单位不在本活动的参与范围内', [
          { path: 'unitId', message: '请选择参与本活动的单位' },
        ]);
      // Deadlines belong to the unit entries are counted in (e.g. 市教育局), not to a branch below it.
      const resolved = resolveUnit(unit.path, {
        organiser: { id: campaign.organiser_org_id, path: campaign.organiser_org_path },
        participating,
        runBy: stage.runBy,
      });
      if (resolved?.id !== unit.id)
        throw invalid(`本阶段按参赛单位报送，「${unit.name}」不是参赛单位，请选择它所属的单位`, [
          { path: 'unitId', message: '请选择参赛单位本身，而不是其上级或下属组织' },
        ]);
      const base = stage.submissionDeadline ?? stage.endsOn;
      if (input.until <= base)
        throw invalid('延长后的截止日期须晚于原截止日期', [
          { path: 'until', message: `原截止日期为 ${base}，请选择更晚的日期` },
        ]);
      await repo.insertExtension(tx, {
        campaignId,
        stageKey: stage.key,
        unitId: unit.id,
        until: input.until,
        reason: input.reason,
        grantedBy: actor.userId,
        at: clock.now(),
      });
      await audit(tx, who, {
        action: 'entry.deadline_extended',
        entityType: 'campaign',
        entityId: campaignId,
        orgPath: unit.path,
        before: { deadline: base },
        after: { stage: stage.name, unit: unit.name, until: input.until, reason: input.reason },
      });
    });
    return extensions(actor, campaignId);
  }

  return {
    materials,
    removeMaterial,
    materialFile,
    recommendationForm,
    zip,
    extensions,
    extend,
    assertMayChangeMaterial,
  };
}

export type EntryFilesService = ReturnType<typeof entryFilesService>;
