import type { LiveSlotStatus, LiveState } from '@jiangtai/contracts';
import type { LiveUndo } from '../../db/types.ts';
import { only, rows, type MatrixEntry, type Scene, type Side } from '../../test/authz-scene.ts';
import { matrixCampaign, matrixEntry } from '../../test/matrix-campaign.ts';
import { buildPresetSettings } from '../campaigns/presets.ts';
import { defaultLiveSettings, defaultRoundConfig, randomEntryCode } from '../reviews/rules.ts';
import { genesisHash } from '../reviews/hash-chain.ts';
import * as reviewsRepo from '../reviews/repository.ts';
import { appendScoreRecord } from '../reviews/score-log.ts';
import * as repo from './repository.ts';

const inside = ['ok', 'deny'] as const;
/** Authorised inside; the request may still be refused for the moment it is sent (409). */
const insidePass = ['pass', 'deny'] as const;
/** The MC console: the round's managers (the campaign's organisers and platform admins on unit A). */
const mc = only({ platform_admin: inside, organiser: inside });
const mcPass = only({ platform_admin: insidePass, organiser: insidePass });
/** Those who see results: the managers and the supervisor over the round. */
const watchers = only({ platform_admin: inside, organiser: inside, supervisor: inside });
/** The judge on the round's panel (only on the inside round). */
const panelJudge = only({ judge: inside });

interface LiveOpts {
  /** The evening's state; 'running' makes one slot for the entry. */
  state?: LiveState;
  slot?: LiveSlotStatus;
  current?: boolean;
  spokenMs?: number;
  undo?: boolean;
}

/**
 * A 岳阳-style campaign organised by the side's unit with one finalist and a live final round on the
 * 决赛 stage (one judge, no dropping); the scene's judge on its panel for the inside side only; the
 * evening in the state asked for.
 */
async function liveOn(s: Scene, side: Side, o: LiveOpts = {}) {
  const { db } = s.t;
  const unit = s.side[side].unit;
  const { settings, campaignId, judgeId, now } = await matrixCampaign(s, side);
  const entryId = await matrixEntry(s, side, { campaignId, stageKey: 'final', title: '矩阵决赛作品', now });
  const final = settings.stages.find((x) => x.key === 'final')!;
  const config = {
    ...defaultRoundConfig(settings, final),
    blind: false,
    live: defaultLiveSettings(settings, final),
    judgesPerEntry: 1,
    dropHighest: 0,
    dropLowest: 0,
  };
  const roundId = await reviewsRepo.insertRound(db, {
    campaignId,
    stageKey: 'final',
    scope: unit,
    config,
    chainHead: 'x',
    createdBy: judgeId,
    now,
  });
  await reviewsRepo.updateRound(db, roundId, { chain_head: genesisHash(roundId) }, now);
  await reviewsRepo.insertRoundEntries(db, [{ roundId, entryId, code: randomEntryCode(new Set()) }]);
  if (side === 'inside') {
    await reviewsRepo.upsertPanelMember(db, { roundId, userId: judgeId, unitPath: null, now });
    await reviewsRepo.insertAssignments(db, roundId, [{ entryId, judgeId }], now);
    // A scored speaker: the panel's one judge has submitted.
    if (o.slot === 'scored')
      await appendScoreRecord(db, (await reviewsRepo.findRound(db, roundId))!, {
        entryId,
        judgeId,
        action: 'submit',
        scores: Object.fromEntries(config.criteria.map((c) => [c.key, String(c.max)])),
        comment: null,
        reason: null,
        actorId: judgeId,
        now,
      });
  }
  await repo.ensureLiveRound(db, roundId, null, now);
  if (o.state && o.state !== 'setup') {
    await repo.insertSlots(db, roundId, [entryId]);
    await repo.updateSlot(db, roundId, entryId, {
      status: o.slot ?? 'waiting',
      spoken_ms: o.spokenMs ?? null,
    });
    const undo: LiveUndo | null = o.undo ? { kind: 'call', entryId, previousEntryId: null } : null;
    await repo.updateLiveRound(
      db,
      roundId,
      { state: o.state, current_entry_id: o.current ? entryId : null, undo },
      now,
    );
  }
  return { roundId, entryId };
}

