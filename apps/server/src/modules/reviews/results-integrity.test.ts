import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { openSemifinal, reviewScene, scoresAt, type ReviewScene, type RoundView } from './test-scene.ts';

/**
 * What the results say when they cannot be final yet: a tie across the cut (待定, and why), a score
 * reopened and not yet resubmitted, a submitted score whose log record is gone. Each is shown where
 * the organiser and supervisor look, and closing, confirming and signing off refuse.
 */

let t: TestContext;
let s: ReviewScene;
let round: RoundView;

interface Item {
  entryId: string;
  code: string;
  rank: number | null;
  score: string | null;
  assigned: number;
  awaiting: number;
  used: number;
  needsDecision: boolean;
  advancing: boolean;
  advancement: 'yes' | 'no' | 'pending';
  advancementLabel: string;
  advancementNote: string | null;
  note: string | null;
  tieBreak: string | null;
  flags: string[];
  judges: { judgeId: string; status: string; statusLabel: string }[];
}
interface Results {
  state: string;
  missingScores: number;
  reopenedScores: number;
  problems: string[];
  items: Item[];
}

const url = (rest = '') => `/api/rounds/${round.round.id}${rest}`;
const results = () => s.organiser.client.get(url('/results')).then((r) => r.json<Results>());
const judgeClient = (id: string) => s.judges.find((j) => j.id === id)!.client;
const submit = (judgeId: string, code: string, fraction: number) =>
  judgeClient(judgeId).put(`/api/judging/rounds/${round.round.id}/items/${code}/score`, {
    scores: scoresAt(round.round.config, fraction),
    submit: true,
  });

/** The entry every judge scores lower-than-the-rest once: it ties on the final score only. */
let lowEntry: { entryId: string; code: string; judgeId: string };

beforeAll(async () => {
  t = await createTestContext();
  s = await reviewScene(t, 'ri');
  round = await openSemifinal(s.organiser.client, s.campaignId, {
    advancement: { kind: 'top_n', count: 2 },
  });
  await s.organiser.client.post(url('/judges'), { userIds: s.judges.map((j) => j.id) });
  await s.organiser.client.post(url('/assign'));
  round = (await s.organiser.client.get(url())).json<RoundView>();
  const first = round.entries[0]!;
  lowEntry = { entryId: first.entryId, code: first.code, judgeId: first.judges[0]!.judgeId };
  // Every judge gives every entry 80 %, except one judge of the first entry (50 %): with the highest
  // and lowest dropped all six score 80.00; the first has the lower mean before dropping.
  for (const e of round.entries)
    for (const j of e.judges) {
      const low = e.entryId === lowEntry.entryId && j.judgeId === lowEntry.judgeId;
      const res = await submit(j.judgeId, e.code, low ? 0.5 : 0.8);
      expect(res.statusCode).toBe(200);
    }
});
afterAll(async () => t.close());

describe('a tie on the cut', () => {
  it('is 待定 with the reason, not 是 / 否, while undecided', async () => {
    const r = await results();
    const tied = r.items.filter((i) => i.needsDecision);
    expect(tied).toHaveLength(5);
    for (const i of tied) {
      expect(i.advancement).toBe('pending');
      expect(i.advancementLabel).toBe('待定');
      expect(i.advancing).toBe(false);
      expect(i.advancementNote).toContain('同分并列第 1 名，只剩 2 个晋级名额，待组织者裁定同分名次');
    }
  });

  it('says how the tie rule separated an entry with the same final score', async () => {
    const low = (await results()).items.find((i) => i.entryId === lowEntry.entryId)!;
    expect(low.score).toBe('80.00');
    expect(low.rank).toBe(6);
    expect(low.tieBreak).toBe('同分，按去分前平均分区分');
    expect(low.note).toBe('同分，按去分前平均分区分');
    expect(low.advancementLabel).toBe('否');
  });

  it('shows 待定 and the tie-break in the exported sheets', async () => {
    for (const kind of ['full', 'summary']) {
      const res = await s.supervisor.client.get(url(`/export?kind=${kind}`));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
      expect(text, kind).toContain('待定');
      expect(text, kind).toContain('待组织者裁定同分名次');
      expect(text, kind).toContain('同分，按去分前平均分区分');
    }
  });

  it('is decided by the organiser as a record of the log; then the cut is made', async () => {
    const r = await results();
    const order = r.items.filter((i) => i.needsDecision).map((i) => i.entryId);
    const res = await s.organiser.client.post(url('/ties'), { order, reason: '经评审组合议排序' });
    expect(res.statusCode).toBe(200);
    const after = res.json<Results>();
    expect(after.items.filter((i) => i.advancement === 'yes').map((i) => i.entryId)).toEqual(
      order.slice(0, 2),
    );
    expect(after.items.some((i) => i.advancement === 'pending')).toBe(false);
    const log = (await s.supervisor.client.get(url('/score-log'))).json<{ items: { action: string }[] }>();
    expect(log.items[log.items.length - 1]!.action).toBe('tie_decided');
  });
});

