import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { coverageCampaign, lecture, rollupDrift } from './test-coverage-support.ts';
import { prng } from '../../lib/prng.ts';

/**
 * Property test of the coverage rollups (migration 031): random operations on generated data, every
 * step compared with a recount from the raw rows (members, lecture_records). Runs on PGlite, and on
 * PostgreSQL with TEST_DATABASE_URL. The seed is printed on failure so a run can be replayed.
 */

let t: TestContext;
let admin: Client;
let adminId: string;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

const POSITION_SETS = [
  ['党员'],
  ['党员'],
  ['书记'],
  ['副书记'],
  ['组织委员'],
  ['宣传委员', '纪检委员'],
  ['副书记', '纪检委员'],
];

async function world(p: string) {
  const f = t.factories;
  const city = await f.org({ name: `${p}市委`, type: 'committee' });
  const towns = [];
  const branches = [];
  for (let c = 0; c < 2; c++) {
    const county = await f.org({ name: `${p}县${c}`, type: 'county', parent: city });
    for (let w = 0; w < 2; w++) {
      const town = await f.org({ name: `${p}镇${c}${w}`, type: 'party_committee', parent: county });
      towns.push(town);
      for (let b = 0; b < 3; b++)
        branches.push(await f.org({ name: `${p}支部${c}${w}${b}`, type: 'branch', parent: town }));
    }
  }
  const counties = await t.db
    .selectFrom('orgs')
    .select('id')
    .where('type', '=', 'county')
    .where('path', 'like', `${city.path}%`)
    .execute();
  const user = await f.user([{ role: 'platform_admin', org: city }], { username: `${p}_admin` });
  adminId = user.id;
  admin = await t.login(`${p}_admin`);
  const campaigns = [await coverageCampaign(t, city), await coverageCampaign(t, city)];
  return { city, towns, branches: branches.map((b) => b.id), counties: counties.map((c) => c.id), campaigns };
}

