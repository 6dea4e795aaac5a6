import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { coverageCampaign, lecture } from '../coverage/test-coverage-support.ts';
import { BRANCH_ORG_TYPES } from '../org/branch-leaders.ts';
import { countKeptFacts, keptFacts } from './kept-facts.ts';
import { changeKey } from './laggard-cache.ts';
import { comparableFacts } from './test-kept-support.ts';
import { seasonDrift } from './test-season-support.ts';
import { treeFacts } from './tree-facts.ts';
import { prng } from '../../lib/prng.ts';

/**
 * Property test of the season rollups (migration 041): random plan and lecture changes and moves of
 * members, branches and whole towns between counties during the season, every step compared with a
 * recount from lecture_plans and lecture_records, and the dashboard's kept branch laggard lists
 * (laggard-cache.ts) with the same lists counted now. Runs on PGlite, and on PostgreSQL with
 * TEST_DATABASE_URL. The seed is printed on failure so a run can be replayed (SEASON_SEED).
 */

let t: TestContext;
let admin: Client;
let adminId: string;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

/** 市委 ─ 2 counties ─ 2 towns each ─ a 党总支 with a 党支部 under it and 2 党支部 per town. */
async function world(p: string) {
  const f = t.factories;
  const city = await f.org({ name: `${p}市委`, type: 'committee' });
  const counties = [];
  const towns = [];
  const branches = [];
  for (let c = 0; c < 2; c++) {
    const county = await f.org({ name: `${p}县${c}`, type: 'county', parent: city });
    counties.push(county);
    for (let w = 0; w < 2; w++) {
      const town = await f.org({ name: `${p}镇${c}${w}`, type: 'party_committee', parent: county });
      towns.push(town);
      const general = await f.org({ name: `${p}总支${c}${w}`, type: 'general_branch', parent: town });
      branches.push(general, await f.org({ name: `${p}支部${c}${w}x`, type: 'branch', parent: general }));
      for (let b = 0; b < 2; b++)
        branches.push(await f.org({ name: `${p}支部${c}${w}${b}`, type: 'branch', parent: town }));
    }
  }
  const user = await f.user([{ role: 'platform_admin', org: city }], { username: `${p}_admin` });
  adminId = user.id;
  admin = await t.login(`${p}_admin`);
  const campaigns = [await coverageCampaign(t, city), await coverageCampaign(t, city)];
  return { city, counties, towns, branches: branches.map((b) => b.id), campaigns };
}

const orgOf = async (id: string) =>
  t.db.selectFrom('orgs').select(['id', 'path', 'type']).where('id', '=', id).executeTakeFirstOrThrow();

/**
 * The differences between the kept laggard lists and branches per child of `top` and the same counted
 * now (kept ones come from memory whenever migration 044's counters have not moved since).
 */
async function keptDrift(campaignId: string, topId: string): Promise<string[]> {
  const top = await orgOf(topId);
  const key = await changeKey(t.db, campaignId, top.path);
  const tree = await treeFacts(t.db, top, BRANCH_ORG_TYPES, key.tree);
  const kept = await keptFacts(t.db, campaignId, top, tree, key);
  const counted = await countKeptFacts(t.db, campaignId, top, tree);
  return JSON.stringify(comparableFacts(kept)) === JSON.stringify(comparableFacts(counted))
    ? []
    : [`kept lists of ${top.path} differ from a count`];
}

