import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveTimeline } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { readZip } from '../reviews/zip-read.ts';
import { archiveScene } from './test-archive-scene.ts';

let t: TestContext;
let s: Awaited<ReturnType<typeof archiveScene>>;
let o: Awaited<ReturnType<Awaited<ReturnType<typeof archiveScene>>['others']>>;
beforeAll(async () => {
  t = await createTestContext({ env: { LOG_LEVEL: 'error' } });
  s = await archiveScene(t, 'arc');
  o = await s.others();
});
afterAll(async () => t.close());

const q = (orgId: string, campaignId = s.campaignId) => `orgId=${orgId}&campaignId=${campaignId}`;
const timeline = async (client: typeof s.admin, query: string) => {
  const res = await client.get(`/api/archive/timeline?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ArchiveTimeline>();
};

describe('GET /api/archive/timeline', () => {
  it('200: the city sees every category in date order, newest first, with photo thumbnails and entry files', async () => {
    const tl = await timeline(s.admin, q(s.city.id));
    expect(tl.items.map((i) => [i.date, i.category])).toEqual([
      ['2026-08-01', 'order'],
      ['2026-07-21', 'pool'],
      ['2026-07-20', 'entry'],
      ['2026-07-15', 'lecture'],
      ['2026-07-15', 'lecture'],
      ['2026-07-14', 'plan'],
    ]);
    const entry = tl.items.find((i) => i.category === 'entry')!;
    expect(entry.files).toEqual([
      expect.objectContaining({ name: '老赵-视频.mp4', kind: 'video', sizeBytes: 4096 }),
    ]);
    expect(tl.items.find((i) => i.category === 'lecture')!.files[0]).toMatchObject({ kind: 'photo' });
    expect(JSON.stringify(tl)).not.toContain('1380000');
    expect(JSON.stringify(tl)).not.toContain('1390000');
  });

  it('200: a 监督员 reads the season, but entry files only link for those the entries module serves them to', async () => {
    const tl = await timeline(o.supervisor, q(s.city.id));
    expect(tl.items.map((i) => i.category)).toContain('entry');
    expect(tl.items.find((i) => i.category === 'entry')!.files).toEqual([]);
    const photo = tl.items.find((i) => i.category === 'lecture')!.files[0]!;
    expect((await o.supervisor.get(photo.url)).statusCode).toBe(200);
    const adminEntry = (await timeline(s.admin, q(s.city.id))).items.find((i) => i.category === 'entry')!;
    expect((await o.supervisor.get(adminEntry.files[0]!.url)).statusCode).toBe(404);
    expect((await s.admin.get(adminEntry.files[0]!.url)).statusCode).toBe(200);
  });

  it('200: a county sees only its subtree; filters and pages', async () => {
    const tl = await timeline(o.jiaAdmin, q(s.jia.id));
    expect(tl.items).toHaveLength(5);
    expect(tl.items.some((i) => i.orgName === '三支部')).toBe(false);
    const lectures = await timeline(o.jiaAdmin, `${q(s.jia.id)}&category=lecture`);
    expect(lectures.items.map((i) => i.orgName)).toEqual(['一支部']);
    const july = await timeline(o.jiaAdmin, `${q(s.jia.id)}&from=2026-07-15&to=2026-07-20`);
    expect(july.items.map((i) => i.category)).toEqual(['entry', 'lecture']);
    const p1 = await timeline(o.jiaAdmin, `${q(s.jia.id)}&pageSize=2`);
    const p3 = await timeline(o.jiaAdmin, `${q(s.jia.id)}&pageSize=2&page=3`);
    expect([p1.hasMore, p3.hasMore, p3.items.length]).toEqual([true, false, 1]);
  });

  it('400: bad ids, category, dates or a range the wrong way round', async () => {
    for (const bad of [
      'orgId=x&campaignId=1',
      `${q(s.jia.id)}&category=photos`,
      `${q(s.jia.id)}&from=2026-13-01`,
      `${q(s.jia.id)}&pageSize=500`,
    ]) {
      expect((await s.admin.get(`/api/archive/timeline?${bad}`)).statusCode, bad).toBe(400);
    }
    const res = await s.admin.get(`/api/archive/timeline?${q(s.jia.id)}&from=2026-08-01&to=2026-07-01`);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ detail: string }>().detail).toContain('开始日期不能晚于结束日期');
  });

  it('401 without signing in; 403 for another county or a judge; 404 for a missing org or campaign', async () => {
    expect((await t.anonymous.get(`/api/archive/timeline?${q(s.jia.id)}`)).statusCode).toBe(401);
    expect((await o.jiaAdmin.get(`/api/archive/timeline?${q(s.yi.id)}`)).statusCode).toBe(403);
    expect((await o.jiaAdmin.get(`/api/archive/timeline?${q(s.city.id)}`)).statusCode).toBe(403);
    expect((await o.judge.get(`/api/archive/timeline?${q(s.jia.id)}`)).statusCode).toBe(403);
    expect((await s.admin.get(`/api/archive/timeline?${q('999999')}`)).statusCode).toBe(404);
    expect((await s.admin.get(`/api/archive/timeline?${q(s.jia.id, '999999')}`)).statusCode).toBe(404);
  });
});

describe('GET /api/archive/zip', () => {
  it('200: 单位/类别/日期-标题 folders, 目录.csv, the stored bytes; another county never appears; an audit row', async () => {
    const res = await o.jiaAdmin.get(`/api/archive/zip?${q(s.jia.id)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('甲县'));
    const members = readZip(res.rawPayload);
    const names = members.map((m) => m.name);
    expect(names[0]).toBe('目录.csv');
    expect(names).toEqual(
      expect.arrayContaining([
        '甲县/宣讲计划/2026-07-14-一支部宣讲计划/宣讲计划.csv',
        '甲县/宣讲记录/2026-07-15-学习身边的榜样/说明.txt',
        '甲县/宣讲记录/2026-07-15-学习身边的榜样/照片-1.jpg',
        '甲县/参赛作品/2026-07-20-初心如磐/老赵-视频.mp4',
        '甲县/师资库/2026-07-21-老赵 加入甲县师资库/说明.txt',
        '甲县/送课记录/2026-08-01-送课主题/说明.txt',
      ]),
    );
    // Each folder holds only its own item's files (ids of different tables may be equal).
    expect(names.filter((n) => /\.(jpg|mp4)$/.test(n))).toEqual([
      '甲县/宣讲记录/2026-07-15-学习身边的榜样/照片-1.jpg',
      '甲县/参赛作品/2026-07-20-初心如磐/老赵-视频.mp4',
    ]);
    expect(new Set(names).size).toBe(names.length);
    const byName = new Map(members.map((m) => [m.name, m.data]));
    expect(byName.get('甲县/宣讲记录/2026-07-15-学习身边的榜样/照片-1.jpg')!.toString()).toBe(
      'JIA-PHOTO-BYTES',
    );
    expect(byName.get('甲县/参赛作品/2026-07-20-初心如磐/老赵-视频.mp4')).toEqual(Buffer.alloc(4096, 7));
    const all = members.map((m) => `${m.name}\n${m.data.toString()}`).join('\n');
    expect(all).not.toContain('乙县');
    expect(all).not.toContain('YI-PHOTO');
    expect(all).not.toContain('1380000');
    expect(all).not.toContain('1390000');
    expect(byName.get('目录.csv')!.toString()).toContain(
      '甲县,参赛作品,2026-07-20,初心如磐,老赵-视频.mp4,4096',
    );
    const row = await t.db
      .selectFrom('audit_log')
      .select(['action', 'org_path'])
      .where('action', '=', 'archive.downloaded')
      .executeTakeFirstOrThrow();
    expect(row.org_path).toBe(s.jia.path);
  });

  it('200 at the city: one folder per county', async () => {
    const res = await s.admin.get(`/api/archive/zip?${q(s.city.id)}`);
    const tops = new Set(readZip(res.rawPayload).map((m) => m.name.split('/')[0]));
    expect(tops).toEqual(new Set(['目录.csv', '甲县', '乙县']));
  });

  it('400 / 401 / 403 / 404', async () => {
    expect((await s.admin.get('/api/archive/zip?orgId=1')).statusCode).toBe(400);
    expect((await t.anonymous.get(`/api/archive/zip?${q(s.jia.id)}`)).statusCode).toBe(401);
    expect((await o.jiaAdmin.get(`/api/archive/zip?${q(s.yi.id)}`)).statusCode).toBe(403);
    expect((await s.admin.get(`/api/archive/zip?${q(s.jia.id, '999999')}`)).statusCode).toBe(404);
  });
});