const orgPath = async (id: string) =>
  (await t.db.selectFrom('orgs').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;

async function run(seed: number, steps: number) {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const w = await world(`p${seed}`);
  const members: string[] = [];
  for (let i = 0; i < 40; i++) {
    const branchId = pick(w.branches);
    const m = await t.factories.member(
      { id: branchId, path: await orgPath(branchId) },
      {
        positions: pick(POSITION_SETS),
        phone: null,
      },
    );
    members.push(m.id);
  }
  const records: string[] = [];
  const done: string[] = [];
  const addRecord = async () => {
    const branchId = pick(w.branches);
    const guest = rand() < 0.15;
    const id = await lecture(t, {
      campaignId: pick(w.campaigns),
      org: { id: branchId, path: await orgPath(branchId) },
      speaker: guest ? null : { id: pick(members) },
      guest: guest ? '外请专家' : undefined,
      status: rand() < 0.1 ? 'returned' : 'recorded',
      createdBy: adminId,
    });
    records.push(id);
    return 'add';
  };
  for (let i = 0; i < 12; i++) await addRecord();

  const ops: (() => Promise<string>)[] = [
    addRecord,
    async () => {
      // Several records in one statement: one trigger call over a multi-row transition table.
      const branchId = pick(w.branches);
      const path = await orgPath(branchId);
      const campaignId = pick(w.campaigns);
      const speakers = [pick(members), pick(members), pick(members)];
      const rows = await t.db
        .insertInto('lecture_records')
        .values(
          speakers.map((s) => ({
            campaign_id: campaignId,
            org_id: branchId,
            org_path: path,
            held_on: '2026-08-01',
            occasion: 'party_group' as const,
            topic: '批量',
            category_key: 'theory',
            speaker_member_id: s,
            attendance: 5,
            created_by: adminId,
          })),
        )
        .returning('id')
        .execute();
      records.push(...rows.map((r) => r.id));
      return 'add-batch';
    },
    async () => {
      await t.db
        .updateTable('lecture_records')
        .set({ status: pick(['returned', 'confirmed', 'recorded'] as const) })
        .where('id', '=', pick(records))
        .execute();
      return 'status';
    },
    async () => {
      const some = [pick(records), pick(records), pick(records)];
      await t.db.updateTable('lecture_records').set({ status: 'returned' }).where('id', 'in', some).execute();
      return 'return-batch';
    },
    async () => {
      await t.db
        .updateTable('lecture_records')
        .set({ deleted_at: new Date() })
        .where('id', '=', pick(records))
        .execute();
      return 'delete';
    },
    async () => {
      await t.db
        .updateTable('lecture_records')
        .set({ deleted_at: null })
        .where('id', '=', pick(records))
        .execute();
      return 'restore';
    },
    async () => {
      const id = pick(records);
      if (rand() < 0.2) {
        await t.db
          .updateTable('lecture_records')
          .set({ speaker_member_id: null, guest_speaker_name: '嘉宾' })
          .where('id', '=', id)
          .execute();
        return 'to-guest';
      }
      await t.db
        .updateTable('lecture_records')
        .set({ speaker_member_id: pick(members), guest_speaker_name: null })
        .where('id', '=', id)
        .execute();
      return 'speaker';
    },
    async () => {
      await t.db
        .updateTable('lecture_records')
        .set({ campaign_id: pick(w.campaigns) })
        .where('id', '=', pick(records))
        .execute();
      return 'campaign';
    },
    async () => {
      const id = pick(records.filter((r) => !done.includes(r)));
      await t.db.deleteFrom('lecture_records').where('id', '=', id).execute();
      done.push(id);
      records.splice(records.indexOf(id), 1);
      return 'hard-delete';
    },
    async () => {
      const branchId = pick(w.branches);
      await t.db
        .updateTable('members')
        .set({ org_id: branchId, org_path: await orgPath(branchId) })
        .where('id', '=', pick(members))
        .execute();
      return 'member-move';
    },
    async () => {
      const town = pick(w.towns);
      const res = await admin.post(`/api/orgs/${town.id}/move`, { parentId: pick(w.counties) });
      if (res.statusCode !== 200) throw new Error(`move: ${res.statusCode} ${res.body}`);
      return 'subtree-move';
    },
    async () => {
      await t.db
        .updateTable('members')
        .set({ active: rand() < 0.5 })
        .where('id', '=', pick(members))
        .execute();
      return 'active';
    },
    async () => {
      await t.db
        .updateTable('members')
        .set({ positions: pick(POSITION_SETS) })
        .where('id', '=', pick(members))
        .execute();
      return 'positions';
    },
    async () => {
      // A bulk member change: everyone in one branch becomes 党员 and is deactivated or reactivated.
      const branchId = pick(w.branches);
      await t.db
        .updateTable('members')
        .set({ active: rand() < 0.7, positions: ['党员'] })
        .where('org_id', '=', branchId)
        .execute();
      return 'bulk-members';
    },
    async () => {
      await t.db
        .updateTable('members')
        .set({ name: sql`name || '·'` })
        .where('id', '=', pick(members))
        .execute();
      return 'rename';
    },
  ];

  const log: string[] = [];
  for (let i = 0; i < steps; i++) {
    log.push(await pick(ops)());
    const drift = await rollupDrift(t.db);
    if (drift.length)
      throw new Error(`seed ${seed}, step ${i} after ${log.slice(-5).join(' → ')}:\n${drift.join('\n')}`);
  }
  return log;
}

class Found extends Error {
  constructor(readonly drift: string[]) {
    super('found');
  }
}

describe('coverage rollups', () => {
  it('match a recount from the raw rows after every random operation', async () => {
    const seed = Number(process.env.COVERAGE_SEED ?? 20261206);
    const log = await run(seed, 300);
    // Every kind of operation was exercised.
    expect(new Set(log).size).toBeGreaterThanOrEqual(14);
    const { n } = await t.db
      .selectFrom('coverage_counts')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(n).toBeGreaterThan(0);
  });

  it('hold for a second seed', async () => {
    await run(7, 120);
  });

  it('are checked by a recount that notices a wrong row', async () => {
    expect(await rollupDrift(t.db)).toEqual([]);
    const one = await t.db
      .selectFrom('coverage_counts')
      .select(['campaign_id', 'org_path'])
      .executeTakeFirstOrThrow();
    const drift = await t.db
      .transaction()
      .execute(async (tx) => {
        await tx
          .updateTable('coverage_counts')
          .set({ deputies: sql`deputies + 1` })
          .where('campaign_id', '=', one.campaign_id)
          .where('org_path', '=', one.org_path)
          .execute();
        throw new Found(await rollupDrift(tx));
      })
      .catch((e: unknown) => (e instanceof Found ? e.drift : Promise.reject(e)));
    expect(drift).toHaveLength(2);
    expect(await rollupDrift(t.db)).toEqual([]);
  });
});
