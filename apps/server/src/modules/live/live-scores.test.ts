import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { liveScene, liveScores, newKey, setOrder, type LiveScene } from './test-live-scene.ts';

/**
 * Judges' scores on the hall's Wi-Fi: a retry with the same key is answered with the first outcome
 * and counted once (also when the first answer never reached the phone), the same key with other
 * content and a second submission are refused, the organiser's reopen lets the judge score again;
 * and the round's hash chain covers the live scores and time records.
 */
let t: TestContext;
let s: LiveScene;
let first: string;

const submits = (entryId: string, judgeId: string) =>
  t.db
    .selectFrom('score_log')
    .select('seq')
    .where('round_id', '=', s.roundId)
    .where('entry_id', '=', entryId)
    .where('judge_user_id', '=', judgeId)
    .where('action', '=', 'submit')
    .execute();

beforeAll(async () => {
  t = await createTestContext();
  s = await liveScene(t, 'sc');
  await setOrder(
    s,
    s.entries.map((e) => e.id),
  );
  first = s.entries[0]!.id;
  const mc = s.organiser.client;
  for (const [path, body] of [
    ['/start', {}],
    ['/next', {}],
    ['/timer', { action: 'start' }],
    ['/timer', { action: 'stop' }],
  ] as const) {
    if (path === '/timer' && body.action === 'stop') t.clock.advance(300_000);
    const res = await mc.post(s.live(path), body);
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.body}`);
  }
  await mc.post(s.live('/open-scoring'));
});
afterAll(() => t.close());

describe('idempotent scores', () => {
  it('a retry with the same key gets the same answer and appends nothing', async () => {
    const j = s.liveJudges[0]!;
    const body = { key: newKey(), entryId: first, scores: liveScores(s.config, 0.8) };
    const a = await j.client.post(s.live('/score'), body);
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ entryId: first, status: 'submitted', total: '80' });
    const b = await j.client.post(s.live('/score'), body);
    expect(b.statusCode).toBe(200);
    expect(b.json()).toEqual(a.json());
    expect(await submits(first, j.id)).toHaveLength(1);
    // The same key with other content is not a retry.
    const c = await j.client.post(s.live('/score'), { ...body, scores: liveScores(s.config, 0.7) });
    expect(c.statusCode).toBe(409);
    // A new key for the same speaker is a second submission: refused.
    const d = await j.client.post(s.live('/score'), { ...body, key: newKey() });
    expect(d.statusCode).toBe(409);
    expect(d.json<{ detail: string }>().detail).toContain('重新打开');
    // Another judge cannot reuse someone's key.
    const e = await s.liveJudges[1]!.client.post(s.live('/score'), body);
    expect(e.statusCode).toBe(409);
    expect(await submits(first, j.id)).toHaveLength(1);
  });

  it('the connection drops after the request is sent: the server commits, the retry is counted once', async () => {
    const j = s.liveJudges[1]!;
    const body = JSON.stringify({ key: newKey(), entryId: first, scores: liveScores(s.config, 0.7) });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    // The phone sends the whole request; the server commits; the Wi-Fi drops before the phone reads
    // a byte of the answer (nothing is ever read from the socket).
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.on('connect', resolve));
    socket.write(
      [
        `POST ${s.live('/score')} HTTP/1.1`,
        'Host: 127.0.0.1',
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        `Cookie: ${j.client.cookie}`,
        `x-csrf-token: ${j.client.csrf}`,
        '',
        body,
      ].join('\r\n'),
    );
    for (let i = 0; i < 200 && (await submits(first, j.id)).length === 0; i += 1)
      await new Promise((r) => setTimeout(r, 25));
    socket.destroy();
    expect(await submits(first, j.id)).toHaveLength(1);
    // The phone retries with the same key and gets the committed outcome.
    const retry = await j.client.post(s.live('/score'), JSON.parse(body) as object);
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toMatchObject({ entryId: first, status: 'submitted', total: '70' });
    expect(await submits(first, j.id)).toHaveLength(1);
  });

  it('the judge phone keeps what was submitted', async () => {
    const view = await s.liveJudges[1]!.client.get(s.live('/judge'));
    expect(view.statusCode).toBe(200);
    const v = view.json<{
      current: { entryId: string; submitted: boolean; canScore: boolean };
      toScore: unknown[];
    }>();
    expect(v.current).toMatchObject({ entryId: first, submitted: true, canScore: false });
    expect(v.toScore).toEqual([]);
    const other = await s.liveJudges[2]!.client.get(s.live('/judge'));
    expect(other.json<{ toScore: { entryId: string }[] }>().toScore.map((x) => x.entryId)).toEqual([first]);
  });

  it('the organiser reopens a submitted score with a reason; the judge then scores again', async () => {
    const j = s.liveJudges[0]!;
    const reopened = await s.organiser.client.post(`/api/rounds/${s.roundId}/scores/reopen`, {
      entryId: first,
      judgeId: j.id,
      reason: '评委误填分数',
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const view = await j.client.get(s.live('/judge'));
    expect(view.json<{ toScore: { entryId: string; reopenReason: string }[] }>().toScore).toEqual([
      expect.objectContaining({ entryId: first, reopenReason: '评委误填分数' }),
    ]);
    const again = await j.client.post(s.live('/score'), {
      key: newKey(),
      entryId: first,
      scores: liveScores(s.config, 0.9),
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(await submits(first, j.id)).toHaveLength(2);
  });

  it('two attempts with the same key at the same moment: one score, the same answer to both', async () => {
    const j = s.liveJudges[2]!;
    const body = { key: newKey(), entryId: first, scores: liveScores(s.config, 0.6) };
    const [a, b] = await Promise.all([
      j.client.post(s.live('/score'), body),
      j.client.post(s.live('/score'), body),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json()).toEqual(b.json());
    expect(await submits(first, j.id)).toHaveLength(1);
  });

  it('the chain check covers live scores and time records, and finds a tampered one', async () => {
    const verify = () =>
      s.supervisor.client
        .post(`/api/rounds/${s.roundId}/verify`)
        .then((r) => r.json<{ ok: boolean; message: string }>());
    expect((await verify()).ok).toBe(true);
    const actions = await t.db
      .selectFrom('score_log')
      .select('action')
      .where('round_id', '=', s.roundId)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['time_recorded', 'submit', 'reopen']),
    );
    // Someone with the owner's rights shortens the speaker's time (less penalty).
    await t.db.transaction().execute(async (tx) => {
      await sql`ALTER TABLE score_log DISABLE TRIGGER score_log_no_change`.execute(tx);
      await sql`UPDATE score_log SET data = jsonb_set(data, '{spokenSeconds}', '100')
        WHERE round_id = ${s.roundId} AND action = 'time_recorded'`.execute(tx);
      await sql`ALTER TABLE score_log ENABLE TRIGGER score_log_no_change`.execute(tx);
    });
    const v = await verify();
    expect(v.ok).toBe(false);
    expect(v.message).toContain('篡改');
  });
});
