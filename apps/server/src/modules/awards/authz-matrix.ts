import { only, rows, type MatrixEntry, type Scene, type Side } from '../../test/authz-scene.ts';
import { matrixCampaign, matrixEntry } from '../../test/matrix-campaign.ts';
import { genesisHash } from '../reviews/hash-chain.ts';
import * as reviews from '../reviews/repository.ts';
import { defaultRoundConfig, randomEntryCode } from '../reviews/rules.ts';
import { appendScoreRecord } from '../reviews/score-log.ts';
import * as repo from './repository.ts';
import { multipart } from '../org/test-support.ts';
import { sealPng } from './test-seal.ts';

const inside = ['ok', 'deny'] as const;
/** The campaign's organisers (and platform admins) on unit A: the final round's managers. */
const managers = only({ platform_admin: inside, organiser: inside });
/** Managers and the supervisor over the round's scope: the list, the seal and the certificates. */
const watchers = only({ platform_admin: inside, organiser: inside, supervisor: inside });

interface Opts {
  /** The list's state; none: the round has no list yet. */
  list?: 'draft' | 'publicised';
  /** Three entries, the last two tied across the 一等奖/二等奖 boundary (2 places). */
  tie?: boolean;
  seal?: boolean;
  /** The published list's notice period still runs (else it ended before the scene's clock). */
  noticeOpen?: boolean;
  /** An objection lodged on the published list. */
  objection?: boolean;
}

/**
 * A 岳阳-style campaign organised by the side's unit with a closed 决赛 round scored by the scene's
 * judge (on its panel, so the judge is refused like on the results page); optionally its 表彰名单
 * (the 组织奖 given 1 place), published with two items, and a seal image.
 */
async function finalOn(s: Scene, side: Side, o: Opts = {}) {
  const { db } = s.t;
  const unit = s.side[side].unit;
  const { settings, campaignId, judgeId, now } = await matrixCampaign(s, side);
  const config = {
    ...defaultRoundConfig(
      settings,
      settings.stages.find((x) => x.key === 'final')!,
    ),
    judgesPerEntry: 1,
    dropHighest: 0,
    dropLowest: 0,
  };
  const roundId = await reviews.insertRound(db, {
    campaignId,
    stageKey: 'final',
    scope: unit,
    config,
    chainHead: 'x',
    createdBy: judgeId,
    now,
  });
  await reviews.updateRound(db, roundId, { chain_head: genesisHash(roundId) }, now);
  await reviews.upsertPanelMember(db, { roundId, userId: judgeId, unitPath: null, now });
  const fractions = o.tie ? [1, 0.8, 0.8] : [1];
  const entryIds: string[] = [];
  const codes = new Set<string>();
  for (const [i, f] of fractions.entries()) {
    const entryId = await matrixEntry(s, side, {
      campaignId,
      stageKey: 'semifinal',
      title: `矩阵作品${i + 1}`,
      now,
    });
    const code = randomEntryCode(codes);
    codes.add(code);
    await reviews.insertRoundEntries(db, [{ roundId, entryId, code }]);
    await reviews.insertAssignments(db, roundId, [{ entryId, judgeId }], now);
    const r = (await reviews.findRound(db, roundId))!;
    await appendScoreRecord(db, r, {
      entryId,
      judgeId,
      action: 'submit',
      scores: Object.fromEntries(config.criteria.map((c) => [c.key, String(Math.round(c.max * f * 2) / 2)])),
      comment: null,
      reason: null,
      actorId: judgeId,
      now,
    });
    entryIds.push(entryId);
  }
  await reviews.updateRound(db, roundId, { state: 'closed', closed_at: now }, now);
  let itemId = '0';
  let noticeCode = 'NONE';
  let objectionId = '0';
  if (o.list) {
    const listId = await repo.insertList(db, {
      roundId,
      campaignId,
      orgRule: { tierPoints: { 一等奖: 10 }, participationPoints: 1, places: { 组织奖: 1 } },
      issuer: '矩阵颁发单位',
      noticeWorkingDays: 5,
      createdBy: judgeId,
      now,
    });
    if (o.seal) await repo.setSeal(db, listId, { image: sealPng(60), mime: 'image/png' }, now);
    if (o.list === 'publicised') {
      const n = Math.random().toString(36).slice(2, 8).toUpperCase();
      await repo.insertItems(
        db,
        listId,
        [
          {
            kind: 'person',
            entryId: entryIds[0]!,
            orgId: s.side[side].branch.id,
            tier: '一等奖',
            position: 1,
            rank: 1,
            points: null,
            adjustedReason: null,
            certificateNo: `2026-${campaignId}-0001`,
            verifyCode: `P${n}${campaignId}`,
          },
          {
            kind: 'unit',
            entryId: null,
            orgId: s.side[side].branch.id,
            tier: '组织奖',
            position: 1,
            rank: 1,
            points: '11',
            adjustedReason: null,
            certificateNo: `2026-${campaignId}-0002`,
            verifyCode: `U${n}${campaignId}`,
          },
        ],
        now,
      );
      await repo.updateList(
        db,
        listId,
        {
          state: 'publicised',
          publishedAt: now,
          noticeEndsOn: o.noticeOpen ? '2026-12-31' : '2026-06-01',
          noticeCode: `N${n}${campaignId}`,
        },
        now,
      );
      noticeCode = `N${n}${campaignId}`;
      if (o.objection)
        objectionId = await repo.insertObjection(db, {
          listId,
          content: '矩阵异议内容',
          contactName: '某人',
          contactPhone: '13700000000',
          lodgedBy: judgeId,
          now,
        });
      itemId = (await repo.listItems(db, listId))[0]!.id;
    }
  }
  return { campaignId, roundId, entryIds, unitId: s.side[side].branch.id, itemId, noticeCode, objectionId };
}

