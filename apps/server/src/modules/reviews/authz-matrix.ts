import fs from 'node:fs';
import path from 'node:path';
import type { ReviewMaterialKind, RoundState } from '@jiangtai/contracts';
import { only, rows, type MatrixEntry, type Scene, type Side } from '../../test/authz-scene.ts';
import { matrixCampaign, matrixEntry } from '../../test/matrix-campaign.ts';
import { buildPresetSettings } from '../campaigns/presets.ts';
import { insertMaterial } from '../entries/repository.ts';
import { mediaDir } from '../media/assets-service.ts';
import { previewPath } from '../previews/previews-service.ts';
import { defaultRoundConfig, randomEntryCode } from './rules.ts';
import { genesisHash } from './hash-chain.ts';
import * as repo from './repository.ts';
import { appendScoreRecord } from './score-log.ts';

const inside = ['ok', 'deny'] as const;
/** The campaign's organisers (and platform admins) on unit A: the round's managers. */
const managers = only({ platform_admin: inside, organiser: inside });
/** Managers and the supervisor over the round's scope: results, the log, exports. */
const watchers = only({ platform_admin: inside, organiser: inside, supervisor: inside });
/** Only the judge on the round's panel with the entry assigned. */
const panelJudge = only({ judge: inside });

interface RoundOpts {
  state?: RoundState;
  /** The scene's judge sits on the panel and has the entry assigned. */
  judge?: boolean;
  /** …and has submitted a score. */
  scored?: boolean;
  objection?: boolean;
  /** The 公示 period ended before the scene's clock (2026-07-01). */
  noticeEnded?: boolean;
}

/**
 * A 岳阳-style campaign organised by the side's unit with one entry recommended into 复赛 (a PDF
 * manuscript and a ready video), and an open 复赛 round of one judge per entry; optionally the
 * scene's judge on its panel, a submitted score, and a later state.
 */
