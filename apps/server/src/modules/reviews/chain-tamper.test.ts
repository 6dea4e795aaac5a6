import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { chainRecord } from './hash-chain.ts';
import type { ScoreLogRow } from './repository.ts';
import { toStoredRecord } from './score-log.ts';
import { openSemifinal, reviewScene, scoresAt, type ReviewScene, type RoundView } from './test-scene.ts';

/**
 * The score log is append-only (a trigger refuses UPDATE and DELETE), and whoever gets round that —
 * someone with the database owner's rights — is caught by the supervisor's chain check.
 */

let t: TestContext;
let s: ReviewScene;
let round: RoundView;

const url = (rest = '') => `/api/rounds/${round.round.id}${rest}`;
const verify = () =>
  s.supervisor.client
    .post(url('/verify'))
    .then((r) => r.json<{ ok: boolean; brokenAt: number | null; message: string }>());

interface Results {
  chainHead: string;
  records: number;
  items: { entryId: string; score: string | null; judges: { judgeId: string; total: string | null }[] }[];
}
const results = () => s.organiser.client.get(url('/results')).then((r) => r.json<Results>());
const headNow = () =>
  t.db
    .selectFrom('review_rounds')
    .select(['chain_head', 'score_count'])
    .where('id', '=', round.round.id)
    .executeTakeFirstOrThrow();
const checkHead = (head: string) => s.supervisor.client.post(url('/verify/head'), { head });
const logRows = () =>
  t.db.selectFrom('score_log').selectAll().where('round_id', '=', round.round.id).orderBy('seq').execute();

/**
 * What someone with the database owner's rights can do beyond editing one row: change a score and
 * re-hash every row after it, then store the new head in the round row. Returns the rows as they were.
 */
async function rewriteFrom(index: number, change: (row: ScoreLogRow) => ScoreLogRow['scores']) {
  const rows = await logRows();
  let prev = rows[index - 1]?.hash ?? rows[0]!.prev_hash;
  await t.db.transaction().execute(async (tx) => {
    await sql`ALTER TABLE score_log DISABLE TRIGGER score_log_no_change`.execute(tx);
    for (const row of rows.slice(index)) {
      const scores = row === rows[index] ? change(row) : row.scores;
      const forged = chainRecord(prev, { ...toStoredRecord(row), scores });
      await tx
        .updateTable('score_log')
        .set({ scores: JSON.stringify(scores), prev_hash: forged.prevHash, hash: forged.hash })
        .where('id', '=', row.id)
        .execute();
      prev = forged.hash;
    }
    await sql`ALTER TABLE score_log ENABLE TRIGGER score_log_no_change`.execute(tx);
    await tx
      .updateTable('review_rounds')
      .set({ chain_head: prev })
      .where('id', '=', round.round.id)
      .execute();
  });
  return rows;
}

