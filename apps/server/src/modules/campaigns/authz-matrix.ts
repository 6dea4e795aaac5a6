import type { CampaignStatus } from '@jiangtai/contracts';
import { only, rows, type MatrixEntry, type Scene, type Side } from '../../test/authz-scene.ts';
import { buildPresetSettings } from './presets.ts';
import { insertCampaign } from './repository.ts';

const inside = ['ok', 'deny'] as const;
const managers = only({ platform_admin: inside, organiser: inside });

/** A campaign organised by the side's unit (inside = the unit every role is granted on). */
async function campaignOn(s: Scene, side: Side, status: CampaignStatus = 'draft') {
  const unit = s.side[side].unit;
  return insertCampaign(s.t.db, {
    settings: buildPresetSettings('yueyang', { year: 2026 }),
    organiserOrgId: unit.id,
    organiserOrgPath: unit.path,
    status,
    presetKey: 'yueyang',
    copiedFromId: null,
    createdBy: null,
    now: new Date(),
  });
}

export const campaignsMatrix: MatrixEntry[] = [
  {
    route: 'GET /api/campaign-presets',
    request: () => ({ method: 'GET', url: '/api/campaign-presets' }),
    expect: only({ platform_admin: ['ok', 'ok'], organiser: ['ok', 'ok'] }),
  },
  {
    // Filtered to what each may see: never refused.
    route: 'GET /api/campaigns',
    request: () => ({ method: 'GET', url: '/api/campaigns' }),
    expect: rows.everyone,
  },
  {
    route: 'POST /api/campaigns',
    request: (s, side) => ({
      method: 'POST',
      url: '/api/campaigns',
      payload: { organiserOrgId: s.side[side].unit.id, presetKey: 'yueyang' },
    }),
    expect: managers,
  },
  {
    // A draft: organisers, platform admins and supervisors over the organiser org only.
    route: 'GET /api/campaigns/:id',
    request: async (s, side) => ({ method: 'GET', url: `/api/campaigns/${await campaignOn(s, side)}` }),
    expect: only({ platform_admin: inside, organiser: inside, supervisor: inside }),
  },
  {
    route: 'PUT /api/campaigns/:id',
    request: async (s, side) => ({
      method: 'PUT',
      url: `/api/campaigns/${await campaignOn(s, side)}`,
      payload: { settings: { ...buildPresetSettings('yueyang', { year: 2026 }), theme: '改过的主题' } },
    }),
    expect: managers,
  },
  {
    route: 'POST /api/campaigns/:id/publish',
    request: async (s, side) => ({
      method: 'POST',
      url: `/api/campaigns/${await campaignOn(s, side)}/publish`,
    }),
    expect: managers,
  },
  {
    route: 'POST /api/campaigns/:id/close',
    request: async (s, side) => ({
      method: 'POST',
      url: `/api/campaigns/${await campaignOn(s, side, 'published')}/close`,
    }),
    expect: managers,
  },
  {
    route: 'POST /api/campaigns/:id/copy',
    request: async (s, side) => ({
      method: 'POST',
      url: `/api/campaigns/${await campaignOn(s, side)}/copy`,
      payload: { shiftYears: 1 },
    }),
    expect: managers,
  },
  {
    route: 'POST /api/campaigns/:id/shift-dates',
    request: async (s, side) => ({
      method: 'POST',
      url: `/api/campaigns/${await campaignOn(s, side)}/shift-dates`,
      payload: { days: 7 },
    }),
    expect: managers,
  },
];