async function roundOn(s: Scene, side: Side, o: RoundOpts = {}) {
  const { db, deps } = s.t;
  const unit = s.side[side].unit;
  const { settings, campaignId, judgeId, now } = await matrixCampaign(s, side);
  const entryId = await matrixEntry(s, side, { campaignId, stageKey: 'preliminary', title: '矩阵作品', now });
  const fileId = await storedFile(s, 'pdf');
  await insertMaterial(db, {
    entryId,
    material: 'manuscript',
    fileId,
    findings: [],
    createdBy: judgeId,
    now,
  });
  // A PowerPoint courseware whose PDF preview is ready (as the document.preview job leaves it).
  const slidesId = await storedFile(s, 'pptx');
  await insertMaterial(db, {
    entryId,
    material: 'courseware',
    fileId: slidesId,
    findings: [],
    createdBy: judgeId,
    now,
  });
  fs.mkdirSync(path.dirname(previewPath(deps.config, slidesId)), { recursive: true });
  fs.writeFileSync(previewPath(deps.config, slidesId), '%PDF-1.4\n%%EOF\n');
  await db
    .insertInto('document_previews')
    .values({ file_id: slidesId, status: 'ready', created_at: now, updated_at: now })
    .execute();
  const videoId = await storedFile(s, 'mp4');
  await insertMaterial(db, {
    entryId,
    material: 'video',
    fileId: videoId,
    findings: [],
    createdBy: judgeId,
    now,
  });
  const dir = mediaDir(deps.config, videoId);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'master.m3u8'), '#EXTM3U\n');
  await db
    .insertInto('media_assets')
    .values({
      file_id: videoId,
      job_id: null,
      status: 'ready',
      mode: 'remux',
      renditions: '[]',
      poster: null,
      duration_seconds: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();

  const config = {
    ...defaultRoundConfig(
      settings,
      settings.stages.find((x) => x.key === 'semifinal')!,
    ),
    materials: ['video', 'manuscript', 'courseware'] as ReviewMaterialKind[],
    judgesPerEntry: 1,
    dropHighest: 0,
    dropLowest: 0,
    blind: false,
  };
  const roundId = await repo.insertRound(db, {
    campaignId,
    stageKey: 'semifinal',
    scope: unit,
    config,
    chainHead: 'x',
    createdBy: judgeId,
    now,
  });
  await repo.updateRound(db, roundId, { chain_head: genesisHash(roundId) }, now);
  const code = randomEntryCode(new Set());
  await repo.insertRoundEntries(db, [{ roundId, entryId, code }]);
  if (o.judge || o.scored) {
    await repo.upsertPanelMember(db, { roundId, userId: judgeId, unitPath: null, now });
    await repo.insertAssignments(db, roundId, [{ entryId, judgeId }], now);
  }
  if (o.scored) {
    const r = (await repo.findRound(db, roundId))!;
    await appendScoreRecord(db, r, {
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
  if (o.state && o.state !== 'open') {
    await repo.updateRound(
      db,
      roundId,
      { state: o.state, notice_ends_on: o.noticeEnded ? '2026-06-01' : '2026-12-31' },
      now,
    );
    if (o.state !== 'closed') await repo.setAdvanced(db, roundId, [entryId]);
  }
  let objectionId = '0';
  if (o.objection) {
    objectionId = await repo.insertObjection(db, {
      roundId,
      entryId,
      content: '矩阵异议内容',
      contactName: '某人',
      contactPhone: '13700000000',
      lodgedBy: judgeId,
      now,
    });
  }
  return { campaignId, roundId, entryId, judgeId, code, objectionId };
}

const MIME = {
  pdf: 'application/pdf',
  mp4: 'video/mp4',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

async function storedFile(s: Scene, type: 'pdf' | 'mp4' | 'pptx') {
  const key = `matrix/review-${Math.random().toString(36).slice(2)}.${type}`;
  const file = path.join(s.t.deps.config.dataDir, 'files', key);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, type === 'pdf' ? '%PDF-1.4\n%%EOF\n' : 'not a real video');
  const row = await s.t.db
    .insertInto('stored_files')
    .values({
      detected_type: type,
      mime: MIME[type],
      size_bytes: 15,
      sha256: '0'.repeat(64),
      original_name: `x.${type}`,
      storage: 'local',
      storage_key: key,
      uploaded_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

type Made = Awaited<ReturnType<typeof roundOn>>;
type UrlOf = (x: Made) => string;
const get = (opts: RoundOpts, url: UrlOf) => async (s: Scene, side: Side) => ({
  method: 'GET' as const,
  url: url(await roundOn(s, side, opts)),
});
const post =
  (opts: RoundOpts, url: UrlOf, payload?: (x: Made, n: number) => object) =>
  async (s: Scene, side: Side, n: number) => {
    const x = await roundOn(s, side, opts);
    return { method: 'POST' as const, url: url(x), payload: payload?.(x, n) };
  };

const reason = { reason: '矩阵测试的原因' };

export const reviewsMatrix: MatrixEntry[] = [
  {
    // Whoever may see the (published) campaign: every role granted inside it; filtered to their rounds.
    route: 'GET /api/campaigns/:id/rounds',
    request: get({}, (x) => `/api/campaigns/${x.campaignId}/rounds`),
    expect: only({
      platform_admin: inside,
      organiser: inside,
      unit_admin: inside,
      supervisor: inside,
      judge: inside,
      member: inside,
    }),
  },
  {
    route: 'GET /api/campaigns/:id/round-defaults',
    request: get({}, (x) => `/api/campaigns/${x.campaignId}/round-defaults?stageKey=final`),
    expect: managers,
  },
  {
    route: 'POST /api/campaigns/:id/rounds',
    request: async (s, side) => {
      const x = await roundOn(s, side);
      const settings = buildPresetSettings('yueyang', { year: 2026 });
      const config = defaultRoundConfig(
        settings,
        settings.stages.find((st) => st.key === 'final')!,
      );
      return {
        method: 'POST',
        url: `/api/campaigns/${x.campaignId}/rounds`,
        payload: { ...config, stageKey: 'final' },
      };
    },
    expect: managers,
  },
  { route: 'GET /api/rounds/:id', request: get({}, (x) => `/api/rounds/${x.roundId}`), expect: watchers },
  {
    route: 'PATCH /api/rounds/:id',
    request: async (s, side) => ({
      method: 'PATCH',
      url: `/api/rounds/${(await roundOn(s, side)).roundId}`,
      payload: { name: '改名的轮次' },
    }),
    expect: managers,
  },
  {
    route: 'POST /api/rounds/:id/entries/refresh',
    request: post({}, (x) => `/api/rounds/${x.roundId}/entries/refresh`),
    expect: managers,
  },
  {
    route: 'GET /api/rounds/:id/judge-accounts',
    request: get({}, (x) => `/api/rounds/${x.roundId}/judge-accounts`),
    expect: managers,
  },
  {
    route: 'POST /api/rounds/:id/judges',
    request: post(
      {},
      (x) => `/api/rounds/${x.roundId}/judges`,
      (x) => ({ userIds: [x.judgeId] }),
    ),
    expect: managers,
  },
  {
    route: 'POST /api/rounds/:id/judges/invite',
    request: post(
      {},
      (x) => `/api/rounds/${x.roundId}/judges/invite`,
      (_x, n) => ({ displayName: '新专家', username: `m_expert_${n}` }),
    ),
    expect: managers,
  },
  {
    route: 'POST /api/rounds/:id/judges/:userId/remove',
    request: post(
      { judge: true },
      (x) => `/api/rounds/${x.roundId}/judges/${x.judgeId}/remove`,
      () => reason,
    ),
    expect: managers,
  },
  {
    route: 'POST /api/rounds/:id/assign',
    request: post({ judge: true }, (x) => `/api/rounds/${x.roundId}/assign`),
    expect: managers,
  },
  {
    route: 'PUT /api/rounds/:id/assignments',
    request: async (s, side) => {
      const x = await roundOn(s, side, { judge: true });
      return {
        method: 'PUT',
        url: `/api/rounds/${x.roundId}/assignments`,
        payload: { entryId: x.entryId, judgeIds: [x.judgeId], acceptWarnings: true },
      };
    },
    expect: managers,
  },
  {
    route: 'GET /api/rounds/:id/results',
    request: get({ scored: true }, (x) => `/api/rounds/${x.roundId}/results`),
    expect: watchers,
  },
  {
    route: 'POST /api/rounds/:id/scores/reopen',
    request: post(
      { scored: true },
      (x) => `/api/rounds/${x.roundId}/scores/reopen`,
      (x) => ({ entryId: x.entryId, judgeId: x.judgeId, ...reason }),
    ),
    expect: managers,
  },
  {
    route: 'POST /api/rounds/:id/scores/remove',
    request: post(
      { scored: true },
      (x) => `/api/rounds/${x.roundId}/scores/remove`,
      (x) => ({ entryId: x.entryId, judgeId: x.judgeId, ...reason }),
    ),
    expect: managers,
  },
  {
    route: 'POST /api/rounds/:id/close',
    request: post({ scored: true }, (x) => `/api/rounds/${x.roundId}/close`),
    expect: managers,
  },
  {
    // No tie exists, so an authorised organiser gets 400: the row checks who reaches the rule.
    route: 'POST /api/rounds/:id/ties',
    request: post(
      { scored: true, state: 'closed' },
      (x) => `/api/rounds/${x.roundId}/ties`,
      (x) => ({ order: [x.entryId, x.entryId], ...reason }),
    ),
    expect: only({ platform_admin: ['pass', 'deny'], organiser: ['pass', 'deny'] }),
  },
  {
    route: 'POST /api/rounds/:id/confirm',
    request: post({ scored: true, state: 'closed' }, (x) => `/api/rounds/${x.roundId}/confirm`),
    expect: managers,
  },
  {
    route: 'GET /api/rounds/:id/score-log',
    request: get({ scored: true }, (x) => `/api/rounds/${x.roundId}/score-log`),
    expect: watchers,
  },
  {
    route: 'POST /api/rounds/:id/verify',
    request: post({ scored: true }, (x) => `/api/rounds/${x.roundId}/verify`),
    expect: watchers,
  },
  {
    route: 'POST /api/rounds/:id/verify/head',
    request: post(
      { scored: true },
      (x) => `/api/rounds/${x.roundId}/verify/head`,
      () => ({ head: 'abcdef012345' }),
    ),
    expect: watchers,
  },
  {
    route: 'GET /api/rounds/:id/signoffs',
    request: get({}, (x) => `/api/rounds/${x.roundId}/signoffs`),
    expect: watchers,
  },
  {
    route: 'POST /api/rounds/:id/signoffs',
    request: post(
      { scored: true, state: 'closed' },
      (x) => `/api/rounds/${x.roundId}/signoffs`,
      () => ({ comment: '同意' }),
    ),
    expect: only({ supervisor: inside }),
  },
  {
    route: 'GET /api/rounds/:id/export',
    request: get({ scored: true }, (x) => `/api/rounds/${x.roundId}/export?kind=summary`),
    expect: watchers,
  },
  {
    route: 'POST /api/rounds/:id/publish',
    request: post({ scored: true, state: 'confirmed' }, (x) => `/api/rounds/${x.roundId}/publish`),
    expect: managers,
  },
  {
    route: 'GET /api/rounds/:id/objections',
    request: get({ state: 'publicised', objection: true }, (x) => `/api/rounds/${x.roundId}/objections`),
    expect: watchers,
  },
  {
    route: 'POST /api/rounds/:id/objections/:objectionId/answer',
    request: post(
      { state: 'publicised', objection: true },
      (x) => `/api/rounds/${x.roundId}/objections/${x.objectionId}/answer`,
      () => ({ outcome: 'dismissed', ...reason }),
    ),
    expect: managers,
  },
  {
    route: 'POST /api/rounds/:id/withdraw',
    request: post(
      { scored: true, state: 'publicised' },
      (x) => `/api/rounds/${x.roundId}/withdraw`,
      () => reason,
    ),
    expect: managers,
  },
  {
    route: 'POST /api/rounds/:id/seal',
    request: post(
      { scored: true, state: 'publicised', noticeEnded: true },
      (x) => `/api/rounds/${x.roundId}/seal`,
    ),
    expect: managers,
  },
  // 公示 is public (公众): the board, a notice and lodging an objection need no account (public
  // routes, tested in publicity-public.test.ts); only "my objections" needs one. The notice code is
  // random, so a round id reveals nothing.
  {
    route: 'GET /api/publicity/:code/objections/mine',
    request: async (s, side) => {
      const { roundId } = await roundOn(s, side, { state: 'publicised' });
      await repo.updateRound(s.t.db, roundId, { notice_code: `M${roundId}X` }, new Date());
      return { method: 'GET', url: `/api/publicity/M${roundId}X/objections/mine` };
    },
    expect: rows.everyone,
  },
  // Judging: "inside" is a round whose panel holds the scene's judge; "outside" one where it does not.
  {
    route: 'GET /api/judging/rounds',
    request: () => ({ method: 'GET', url: '/api/judging/rounds' }),
    expect: rows.everyone,
  },
  {
    route: 'GET /api/judging/rounds/:id',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/judging/rounds/${(await roundOn(s, side, { judge: side === 'inside' })).roundId}`,
    }),
    expect: panelJudge,
  },
  ...(
    [
      [
        'GET /api/judging/rounds/:id/items/:code',
        (x: Made) => `/api/judging/rounds/${x.roundId}/items/${x.code}`,
      ],
      [
        'GET /api/judging/rounds/:id/items/:code/materials/:material',
        (x: Made) => `/api/judging/rounds/${x.roundId}/items/${x.code}/materials/manuscript`,
      ],
      [
        'GET /api/judging/rounds/:id/items/:code/materials/:material/preview',
        (x: Made) => `/api/judging/rounds/${x.roundId}/items/${x.code}/materials/courseware/preview`,
      ],
      [
        'GET /api/judging/rounds/:id/items/:code/video/:name',
        (x: Made) => `/api/judging/rounds/${x.roundId}/items/${x.code}/video/master.m3u8`,
      ],
    ] as const
  ).map(([route, url]) => ({
    route,
    request: async (s: Scene, side: Side) => ({
      method: 'GET' as const,
      url: url(await roundOn(s, side, { judge: side === 'inside' })),
    }),
    expect: panelJudge,
  })),
  {
    route: 'PUT /api/judging/rounds/:id/items/:code/score',
    request: async (s, side) => {
      const x = await roundOn(s, side, { judge: side === 'inside' });
      return {
        method: 'PUT',
        url: `/api/judging/rounds/${x.roundId}/items/${x.code}/score`,
        payload: { scores: {}, comment: '', submit: false },
      };
    },
    expect: panelJudge,
  },
  {
    route: 'POST /api/judging/rounds/:id/items/:code/conflict',
    request: async (s, side) => {
      const x = await roundOn(s, side, { judge: side === 'inside' });
      return {
        method: 'POST',
        url: `/api/judging/rounds/${x.roundId}/items/${x.code}/conflict`,
        payload: reason,
      };
    },
    expect: panelJudge,
  },
];
