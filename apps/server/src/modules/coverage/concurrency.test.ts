import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { coverageCampaign, rollupDrift } from './test-coverage-support.ts';

/**
 * Concurrent writers keep the rollups right: lecture records for the same members saved while those
 * members are moved, deactivated and given new positions, each in its own transaction that pauses
 * mid-way so they overlap (with TEST_DATABASE_URL, on a real server's pool; on PGlite they queue).
 * A lecture write holds its speakers' member rows FOR SHARE, so a move either waits for it and then
 * sees its speaker row, or is seen by it. A deadlock victim is rolled back whole, which is also fine.
 */

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

describe('coverage rollups under concurrent writers', () => {
  it('match the recount after overlapping lecture saves, moves and deactivations', async () => {
    const f = t.factories;
    const city = await f.org({ name: '并发市委', type: 'committee' });
    const branches: Awaited<ReturnType<typeof f.org>>[] = [];
    for (let i = 0; i < 3; i++)
      branches.push(await f.org({ name: `并发支部${i}`, type: 'branch', parent: city }));
    const members: Awaited<ReturnType<typeof f.member>>[] = [];
    for (let i = 0; i < 6; i++)
      members.push(
        await f.member(branches[i % 3]!, { positions: i === 0 ? ['书记'] : ['党员'], phone: null }),
      );
    const user = await f.user([{ role: 'platform_admin', org: city }]);
    const campaignId = await coverageCampaign(t, city);

    const pause = sql`SELECT pg_sleep(0.02)`;
    const tolerate = (e: unknown) => {
      const code = (e as { code?: string }).code;
      if (code !== '40P01') throw e;
    };
    const work: Promise<unknown>[] = [];
    for (let round = 0; round < 6; round++) {
      for (const [i, m] of members.entries()) {
        const b = branches[(i + round) % 3]!;
        work.push(
          t.db
            .transaction()
            .execute(async (tx) => {
              await tx
                .insertInto('lecture_records')
                .values({
                  campaign_id: campaignId,
                  org_id: b.id,
                  org_path: b.path,
                  held_on: '2026-07-20',
                  occasion: 'party_group',
                  topic: '并发',
                  category_key: 'theory',
                  speaker_member_id: m.id,
                  attendance: 3,
                  status: round % 3 === 2 ? 'returned' : 'recorded',
                  created_by: user.id,
                })
                .execute();
              await pause.execute(tx);
            })
            .catch(tolerate),
          t.db
            .transaction()
            .execute(async (tx) => {
              const to = branches[(i + round + 1) % 3]!;
              await tx
                .updateTable('members')
                .set({
                  org_id: to.id,
                  org_path: to.path,
                  active: round % 4 !== 3,
                  positions: round % 2 ? ['副书记'] : ['党员'],
                })
                .where('id', '=', m.id)
                .execute();
              await pause.execute(tx);
            })
            .catch(tolerate),
        );
      }
    }
    await Promise.all(work);
    expect(await rollupDrift(t.db)).toEqual([]);

    // The race the FOR SHARE closes, set up on purpose: a lecture saved (trigger run, not committed yet)
    // while the speaker is moved to another branch by a second transaction.
    const late = await f.member(branches[0]!, { positions: ['党员'], phone: null });
    const saving = t.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('lecture_records')
        .values({
          campaign_id: campaignId,
          org_id: branches[0]!.id,
          org_path: branches[0]!.path,
          held_on: '2026-07-21',
          occasion: 'theme_day',
          topic: '先记后调',
          category_key: 'theory',
          speaker_member_id: late.id,
          attendance: 3,
          created_by: user.id,
        })
        .execute();
      await sql`SELECT pg_sleep(0.3)`.execute(tx);
    });
    await new Promise((r) => setTimeout(r, 100));
    const moving = t.db
      .updateTable('members')
      .set({ org_id: branches[1]!.id, org_path: branches[1]!.path })
      .where('id', '=', late.id)
      .execute();
    await Promise.all([saving, moving]);
    expect(await rollupDrift(t.db)).toEqual([]);
    const { n } = await t.db
      .selectFrom('coverage_speakers')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(n).toBe(members.length + 1);
  });
});
