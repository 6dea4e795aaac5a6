import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoticeList } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { sendNotice } from './service.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

describe('in-app notices', () => {
  it('lists one’s own notices newest first, pages them, counts and marks them read', async () => {
    const f = t.factories;
    const city = await f.org({ name: '通知市委' });
    const me = await f.user([{ role: 'member', org: city }], { username: 'notice_me' });
    const other = await f.user([{ role: 'member', org: city }], { username: 'notice_other' });
    const sender = await f.user([{ role: 'unit_admin', org: city }], {
      username: 'notice_sender',
      displayName: '单位管理员',
    });
    for (const [i, title] of ['第一条', '第二条', '第三条'].entries()) {
      t.clock.advance(60_000);
      await sendNotice(t.db, {
        userIds: [me.id, me.id],
        kind: 'plan_reminder',
        title,
        body: `正文${i}`,
        link: '/plans',
        createdBy: sender.id,
        now: t.clock.now(),
      });
    }
    await sendNotice(t.db, {
      userIds: [other.id],
      kind: 'plan_accepted',
      title: '别人的',
      now: t.clock.now(),
    });
    const client = await t.login('notice_me');

    const page1 = (await client.get('/api/notices?pageSize=2')).json<NoticeList>();
    expect(page1).toMatchObject({ total: 3, unread: 3 });
    expect(page1.items.map((n) => n.title)).toEqual(['第三条', '第二条']);
    expect(page1.items[0]).toMatchObject({ senderName: '单位管理员', read: false, link: '/plans' });
    const page2 = (await client.get('/api/notices?pageSize=2&page=2')).json<NoticeList>();
    expect(page2.items.map((n) => n.title)).toEqual(['第一条']);

    const read = await client.post(`/api/notices/${page1.items[0]!.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ unread: 2 });
    expect((await client.get('/api/notices/unread-count')).json()).toEqual({ unread: 2 });
    // Marking it again changes nothing.
    expect((await client.post(`/api/notices/${page1.items[0]!.id}/read`)).json()).toEqual({ unread: 2 });

    const theirs = (await (await t.login('notice_other')).get('/api/notices')).json<NoticeList>().items[0]!;
    expect((await client.post(`/api/notices/${theirs.id}/read`)).statusCode, 'another account’s notice').toBe(
      404,
    );
    expect((await client.post('/api/notices/99999999/read')).statusCode).toBe(404);

    expect((await client.post('/api/notices/read-all')).json()).toEqual({ updated: 2, unread: 0 });
    expect((await client.get('/api/notices/unread-count')).json()).toEqual({ unread: 0 });
    const theirsNow = await t.db
      .selectFrom('user_notices')
      .select('read_at')
      .where('id', '=', theirs.id)
      .executeTakeFirstOrThrow();
    expect(theirsNow.read_at, 'read-all marks only one’s own').toBeNull();
  });

  it('answers 400 and 401', async () => {
    expect((await t.anonymous.get('/api/notices')).statusCode).toBe(401);
    expect((await t.anonymous.get('/api/notices/unread-count')).statusCode).toBe(401);
    expect((await t.anonymous.post('/api/notices/1/read')).statusCode).toBe(401);
    expect((await t.anonymous.post('/api/notices/read-all')).statusCode).toBe(401);
    const city = await t.factories.org({ name: '通知市委二' });
    await t.factories.user([{ role: 'member', org: city }], { username: 'notice_bad' });
    const client = await t.login('notice_bad');
    expect((await client.get('/api/notices?page=0')).statusCode).toBe(400);
    expect((await client.get('/api/notices?pageSize=1000')).statusCode).toBe(400);
    expect((await client.post('/api/notices/abc/read')).statusCode).toBe(400);
  });

  it('refuses a link that leaves the app', async () => {
    expect(() =>
      sendNotice(t.db, {
        userIds: ['1'],
        kind: 'plan_reminder',
        title: 'x',
        link: 'https://evil.example',
        now: new Date(),
      }),
    ).toThrow();
  });
});
