import type { LectureProposalDefaults } from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import { holdsRoleOver, scopePrefixes } from '../../lib/actor.ts';
import { forbidden, notVisible } from '../../lib/errors.ts';
import { canView } from '../entries/policy.ts';
import { accessOf } from '../entries/present.ts';
import { findEntry, listMaterials } from '../entries/repository.ts';
import { MANAGER_ROLES } from './policy.ts';
import * as repo from './repository.ts';
import type { Db } from './repository.ts';

/**
 * What a lecture is made from: an entry the proposer may view, its current video (with its media asset)
 * and documents. Proposing takes a manager's role (organiser, unit or platform admin) as well: the
 * speaker sees their own entry but does not propose themselves.
 */
export async function proposalSource(db: Db, actor: Actor, entryId: string) {
  const entry = await findEntry(db, entryId);
  if (!entry || !canView(actor, accessOf(entry))) throw notVisible('作品', '查看');
  if (scopePrefixes(actor, MANAGER_ROLES).length === 0)
    throw forbidden('只有组织者和单位管理员可以推荐到微课堂');
  const materials = await listMaterials(db, [entryId], { currentOnly: true });
  const current = (kind: string) => materials.find((m) => m.material === kind);
  const videoMaterial = current('video');
  const asset = videoMaterial ? await repo.mediaAsset(db, videoMaterial.file_id) : undefined;
  const video = videoMaterial
    ? {
        fileId: videoMaterial.file_id,
        status: asset?.status ?? 'pending',
        durationSeconds: Math.max(1, Math.round(Number(asset?.duration_seconds ?? 0))),
      }
    : null;
  const category =
    entry.campaign_settings.categories.find((c) => c.key === entry.category_key)?.name ?? entry.category_key;
  return {
    entry,
    category,
    video,
    manuscript: current('manuscript'),
    courseware: current('courseware'),
    speakerAccounts: await repo.memberAccountIds(db, entry.member_id),
  };
}

/** The orgs a proposer may publish under: those they hold a manager's role on, and the entry's unit if inside them. */
async function publishingOrgs(db: Db, actor: Actor, unitOrgId: string, unitPath: string) {
  const ids = actor.grants.filter((g) => MANAGER_ROLES.includes(g.role)).map((g) => g.orgId);
  if (holdsRoleOver(actor, MANAGER_ROLES, unitPath)) ids.push(unitOrgId);
  return (await repo.orgsByIds(db, [...new Set(ids)])).map((o) => ({ id: o.id, name: o.name }));
}

/** The form's starting values (推荐到微课堂). */
export async function proposalDefaults(
  db: Db,
  actor: Actor,
  entryId: string,
): Promise<LectureProposalDefaults> {
  const src = await proposalSource(db, actor, entryId);
  const existing = await repo.liveLectureOfEntry(db, entryId);
  const videoProblem = !src.video
    ? '这个作品没有宣讲视频'
    : src.video.status !== 'ready'
      ? '作品视频还在处理，处理完成后才能推荐'
      : null;
  return {
    entryId,
    title: src.entry.title,
    speakerName: src.entry.speaker_name,
    speakerUnit: src.entry.unit_name,
    category: src.category,
    hasAccount: src.speakerAccounts.length > 0,
    videoReady: !videoProblem,
    videoProblem,
    durationSeconds: src.video && !videoProblem ? src.video.durationSeconds : null,
    manuscriptName: src.manuscript?.original_name ?? null,
    coursewareName: src.courseware?.original_name ?? null,
    orgs: await publishingOrgs(db, actor, src.entry.unit_org_id, src.entry.unit_org_path),
    existing: existing ? { id: existing.id, state: existing.state } : null,
  };
}
