import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { openSemifinal, reviewScene, scoresAt, type ReviewScene, type RoundView } from './test-scene.ts';

/**
 * The score log is append-only (a trigger refuses UPDATE and DELETE), and whoever gets round that —
 * someone with the database owner's rights — is caught by the supervisor's chain check.
 */

let t: TestContext;
let s: ReviewScene;
let round: RoundView;

const verify = () =>
  s.supervisor.client
    .post(`/api/rounds/${round.round.id}/verify`)
    .then((r) => r.json<{ ok: boolean; brokenAt: number | null; message: string }>());

/** Runs `change` on score_log with the append-only trigger off, as a database owner could. */
async function asOwner(change: string) {
  await t.db.transaction().execute(async (tx) => {
    await sql`ALTER TABLE score_log DISABLE TRIGGER score_log_no_change`.execute(tx);
    await sql.raw(change).execute(tx);
    await sql`ALTER TABLE score_log ENABLE TRIGGER score_log_no_change`.execute(tx);
  });
}

beforeAll(async () => {
  t = await createTestContext();
  s = await reviewScene(t, 'ct');
  round = await openSemifinal(s.organiser.client, s.campaignId);
  await s.organiser.client.post(`/api/rounds/${round.round.id}/judges`, {
    userIds: s.judges.map((j) => j.id),
  });
  await s.organiser.client.post(`/api/rounds/${round.round.id}/assign`);
  for (const [i, j] of s.judges.entries()) {
    const q = (await j.client.get(`/api/judging/rounds/${round.round.id}`)).json<{
      items: { code: string }[];
    }>();
    for (const item of q.items) {
      await j.client.put(`/api/judging/rounds/${round.round.id}/items/${item.code}/score`, {
        scores: scoresAt(round.round.config, 0.6 + i * 0.1),
        submit: true,
      });
    }
  }
});
afterAll(async () => t.close());

describe('the score log', () => {
  it('verifies when untouched', async () => {
    const v = await verify();
    expect(v.ok).toBe(true);
    expect(v.message).toMatch(/共 \d+ 条/);
  });

  it('refuses UPDATE and DELETE from the application', async () => {
    await expect(sql`UPDATE score_log SET comment = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM score_log`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('finds a changed score at its row', async () => {
    const row = await t.db
      .selectFrom('score_log')
      .select(['id', 'seq', 'scores'])
      .orderBy('seq')
      .offset(2)
      .executeTakeFirstOrThrow();
    const key = Object.keys(row.scores)[0]!;
    const forged = JSON.stringify({ ...row.scores, [key]: '40' }).replace(/'/g, "''");
    await asOwner(`UPDATE score_log SET scores = '${forged}'::jsonb WHERE id = ${row.id}`);
    const v = await verify();
    expect(v.ok).toBe(false);
    expect(v.brokenAt).toBe(row.seq);
    expect(v.message).toContain(`第 ${row.seq} 条评分记录校验失败`);
    await asOwner(
      `UPDATE score_log SET scores = '${JSON.stringify(row.scores)}'::jsonb WHERE id = ${row.id}`,
    );
    expect((await verify()).ok).toBe(true);
  });

  it('finds a deleted last row against the stored head', async () => {
    const last = await t.db
      .selectFrom('score_log')
      .selectAll()
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    await asOwner(`DELETE FROM score_log WHERE id = ${last.id}`);
    const v = await verify();
    expect(v.ok).toBe(false);
    expect(v.message).toContain('篡改');
  });
});
