import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { seedDemoIfEmpty, type DemoAccount } from './seed.ts';
import { DEMO_USERNAMES } from './accounts.ts';
import { beijingDate, type EntryDetail, type EntryListResponse } from '@jiangtai/contracts';

const DEMO_PASSWORD = 'Demo2026pass';

/** The branch season's records and plans in a comparable form (ids aside from the members'). */
async function seasonFingerprint(t: TestContext) {
  const { rows } = await sql<{ records: string; plans: string }>`
    SELECT (SELECT md5(string_agg(concat_ws('|', held_on, occasion, topic, speaker_member_id, guest_speaker_name,
              attendance, status, return_reason, plan_line_id IS NULL, delete_reason), ',' ORDER BY id))
            FROM lecture_records) AS records,
           (SELECT md5(string_agg(concat_ws('|', o.name, p.status, p.return_reason), ',' ORDER BY p.id))
            FROM lecture_plans p JOIN orgs o ON o.id = p.org_id) AS plans`.execute(t.db);
  return rows[0]!;
}
let firstSeason: { records: string; plans: string } | null = null;

describe('demo city with a shared DEMO_PASSWORD', () => {
  let t: TestContext;
  let accounts: DemoAccount[];
  const lines: string[] = [];

  beforeAll(async () => {
    t = await createTestContext();
    const seeded = await seedDemoIfEmpty(
      { ...t.deps, config: { ...t.deps.config, DEMO_PASSWORD } },
      { log: (line) => lines.push(line) },
    );
    if (!seeded) throw new Error('expected the empty database to be seeded');
    accounts = seeded.accounts;
  });
  afterAll(async () => t.close());

  it('builds a city of about 300 branches and 5,000 members under 中共演示市委', async () => {
    const counts = await sql<{
      type: string;
      n: number;
    }>`SELECT type, count(*)::int AS n FROM orgs GROUP BY type`.execute(t.db);
    const byType = Object.fromEntries(counts.rows.map((r) => [r.type, r.n]));
    expect(byType.branch).toBeGreaterThanOrEqual(280);
    expect(byType.branch).toBeLessThanOrEqual(330);
    expect(byType.county).toBe(4);
    expect(byType.unit).toBeGreaterThanOrEqual(45);
    const members = await t.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(members.n)).toBeGreaterThanOrEqual(4500);
    expect(Number(members.n)).toBeLessThanOrEqual(5500);
    const roots = await t.db
      .selectFrom('orgs')
      .select(['name', 'type'])
      .where('parent_id', 'is', null)
      .execute();
    expect(roots).toEqual([{ name: '中共演示市委', type: 'committee' }]);
    expect(lines.join('\n')).toContain('演示市');
  });

  it('keeps every path equal to the parent path plus the own id, and members on their org path', async () => {
    const badOrgs = await sql<{ id: string }>`
      SELECT c.id FROM orgs c LEFT JOIN orgs p ON p.id = c.parent_id
      WHERE c.path <> coalesce(p.path, '') || c.id || '.' OR c.depth <> coalesce(p.depth + 1, 0)`.execute(
      t.db,
    );
    expect(badOrgs.rows).toEqual([]);
    const badMembers = await sql<{ id: string }>`
      SELECT m.id FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.org_path <> o.path OR o.type <> 'branch'`.execute(
      t.db,
    );
    expect(badMembers.rows).toEqual([]);
  });

  it('gives members unique phones, both genders, ~8% probationary and a 书记 in every branch', async () => {
    const stats = await sql<{ total: number; phones: number; probationary: number; women: number }>`
      SELECT count(*)::int AS total, count(DISTINCT phone)::int AS phones,
             count(*) FILTER (WHERE party_status = 'probationary')::int AS probationary,
             count(*) FILTER (WHERE gender = 'female')::int AS women
      FROM members`.execute(t.db);
    const s = stats.rows[0]!;
    expect(s.phones).toBe(s.total);
    expect(s.probationary / s.total).toBeGreaterThan(0.05);
    expect(s.probationary / s.total).toBeLessThan(0.11);
    expect(s.women / s.total).toBeGreaterThan(0.25);
    const withoutSecretary = await sql<{ name: string }>`
      SELECT o.name FROM orgs o WHERE o.type = 'branch'
      AND NOT EXISTS (SELECT 1 FROM members m WHERE m.org_id = o.id AND '书记' = ANY (m.positions))`.execute(
      t.db,
    );
    expect(withoutSecretary.rows).toEqual([]);
    const twoSecretaries = await sql<{ org_id: string }>`
      SELECT org_id FROM members WHERE '书记' = ANY (positions) GROUP BY org_id HAVING count(*) > 1`.execute(
      t.db,
    );
    expect(twoSecretaries.rows).toEqual([]);
    const phone = await t.db.selectFrom('members').select('phone').limit(1).executeTakeFirstOrThrow();
    expect(phone.phone).toMatch(/^170\d{8}$/);
  });

  it('lets every demo account sign in with DEMO_PASSWORD, with its role and no forced password change', async () => {
    expect(accounts.map((a) => a.username)).toEqual(DEMO_USERNAMES);
    for (const account of accounts) {
      expect(account.password).toBe(DEMO_PASSWORD);
      const client = await t.login(account.username, DEMO_PASSWORD);
      const me = (await client.get('/api/auth/me')).json<{
        isDemo: boolean;
        mustChangePassword: boolean;
        grants: { role: string; orgName: string }[];
      }>();
      expect(me.isDemo).toBe(true);
      expect(me.mustChangePassword).toBe(false);
      expect(me.grants.length).toBeGreaterThan(0);
    }
    const organiser = accounts.find((a) => a.username === 'organiser');
    expect(organiser).toMatchObject({ role: '活动组织者', org: '市直机关工委、中共演示市委' });
    expect(accounts.find((a) => a.username === 'unitadmin')?.org).toBe('市教育局');
    expect(accounts.find((a) => a.username === 'unitadmin2')?.org).toBe('市财政局');
  });

  it('links the member account to a branch secretary inside 市教育局, who can also sign in by phone', async () => {
    const row = await t.db
      .selectFrom('users as u')
      .innerJoin('members as m', 'm.id', 'u.member_id')
      .innerJoin('orgs as o', 'o.id', 'm.org_id')
      .select(['u.display_name', 'm.name', 'm.phone', 'm.positions', 'o.path'])
      .where('u.username', '=', 'member')
      .executeTakeFirstOrThrow();
    const education = await t.db
      .selectFrom('orgs')
      .select('path')
      .where('name', '=', '市教育局')
      .executeTakeFirstOrThrow();
    expect(row.path.startsWith(education.path)).toBe(true);
    expect(row.positions).toEqual(['书记']);
    expect(row.display_name).toBe(row.name);
    await t.login(row.phone!, DEMO_PASSWORD);
  });

  it('publishes a running 岳阳-style campaign by 市直机关工委 and 焦作-style one by the 市委', async () => {
    const rows = await t.db
      .selectFrom('campaigns as c')
      .innerJoin('orgs as o', 'o.id', 'c.organiser_org_id')
      .select(['c.preset_key', 'c.status', 'c.title', 'o.name', 'c.organiser_org_path', 'o.path'])
      .orderBy('c.id')
      .execute();
    expect(rows.map((r) => [r.preset_key, r.status, r.name])).toEqual([
      ['yueyang', 'published', '市直机关工委'],
      ['jiaozuo', 'published', '中共演示市委'],
    ]);
    for (const r of rows) expect(r.organiser_org_path).toBe(r.path);
    // The member (a branch secretary in 市教育局) takes part in both and sees them with their current dates.
    const member = await t.login('member', DEMO_PASSWORD);
    const res = await member.get('/api/campaigns');
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { title: string; currentStage: { name: string } | null }[] }>().items;
    expect(items.map((i) => i.title).sort()).toEqual(rows.map((r) => r.title).sort());
    // Whatever day the demo is created, both seasons are in their first contest stage (初赛).
    for (const item of items) expect(item.currentStage, item.title).not.toBeNull();
  });

  it('gives the six 复赛 finalists what the campaign requires: manuscript, a playable video and the 推荐表', async () => {
    const organiser = await t.login('organiser', DEMO_PASSWORD);
    const campaigns = (await organiser.get('/api/campaigns')).json<{
      items: { id: string; title: string }[];
    }>();
    const yueyang = campaigns.items.find((c) => c.title.includes('大学习'))!;
    const list = (await organiser.get(`/api/campaigns/${yueyang.id}/entries`)).json<EntryListResponse>();
    const finalists = list.items.filter((e) => e.state === 'recommended');
    expect(finalists).toHaveLength(6);
    for (const e of finalists) expect(e.completeness, e.title).toMatchObject({ complete: true });
    expect(list.quotas.every((q) => q.recommendedIncomplete === 0)).toBe(true);

    const detail = (await organiser.get(`/api/entries/${finalists[0]!.id}`)).json<EntryDetail>();
    const video = detail.materials.find((m) => m.material === 'video' && m.current)!;
    const scan = detail.materials.find((m) => m.material === 'recommendation_scan' && m.current)!;
    expect(video).toMatchObject({ detectedType: 'mp4', mime: 'video/mp4' });
    // Within the hard limits: only its length (5 s of an 8-minute lecture) and size (720p) are noted.
    expect(video.findings.length).toBeGreaterThan(0);
    expect(video.findings.every((f) => f.severity === 'warn')).toBe(true);
    expect(video.findings.map((f) => f.code)).toContain('duration_short');
    expect(scan).toMatchObject({ detectedType: 'pdf', fileName: '推荐表（盖章扫描件）.pdf' });
    const pdf = await organiser.get(`/api/entries/${detail.id}/materials/${scan.id}/file`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Registered as uploads are: each video queued for HLS.
    const jobs = await t.db.selectFrom('jobs').select(['type', 'payload']).execute();
    const queued = (type: string) =>
      jobs.filter((j) => j.type === type).map((j) => (j.payload as { fileId: string }).fileId);
    expect(queued('media.transcode')).toContain(video.fileId);
    expect(queued('media.transcode')).toHaveLength(6);
  });

  it('publishes three finalists to the 微课堂 (one public) and gives 市教育局 a 学习任务 with one', async () => {
    const member = await t.login('member', DEMO_PASSWORD);
    const found = (await member.get(`/api/classroom/lectures?q=${encodeURIComponent('半条被子')}`)).json<{
      items: { id: string; title: string }[];
    }>();
    expect(found.items.map((l) => l.title)).toEqual(['从“半条被子”看初心']);
    const all = (await member.get('/api/classroom/lectures')).json<{ total: number }>();
    expect(all.total).toBe(3);
    const lectures = await t.db
      .selectFrom('classroom_lectures')
      .select(['visibility', 'state', 'consent_on_behalf', 'consent_note', 'share_code', 'duration_seconds'])
      .execute();
    expect(lectures.every((l) => l.state === 'published' && l.consent_on_behalf && l.consent_note)).toBe(
      true,
    );
    expect(lectures.map((l) => l.duration_seconds)).toEqual([5, 5, 5]);
    const shared = lectures.filter((l) => l.visibility === 'public');
    expect(shared).toHaveLength(1);
    // Found without login; its video is transcoded by the job runner, which tests do not run.
    const open = await t.app.inject({ url: `/api/public/classroom/${shared[0]!.share_code}` });
    expect([open.statusCode, open.body]).toEqual([409, expect.stringContaining('视频还在处理中')]);

    const tasks = (await member.get('/api/learning/tasks/mine')).json<
      { title: string; dueOn: string; org: { name: string }; lectures: { title: string }[] }[]
    >();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ org: { name: expect.stringContaining('教育局') } });
    expect(tasks[0]!.lectures.map((l) => l.title)).toEqual(['身边的螺丝钉']);
    expect(tasks[0]!.dueOn > beijingDate(t.deps.clock.now())).toBe(true);
    expect(lines.join('\n')).toContain('3 节微课');
  });

  it('seeds the 岳阳-style campaign’s branch season (season.test.ts looks at it closely)', async () => {
    firstSeason = await seasonFingerprint(t);
    expect(firstSeason.records).toMatch(/^[0-9a-f]{32}$/);
    expect(lines.join('\n')).toMatch(/\d+ 条宣讲记录/);
  });

  it('writes one demo.seeded audit row', async () => {
    const rows = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type'])
      .where('action', '=', 'demo.seeded')
      .execute();
    expect(rows).toEqual([{ action: 'demo.seeded', entity_type: 'org' }]);
  });

  it('does nothing on a second call, because data exists', async () => {
    const before = await t.db
      .selectFrom('orgs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(await seedDemoIfEmpty(t.deps, { log: () => {} })).toBeNull();
    const after = await t.db
      .selectFrom('orgs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('demo city without DEMO_PASSWORD', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  it('leaves a database that already has organisations alone', async () => {
    const existing = await t.factories.org({ name: '中共真实市委' });
    expect(await seedDemoIfEmpty(t.deps, { log: () => {} })).toBeNull();
    const members = await t.db.selectFrom('members').select('id').execute();
    expect(members).toEqual([]);
    await t.db.deleteFrom('orgs').where('id', '=', existing.id).execute();
  });

  it('gives each account its own random readable password that works once printed', async () => {
    const seeded = await seedDemoIfEmpty(t.deps, { log: () => {}, finalistMedia: false });
    const passwords = seeded!.accounts.map((a) => a.password);
    expect(new Set(passwords).size).toBe(passwords.length);
    for (const account of seeded!.accounts) {
      expect(account.password).toMatch(/^[A-Za-z0-9]{12}$/);
      await t.login(account.username, account.password);
    }
  });

  it('draws the same branch season as the first seeding (seeded random, the same clock)', async () => {
    expect(firstSeason).not.toBeNull();
    expect(await seasonFingerprint(t)).toEqual(firstSeason);
  });
});
