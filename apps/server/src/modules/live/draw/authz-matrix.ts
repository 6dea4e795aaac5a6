import { drawCommitment } from '@jiangtai/contracts';
import { only, type MatrixEntry, type Scene, type Side } from '../../../test/authz-scene.ts';
import { insertCommitment, insertContribution } from './repository.ts';
import { finalistsList } from './rules.ts';
import * as reviews from '../../reviews/repository.ts';
import { roundWithEntries, speakersIn } from './test-draw-scene.ts';

const inside = ['ok', 'deny'] as const;
/** The campaign's organisers (and platform admins) on unit A: the round's managers. */
const managers = only({ platform_admin: inside, organiser: inside });
/** Managers and the supervisor over the round's scope. */
const watchers = only({ platform_admin: inside, organiser: inside, supervisor: inside });

const SEED = 'ab'.repeat(32);

/** A final organised by the side's unit with three finalists; optionally committed (with SEED) and contributed to. */
async function finalOn(s: Scene, side: Side, o: { committed?: boolean; contributed?: boolean } = {}) {
  const { unit, branch } = s.side[side];
  const by = s.userIn[side].id;
  const made = await roundWithEntries(s.t.db, {
    scope: unit,
    entryIds: (campaignId) => speakersIn(s.t, campaignId, unit, branch, 3),
    createdBy: by,
  });
  if (o.committed || o.contributed) {
    const finalists = finalistsList(await reviews.listRoundEntries(s.t.db, made.roundId));
    const at = new Date();
    await insertCommitment(s.t.db, {
      roundId: made.roundId,
      finalists,
      commitment: drawCommitment(SEED),
      by,
      at,
    });
    if (o.contributed)
      await insertContribution(s.t.db, {
        roundId: made.roundId,
        label: '监督员',
        value: '4242',
        by,
        as: 'supervisor',
        at,
      });
  }
  return made;
}

const url = (roundId: string, rest = '') => `/api/live/rounds/${roundId}/draw${rest}`;

export const drawMatrix: MatrixEntry[] = [
  {
    route: 'GET /api/live/rounds/:roundId/draw',
    request: async (s, side) => ({ method: 'GET', url: url((await finalOn(s, side)).roundId) }),
    expect: watchers,
  },
  {
    route: 'POST /api/live/rounds/:roundId/draw/commit',
    request: async (s, side) => ({
      method: 'POST',
      url: url((await finalOn(s, side)).roundId, '/commit'),
      payload: { commitment: drawCommitment(SEED) },
    }),
    expect: managers,
  },
  {
    // The supervisor adds their own value on their own account.
    route: 'POST /api/live/rounds/:roundId/draw/contributions',
    request: async (s, side) => ({
      method: 'POST',
      url: url((await finalOn(s, side, { committed: true })).roundId, '/contributions'),
      payload: { label: '监督员 矩阵', value: '314159' },
    }),
    expect: watchers,
  },
  {
    route: 'POST /api/live/rounds/:roundId/draw/reveal',
    request: async (s, side) => ({
      method: 'POST',
      url: url((await finalOn(s, side, { contributed: true })).roundId, '/reveal'),
      payload: { seed: SEED },
    }),
    expect: managers,
  },
  {
    route: 'POST /api/live/rounds/:roundId/draw/manual',
    request: async (s, side) => {
      const x = await finalOn(s, side);
      return {
        method: 'POST',
        url: url(x.roundId, '/manual'),
        payload: { order: x.entryIds, note: '现场抽签' },
      };
    },
    expect: managers,
  },
  {
    route: 'POST /api/live/rounds/:roundId/draw/withdraw',
    request: async (s, side) => {
      const x = await finalOn(s, side);
      return {
        method: 'POST',
        url: url(x.roundId, '/withdraw'),
        payload: { entryId: x.entryIds[0], reason: '因病不能参加决赛' },
      };
    },
    expect: managers,
  },
];