describe('a reopened score', () => {
  it('counts as assigned, says it awaits resubmission, and blocks closing', async () => {
    const r = await results();
    const item = r.items.find((i) => i.entryId !== lowEntry.entryId)!;
    const judge = item.judges[0]!;
    const reopen = await s.organiser.client.post(url('/scores/reopen'), {
      entryId: item.entryId,
      judgeId: judge.judgeId,
      reason: '评委反映误填',
    });
    expect(reopen.statusCode).toBe(200);
    const after = (await results()).items.find((i) => i.entryId === item.entryId)!;
    expect(after.assigned).toBe(3);
    expect(after.awaiting).toBe(1);
    expect(after.used).toBe(2);
    expect(after.flags).toContain('1 份评分已重新打开，待评委重新提交');
    expect(after.judges.find((j) => j.judgeId === judge.judgeId)!.statusLabel).toBe('待重新提交');
    expect((await results()).reopenedScores).toBe(1);
    const close = await s.organiser.client.post(url('/close'));
    expect(close.statusCode).toBe(409);
    expect(close.json().detail).toContain('其中 1 份已重新打开、待评委重新提交');
    expect((await submit(judge.judgeId, item.code, 0.8)).statusCode).toBe(200);
  });
});

describe('a submitted score whose log record is gone', () => {
  /** Deletes the newest submit record of one pair, as a database owner could. */
  async function deleteSubmit() {
    const row = await t.db
      .selectFrom('score_log')
      .selectAll()
      .where('round_id', '=', round.round.id)
      .where('action', '=', 'submit')
      .where('entry_id', '!=', lowEntry.entryId)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    await t.db.transaction().execute(async (tx) => {
      await sql`ALTER TABLE score_log DISABLE TRIGGER score_log_no_change`.execute(tx);
      await tx.deleteFrom('score_log').where('id', '=', row.id).execute();
      await sql`ALTER TABLE score_log ENABLE TRIGGER score_log_no_change`.execute(tx);
    });
    return row;
  }

  it('is flagged in the results and closing refuses', async () => {
    const row = await deleteSubmit();
    const r = await results();
    expect(r.problems.join()).toContain('评分记录中没有这份提交');
    const item = r.items.find((i) => i.entryId === row.entry_id)!;
    expect(item.flags.join()).toContain('评分记录中没有这份提交');
    const close = await s.organiser.client.post(url('/close'));
    expect(close.statusCode).toBe(409);
    expect(close.json().detail).toContain('评分记录与评审数据不一致');
    // Put the record back: the round closes.
    await t.db
      .insertInto('score_log')
      .values({ ...row, scores: JSON.stringify(row.scores), data: null })
      .execute();
    expect((await results()).problems).toEqual([]);
    expect((await s.organiser.client.post(url('/close'))).statusCode).toBe(200);
  });

  it('after closing, blocks the sign-off and the confirmation', async () => {
    await deleteSubmit();
    const sign = await s.supervisor.client.post(url('/signoffs'), { comment: '同意' });
    expect(sign.statusCode).toBe(409);
    expect(sign.json().detail).toContain('评分记录与评审数据不一致');
    const confirm = await s.organiser.client.post(url('/confirm'));
    expect(confirm.statusCode).toBe(409);
    expect(confirm.json().detail).toContain('评分记录与评审数据不一致');
  });
});
