import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  LearningTaskDetail,
  LearningTaskList,
  LearningTaskSummary,
  LearningUnfinished,
  MyLearningTask,
} from '@jiangtai/contracts';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { learningScene, type LearningScene } from './test-learning-scene.ts';
import { classroomLecture, finished } from './test-learning-support.ts';

let t: TestContext;
let s: LearningScene;
let c: Record<'admin' | 'jia' | 'sup' | 'judge' | 'zhao' | 'li' | 'wang', Client>;
let cityTask: string;
beforeAll(async () => {
  t = await createTestContext();
  s = await learningScene(t, 'ta');
  c = {} as typeof c;
  for (const name of ['admin', 'jia', 'sup', 'judge', 'zhao', 'li', 'wang'] as const)
    c[name] = await s.login(name);
});
afterAll(async () => t.close());

const body = (over: object = {}) => ({
  orgId: s.jia.id,
  title: '学习二十大精神',
  note: '请按时学完',
  dueOn: '2026-07-31',
  lectureIds: [s.lectures.city, s.lectures.jia],
  ...over,
});
const detailOf = async (client: Client, id: string, orgId?: string) => {
  const res = await client.get(`/api/learning/tasks/${id}${orgId ? `?orgId=${orgId}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<LearningTaskDetail>();
};

describe('POST /api/learning/tasks', () => {
  it('201: an admin assigns published lectures visible in the whole subtree (public ones too)', async () => {
    const res = await c.jia.post(
      '/api/learning/tasks',
      body({ lectureIds: [s.lectures.city, s.lectures.jia, s.lectures.yiPublic] }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<LearningTaskSummary>()).toMatchObject({
      title: '学习二十大精神',
      lectureCount: 3,
      cancelled: false,
      org: { name: '甲县' },
    });
    const city = await c.admin.post(
      '/api/learning/tasks',
      body({ orgId: s.city.id, lectureIds: [s.lectures.city] }),
    );
    expect(city.statusCode, city.body).toBe(201);
    cityTask = city.json<LearningTaskSummary>().id;
  });
  it('400: lectures not published, not visible to the whole subtree, missing or repeated; past due; empty', async () => {
    const cases: [object, string][] = [
      [{ lectureIds: [s.lectures.draft] }, '未发布'],
      [{ lectureIds: [s.lectures.branch] }, '只在发布单位内可见'],
      [{ lectureIds: ['987654321'] }, '不存在'],
      [{ lectureIds: [s.lectures.city, s.lectures.city] }, '不能重复'],
      [{ dueOn: '2026-06-30' }, '早于今天'],
      [{ lectureIds: [] }, '至少选择'],
      [{ title: '' }, '任务名称'],
    ];
    for (const [over, words] of cases) {
      const res = await c.jia.post('/api/learning/tasks', body(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.body).toContain(words);
    }
  });
  it('401 / 403 / 404', async () => {
    expect((await t.anonymous.post('/api/learning/tasks', body())).statusCode).toBe(401);
    expect((await c.judge.post('/api/learning/tasks', body())).statusCode).toBe(403);
    expect((await c.zhao.post('/api/learning/tasks', body())).statusCode).toBe(403);
    expect((await c.sup.post('/api/learning/tasks', body())).statusCode).toBe(403);
    expect((await c.jia.post('/api/learning/tasks', body({ orgId: s.yi.id }))).statusCode).toBe(404);
  });
});

describe('completion', () => {
  let task: string;
  beforeAll(async () => {
    const res = await c.jia.post('/api/learning/tasks', body({ title: '完成率' }));
    task = res.json<LearningTaskSummary>().id;
    // 小李 finished both lectures, 老赵 only one.
    await finished(t.db, s.people.li.id, s.lectures.city);
    await finished(t.db, s.people.li.id, s.lectures.jia, 600);
    await finished(t.db, s.people.zhao.id, s.lectures.city);
  });

  it('GET /api/learning/tasks/:id 200: percentages per child, drill-down, never a name', async () => {
    const jia = await detailOf(c.jia, task);
    expect(jia.org).toMatchObject({ id: s.jia.id, isBranch: false });
    expect(jia.totals).toEqual({ members: 4, completed: 1, percent: 25 });
    expect(jia.children.map((k) => [k.org.name, k.completed, k.members, k.percent])).toEqual([
      ['一支部', 1, 3, 33.3],
      ['二支部', 0, 1, 0],
    ]);
    expect(jia.mayCancel).toBe(true);
    expect(JSON.stringify(jia)).not.toContain('小李');
    const b1 = await detailOf(c.admin, task, s.b1.id);
    expect(b1.breadcrumb.map((o) => o.name)).toEqual(['甲县']);
    expect(b1.org.isBranch).toBe(true);
    // The supervisor reads, the secretary reads their branch only and is offered its list.
    expect((await detailOf(c.sup, task)).totals.percent).toBe(25);
    const own = await detailOf(c.zhao, task);
    expect(own.org.id).toBe(s.b1.id);
    expect(own.ledBranchIds).toEqual([s.b1.id]);
    expect(own.mayCancel).toBe(false);
  });

  it('a lecture unpublished after assignment stays listed as 已下架 and stops counting', async () => {
    await t.db
      .updateTable('classroom_lectures')
      .set({ state: 'unpublished', unpublish_reason: '内容需更新' })
      .where('id', '=', s.lectures.jia)
      .execute();
    const jia = await detailOf(c.jia, task);
    expect(jia.lectures.find((l) => l.id === s.lectures.jia)).toMatchObject({
      counting: false,
      unpublishReason: '内容需更新',
    });
    expect(jia.totals).toEqual({ members: 4, completed: 2, percent: 50 });
    await t.db
      .updateTable('classroom_lectures')
      .set({ state: 'published', unpublish_reason: null })
      .where('id', '=', s.lectures.jia)
      .execute();
  });

  it('GET /api/learning/tasks/:id 400 / 401 / 404', async () => {
    expect((await c.jia.get('/api/learning/tasks/x')).statusCode).toBe(400);
    expect((await c.jia.get(`/api/learning/tasks/${task}?orgId=x`)).statusCode).toBe(400);
    expect((await t.anonymous.get(`/api/learning/tasks/${task}`)).statusCode).toBe(401);
    expect((await c.jia.get('/api/learning/tasks/987654321')).statusCode).toBe(404);
    expect((await c.wang.get(`/api/learning/tasks/${task}`)).statusCode).toBe(404);
    expect((await c.li.get(`/api/learning/tasks/${task}`)).statusCode).toBe(404);
    expect((await c.judge.get(`/api/learning/tasks/${task}`)).statusCode).toBe(404);
    expect((await c.jia.get(`/api/learning/tasks/${task}?orgId=${s.yi.id}`)).statusCode).toBe(404);
    expect((await c.zhao.get(`/api/learning/tasks/${task}?orgId=${s.b2.id}`)).statusCode).toBe(404);
  });

  it('GET /api/learning/tasks/:id/unfinished: only the branch secretary sees names', async () => {
    const res = await c.zhao.get(`/api/learning/tasks/${task}/unfinished`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json<LearningUnfinished>();
    expect(list.branch.name).toBe('一支部');
    expect(list.members.map((m) => [m.name, m.completedLectures])).toEqual([
      ['老赵', 1],
      ['小周', 0],
    ]);
    expect(list.countingLectures).toBe(2);
    expect((await c.jia.get(`/api/learning/tasks/${task}/unfinished`)).statusCode).toBe(403);
    expect((await c.admin.get(`/api/learning/tasks/${task}/unfinished`)).statusCode).toBe(403);
    expect((await c.zhao.get(`/api/learning/tasks/${task}/unfinished?orgId=${s.b2.id}`)).statusCode).toBe(
      403,
    );
    expect((await c.li.get(`/api/learning/tasks/${task}/unfinished`)).statusCode).toBe(404);
    expect((await c.zhao.get('/api/learning/tasks/987654321/unfinished')).statusCode).toBe(404);
    expect((await c.zhao.get('/api/learning/tasks/x/unfinished')).statusCode).toBe(400);
    expect((await t.anonymous.get(`/api/learning/tasks/${task}/unfinished`)).statusCode).toBe(401);
  });

  it('GET /api/learning/tasks/mine: the member’s tasks with per-lecture status', async () => {
    const res = await c.li.get('/api/learning/tasks/mine');
    expect(res.statusCode).toBe(200);
    const mine = res.json<MyLearningTask[]>().find((m) => m.id === task)!;
    expect(mine.completed).toBe(true);
    expect(mine.lectures.map((l) => [l.title, l.completed, l.percent])).toEqual([
      ['市委微党课', true, 100],
      ['甲县微党课', true, 100],
    ]);
    const zhaoMine = (await c.zhao.get('/api/learning/tasks/mine'))
      .json<MyLearningTask[]>()
      .find((m) => m.id === task)!;
    expect(zhaoMine.completed).toBe(false);
    // 乙县's member sees the city's task, not 甲县's.
    const wangMine = (await c.wang.get('/api/learning/tasks/mine')).json<MyLearningTask[]>();
    expect(wangMine.map((m) => m.id)).toContain(cityTask);
    expect(wangMine.map((m) => m.id)).not.toContain(task);
    expect((await c.admin.get('/api/learning/tasks/mine')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/learning/tasks/mine')).statusCode).toBe(401);
  });
});

describe('GET /api/learning/assignable-lectures', () => {
  it('200: published lectures open to the whole subtree, searched by title; 400 / 401 / 403 / 404', async () => {
    const url = (orgId: string, q = '') =>
      `/api/learning/assignable-lectures?orgId=${orgId}&q=${encodeURIComponent(q)}`;
    const titles = async (client: Client, orgId: string, q = '') =>
      (await client.get(url(orgId, q)))
        .json<{ title: string }[]>()
        .map((l) => l.title)
        .sort();
    expect(await titles(c.jia, s.jia.id)).toEqual(['乙县公开课', '市委微党课', '甲县微党课'].sort());
    expect(await titles(c.jia, s.b1.id)).toContain('一支部微党课');
    expect(await titles(c.jia, s.jia.id, '市委')).toEqual(['市委微党课']);
    expect(await titles(c.jia, s.jia.id, '%')).toEqual([]);
    expect((await c.jia.get('/api/learning/assignable-lectures?orgId=x')).statusCode).toBe(400);
    expect((await t.anonymous.get(url(s.jia.id))).statusCode).toBe(401);
    expect((await c.sup.get(url(s.jia.id))).statusCode).toBe(403);
    expect((await c.zhao.get(url(s.jia.id))).statusCode).toBe(403);
    expect((await c.jia.get(url(s.yi.id))).statusCode).toBe(404);
  });
});

describe('GET /api/learning/tasks', () => {
  it('200: tasks of the scope and from above; 401 / 403', async () => {
    const titles = async (client: Client) =>
      (await client.get('/api/learning/tasks')).json<LearningTaskList>().items.map((x) => x.org.name);
    expect(await titles(c.jia)).toContain('市委');
    expect(await titles(c.jia)).toContain('甲县');
    expect(await titles(c.zhao)).toContain('甲县');
    expect((await c.judge.get('/api/learning/tasks')).statusCode).toBe(403);
    expect((await c.li.get('/api/learning/tasks')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/learning/tasks')).statusCode).toBe(401);
  });
  it('a unit admin does not see a sibling county’s task', async () => {
    const lecture = await classroomLecture(t.db, s.yi, { title: '乙县微课' });
    await c.admin.post(
      '/api/learning/tasks',
      body({ orgId: s.yi.id, title: '乙县任务', lectureIds: [lecture] }),
    );
    const list = (await c.jia.get('/api/learning/tasks')).json<LearningTaskList>().items;
    expect(list.map((x) => x.title)).not.toContain('乙县任务');
  });
});

describe('POST /api/learning/tasks/:id/cancel', () => {
  it('200 then 409; 400 / 401 / 403 / 404', async () => {
    const id = (
      await c.jia.post('/api/learning/tasks', body({ title: '将撤销' }))
    ).json<LearningTaskSummary>().id;
    const url = `/api/learning/tasks/${id}/cancel`;
    expect((await c.jia.post(url, { reason: '' })).statusCode).toBe(400);
    expect((await c.jia.post('/api/learning/tasks/x/cancel', { reason: '重复' })).statusCode).toBe(400);
    expect((await t.anonymous.post(url, { reason: '重复' })).statusCode).toBe(401);
    expect((await c.zhao.post(url, { reason: '重复' })).statusCode).toBe(403);
    expect((await c.sup.post(url, { reason: '重复' })).statusCode).toBe(403);
    expect((await c.wang.post(url, { reason: '重复' })).statusCode).toBe(404);
    expect((await c.jia.post('/api/learning/tasks/987654321/cancel', { reason: '重复' })).statusCode).toBe(
      404,
    );
    const done = await c.jia.post(url, { reason: '与上级任务重复' });
    expect(done.statusCode).toBe(200);
    expect(done.json<LearningTaskSummary>()).toMatchObject({
      cancelled: true,
      cancelReason: '与上级任务重复',
    });
    expect((await c.jia.post(url, { reason: '再撤' })).statusCode).toBe(409);
    const mine = (await c.li.get('/api/learning/tasks/mine')).json<MyLearningTask[]>();
    expect(mine.map((m) => m.id)).not.toContain(id);
    // The city's task is cancelled by the city, not by a county below it.
    expect(
      (await c.jia.post(`/api/learning/tasks/${cityTask}/cancel`, { reason: '不需要' })).statusCode,
    ).toBe(403);
  });
});
