import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { multilineText, text } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../test/harness.ts';
import { installErrorHandler } from './error-handler.ts';

let t: TestContext;
let city: Awaited<ReturnType<TestContext['factories']['org']>>;

beforeAll(async () => {
  t = await createTestContext();
  city = await t.factories.org({ name: '演示市委' });
  await t.factories.user([{ role: 'platform_admin', org: city }], { username: 'ctrladmin' });
});
afterAll(async () => t.close());

describe('control characters in text', () => {
  it('refuses a NUL in the login name (signed out) with 400, not 500', async () => {
    const res = await t.anonymous.post('/api/auth/login', { login: 'admin\u0000', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toEqual({ path: 'login', message: '不能包含换行、制表符等控制字符' });
  });

  it('refuses a NUL in a query string and in a JSON body of signed-in routes', async () => {
    const admin = await t.login('ctrladmin');
    for (const url of ['/api/accounts?q=a%00b', '/api/members?q=%00', '/api/orgs/search?q=x%00']) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().detail, url).toContain('查询参数有误');
    }
    const body = await admin.post('/api/campaigns', {
      organiserOrgId: city.id,
      presetKey: 'yueyang',
      title: '微宣讲\u0000大赛',
    });
    expect(body.statusCode).toBe(400);
    expect(body.json().detail).toContain('控制字符');
    const name = await admin.post('/api/orgs', { parentId: city.id, name: '支部\u0000', type: 'branch' });
    expect(name.statusCode).toBe(400);
    expect(await t.db.selectFrom('campaigns').select('id').execute()).toHaveLength(0);
  });

  it('keeps line breaks and tabs in multi-line text, but not in one-line text', () => {
    expect(multilineText().safeParse('第一段\n\t第二段\r\n').success).toBe(true);
    expect(multilineText().safeParse('响铃\u0007').success).toBe(false);
    expect(text().safeParse('姓\t名').success).toBe(false);
    expect(text().safeParse('  张三  ').data).toBe('张三');
  });

  it('answers 400 when the database itself refuses the text (NUL in text or JSON)', async () => {
    const app = Fastify();
    installErrorHandler(app);
    app.get('/text', async () => sql`SELECT ${'a\u0000b'}::text AS v`.execute(t.db));
    app.get('/json', async () => sql`SELECT ${JSON.stringify({ a: 'a\u0000b' })}::jsonb AS v`.execute(t.db));
    for (const url of ['/text', '/json']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().detail, url).toContain('无法保存的字符');
    }
    await app.close();
  });
});
