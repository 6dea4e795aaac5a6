import type { Insertable, Transaction } from 'kysely';
import type { CampaignSettings } from '@jiangtai/contracts';
import type { DB } from '../../db/types.ts';
import { insertPoolsBulk, insertSpeakerEventsBulk, insertSpeakersBulk } from '../pool/repository.ts';
import { memberPoliticalStatus } from '../pool/rules.ts';
import type { OrgTag, PlannedOrg } from './city-plan.ts';
import { createRandom, type Random } from './people.ts';

/** Its own seed: the pools can change without moving the city or the season. */
export const POOL_SEED = 20_210_701;

interface OrgRef extends PlannedOrg {
  id: string;
  path: string;
}

export interface Account {
  id: string;
  name: string;
}

export interface PoolInput {
  orgs: OrgRef[];
  userIds: Map<string, string>;
  now: Date;
}

export interface SeededPools {
  cityPoolId: string;
  /** The city pool's active speakers, for the menu and the orders. */
  citySpeakers: { id: string; name: string; memberId: string | null }[];
  /** 市教育局's pool and its active speakers: the demo member's nearest pool gets a short menu too. */
  unitPool: { id: string; speakerIds: string[] } | null;
  accounts: { organiser: Account; member: Account | null };
  counts: Record<string, number>;
}

type SpeakerRow = Insertable<DB['pool_speakers']>;
type EventRow = Omit<Insertable<DB['pool_speaker_events']>, 'speaker_id'>;

const AUDIENCES = ['enterprise', 'village', 'organ', 'school', 'community'] as const;
// prettier-ignore
const SPECIALTIES = [
  '党的创新理论', '党史学习教育', '基层治理', '乡村振兴', '廉洁文化', '法治宣传', '生态文明',
  '红色文化', '优化营商环境', '青少年思政', '安全生产', '民生政策解读',
];
const EXPERTS = [
  { name: '郑文博', gender: 'male', unit: '市委党校 教授', political: '中共党员' },
  { name: '孔丽萍', gender: 'female', unit: '演示学院马克思主义学院 副教授', political: '中共党员' },
  { name: '顾承志', gender: 'male', unit: '市社科联 研究员', political: '无党派人士' },
] as const;
const DAY = 86_400_000;

/**
 * 师资库 of the 焦作-style campaign (the one with `speakerPool.targetPerCounty`): the city's own pool with
 * the contest's recommended entrants, members nominated by units (two still 待审核, one declined), outside
 * experts and one who left; pools for three of the four counties (one above the target, two behind, the
 * fourth 未建库) and for 市教育局. Every speaker's history (pool_speaker_events) matches its status.
 * Null without such a campaign.
 */
