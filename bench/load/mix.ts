/**
 * The realistic mix: who the virtual users are and what each does per step. Setup opens the demo's
 * 复赛 round (6 entries recommended by 6 units) through the API as the organiser, with the three demo
 * judges on the panel, so judges have queues and score drafts to save.
 */
import { DEMO_PASSWORD } from './server.ts';
import { Session } from './client.ts';
import type { Recorder } from './stats.ts';
import { setupVideo, type Video } from './video.ts';

export interface Scene {
  campaignId: string;
  roundId: string;
  codes: string[];
  criteria: { key: string; max: number }[];
  entryIds: string[];
  unitOrgIds: string[];
  /** The member's own uploaded lecture, remuxed to HLS (absent when it could not be made). */
  video: Video | null;
}

interface Ctx {
  s: Session;
  scene: Scene;
  rand: () => number;
  /** Ids seen by this user's own lists (its scope), for detail pages. */
  memberIds: string[];
}

type Step = (c: Ctx) => Promise<unknown>;
interface Persona {
  name: string;
  share: number;
  accounts: string[];
  steps: [number, string, Step][];
}

const pick = <T>(rand: () => number, xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴'];

const memberList: Step = async (c) => {
  const page = 1 + Math.floor(c.rand() * 5);
  const r = await c.s.call<{ items: { id: string }[] }>(
    'member list',
    'GET',
    `/api/members?page=${page}&pageSize=20`,
  );
  if (r.items.length) c.memberIds = r.items.map((m) => m.id);
};

/** A player's Range request for part of one HLS segment (64 KB from a random offset). */
const hlsRange: Step = async (c) => {
  const v = c.scene.video;
  if (!v) return c.s.call('my entries', 'GET', '/api/entries/mine');
  const start = Math.floor(c.rand() * 4) * 65536;
  return c.s.call('hls range', 'GET', pick(c.rand, v.segments), undefined, {
    range: `bytes=${start}-${start + 65535}`,
  });
};

export const PERSONAS: Persona[] = [
  {
    name: '评委（看待评列表、打开作品、暂存评分）',
    share: 0.25,
    accounts: ['judge', 'judge2', 'judge3'],
    steps: [
      [0.35, 'judge queue', (c) => c.s.call('judge queue', 'GET', `/api/judging/rounds/${c.scene.roundId}`)],
      [
        0.3,
        'judge item',
        (c) =>
          c.s.call(
            'judge item',
            'GET',
            `/api/judging/rounds/${c.scene.roundId}/items/${pick(c.rand, c.scene.codes)}`,
          ),
      ],
      [
        0.35,
        'score draft',
        (c) =>
          c.s.call(
            'score draft',
            'PUT',
            `/api/judging/rounds/${c.scene.roundId}/items/${pick(c.rand, c.scene.codes)}/score`,
            {
              scores: Object.fromEntries(c.scene.criteria.map((k) => [k.key, Math.round(c.rand() * k.max)])),
              comment: '暂存',
              submit: false,
            },
          ),
      ],
    ],
  },
  {
    name: '单位管理员（党员列表、搜索、详情，作品列表和作品页）',
    share: 0.3,
    accounts: ['unitadmin', 'unitadmin2'],
    steps: [
      [0.3, 'member list', memberList],
      [
        0.25,
        'member search',
        (c) =>
          c.s.call('member search', 'GET', `/api/members?q=${encodeURIComponent(pick(c.rand, SURNAMES))}`),
      ],
      [
        0.15,
        'member page',
        (c) =>
          c.memberIds.length
            ? c.s.call('member page', 'GET', `/api/members/${pick(c.rand, c.memberIds)}`)
            : memberList(c),
      ],
      [
        0.15,
        'entry list',
        (c) => c.s.call('entry list', 'GET', `/api/campaigns/${c.scene.campaignId}/entries`),
      ],
      [0.15, 'campaigns', (c) => c.s.call('campaigns', 'GET', '/api/campaigns')],
    ],
  },
  {
    name: '组织者（作品列表、作品页、轮次、结果看板）',
    share: 0.2,
    accounts: ['organiser'],
    steps: [
      [
        0.3,
        'entry list',
        (c) =>
          c.s.call('entry list', 'GET', `/api/campaigns/${c.scene.campaignId}/entries?stageKey=preliminary`),
      ],
      [
        0.3,
        'entry page',
        (c) => c.s.call('entry page', 'GET', `/api/entries/${pick(c.rand, c.scene.entryIds)}`),
      ],
      [0.2, 'round page', (c) => c.s.call('round page', 'GET', `/api/rounds/${c.scene.roundId}`)],
      [0.2, 'results', (c) => c.s.call('results', 'GET', `/api/rounds/${c.scene.roundId}/results`)],
    ],
  },
  {
    name: '系统管理员（组织树、组织搜索、修改组织）',
    share: 0.1,
    accounts: ['admin'],
    steps: [
      [
        0.4,
        'org children',
        (c) => c.s.call('org children', 'GET', `/api/orgs/${pick(c.rand, ['1', '2'])}/children`),
      ],
      [
        0.3,
        'org search',
        (c) =>
          c.s.call(
            'org search',
            'GET',
            `/api/orgs/search?q=${encodeURIComponent(pick(c.rand, ['局', '支部', '委员会', '学校']))}`,
          ),
      ],
      [
        0.3,
        'org edit',
        (c) =>
          c.s.call('org edit', 'PATCH', `/api/orgs/${pick(c.rand, c.scene.unitOrgIds)}`, {
            sortOrder: Math.floor(c.rand() * 100),
          }),
      ],
    ],
  },
  {
    name: '党员（我的作品、活动、看自己的视频：HLS 分片 Range 请求）',
    share: 0.15,
    accounts: ['member'],
    steps: [
      [0.3, 'my entries', (c) => c.s.call('my entries', 'GET', '/api/entries/mine')],
      [0.3, 'campaigns', (c) => c.s.call('campaigns', 'GET', '/api/campaigns')],
      [0.4, 'hls range', hlsRange],
    ],
  },
];

/** Besides the crowd: people exporting files back to back (the long reads). */
export const EXPORTERS: { name: string; account: string; op: string; url: (s: Scene) => string }[] = [
  {
    name: '组织者导出复赛评分总表（xlsx）',
    account: 'organiser',
    op: 'round export',
    url: (s) => `/api/rounds/${s.roundId}/export?kind=full`,
  },
  {
    name: '管理员导出市直机关工委组织与党员（xlsx，流式）',
    account: 'admin',
    op: 'org export',
    url: () => '/api/orgs/2/export',
  },
];

/** A share of steps signs in again (a new session): logins are part of the mix. */
export const RELOGIN_SHARE = 0.01;

export function describeMix(users: number): string[] {
  const lines = PERSONAS.map((p) => {
    const steps = p.steps.map(([w, label]) => `${label} ${Math.round(w * 100)}%`).join('，');
    return `  ${Math.round(p.share * users)} 人 ${p.name}：${steps}`;
  });
  lines.push(
    `  每一步另有 ${RELOGIN_SHARE * 100}% 重新登录；计时开始前，所有人在 20 秒内陆续登录（单独统计）`,
  );
  for (const e of EXPORTERS) lines.push(`  1 人 ${e.name}，连续不停`);
  return lines;
}

export function personaFor(i: number, users: number): Persona {
  let acc = 0;
  for (const p of PERSONAS) {
    acc += p.share;
    if (i < Math.round(acc * users)) return p;
  }
  return PERSONAS[PERSONAS.length - 1]!;
}

export function chooseStep(p: Persona, rand: () => number): [string, Step] {
  let x = rand();
  for (const [w, label, step] of p.steps) {
    if ((x -= w) < 0) return [label, step];
  }
  const last = p.steps[p.steps.length - 1]!;
  return [last[1], last[2]];
}

export type { Ctx };

/** Opens the 复赛 round with the three demo judges and collects ids the mix needs. */
export async function setupScene(base: string, rec: Recorder): Promise<Scene> {
  const org = new Session(base, rec, '127.0.1.1');
  await org.login('organiser', DEMO_PASSWORD);
  const campaigns = await org.call<{ items: { id: string; presetKey: string }[] }>(
    'setup',
    'GET',
    '/api/campaigns',
  );
  const campaignId = campaigns.items.find((c) => c.presetKey === 'yueyang')!.id;
  const defaults = await org.call<Record<string, unknown> & { criteria: { key: string; max: number }[] }>(
    'setup',
    'GET',
    `/api/campaigns/${campaignId}/round-defaults?stageKey=semifinal`,
  );
  const created = await org.call<{ round: { id: string } }>(
    'setup',
    'POST',
    `/api/campaigns/${campaignId}/rounds`,
    {
      ...defaults,
      stageKey: 'semifinal',
      judgesPerEntry: 3,
      dropHighest: 0,
      dropLowest: 0,
      advancement: { kind: 'top_n', count: 4 },
    },
  );
  const roundId = created.round.id;
  const judges = await org.call<{ items: { userId: string }[] }>(
    'setup',
    'GET',
    `/api/rounds/${roundId}/judge-accounts`,
  );
  await org.call('setup', 'POST', `/api/rounds/${roundId}/judges`, {
    userIds: judges.items.map((j) => j.userId),
  });
  await org.call('setup', 'POST', `/api/rounds/${roundId}/assign`);
  const entries = await org.call<{ items: { id: string }[] }>(
    'setup',
    'GET',
    `/api/campaigns/${campaignId}/entries`,
  );
  const judge = new Session(base, rec, '127.0.1.2');
  await judge.login('judge', DEMO_PASSWORD);
  const queue = await judge.call<{ items: { code: string }[] }>(
    'setup',
    'GET',
    `/api/judging/rounds/${roundId}`,
  );
  const admin = new Session(base, rec, '127.0.1.3');
  await admin.login('admin', DEMO_PASSWORD);
  const units = await admin.call<{ id: string }[]>('setup', 'GET', '/api/orgs/2/children');
  const video = await setupVideo(base, campaignId, rec).catch((err: unknown) => {
    console.log(`  （没有视频，负载中不含 HLS 请求：${err instanceof Error ? err.message : String(err)}）`);
    return null;
  });
  return {
    campaignId,
    roundId,
    codes: queue.items.map((i) => i.code),
    criteria: defaults.criteria.map((c) => ({ key: c.key, max: c.max })),
    entryIds: entries.items.map((e) => e.id),
    unitOrgIds: units.map((u) => u.id).slice(0, 20),
    video,
  };
}