type Made = Awaited<ReturnType<typeof liveOn>>;
const at = (x: Made, rest = '') => `/api/live/rounds/${x.roundId}${rest}`;
const get =
  (o: LiveOpts, rest = '') =>
  async (s: Scene, side: Side) => ({
    method: 'GET' as const,
    url: at(await liveOn(s, side, o), rest),
  });
const post = (o: LiveOpts, rest: string, payload?: (x: Made) => object) => async (s: Scene, side: Side) => {
  const x = await liveOn(s, side, o);
  return { method: 'POST' as const, url: at(x, rest), payload: payload?.(x) ?? {} };
};

const speaking: LiveOpts = { state: 'running', slot: 'speaking', current: true };

export const liveMatrix: MatrixEntry[] = [
  { route: 'GET /api/live/rounds/:id', request: get({}), expect: mc },
  // The order comes from the draw; without one the start is refused (409) — still authorised.
  { route: 'POST /api/live/rounds/:id/start', request: post({}, '/start'), expect: mcPass },
  { route: 'POST /api/live/rounds/:id/next', request: post({ state: 'running' }, '/next'), expect: mc },
  {
    route: 'POST /api/live/rounds/:id/timer',
    request: post(speaking, '/timer', () => ({ action: 'start' })),
    expect: mc,
  },
  {
    route: 'POST /api/live/rounds/:id/open-scoring',
    request: post({ ...speaking, spokenMs: 300_000 }, '/open-scoring'),
    expect: mc,
  },
  {
    route: 'POST /api/live/rounds/:id/skip',
    request: post({ state: 'running' }, '/skip', (x) => ({ entryId: x.entryId, reason: '矩阵测试缺席' })),
    expect: mc,
  },
  {
    route: 'POST /api/live/rounds/:id/undo',
    request: post({ ...speaking, undo: true }, '/undo', () => ({ reason: '矩阵测试撤销' })),
    expect: mc,
  },
  {
    route: 'POST /api/live/rounds/:id/announce',
    request: post({ state: 'running', slot: 'confirmed' }, '/announce', (x) => ({ entryId: x.entryId })),
    expect: mc,
  },
  { route: 'POST /api/live/rounds/:id/rehearsal', request: post({}, '/rehearsal'), expect: mc },
  // Without a rehearsal to reset the answer is 409 — still authorised.
  {
    route: 'POST /api/live/rounds/:id/rehearsal/reset',
    request: post({}, '/rehearsal/reset'),
    expect: mcPass,
  },
  {
    route: 'GET /api/live/mine',
    request: () => ({ method: 'GET', url: '/api/live/mine' }),
    expect: rows.everyone,
  },
  {
    route: 'GET /api/live/rounds/:id/judge',
    request: get({ state: 'running' }, '/judge'),
    expect: panelJudge,
  },
  {
    route: 'POST /api/live/rounds/:id/score',
    request: async (s, side, n) => {
      const x = await liveOn(s, side, {
        state: 'running',
        slot: 'scoring',
        current: true,
        spokenMs: 300_000,
      });
      const settings = buildPresetSettings('yueyang', { year: 2026 });
      const criteria = defaultRoundConfig(
        settings,
        settings.stages.find((st) => st.key === 'final')!,
      ).criteria;
      return {
        method: 'POST',
        url: at(x, '/score'),
        payload: {
          key: `matrix-key-${String(n).padStart(8, '0')}-${side}`,
          entryId: x.entryId,
          scores: Object.fromEntries(criteria.map((c) => [c.key, c.max])),
        },
      };
    },
    expect: panelJudge,
  },
  { route: 'GET /api/live/rounds/:id/supervision', request: get({}, '/supervision'), expect: watchers },
  {
    route: 'POST /api/live/rounds/:id/confirm',
    request: post({ state: 'running', slot: 'scored' }, '/confirm', (x) => ({ entryId: x.entryId })),
    expect: only({ supervisor: inside }),
  },
  {
    // Signing needs every score in; here the speaker is not confirmed (409) — still authorised.
    route: 'POST /api/live/rounds/:id/signoff',
    request: post({ state: 'running', slot: 'scored' }, '/signoff', () => ({ comment: '同意' })),
    expect: only({ supervisor: insidePass }),
  },
];
