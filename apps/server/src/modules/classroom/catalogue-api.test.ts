import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassroomHome, ClassroomList } from '@jiangtai/contracts';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { insertLecture, videoFile } from './test-catalogue-scene.ts';

/**
 * GET /api/classroom/lectures and /api/classroom/home: what each viewer's lists contain and never
 * contain (the detail page's rule, policy.ts), filters, paging and bad input.
 */
let t: TestContext;
let inside: Client; // a member of branch A1 (under unit A)
let outside: Client; // a member of unit B's branch
let supervisorB: Client;
let judgeA: Client;
const id: Record<string, string> = {};

const lecture = (
  title: string,
  over: Partial<{ category: string; tags: string[]; summary: string }> = {},
) => ({
  title,
  speaker_name: '宣讲员',
  speaker_unit: '',
  category: over.category ?? '',
  tags: over.tags ?? [],
  summary: over.summary ?? '',
  manuscript_text: '',
});

async function memberAccount(org: { id: string; path: string }, username: string) {
  const member = await t.factories.member(org);
  const user = await t.factories.user([], { username });
  await t.db.updateTable('users').set({ member_id: member.id }).where('id', '=', user.id).execute();
  return t.login(username);
}

beforeAll(async () => {
  t = await createTestContext();
  const f = t.factories;
  const city = await f.org({ name: '市委' });
  const unitA = await f.org({ name: '甲单位', type: 'unit', parent: city });
  const branchA = await f.org({ name: '甲单位支部', type: 'branch', parent: unitA });
  const unitB = await f.org({ name: '乙单位', type: 'unit', parent: city });
  const branchB = await f.org({ name: '乙单位支部', type: 'branch', parent: unitB });
  const video = await videoFile(t.db);
  const at = (day: number) => new Date(Date.UTC(2026, 5, day));
  const add = async (key: string, l: ReturnType<typeof lecture>, s: Parameters<typeof insertLecture>[2]) =>
    (id[key] = await insertLecture(t.db, l, s));
  await add('cityWide', lecture('学习焦裕禄精神', { category: '党史学习', tags: ['焦裕禄精神'] }), {
    org: city,
    videoFileId: video,
    publishedAt: at(1),
  });
  await add(
    'unitA',
    lecture('甲单位的焦裕禄式好干部', { category: '先进典型', tags: ['焦裕禄精神', '榜样'] }),
    {
      org: unitA,
      videoFileId: video,
      publishedAt: at(2),
    },
  );
  await add('unitB', lecture('乙单位的焦裕禄故事', { category: '先进典型' }), {
    org: unitB,
    videoFileId: video,
    publishedAt: at(3),
  });
  await add('publicB', lecture('乙单位公开课：焦裕禄', { category: '理论宣讲' }), {
    org: unitB,
    videoFileId: video,
    visibility: 'public',
    publishedAt: at(4),
  });
  await add('unpublished', lecture('已下架的焦裕禄课', { category: '党史学习' }), {
    org: unitA,
    videoFileId: video,
    state: 'unpublished',
    publishedAt: at(5),
  });
  await add('awaiting', lecture('待同意的焦裕禄课', { category: '党史学习' }), {
    org: unitA,
    videoFileId: video,
    state: 'awaiting_consent',
  });
  inside = await memberAccount(branchA, 'inside');
  outside = await memberAccount(branchB, 'outside');
  await f.user([{ role: 'supervisor', org: unitB }], { username: 'supb' });
  supervisorB = await t.login('supb');
  await f.user([{ role: 'judge', org: city }], { username: 'judge' });
  judgeA = await t.login('judge');
});
afterAll(() => t?.close());

const list = async (c: Client, query = '') => {
  const res = await c.get(`/api/classroom/lectures${query}`);
  expect(res.statusCode).toBe(200);
  return res.json<ClassroomList>();
};
const ids = (l: ClassroomList) => l.items.map((i) => i.id);

