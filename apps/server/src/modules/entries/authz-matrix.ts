import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { EntryState } from '@jiangtai/contracts';
import { only, rows, type MatrixEntry, type Scene, type Side } from '../../test/authz-scene.ts';
import { buildPresetSettings } from '../campaigns/presets.ts';
import { insertCampaign } from '../campaigns/repository.ts';
import { insertEntry, insertMaterial } from './repository.ts';

const inside = ['ok', 'deny'] as const;
/** Viewers of an entry in the scene: its unit's admins and the campaign's organisers (both on unit A). */
const viewers = only({ platform_admin: inside, organiser: inside, unit_admin: inside });
/** Those who change it: the unit's admins (the scene's member account is nobody's speaker). */
const unitAdmins = only({ platform_admin: inside, unit_admin: inside });
const managers = only({ platform_admin: inside, organiser: inside });

/**
 * A published campaign organised by the side's unit (its subtree taking part; every material
 * optional so a bare entry may be submitted), and optionally one entry of a branch secretary there
 * (the entry's unit is the branch) in the given state, with one PDF material.
 */
async function campaignOn(s: Scene, side: Side) {
  const unit = s.side[side].unit;
  const settings = buildPresetSettings('yueyang', { year: 2026 });
  return insertCampaign(s.t.db, {
    settings: {
      ...settings,
      materials: {
        video: 'optional',
        manuscript: 'optional',
        courseware: 'optional',
        recommendationForm: 'optional',
      },
    },
    organiserOrgId: unit.id,
    organiserOrgPath: unit.path,
    status: 'published',
    presetKey: 'yueyang',
    copiedFromId: null,
    createdBy: null,
    now: new Date(),
  });
}