describe('GET /api/archive/summary.docx', () => {
  it('200: a draft with the numbers, two charts and the headings the staff fill in', async () => {
    const res = await o.jiaAdmin.get(`/api/archive/summary.docx?${q(s.jia.id)}`);
    expect(res.statusCode, res.body).toBe(200);
    const members = readZip(res.rawPayload);
    const xml = members.find((m) => m.name === 'word/document.xml')!.data.toString();
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('甲县');
    expect(text).toContain('草稿');
    expect(text).toContain('1 份，计划宣讲 1 场');
    expect(text).toContain('1 场，受众 10 人次');
    expect(text).toContain('1 / 2 名党员，覆盖率 50%');
    expect(text).toContain('在库宣讲员 1 人');
    for (const h of ['主要做法', '经验成效', '存在问题', '下步打算']) expect(text).toContain(h);
    expect(members.filter((m) => m.name.startsWith('word/media/') && m.name.endsWith('.png'))).toHaveLength(
      2,
    );
  });

  it('401 / 403 / 404', async () => {
    expect((await t.anonymous.get(`/api/archive/summary.docx?${q(s.jia.id)}`)).statusCode).toBe(401);
    expect((await o.judge.get(`/api/archive/summary.docx?${q(s.jia.id)}`)).statusCode).toBe(403);
    expect((await s.admin.get(`/api/archive/summary.docx?${q('999999')}`)).statusCode).toBe(404);
  });
});