async function run(seed: number, steps: number, checkKept = false) {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const w = await world(`s${seed}`);
  const members: string[] = [];
  for (let i = 0; i < 20; i++)
    members.push((await t.factories.member(await orgOf(pick(w.branches)), { phone: null })).id);
  const records: string[] = [];
  const day = () =>
    `2026-0${6 + Math.floor(rand() * 4)}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  const when = () => new Date(`${day()}T${pick(['01', '15', '23'])}:30:00Z`);
  const plans = () => t.db.selectFrom('lecture_plans').select('id').execute();

  const ops: (() => Promise<string>)[] = [
    async () => {
      const org = await orgOf(pick(w.branches));
      await t.db
        .insertInto('lecture_plans')
        .values({
          campaign_id: pick(w.campaigns),
          org_id: org.id,
          org_path: org.path,
          status: pick(['draft', 'submitted', 'accepted'] as const),
          submitted_at: when(),
          created_by: adminId,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      return 'plan';
    },
    async () => {
      const all = await plans();
      if (all.length === 0) return 'plan-status';
      const some = [pick(all).id, pick(all).id];
      await t.db
        .updateTable('lecture_plans')
        .set({ status: pick(['draft', 'submitted', 'returned', 'accepted'] as const), submitted_at: when() })
        .where('id', 'in', some)
        .execute();
      return 'plan-status';
    },
    async () => {
      const all = await plans();
      if (all.length > 0) await t.db.deleteFrom('lecture_plans').where('id', '=', pick(all).id).execute();
      return 'plan-delete';
    },
    async () => {
      const guest = rand() < 0.2;
      const id = await lecture(t, {
        campaignId: pick(w.campaigns),
        org: await orgOf(pick(w.branches)),
        speaker: guest ? null : { id: pick(members) },
        status: pick(['recorded', 'confirmed', 'returned'] as const),
        createdBy: adminId,
      });
      records.push(id);
      return 'record';
    },
    async () => {
      const org = await orgOf(pick(w.branches));
      const rows = await t.db
        .insertInto('lecture_records')
        .values(
          [1, 2, 3].map((k) => ({
            campaign_id: pick(w.campaigns),
            org_id: org.id,
            org_path: org.path,
            held_on: day(),
            occasion: 'party_group' as const,
            topic: '批量',
            category_key: 'theory',
            speaker_member_id: pick(members),
            attendance: k * 7,
            created_by: adminId,
          })),
        )
        .returning('id')
        .execute();
      records.push(...rows.map((r) => r.id));
      return 'record-batch';
    },
    async () => {
      if (records.length === 0) return 'record-status';
      await t.db
        .updateTable('lecture_records')
        .set({ status: pick(['returned', 'confirmed', 'recorded'] as const) })
        .where('id', 'in', [pick(records), pick(records)])
        .execute();
      return 'record-status';
    },
    async () => {
      if (records.length === 0) return 'record-edit';
      await t.db
        .updateTable('lecture_records')
        .set({ held_on: day(), attendance: Math.floor(rand() * 50), campaign_id: pick(w.campaigns) })
        .where('id', '=', pick(records))
        .execute();
      return 'record-edit';
    },
    async () => {
      if (records.length === 0) return 'record-delete';
      await t.db
        .updateTable('lecture_records')
        .set({ deleted_at: rand() < 0.7 ? new Date() : null })
        .where('id', '=', pick(records))
        .execute();
      return 'record-delete';
    },
    async () => {
      if (records.length === 0) return 'record-hard-delete';
      const id = pick(records);
      await t.db.deleteFrom('lecture_records').where('id', '=', id).execute();
      records.splice(records.indexOf(id), 1);
      return 'record-hard-delete';
    },
    async () => {
      const to = await orgOf(pick(w.branches));
      await t.db
        .updateTable('members')
        .set({ org_id: to.id, org_path: to.path })
        .where('id', '=', pick(members))
        .execute();
      return 'member-move';
    },
    async () => {
      const town = pick(w.towns);
      const res = await admin.post(`/api/orgs/${town.id}/move`, { parentId: pick(w.counties).id });
      if (res.statusCode !== 200) throw new Error(`move: ${res.statusCode} ${res.body}`);
      return 'town-move';
    },
    async () => {
      // A branch straight under a town moves to a town of either county (a 党总支's branch stays put).
      const branch = await orgOf(pick(w.branches));
      const parent = await t.db
        .selectFrom('orgs')
        .select('type')
        .where('id', '=', branch.path.split('.').at(-3)!)
        .executeTakeFirstOrThrow();
      if (parent.type !== 'party_committee') return 'branch-move';
      const res = await admin.post(`/api/orgs/${branch.id}/move`, { parentId: pick(w.towns).id });
      if (res.statusCode !== 200) throw new Error(`move: ${res.statusCode} ${res.body}`);
      return 'branch-move';
    },
  ];

  const log: string[] = [];
  for (let i = 0; i < steps; i++) {
    log.push(await pick(ops)());
    const drift = await seasonDrift(t.db);
    if (checkKept)
      for (const top of [w.city, w.counties[0]!]) drift.push(...(await keptDrift(w.campaigns[0]!, top.id)));
    if (drift.length)
      throw new Error(`seed ${seed}, step ${i} after ${log.slice(-5).join(' → ')}:\n${drift.join('\n')}`);
  }
  return log;
}

describe('season rollups', () => {
  it('match a recount from the raw rows after every random operation', async () => {
    const seed = Number(process.env.SEASON_SEED ?? 20261206);
    const log = await run(seed, 220, true);
    expect(new Set(log).size).toBe(12);
    for (const table of ['season_lecture_counts', 'season_plan_counts', 'season_week_counts'] as const) {
      const { n } = await t.db
        .selectFrom(table)
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      expect(n, table).toBeGreaterThan(0);
    }
  }, 120_000);

  it('hold for a second seed', async () => {
    await run(11, 100);
  });

  it('are checked by a recount that notices a wrong row', async () => {
    expect(await seasonDrift(t.db)).toEqual([]);
    const one = await t.db
      .selectFrom('season_lecture_counts')
      .select(['campaign_id', 'org_path'])
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('season_lecture_counts')
      .set({ lectured_orgs: sql`lectured_orgs + 1` })
      .where('campaign_id', '=', one.campaign_id)
      .where('org_path', '=', one.org_path)
      .execute();
    expect(await seasonDrift(t.db)).toHaveLength(2);
    await t.db
      .updateTable('season_lecture_counts')
      .set({ lectured_orgs: sql`lectured_orgs - 1` })
      .where('campaign_id', '=', one.campaign_id)
      .where('org_path', '=', one.org_path)
      .execute();
    expect(await seasonDrift(t.db)).toEqual([]);
  });
});
