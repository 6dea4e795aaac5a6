import type {
  CampaignStage,
  EntryDetail,
  EntryEvent,
  EntryListItem,
  EntryMaterial,
  EntryState,
} from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import * as policy from './policy.ts';
import type { EntryRow, MaterialRow } from './repository.ts';
import { canTransition, completeness, effectiveDeadline, isLate, type Deadline } from './rules.ts';

/** How rows become API objects; no database access here. */

export const accessOf = (row: EntryRow): policy.EntryAccess => ({
  memberId: row.member_id,
  unitPath: row.unit_org_path,
  organiserOrgPath: row.organiser_org_path,
});

export function stageOf(row: EntryRow): CampaignStage | undefined {
  return row.campaign_settings.stages.find((s) => s.key === row.stage_key);
}

/** Deadline of the entry's stage for its unit (extensions: until dates for this campaign/stage/unit). */
export function deadlineOf(row: EntryRow, extensionsUntil: string[]): Deadline {
  const stage = stageOf(row);
  if (!stage)
    return effectiveDeadline({ endsOn: row.campaign_settings.endsOn, submissionDeadline: null }, []);
  return effectiveDeadline(stage, extensionsUntil);
}

export function presentMaterial(m: MaterialRow): EntryMaterial {
  return {
    id: m.id,
    material: m.material,
    fileId: m.file_id,
    fileName: m.original_name,
    detectedType: m.detected_type,
    mime: m.mime,
    sizeBytes: Number(m.size_bytes),
    findings: m.findings,
    current: m.current,
    uploadedBy: m.uploaded_by,
    createdAt: m.created_at.toISOString(),
  };
}

export function presentListItem(row: EntryRow, current: MaterialRow[], deadline: Deadline): EntryListItem {
  const settings = row.campaign_settings;
  return {
    id: row.id,
    campaignId: row.campaign_id,
    campaignTitle: row.campaign_title,
    stageKey: row.stage_key,
    stageName: stageOf(row)?.name ?? row.stage_key,
    memberId: row.member_id,
    speakerName: row.speaker_name,
    unitId: row.unit_org_id,
    unitName: row.unit_name,
    title: row.title,
    categoryKey: row.category_key,
    categoryName: settings.categories.find((c) => c.key === row.category_key)?.name ?? row.category_key,
    state: row.state,
    returnReason: row.return_reason,
    completeness: completeness(settings.materials, current),
    deadline: deadline.at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentDetail(
  actor: Actor,
  row: EntryRow,
  materials: MaterialRow[],
  deadline: Deadline,
  now: Date,
): EntryDetail {
  const current = materials.filter((m) => m.current);
  const access = accessOf(row);
  const late = isLate(now, deadline);
  const open = row.campaign_status === 'published';
  const edit = open && !late && policy.canEdit(actor, access);
  const unit = open && !late && policy.canAdministerUnit(actor, access.unitPath);
  const can = (state: EntryState) => ({
    edit: edit && canTransition(state, 'edit'),
    submit: edit && canTransition(state, 'submit'),
    withdraw: open && policy.canEdit(actor, access) && canTransition(state, 'withdraw'),
    recommend: unit && canTransition(state, 'recommend'),
    return: unit && canTransition(state, 'return'),
    uploadMaterials: edit && canTransition(state, 'edit'),
    recommendationForm: policy.canAdministerUnit(actor, access.unitPath) && state !== 'withdrawn',
  });
  return {
    ...presentListItem(row, current, deadline),
    outline: row.outline,
    speaker: {
      name: row.speaker_name,
      gender: row.speaker_gender,
      // Only the speaker, their unit admins and the campaign's organisers reach a detail page.
      phone: row.speaker_phone,
      orgName: row.speaker_org_name,
      positions: row.speaker_positions,
    },
    stageDeadlinePassed: late,
    materials: materials.map(presentMaterial),
    categories: row.campaign_settings.categories,
    materialRequirements: row.campaign_settings.materials,
    can: can(row.state),
    createdAt: row.created_at.toISOString(),
  };
}

export function presentEvent(e: {
  id: string;
  from_state: string | null;
  to_state: string;
  actor_name: string | null;
  reason: string | null;
  at: Date;
}): EntryEvent {
  return {
    id: e.id,
    fromState: e.from_state as EntryState | null,
    toState: e.to_state as EntryState,
    actorName: e.actor_name,
    reason: e.reason,
    at: e.at.toISOString(),
  };
}