export async function seedDemoPools(tx: Transaction<DB>, input: PoolInput): Promise<SeededPools | null> {
  const campaigns = await tx
    .selectFrom('campaigns')
    .select(['id', 'organiser_org_id', 'settings'])
    .where('status', '=', 'published')
    .orderBy('id')
    .execute();
  const campaign = campaigns.find((c) => (c.settings as CampaignSettings).speakerPool?.targetPerCounty);
  const top = input.orgs.find((o) => o.id === campaign?.organiser_org_id);
  if (!campaign || !top) return null;
  const target = (campaign.settings as CampaignSettings).speakerPool!.targetPerCounty;
  const random = createRandom(POOL_SEED);
  const users = await tx
    .selectFrom('users')
    .select(['id', 'display_name as name'])
    .where('id', 'in', [...input.userIds.values()])
    .execute();
  const account = (u: string) => users.find((x) => x.id === input.userIds.get(u)) ?? null;
  const organiser = account('organiser') ?? account('admin');
  if (!organiser) return null;
  const unitAdmin = account('unitadmin') ?? organiser;
  const now = input.now.getTime();
  const at = (daysAgo: number, hour = 10) =>
    new Date(Math.min(now, now - daysAgo * DAY + (hour - 12) * 3_600_000));

  const counties = input.orgs.filter((o) => o.type === 'county' && o.parentIndex === top.index);
  const byTag = (t: OrgTag) => input.orgs.find((o) => o.tag === t);
  const education = byTag('education');
  // [org, own target, active speakers]: above target, behind, far behind; the fourth county has no pool.
  const plan: { org: OrgRef; target: number | null; active: number; name: string }[] = [
    { org: top, target: 30, active: 0, name: '市级师资库' },
    ...counties.slice(0, 3).map((org, i) => ({
      org,
      target: null,
      active: [Math.ceil(target * 1.1), Math.ceil(target * 0.6), Math.ceil(target * 0.3)][i]!,
      name: `${org.name.replace(/^中共/, '').replace(/委$/, '')}师资库`,
    })),
    ...(education ? [{ org: education, target: 8, active: 5, name: '市教育局师资库' }] : []),
  ];
  const pools = await insertPoolsBulk(
    tx,
    plan.map((p) => ({
      org_id: p.org.id,
      org_path: p.org.path,
      name: p.name,
      target: p.target,
      created_by: organiser.id,
      created_at: at(45),
      updated_at: at(45),
    })),
  );
  const poolOf = (orgId: string) => pools.find((p) => p.org_id === orgId)!.id;

  const speakers: SpeakerRow[] = [];
  const events: EventRow[][] = [];
  const used = new Set<string>();
  const base = (poolId: string, daysAgo: number) => ({
    pool_id: poolId,
    specialties: pickSome(random, SPECIALTIES, 1, 3),
    audiences: pickSome(random, AUDIENCES, 1, 3),
    availability: random.pick(['工作日下午', '周末', '提前一周预约', '']),
    created_by: organiser.id,
    created_at: at(daysAgo),
    updated_at: at(daysAgo),
  });
  const ev = (action: string, by: Account, daysAgo: number, reason: string | null = null): EventRow => ({
    action: action as EventRow['action'],
    reason,
    actor_user_id: by.id,
    actor_name: by.name,
    created_at: at(daysAgo, action === 'nominated' ? 9 : 15),
  });
  type MemberPick = Awaited<ReturnType<typeof membersUnder>>[number];
  const asSpeaker = (m: MemberPick) => ({
    member_id: m.id,
    name: m.name,
    gender: m.gender,
    unit_title: `${m.org_name}${m.positions.find((p) => p !== '党员') ?? '党员'}`,
    phone: m.phone,
    political_status: memberPoliticalStatus(m.party_status),
  });
  const addActive = (poolId: string, m: MemberPick, daysAgo: number, extra: Partial<SpeakerRow> = {}) => {
    speakers.push({
      ...base(poolId, daysAgo),
      ...asSpeaker(m),
      source: 'direct',
      status: 'active',
      joined_at: at(daysAgo),
      ...extra,
    });
    events.push([ev('added', organiser, daysAgo)]);
  };
  const nominate = (
    poolId: string,
    m: MemberPick,
    by: Account,
    fromOrg: string,
    outcome: string,
    d: number,
  ) => {
    const decided = outcome === 'nominated' ? null : d - 2;
    speakers.push({
      ...base(poolId, d),
      ...asSpeaker(m),
      source: 'nomination',
      source_note: '长期在基层宣讲，群众评价好',
      status: outcome as SpeakerRow['status'],
      status_reason: outcome === 'declined' ? '近期宣讲经历不足，建议明年再推荐' : null,
      nominated_by_org_id: fromOrg,
      created_by: by.id,
      decided_by: decided === null ? null : organiser.id,
      decided_at: decided === null ? null : at(decided, 15),
      joined_at: outcome === 'active' ? at(decided!, 15) : null,
    });
    const trail = [ev('nominated', by, d)];
    if (outcome === 'active') trail.push(ev('approved', organiser, decided!));
    if (outcome === 'declined')
      trail.push(ev('declined', organiser, decided!, '近期宣讲经历不足，建议明年再推荐'));
    events.push(trail);
  };
  const fresh = (list: MemberPick[]) => list.filter((m) => !used.has(m.id));
  const take = (list: MemberPick[], n: number) => {
    const free = fresh(list);
    const step = Math.max(1, Math.floor(free.length / Math.max(n, 1)));
    const out = free.filter((_, i) => i % step === 0).slice(0, n);
    out.forEach((m) => used.add(m.id));
    return out;
  };

  // The city pool: half of the contest's recommended entrants (the organiser adds the others from the
  // 复赛 results, 加入师资库), unit nominations, experts, one who left.
  const cityPool = poolOf(top.id);
  const entries = await tx
    .selectFrom('entries as e')
    .innerJoin('members as m', 'm.id', 'e.member_id')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['e.id as entry_id', 'e.title', 'm.id', 'm.name', 'm.gender', 'm.phone', 'm.party_status'])
    .select(['m.positions', 'o.name as org_name'])
    .where('e.state', '=', 'recommended')
    .where('m.active', '=', true)
    .orderBy('e.id')
    .execute();
  const half = Math.ceil(entries.length / 2);
  // The other half stay out of every pool (no other list below picks them), for the organiser to add.
  for (const e of entries.slice(half)) used.add(e.id);
  for (const e of entries.slice(0, half)) {
    if (used.has(e.id)) continue;
    used.add(e.id);
    addActive(cityPool, e, 20, {
      source: 'contest',
      source_entry_id: e.entry_id,
      source_note: `比赛作品《${e.title}》`,
    });
  }
  const organsMembers = await membersUnder(tx, byTag('organs')?.path ?? top.path, 400);
  for (const m of take(
    organsMembers.filter((x) => x.positions.includes('书记')),
    6,
  ))
    addActive(cityPool, m, random.int(25, 40));
  const eduMembers = education ? await membersUnder(tx, education.path, 200) : [];
  const eduNominees = take(eduMembers, 5);
  eduNominees.forEach((m, i) =>
    nominate(
      cityPool,
      m,
      unitAdmin,
      education!.id,
      ['active', 'active', 'declined', 'nominated', 'nominated'][i]!,
      12 - i * 2,
    ),
  );
  for (const [i, x] of EXPERTS.entries()) {
    speakers.push({
      ...base(cityPool, 30 - i),
      member_id: null,
      name: x.name,
      gender: x.gender,
      unit_title: x.unit,
      phone: `1370000${String(1101 + i * 37).padStart(4, '0')}`,
      political_status: x.political,
      bio: `${x.unit}，多年从事理论宣讲。`,
      source: 'direct',
      status: 'active',
      joined_at: at(30 - i),
    });
    events.push([ev('added', organiser, 30 - i)]);
  }
  const [leaver] = take(organsMembers, 1);
  if (leaver) {
    speakers.push({
      ...base(cityPool, 38),
      ...asSpeaker(leaver),
      source: 'direct',
      status: 'left',
      status_reason: '工作调动到外市，不再担任宣讲人',
      joined_at: at(38),
      left_at: at(6),
    });
    events.push([ev('added', organiser, 38), ev('left', organiser, 6, '工作调动到外市，不再担任宣讲人')]);
  }

  // Counties and 市教育局: members of their own subtree, a nomination or two waiting in the first two.
  for (const [i, p] of plan.slice(1).entries()) {
    const pool = poolOf(p.org.id);
    const list = p.org === education ? fresh(eduMembers) : await membersUnder(tx, p.org.path, 120);
    for (const m of take(list, p.active)) addActive(pool, m, random.int(8, 40));
    if (i < 2) for (const m of take(list, 1)) nominate(pool, m, organiser, p.org.id, 'nominated', 3);
  }

  const ids = await insertSpeakersBulk(tx, speakers);
  await insertSpeakerEventsBulk(
    tx,
    events.flatMap((list, i) => list.map((e) => ({ ...e, speaker_id: ids[i]! }))),
  );
  const status = (s: string) => speakers.filter((x) => x.status === s).length;
  return {
    cityPoolId: cityPool,
    citySpeakers: speakers.flatMap((s, i) =>
      s.pool_id === cityPool && s.status === 'active'
        ? [{ id: ids[i]!, name: s.name, memberId: s.member_id ?? null }]
        : [],
    ),
    unitPool: education
      ? {
          id: poolOf(education.id),
          speakerIds: ids.filter(
            (_, i) => speakers[i]!.pool_id === poolOf(education.id) && speakers[i]!.status === 'active',
          ),
        }
      : null,
    accounts: { organiser, member: account('member') },
    counts: {
      pools: pools.length,
      active: status('active'),
      nominated: status('nominated'),
      declined: status('declined'),
      left: status('left'),
      contest: speakers.filter((s) => s.source === 'contest').length,
    },
  };
}

function membersUnder(tx: Transaction<DB>, path: string, limit: number) {
  return tx
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'm.gender', 'm.phone', 'm.party_status', 'm.positions', 'o.name as org_name'])
    .where('m.org_path', 'like', `${path}%`)
    .where('m.active', '=', true)
    .orderBy('m.id')
    .limit(limit)
    .execute();
}

function pickSome<T>(random: Random, items: readonly T[], min: number, max: number): T[] {
  const n = random.int(min, max);
  const start = random.int(0, items.length - 1);
  return Array.from({ length: n }, (_, i) => items[(start + i * 3) % items.length]!).filter(
    (x, i, all) => all.indexOf(x) === i,
  );
}