type Made = Awaited<ReturnType<typeof finalOn>>;
const on =
  (
    opts: Opts,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: (x: Made) => string,
    payload?: (x: Made) => object,
  ) =>
  async (s: Scene, side: Side) => {
    const x = await finalOn(s, side, opts);
    return { method, url: url(x), payload: payload?.(x) };
  };
const base = (x: Made) => `/api/rounds/${x.roundId}/awards`;

export const awardsMatrix: MatrixEntry[] = [
  { route: 'GET /api/rounds/:id/awards', request: on({ list: 'draft' }, 'GET', base), expect: watchers },
  { route: 'POST /api/rounds/:id/awards', request: on({}, 'POST', base, () => ({})), expect: managers },
  {
    route: 'PATCH /api/rounds/:id/awards',
    request: on({ list: 'draft' }, 'PATCH', base, () => ({ issuer: '中共矩阵市委宣传部' })),
    expect: managers,
  },
  {
    route: 'POST /api/rounds/:id/awards/ties',
    request: on(
      { list: 'draft', tie: true },
      'POST',
      (x) => `${base(x)}/ties`,
      (x) => ({ kind: 'person', order: [x.entryIds[2], x.entryIds[1]], reason: '矩阵测试的理由' }),
    ),
    expect: managers,
  },
  {
    route: 'POST /api/rounds/:id/awards/unit-adjustments',
    request: on(
      { list: 'draft' },
      'POST',
      (x) => `${base(x)}/unit-adjustments`,
      (x) => ({ orgId: x.unitId, tier: null, reason: '矩阵测试的理由' }),
    ),
    expect: managers,
  },
  {
    route: 'POST /api/rounds/:id/awards/publish',
    request: on({ list: 'draft' }, 'POST', (x) => `${base(x)}/publish`),
    expect: managers,
  },
  {
    route: 'POST /api/rounds/:id/awards/withdraw',
    request: on(
      { list: 'publicised' },
      'POST',
      (x) => `${base(x)}/withdraw`,
      () => ({ reason: '矩阵测试的理由' }),
    ),
    expect: managers,
  },
  {
    route: 'GET /api/rounds/:id/awards/objections',
    request: on({ list: 'publicised', objection: true }, 'GET', (x) => `${base(x)}/objections`),
    expect: watchers,
  },
  {
    route: 'POST /api/rounds/:id/awards/objections/:objectionId/answer',
    request: on(
      { list: 'publicised', noticeOpen: true, objection: true },
      'POST',
      (x) => `${base(x)}/objections/${x.objectionId}/answer`,
      () => ({ outcome: 'dismissed', reason: '矩阵测试的理由' }),
    ),
    expect: managers,
  },
  {
    // The 公示 is public: anyone signed in may object during the period, wherever they are, except
    // the list's own organisers (reviews/objector-rule.ts).
    route: 'POST /api/awards/notice/:code/objections',
    request: on(
      { list: 'publicised', noticeOpen: true },
      'POST',
      (x) => `/api/awards/notice/${x.noticeCode}/objections`,
      () => ({ content: '矩阵测试的异议内容', contactName: '某人', contactPhone: '13700000000' }),
    ),
    expect: { ...rows.everyone, platform_admin: ['deny', 'ok'], organiser: ['deny', 'ok'] },
  },
  {
    route: 'GET /api/awards/notice/:code/objections/mine',
    request: on(
      { list: 'publicised', noticeOpen: true },
      'GET',
      (x) => `/api/awards/notice/${x.noticeCode}/objections/mine`,
    ),
    expect: rows.everyone,
  },
  {
    route: 'POST /api/rounds/:id/awards/finalise',
    request: on({ list: 'publicised' }, 'POST', (x) => `${base(x)}/finalise`),
    expect: managers,
  },
  {
    route: 'POST /api/rounds/:id/awards/seal',
    request: async (s, side) => {
      const x = await finalOn(s, side, { list: 'draft' });
      const body = multipart(sealPng(60), 'seal.png');
      return { method: 'POST', url: `${base(x)}/seal`, payload: body.payload, headers: body.headers };
    },
    expect: managers,
  },
  {
    route: 'DELETE /api/rounds/:id/awards/seal',
    request: on({ list: 'draft', seal: true }, 'DELETE', (x) => `${base(x)}/seal`),
    expect: managers,
  },
  {
    route: 'GET /api/rounds/:id/awards/seal',
    request: on({ list: 'draft', seal: true }, 'GET', (x) => `${base(x)}/seal`),
    expect: watchers,
  },
  {
    route: 'GET /api/rounds/:id/awards/certificates/:itemId',
    request: on({ list: 'publicised' }, 'GET', (x) => `${base(x)}/certificates/${x.itemId}`),
    expect: watchers,
  },
  {
    route: 'GET /api/rounds/:id/awards/certificates/:itemId/docx',
    request: on({ list: 'publicised' }, 'GET', (x) => `${base(x)}/certificates/${x.itemId}/docx`),
    expect: watchers,
  },
  {
    route: 'GET /api/rounds/:id/awards/certificates.zip',
    request: on({ list: 'publicised' }, 'GET', (x) => `${base(x)}/certificates.zip`),
    expect: watchers,
  },
];