describe('GET /api/classroom/lectures', () => {
  it('401 without signing in', async () => {
    expect((await t.anonymous.get('/api/classroom/lectures')).statusCode).toBe(401);
  });

  it('a member sees lectures of their subtree and above, and public ones, newest first', async () => {
    expect(ids(await list(inside))).toEqual([id.publicB, id.unitA, id.cityWide]);
  });

  it('an internal lecture stays invisible outside its subtree; unpublished ones are never listed', async () => {
    const found = await list(outside, '?q=焦裕禄');
    expect(ids(found)).toEqual(expect.arrayContaining([id.unitB, id.publicB, id.cityWide]));
    expect(ids(found)).not.toContain(id.unitA);
    for (const c of [inside, outside, supervisorB]) {
      const all = ids(await list(c, '?q=焦裕禄'));
      expect(all).not.toContain(id.unpublished);
      expect(all).not.toContain(id.awaiting);
    }
  });

  it('a supervisor reads their subtree; a judge gets nothing from judging but public lectures', async () => {
    expect(ids(await list(supervisorB))).toEqual(expect.arrayContaining([id.unitB, id.publicB, id.cityWide]));
    expect(ids(await list(supervisorB))).not.toContain(id.unitA);
    expect(ids(await list(judgeA))).toEqual([id.publicB]);
  });

  it('searches, ranks the title match first and marks it', async () => {
    const found = await list(inside, `?q=${encodeURIComponent('焦裕禄精神')}`);
    expect(found.items[0]!.id).toBe(id.cityWide);
    expect(found.items[0]!.titleSegments).toEqual([
      { text: '学习', hit: false },
      { text: '焦裕禄精神', hit: true },
    ]);
    expect(found.total).toBe(found.items.length);
  });

  it('filters by category and by tag (专题)', async () => {
    expect(ids(await list(inside, `?category=${encodeURIComponent('先进典型')}`))).toEqual([id.unitA]);
    expect(ids(await list(inside, `?tag=${encodeURIComponent('焦裕禄精神')}`))).toEqual([
      id.unitA,
      id.cityWide,
    ]);
    expect(
      ids(await list(inside, `?tag=${encodeURIComponent('榜样')}&q=${encodeURIComponent('好干部')}`)),
    ).toEqual([id.unitA]);
  });

  it('pages by 20 and keeps the total on a page past the end', async () => {
    const past = await list(inside, '?page=2');
    expect(past).toMatchObject({ items: [], total: 3, page: 2, pageSize: 20 });
  });

  it('a query of punctuation only finds nothing', async () => {
    expect(await list(inside, `?q=${encodeURIComponent('！？')}`)).toMatchObject({ items: [], total: 0 });
  });

  it.each([
    [`?q=${encodeURIComponent('长'.repeat(51))}`, '搜索内容不能超过 50 个字'],
    ['?page=0', '页码从 1 开始'],
    ['?page=abc', '页码必须是数字'],
    [`?tag=${encodeURIComponent('专'.repeat(21))}`, '专题不能超过 20 个字'],
  ])('400 on %s', async (query, message) => {
    const res = await inside.get(`/api/classroom/lectures${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(message);
  });
});

describe('GET /api/classroom/home', () => {
  it('401 without signing in', async () => {
    expect((await t.anonymous.get('/api/classroom/home')).statusCode).toBe(401);
  });

  it('shows the newest lectures, categories with counts and tags, only from what the viewer may see', async () => {
    const res = await inside.get('/api/classroom/home');
    expect(res.statusCode).toBe(200);
    const home = res.json<ClassroomHome>();
    expect(home.newest.map((l) => l.id)).toEqual([id.publicB, id.unitA, id.cityWide]);
    expect(home.categories).toHaveLength(3);
    expect(home.categories).toEqual(
      expect.arrayContaining([
        { name: '党史学习', count: 1 },
        { name: '理论宣讲', count: 1 },
        { name: '先进典型', count: 1 },
      ]),
    );
    expect(home.tags).toEqual([
      { name: '焦裕禄精神', count: 2 },
      { name: '榜样', count: 1 },
    ]);
    const other = (await outside.get('/api/classroom/home')).json<ClassroomHome>();
    expect(other.newest.map((l) => l.id)).not.toContain(id.unitA);
    expect(other.tags).toEqual([{ name: '焦裕禄精神', count: 1 }]);
  });
});