async function entryOn(s: Scene, side: Side, state: EntryState = 'draft') {
  const campaignId = await campaignOn(s, side);
  const branch = s.side[side].branch;
  const member = await s.t.factories.member(branch, { positions: ['书记'] });
  const user = await s.t.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
  const id = await insertEntry(s.t.db, {
    campaignId,
    stageKey: 'preliminary',
    memberId: member.id,
    unit: { id: branch.id, path: branch.path },
    title: '矩阵作品',
    categoryKey: 'theory',
    outline: '',
    createdBy: user.id,
    now: new Date(),
  });
  if (state !== 'draft') await s.t.db.updateTable('entries').set({ state }).where('id', '=', id).execute();
  // The bytes go where a finished upload puts them (DATA_DIR/files), so downloads can stream them.
  const key = `matrix/${randomBytes(8).toString('hex')}.pdf`;
  const file = path.join(s.t.deps.config.dataDir, 'files', key);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '%PDF-1.4\n%%EOF\n');
  const stored = await s.t.db
    .insertInto('stored_files')
    .values({
      detected_type: 'pdf',
      mime: 'application/pdf',
      size_bytes: 15,
      sha256: '0'.repeat(64),
      original_name: '讲稿.pdf',
      storage: 'local',
      storage_key: key,
      uploaded_by: user.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const materialId = await insertMaterial(s.t.db, {
    entryId: id,
    material: 'manuscript',
    fileId: stored.id,
    findings: [],
    createdBy: user.id,
    now: new Date(),
  });
  return { id, campaignId, materialId, unitId: branch.id, memberId: member.id };
}

export const entriesMatrix: MatrixEntry[] = [
  {
    route: 'GET /api/campaigns/:id/entries',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/campaigns/${(await entryOn(s, side)).campaignId}/entries`,
    }),
    expect: viewers,
  },
  {
    // Unit A's campaign narrowed to the side's branch (the dashboard's 报送作品): unit B's is outside
    // both the campaign and the admins' subtree.
    route: 'GET /api/campaigns/:id/entries',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/campaigns/${(await entryOn(s, 'inside')).campaignId}/entries?orgId=${s.side[side].branch.id}`,
    }),
    expect: viewers,
  },
  {
    route: 'POST /api/campaigns/:id/entries',
    request: async (s, side, n) => {
      const member = await s.t.factories.member(s.side[side].branch, { positions: ['书记'] });
      return {
        method: 'POST',
        url: `/api/campaigns/${await campaignOn(s, side)}/entries`,
        payload: { stageKey: 'preliminary', memberId: member.id, title: `作品${n}`, categoryKey: 'theory' },
      };
    },
    expect: unitAdmins,
  },
  {
    // The speaker picker of 代为报送: unit admins within the campaign.
    route: 'GET /api/campaigns/:id/entry-candidates',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/campaigns/${await campaignOn(s, side)}/entry-candidates?stageKey=preliminary`,
    }),
    expect: unitAdmins,
  },
  {
    // Only the caller's own entries: never refused.
    route: 'GET /api/entries/mine',
    request: () => ({ method: 'GET', url: '/api/entries/mine' }),
    expect: rows.everyone,
  },
  {
    route: 'GET /api/entries/:id',
    request: async (s, side) => ({ method: 'GET', url: `/api/entries/${(await entryOn(s, side)).id}` }),
    expect: viewers,
  },
  {
    route: 'PATCH /api/entries/:id',
    request: async (s, side, n) => ({
      method: 'PATCH',
      url: `/api/entries/${(await entryOn(s, side)).id}`,
      payload: { title: `改名${n}` },
    }),
    expect: unitAdmins,
  },
  {
    route: 'POST /api/entries/:id/submit',
    request: async (s, side) => ({
      method: 'POST',
      url: `/api/entries/${(await entryOn(s, side)).id}/submit`,
    }),
    expect: unitAdmins,
  },
  {
    route: 'POST /api/entries/:id/withdraw',
    request: async (s, side) => ({
      method: 'POST',
      url: `/api/entries/${(await entryOn(s, side)).id}/withdraw`,
    }),
    expect: unitAdmins,
  },
  {
    route: 'POST /api/entries/:id/recommend',
    request: async (s, side) => ({
      method: 'POST',
      url: `/api/entries/${(await entryOn(s, side, 'submitted')).id}/recommend`,
    }),
    expect: unitAdmins,
  },
  {
    route: 'POST /api/entries/:id/return',
    request: async (s, side) => ({
      method: 'POST',
      url: `/api/entries/${(await entryOn(s, side, 'submitted')).id}/return`,
      payload: { reason: '请补充讲稿' },
    }),
    expect: unitAdmins,
  },
  {
    route: 'GET /api/entries/:id/events',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/entries/${(await entryOn(s, side)).id}/events`,
    }),
    expect: viewers,
  },
  {
    route: 'GET /api/entries/:id/materials',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/entries/${(await entryOn(s, side)).id}/materials`,
    }),
    expect: viewers,
  },
  {
    route: 'DELETE /api/entries/:id/materials/:materialId',
    request: async (s, side) => {
      const e = await entryOn(s, side);
      return { method: 'DELETE', url: `/api/entries/${e.id}/materials/${e.materialId}` };
    },
    expect: unitAdmins,
  },
  {
    route: 'GET /api/entries/:id/materials/:materialId/file',
    request: async (s, side) => {
      const e = await entryOn(s, side);
      return { method: 'GET', url: `/api/entries/${e.id}/materials/${e.materialId}/file` };
    },
    expect: viewers,
  },
  {
    route: 'GET /api/entries/:id/recommendation-form',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/entries/${(await entryOn(s, side, 'submitted')).id}/recommendation-form`,
    }),
    expect: unitAdmins,
  },
  {
    route: 'GET /api/campaigns/:id/entries/zip',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/campaigns/${(await entryOn(s, side)).campaignId}/entries/zip?stageKey=preliminary`,
    }),
    expect: viewers,
  },
  {
    route: 'GET /api/campaigns/:id/deadline-extensions',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/campaigns/${await campaignOn(s, side)}/deadline-extensions`,
    }),
    expect: viewers,
  },
  {
    route: 'POST /api/campaigns/:id/deadline-extensions',
    request: async (s, side) => ({
      method: 'POST',
      url: `/api/campaigns/${await campaignOn(s, side)}/deadline-extensions`,
      payload: {
        stageKey: 'preliminary',
        unitId: s.side[side].branch.id,
        until: '2026-09-10',
        reason: '补交材料',
      },
    }),
    expect: managers,
  },
];