async function restore(rows: ScoreLogRow[]) {
  await t.db.transaction().execute(async (tx) => {
    await sql`ALTER TABLE score_log DISABLE TRIGGER score_log_no_change`.execute(tx);
    for (const row of rows)
      await tx
        .updateTable('score_log')
        .set({ scores: JSON.stringify(row.scores), prev_hash: row.prev_hash, hash: row.hash })
        .where('id', '=', row.id)
        .execute();
    await sql`ALTER TABLE score_log ENABLE TRIGGER score_log_no_change`.execute(tx);
    await tx
      .updateTable('review_rounds')
      .set({ chain_head: rows[rows.length - 1]!.hash })
      .where('id', '=', round.round.id)
      .execute();
  });
}

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

  it('moves the head when a judge is removed after the sign-off; the sign-off shows as lapsed', async () => {
    expect((await s.organiser.client.post(url('/close'))).statusCode).toBe(200);
    const before = await results();
    const sign = await s.supervisor.client.post(url('/signoffs'), {
      comment: '同意',
      chainHead: before.chainHead,
    });
    expect(sign.statusCode).toBe(201);
    expect(sign.json<{ items: { current: boolean }[] }>().items[0]!.current).toBe(true);

    // Take the lowest-scoring judge off the first entry: with two scores left nothing is dropped.
    const item = before.items[0]!;
    const low = [...item.judges].sort((a, b) => Number(a.total) - Number(b.total))[0]!;
    const removed = await s.organiser.client.post(url('/scores/remove'), {
      entryId: item.entryId,
      judgeId: low.judgeId,
      reason: '签字后发现该评委与作者系同事',
    });
    expect(removed.statusCode).toBe(200);
    const after = await results();
    expect(after.items.find((i) => i.entryId === item.entryId)!.score).not.toBe(item.score);
    expect(after.chainHead).not.toBe(before.chainHead);
    expect(after.records).toBe(before.records + 1);
    expect((await headNow()).chain_head).toBe(after.chainHead);

    const log = (await s.supervisor.client.get(url('/score-log'))).json<{
      items: { action: string; summary: string | null; reason: string | null }[];
    }>();
    const last = log.items[log.items.length - 1]!;
    expect(last.action).toBe('judge_removed');
    expect(last.summary).toContain('移除评委');
    expect(last.reason).toBe('签字后发现该评委与作者系同事');

    const signoffs = (await s.supervisor.client.get(url('/signoffs'))).json<{
      items: { current: boolean; lapsedNote: string | null }[];
    }>();
    expect(signoffs.items[0]!.current).toBe(false);
    expect(signoffs.items[0]!.lapsedNote).toContain('已失效');
    // The log itself is intact and still contains the head the supervisor signed.
    expect((await verify()).ok).toBe(true);
  });

  it('refuses a sign-off for results the supervisor did not see', async () => {
    const stale = (await s.supervisor.client.get(url('/signoffs'))).json<{
      items: { chainHead: string }[];
    }>().items[0]!.chainHead;
    const res = await s.supervisor.client.post(url('/signoffs'), { comment: '同意', chainHead: stale });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('请刷新页面');
  });

  it("says whether today's log extends a head typed in from paper, and at which record", async () => {
    const signed = (await s.supervisor.client.get(url('/signoffs'))).json<{
      items: { chainHead: string; records: number }[];
    }>().items[0]!;
    const { score_count: n } = await headNow();
    const res = await checkHead(signed.chainHead.slice(0, 16).toUpperCase());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ extends: true, found: true, position: signed.records, records: n });
    expect(res.json().message).toContain(`它是第 ${signed.records} 条记录的哈希，此后又追加了 1 条`);

    const unknown = (await checkHead('0123456789abcdef')).json<{ extends: boolean; message: string }>();
    expect(unknown.extends).toBe(false);
    expect(unknown.message).toContain('找不到这个链头');

    const bad = await checkHead('不是哈希');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('十六进制');
  });

  it('finds a re-hashed log with an updated head against the heads recorded elsewhere and on paper', async () => {
    const signedHead = (await s.supervisor.client.get(url('/signoffs'))).json<{
      items: { chainHead: string }[];
    }>().items[0]!.chainHead;
    const rows = await logRows();
    const target = rows.findIndex((r) => r.action === 'submit');
    const original = await rewriteFrom(target, (row) => {
      const key = Object.keys(row.scores)[0]!;
      return { ...row.scores, [key]: '40' };
    });
    try {
      // Every hash fits its row and the round row holds the new head: only the copies elsewhere disagree.
      const v = await verify();
      expect(v.ok).toBe(false);
      expect(v.brokenAt).toBeNull();
      expect(v.message).toContain('不在当前评分记录中');
      expect(v.message).toMatch(/操作日志「.+」|签字/);
      const paper = (await checkHead(signedHead)).json<{ extends: boolean }>();
      expect(paper.extends).toBe(false);
    } finally {
      await restore(original);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('records rule changes after reopening in the log and computes with the recorded rules', async () => {
    const r = await results();
    const item = r.items[1]!;
    const judge = item.judges.find((j) => j.total !== null)!;
    const reopened = await s.organiser.client.post(url('/scores/reopen'), {
      entryId: item.entryId,
      judgeId: judge.judgeId,
      reason: '核对分数',
    });
    expect(reopened.statusCode).toBe(200);
    const before = await headNow();
    const patched = await s.organiser.client.patch(url(), { dropHighest: 0, dropLowest: 0 });
    expect(patched.statusCode, patched.body).toBe(200);
    const after = await headNow();
    expect(after.score_count).toBe(before.score_count + 1);
    const log = (await s.supervisor.client.get(url('/score-log'))).json<{
      items: { action: string; summary: string | null }[];
    }>();
    expect(log.items[log.items.length - 1]).toMatchObject({ action: 'rules_set' });
    expect(log.items[log.items.length - 1]!.summary).toContain('去掉 0 个最高分、0 个最低分');

    // A rule changed in the round row alone does not move the results, and is flagged.
    await sql`UPDATE review_rounds SET config = jsonb_set(config, '{dropHighest}', '1') WHERE id = ${round.round.id}`.execute(
      t.db,
    );
    const flagged = (await s.organiser.client.get(url('/results'))).json<{
      dropHighest: number;
      problems: string[];
    }>();
    expect(flagged.dropHighest).toBe(0);
    expect(flagged.problems.join()).toContain('计分规则');
    await sql`UPDATE review_rounds SET config = jsonb_set(config, '{dropHighest}', '0') WHERE id = ${round.round.id}`.execute(
      t.db,
    );
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
