import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import sharp from 'sharp';
import {
  beijingDate,
  type CampaignSettings,
  type CoverageView,
  type LectureRecordDetail,
  type MyPlanItem,
  type NoticeList,
  type PlanDetail,
  type PlanOverview,
} from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { seedDemoIfEmpty } from './seed.ts';

const DEMO_PASSWORD = 'Demo2026pass';

/** The demo city's branch season: plans, lecture records, photos and notices, sane and mid-season. */
describe('the demo season of the 岳阳-style campaign', () => {
  let t: TestContext;
  let campaign: { id: string; settings: CampaignSettings; organiser_org_path: string };
  let today: string;

  beforeAll(async () => {
    t = await createTestContext();
    const seeded = await seedDemoIfEmpty(
      { ...t.deps, config: { ...t.deps.config, DEMO_PASSWORD } },
      { log: () => {}, finalistMedia: false },
    );
    if (!seeded) throw new Error('expected the empty database to be seeded');
    const row = await t.db
      .selectFrom('campaigns')
      .select(['id', 'settings', 'organiser_org_path'])
      .where('preset_key', '=', 'yueyang')
      .executeTakeFirstOrThrow();
    campaign = { ...row, settings: row.settings as CampaignSettings };
    today = beijingDate(t.clock.now());
  });
  afterAll(async () => t.close());

  it('belongs to the campaign that requires a plan, whose due date has passed by the demo’s today', async () => {
    expect(campaign.settings.lecturePlan?.required).toBe(true);
    expect(campaign.settings.lecturePlan!.dueOn! < today).toBe(true);
    const elsewhere = await sql<{ n: number }>`
      SELECT (SELECT count(*) FROM lecture_records WHERE campaign_id <> ${campaign.id})::int
           + (SELECT count(*) FROM lecture_plans WHERE campaign_id <> ${campaign.id})::int AS n`.execute(
      t.db,
    );
    expect(elsewhere.rows[0]!.n).toBe(0);
  });

  it('holds every lecture in the campaign’s dates up to today, in a participating branch', async () => {
    const { rows } = await sql<{ n: number; first: string; last: string; outside: number }>`
      SELECT count(*)::int AS n, min(held_on)::text AS first, max(held_on)::text AS last,
             count(*) FILTER (WHERE org_path NOT LIKE ${`${campaign.organiser_org_path}%`})::int AS outside
      FROM lecture_records`.execute(t.db);
    const r = rows[0]!;
    expect(r.n).toBeGreaterThan(300);
    expect(r.first >= campaign.settings.startsOn).toBe(true);
    expect(r.last <= today).toBe(true);
    expect(r.last <= campaign.settings.endsOn).toBe(true);
    expect(r.outside).toBe(0);
    const future = await sql<{ id: string }>`
      SELECT id FROM lecture_records WHERE created_at > ${t.clock.now()} OR decided_at > ${t.clock.now()}
        OR decided_at < created_at OR deleted_at > ${t.clock.now()}`.execute(t.db);
    expect(future.rows).toEqual([]);
  });

  it('keeps attendance within the branch and speakers among its active members, or names a guest', async () => {
    const bad = await sql<{ id: string; problem: string }>`
      SELECT r.id, 'attendance' AS problem FROM lecture_records r
      WHERE r.attendance < 1 OR r.attendance > (SELECT count(*) FROM members m WHERE m.org_id = r.org_id AND m.active)
      UNION ALL
      SELECT r.id, 'speaker' FROM lecture_records r LEFT JOIN members m ON m.id = r.speaker_member_id
      WHERE r.speaker_member_id IS NOT NULL AND (m.org_id <> r.org_id OR NOT m.active)
      UNION ALL
      SELECT r.id, 'attendee' FROM lecture_record_attendees a JOIN lecture_records r ON r.id = a.record_id
      JOIN members m ON m.id = a.member_id WHERE m.org_id <> r.org_id
      UNION ALL
      SELECT r.id, 'category' FROM lecture_records r
      WHERE r.category_key NOT IN (SELECT c->>'key' FROM jsonb_array_elements(${JSON.stringify(campaign.settings.categories)}::jsonb) c)`.execute(
      t.db,
    );
    expect(bad.rows).toEqual([]);
    const guests = await t.db
      .selectFrom('lecture_records')
      .select('guest_speaker_name')
      .where('guest_speaker_name', 'is not', null)
      .execute();
    expect(guests.length).toBeGreaterThan(0);
    for (const g of guests) expect(g.guest_speaker_name!.length).toBeLessThanOrEqual(30);
  });

  it('links records only to lines of their own branch’s plan, and plan lines name their branch’s members', async () => {
    const bad = await sql<{ id: string; problem: string }>`
      SELECT r.id, 'record line' AS problem FROM lecture_records r
      JOIN lecture_plan_lines l ON l.id = r.plan_line_id JOIN lecture_plans p ON p.id = l.plan_id
      WHERE p.org_id <> r.org_id OR p.campaign_id <> r.campaign_id
      UNION ALL
      SELECT l.id, 'line speaker' FROM lecture_plan_lines l JOIN lecture_plans p ON p.id = l.plan_id
      JOIN members m ON m.id = l.speaker_member_id WHERE m.org_id <> p.org_id
      UNION ALL
      SELECT p.id, 'plan path' FROM lecture_plans p JOIN orgs o ON o.id = p.org_id
      WHERE o.path <> p.org_path OR o.type <> 'branch'`.execute(t.db);
    expect(bad.rows).toEqual([]);
    const linked = await t.db
      .selectFrom('lecture_records')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('plan_line_id', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(linked.n)).toBeGreaterThan(20);
    const months = await t.db.selectFrom('lecture_plan_lines').select('month').distinct().execute();
    for (const { month } of months) {
      expect(month >= campaign.settings.startsOn.slice(0, 7)).toBe(true);
      expect(month <= campaign.settings.endsOn.slice(0, 7)).toBe(true);
    }
  });

  it('mixes plan states, with some branches not filed and late; revisions match the states', async () => {
    const unitadmin = await t.login('unitadmin', DEMO_PASSWORD);
    const education = await t.db
      .selectFrom('orgs')
      .select('id')
      .where('name', '=', '市教育局')
      .executeTakeFirstOrThrow();
    const res = await unitadmin.get(`/api/campaigns/${campaign.id}/plan-overview?orgId=${education.id}`);
    expect(res.statusCode).toBe(200);
    const { counts } = res.json<PlanOverview>();
    for (const s of ['none', 'draft', 'submitted', 'returned', 'accepted'] as const)
      expect(counts[s], s).toBeGreaterThan(0);
    expect(counts.late).toBe(counts.none + counts.draft + counts.returned);

    const byStatus = await sql<{ status: string; n: number; revisions: number; reasons: number }>`
      SELECT p.status, count(*)::int AS n,
             sum((SELECT count(*) FROM lecture_plan_revisions v WHERE v.plan_id = p.id))::int AS revisions,
             count(p.return_reason)::int AS reasons
      FROM lecture_plans p GROUP BY p.status`.execute(t.db);
    const s = Object.fromEntries(byStatus.rows.map((r) => [r.status, r]));
    expect(s.accepted!.n).toBeGreaterThan(s.returned!.n);
    expect(s.submitted!.revisions).toBe(s.submitted!.n);
    expect(s.accepted!.revisions).toBe(2 * s.accepted!.n);
    expect(s.returned!.reasons).toBe(s.returned!.n);
    expect(s.draft!.revisions).toBe(0);
    const branches = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM orgs WHERE type = 'branch' AND path LIKE ${`${campaign.organiser_org_path}%`}`.execute(
      t.db,
    );
    const filed = byStatus.rows.reduce((sum, r) => sum + r.n, 0);
    expect(filed).toBeLessThan(branches.rows[0]!.n);
    expect(filed).toBeGreaterThan(branches.rows[0]!.n * 0.6);
  });

  it('mixes record states: mostly confirmed, some waiting, a few returned with a reason, two deleted with one', async () => {
    const { rows } = await sql<{ status: string; deleted: boolean; n: number; reasons: number }>`
      SELECT status, deleted_at IS NOT NULL AS deleted, count(*)::int AS n,
             count(coalesce(return_reason, delete_reason))::int AS reasons
      FROM lecture_records GROUP BY 1, 2`.execute(t.db);
    const live = (status: string) => rows.find((r) => r.status === status && !r.deleted);
    const total = rows.reduce((sum, r) => sum + r.n, 0);
    expect(live('confirmed')!.n / total).toBeGreaterThan(0.6);
    expect(live('recorded')!.n).toBeGreaterThan(10);
    expect(live('returned')!.n).toBeGreaterThan(3);
    expect(live('returned')!.reasons).toBe(live('returned')!.n);
    const deleted = rows.filter((r) => r.deleted);
    expect(deleted.reduce((sum, r) => sum + r.n, 0)).toBe(2);
    expect(deleted.reduce((sum, r) => sum + r.reasons, 0)).toBe(2);
  });

  it('looks like mid-season coverage: 20–60 % of members have lectured, most secretaries, varying by unit', async () => {
    const { rows } = await sql<{
      unit: string;
      members: number;
      lectured: number;
      secretaries: number;
      sec_lectured: number;
    }>`
      SELECT u.id AS unit, count(*)::int AS members,
        count(*) FILTER (WHERE spoke.id IS NOT NULL)::int AS lectured,
        count(*) FILTER (WHERE '书记' = ANY (m.positions))::int AS secretaries,
        count(*) FILTER (WHERE '书记' = ANY (m.positions) AND spoke.id IS NOT NULL)::int AS sec_lectured
      FROM members m
      JOIN orgs u ON u.type = 'unit' AND m.org_path LIKE u.path || '%'
      LEFT JOIN LATERAL (SELECT r.id FROM lecture_records r WHERE r.speaker_member_id = m.id
        AND r.campaign_id = ${campaign.id} AND r.status <> 'returned' AND r.deleted_at IS NULL LIMIT 1) spoke ON true
      WHERE m.active GROUP BY u.id`.execute(t.db);
    const sum = (k: 'members' | 'lectured' | 'secretaries' | 'sec_lectured') =>
      rows.reduce((n, r) => n + r[k], 0);
    const share = sum('lectured') / sum('members');
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.6);
    expect(sum('sec_lectured') / sum('secretaries')).toBeGreaterThan(0.7);
    const shares = rows.filter((r) => r.members >= 20).map((r) => r.lectured / r.members);
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.2);
    // 市教育局's admin meets both: branches whose 书记 has lectured, and one whose 书记 has not yet.
    const education = await sql<{ lectured: boolean }>`
      SELECT EXISTS (SELECT 1 FROM lecture_records r WHERE r.speaker_member_id = m.id
        AND r.status <> 'returned' AND r.deleted_at IS NULL) AS lectured
      FROM members m JOIN orgs u ON u.name = '市教育局' AND m.org_path LIKE u.path || '%'
      WHERE '书记' = ANY (m.positions)`.execute(t.db);
    expect(education.rows.filter((r) => r.lectured).length).toBeGreaterThan(education.rows.length / 2);
    expect(education.rows.some((r) => !r.lectured)).toBe(true);
  });

  it('shows on 人人上讲台 (the coverage rollups follow the seeded records) what the records say', async () => {
    const unitadmin = await t.login('unitadmin', DEMO_PASSWORD);
    const res = await unitadmin.get(`/api/campaigns/${campaign.id}/coverage`);
    expect(res.statusCode).toBe(200);
    const view = res.json<CoverageView>();
    expect(view.org?.name).toBe('市教育局');
    const raw = await sql<{ members: number; lectured: number }>`
      SELECT count(*)::int AS members, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM lecture_records r
        WHERE r.speaker_member_id = m.id AND r.campaign_id = ${campaign.id} AND r.status <> 'returned'
        AND r.deleted_at IS NULL))::int AS lectured
      FROM members m
      WHERE m.active AND m.org_path LIKE (SELECT path FROM orgs WHERE id = ${view.org!.id}) || '%'`.execute(
      t.db,
    );
    expect({ members: view.totals.members, lectured: view.totals.lectured }).toEqual(raw.rows[0]);
    expect(view.totals.lectured / view.totals.members).toBeGreaterThan(0.2);
    expect(view.totals.leaders.secretaries.lectured).toBeLessThan(view.totals.leaders.secretaries.members);
  });

  it('gives the demo member a branch with a draft plan to finish, records to act on and unread notices', async () => {
    const member = await t.login('member', DEMO_PASSWORD);
    const mine = (await member.get('/api/plans/mine')).json<MyPlanItem[] | { items: MyPlanItem[] }>();
    const items = Array.isArray(mine) ? mine : mine.items;
    const own = items.find((i) => i.campaignId === campaign.id)!;
    expect(own).toMatchObject({ status: 'draft', late: true, required: true });
    const plan = (await member.get(`/api/campaigns/${campaign.id}/plans/${own.branchId}`)).json<PlanDetail>();
    expect(plan.canEdit).toBe(true);
    expect(plan.lines.length).toBeGreaterThan(0);
    const me = (await member.get('/api/auth/me')).json<{ memberId: string }>();
    expect(plan.lines[0]!.speakerMemberId).toBe(me.memberId); // 书记先讲: the member is its 书记

    const notices = (await member.get('/api/notices')).json<NoticeList>();
    expect(notices.unread).toBeGreaterThanOrEqual(2);
    expect(notices.items.map((n) => n.kind).sort()).toEqual(['lecture_returned', 'plan_reminder']);
    const returned = notices.items.find((n) => n.kind === 'lecture_returned')!;
    const record = (
      await member.get(`/api/lectures/records/${returned.link!.split('/').pop()}`)
    ).json<LectureRecordDetail>();
    expect(record).toMatchObject({ status: 'returned', orgId: own.branchId });
    expect(record.can.edit).toBe(true);
    expect(returned.body).toContain(record.returnReason!);
    for (const n of notices.items) expect(new Date(n.createdAt) <= t.clock.now()).toBe(true);
  });

  it('shows the member’s own lecture with two platform-made photos, served as JPEG without EXIF', async () => {
    const member = await t.login('member', DEMO_PASSWORD);
    const mine = (await member.get('/api/lectures/mine')).json<{ items: { id: string; status: string }[] }>();
    expect(mine.items.length).toBeGreaterThan(0);
    const detail = (
      await member.get(`/api/lectures/records/${mine.items[0]!.id}`)
    ).json<LectureRecordDetail>();
    expect(detail.status).toBe('confirmed');
    expect(detail.planLineId).not.toBeNull();
    const photos = detail.files.filter((f) => f.kind === 'photo');
    expect(photos).toHaveLength(2);
    const res = await member.get(photos[0]!.url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('image/jpeg');
    const meta = await sharp(res.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.width).toBe(photos[0]!.width);
    expect((await member.get(photos[0]!.thumbUrl!)).statusCode).toBe(200);
    const count = await t.db
      .selectFrom('lecture_record_files')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThanOrEqual(8);
  });
});
