import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { OrderDetail, PoolOverview } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { seedDemoIfEmpty } from './seed.ts';

const DEMO_PASSWORD = 'Demo2026pass';

/** The demo city's 师资库, 宣讲菜单 and orders: consistent with themselves and with the clock. */
describe('the demo pools and orders', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext();
    const seeded = await seedDemoIfEmpty(
      { ...t.deps, config: { ...t.deps.config, DEMO_PASSWORD } },
      { log: () => {}, finalistMedia: false },
    );
    if (!seeded) throw new Error('expected the empty database to be seeded');
  });
  afterAll(async () => t.close());

  it('has pools with speakers of every kind, members active where the speaker is', async () => {
    const { rows } = await sql<{ status: string; source: string; n: number }>`
      SELECT status, source, count(*)::int AS n FROM pool_speakers GROUP BY 1, 2`.execute(t.db);
    const n = (status: string, source?: string) =>
      rows
        .filter((r) => r.status === status && (!source || r.source === source))
        .reduce((a, r) => a + r.n, 0);
    expect(n('active', 'contest')).toBeGreaterThan(0);
    expect(n('active', 'nomination')).toBeGreaterThan(0);
    expect(n('nominated')).toBeGreaterThanOrEqual(2);
    expect(n('left')).toBe(1);
    const bad = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pool_speakers s LEFT JOIN members m ON m.id = s.member_id
      WHERE (s.member_id IS NOT NULL AND m.id IS NULL)
         OR (s.status = 'active' AND s.member_id IS NOT NULL AND NOT m.active)
         OR (s.source = 'contest' AND s.source_entry_id IS NULL)
         OR (s.status = 'left' AND (s.status_reason IS NULL OR s.left_at IS NULL))
         OR (s.member_id IS NULL AND s.source <> 'direct')`.execute(t.db);
    expect(bad.rows[0]!.n).toBe(0);
    const experts = await t.db
      .selectFrom('pool_speakers')
      .select('id')
      .where('member_id', 'is', null)
      .execute();
    expect(experts.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps each speaker’s history in step with the status', async () => {
    const { rows } = await sql<{ status: string; source: string; trail: string }>`
      SELECT s.status, s.source, string_agg(e.action, ',' ORDER BY e.created_at, e.id) AS trail
      FROM pool_speakers s JOIN pool_speaker_events e ON e.speaker_id = s.id GROUP BY s.id`.execute(t.db);
    const total = await t.db
      .selectFrom('pool_speakers')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(rows.length).toBe(total.n);
    const expected: Record<string, string> = {
      active: 'added',
      nominated: 'nominated',
      declined: 'nominated,declined',
      left: 'added,left',
    };
    for (const r of rows) {
      const want =
        r.status === 'active' && r.source === 'nomination' ? 'nominated,approved' : expected[r.status];
      expect(r.trail, `${r.status} ${r.source}`).toBe(want);
    }
  });

  it('has orders in every state whose last event agrees, dispatched within the pool, and one overdue', async () => {
    const { rows } = await sql<{
      state: string;
      last: string;
      n_events: number;
      foreign: number;
      overdue: boolean;
    }>`
      SELECT o.state,
             (SELECT to_state FROM lecture_order_events e WHERE e.order_id = o.id ORDER BY e.at DESC, e.id DESC LIMIT 1) AS last,
             (SELECT count(*)::int FROM lecture_order_events e WHERE e.order_id = o.id) AS n_events,
             (SELECT count(*)::int FROM lecture_order_events e JOIN pool_speakers s ON s.id = e.speaker_id
               WHERE e.order_id = o.id AND (s.pool_id <> o.pool_id OR s.status <> 'active')) AS foreign,
             (o.state = 'dispatched' AND o.reply_due_at < ${t.clock.now()}) AS overdue
      FROM lecture_orders o`.execute(t.db);
    for (const s of ['ordered', 'dispatched', 'accepted', 'declined', 'delivered', 'rated', 'cancelled'])
      expect(
        rows.some((r) => r.state === s),
        s,
      ).toBe(true);
    for (const r of rows) {
      expect(r.last).toBe(r.state);
      expect(r.foreign).toBe(0);
    }
    expect(rows.some((r) => r.overdue)).toBe(true);
    expect(rows.some((r) => r.n_events >= 5 && r.state === 'accepted')).toBe(true); // declined, re-dispatched
    const unrated = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM lecture_orders
      WHERE (state = 'rated') <> (rating_content IS NOT NULL)
         OR (state IN ('delivered', 'rated')) <> (delivered_on IS NOT NULL)
         OR (state IN ('dispatched', 'declined', 'accepted', 'delivered', 'rated')) <> (speaker_id IS NOT NULL)`.execute(
      t.db,
    );
    expect(unrated.rows[0]!.n).toBe(0);
    const items = await t.db.selectFrom('lecture_menu_items').select('format').execute();
    expect(items.length).toBeGreaterThanOrEqual(6);
    expect(new Set(items.map((i) => i.format)).size).toBe(2);
  });

  it('puts nothing that happened in the future', async () => {
    const now = t.clock.now();
    const { rows } = await sql<{ n: number }>`
      SELECT (SELECT count(*) FROM pool_speakers WHERE created_at > ${now} OR joined_at > ${now}
                OR decided_at > ${now} OR left_at > ${now})::int
           + (SELECT count(*) FROM pool_speaker_events WHERE created_at > ${now})::int
           + (SELECT count(*) FROM speaker_pools WHERE created_at > ${now})::int
           + (SELECT count(*) FROM lecture_menu_items WHERE created_at > ${now})::int
           + (SELECT count(*) FROM lecture_orders WHERE created_at > ${now} OR updated_at > ${now}
                OR dispatched_at > ${now} OR delivered_on > (${now}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date)::int
           + (SELECT count(*) FROM lecture_order_events WHERE at > ${now})::int AS n`.execute(t.db);
    expect(rows[0]!.n).toBe(0);
  });

  it('shows the organiser the counties’ progress with at least one behind target', async () => {
    const organiser = await t.login('organiser', DEMO_PASSWORD);
    const res = await organiser.get('/api/pools/overview');
    expect(res.statusCode).toBe(200);
    const { children } = res.json<PoolOverview>();
    expect(children.some((c) => c.percent !== null && c.percent < 100)).toBe(true);
    expect(children.some((c) => c.percent === 100)).toBe(true);
  });

  it('lets the demo member rate the branch’s delivered order', async () => {
    const member = await t.login('member', DEMO_PASSWORD);
    const mine = await t.db
      .selectFrom('lecture_orders as o')
      .innerJoin('users as u', 'u.id', 'o.created_by')
      .select('o.id')
      .where('u.username', '=', 'member')
      .where('o.state', '=', 'delivered')
      .executeTakeFirstOrThrow();
    const res = await member.post(`/api/orders/${mine.id}/rate`, {
      content: 5,
      delivery: 4,
      comment: '很好',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<OrderDetail>().state).toBe('rated');
  });
});
