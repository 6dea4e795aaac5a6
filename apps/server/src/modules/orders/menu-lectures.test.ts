import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MenuItem, MenuLectureChoice } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { menuItemBody, ordersScene, type OrdersScene } from './test-orders-scene.ts';

/**
 * A menu item's recording (网上微课堂): chosen among the published lectures the pool's org sees (the
 * item's speakers' first), shown as 观看视频 (page and menu.xlsx) only to those who may view it.
 */
let t: TestContext;
let s: OrdersScene;
const L: Record<'city' | 'countyB' | 'draft' | 'publicB', string> = {} as never;
beforeAll(async () => {
  t = await createTestContext();
  s = await ordersScene(t);
  const lecturer = await t.db
    .selectFrom('pool_speakers')
    .select('member_id')
    .where('id', '=', s.speakers.liu)
    .executeTakeFirstOrThrow();
  const lecture = async (
    org: { id: string; path: string },
    title: string,
    over: {
      state?: 'published' | 'unpublished';
      visibility?: 'internal' | 'public';
      speaker?: string | null;
    },
  ) => {
    const video = await t.db
      .insertInto('stored_files')
      .values({
        detected_type: 'mp4',
        mime: 'video/mp4',
        size_bytes: 1,
        sha256: '0'.repeat(64),
        original_name: 'lecture.mp4',
        storage: 'local',
        storage_key: `test/${title}.mp4`,
        uploaded_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await t.db
      .insertInto('classroom_lectures')
      .values({
        org_id: org.id,
        org_path: org.path,
        video_file_id: video.id,
        duration_seconds: 300,
        title,
        speaker_name: '讲者',
        speaker_member_id: over.speaker ?? null,
        visibility: over.visibility ?? 'internal',
        state: over.state ?? 'published',
        proposed_at: new Date(),
        published_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  L.city = await lecture(s.city, '市里的微课', { speaker: lecturer.member_id });
  L.countyB = await lecture(s.countyB, '乙县内部微课', {});
  L.draft = await lecture(s.city, '未发布的微课', { state: 'unpublished' });
  L.publicB = await lecture(s.countyB, '乙县公开微课', { visibility: 'public' });
});
afterAll(async () => t.close());

const choicesUrl = (q = '') => `/api/orders/pools/${s.pools.a}/lecture-choices${q}`;

describe('GET /api/orders/pools/:poolId/lecture-choices', () => {
  it('200: published lectures the pool’s org sees, the item’s speakers’ first', async () => {
    const res = await s.as.orgA.get(choicesUrl(`?speakerIds=${s.speakers.liu}`));
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: MenuLectureChoice[] }>().items;
    expect(items.map((i) => i.id)).toEqual([L.city, L.publicB]);
    expect(items[0]).toMatchObject({ title: '市里的微课', bySpeaker: true });
    expect(items[1]!.bySpeaker).toBe(false);
    const found = (await s.as.orgA.get(choicesUrl('?q=公开'))).json<{ items: MenuLectureChoice[] }>();
    expect(found.items.map((i) => i.id)).toEqual([L.publicB]);
  });
  it('400 bad speaker ids; 401; 403 a menu reader; 404 another county’s pool or none', async () => {
    expect((await s.as.orgA.get(choicesUrl('?speakerIds=abc'))).statusCode).toBe(400);
    expect((await t.anonymous.get(choicesUrl())).statusCode).toBe(401);
    expect((await s.as.secA.get(choicesUrl())).statusCode).toBe(403);
    expect((await s.as.orgB.get(choicesUrl())).statusCode).toBe(404);
    expect((await s.as.orgA.get('/api/orders/pools/999999/lecture-choices')).statusCode).toBe(404);
  });
});

describe('a menu item’s 观看视频', () => {
  let itemId: string;
  it('400 a lecture the pool’s org does not see, or unpublished; nothing saved', async () => {
    for (const id of [L.countyB, L.draft, '999999']) {
      const res = await s.as.orgA.post(
        `/api/orders/pools/${s.pools.a}/menu`,
        menuItemBody([s.speakers.liu], { classroomLectureId: id }),
      );
      expect(res.statusCode, res.body).toBe(400);
    }
    const count = await t.db.selectFrom('lecture_menu_items').select('id').execute();
    expect(count).toHaveLength(0);
  });

  it('links the lecture for those who may view it, in the menu and its .xlsx', async () => {
    const res = await s.as.orgA.post(
      `/api/orders/pools/${s.pools.a}/menu`,
      menuItemBody([s.speakers.liu], { classroomLectureId: L.city }),
    );
    expect(res.statusCode, res.body).toBe(201);
    itemId = res.json<{ id: string }>().id;
    const seen = (await s.as.secA.get(`/api/orders/pools/${s.pools.a}/menu`)).json<{ items: MenuItem[] }>();
    expect(seen.items[0]).toMatchObject({
      classroomLecture: { id: L.city, url: `/classroom/lectures/${L.city}` },
      classroomLectureId: null,
    });
    const xlsx = await s.as.secA.get(`/api/orders/pools/${s.pools.a}/menu.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cell = wb.getWorksheet('宣讲菜单')!.getRow(3).getCell(9);
    expect(cell.text).toBe('观看视频');
    expect((cell.value as { hyperlink: string }).hyperlink).toMatch(
      new RegExp(`/classroom/lectures/${L.city}$`),
    );
  });

  it('hides the link once the viewer may no longer view it; the managers keep the choice', async () => {
    await t.db
      .updateTable('classroom_lectures')
      .set({ state: 'unpublished' })
      .where('id', '=', L.city)
      .execute();
    const seen = (await s.as.secA.get(`/api/orders/pools/${s.pools.a}/menu`)).json<{ items: MenuItem[] }>();
    expect(seen.items[0]!.classroomLecture).toBeNull();
    const managed = (await s.as.orgA.get(`/api/orders/pools/${s.pools.a}/menu`)).json<{
      items: MenuItem[];
    }>();
    expect(managed.items[0]!.classroomLectureId).toBe(L.city);
    // The city's organiser manages the lecture's org, so still may view it.
    const city = (await s.as.cityOrg.get(`/api/orders/pools/${s.pools.a}/menu`)).json<{
      items: MenuItem[];
    }>();
    expect(city.items[0]!.classroomLecture?.id).toBe(L.city);
  });

  it('PATCH changes or clears the choice', async () => {
    const changed = await s.as.orgA.patch(`/api/orders/menu/${itemId}`, { classroomLectureId: L.publicB });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<MenuItem>().classroomLecture?.id).toBe(L.publicB);
    expect(
      (await s.as.orgA.patch(`/api/orders/menu/${itemId}`, { classroomLectureId: L.countyB })).statusCode,
    ).toBe(400);
    const cleared = await s.as.orgA.patch(`/api/orders/menu/${itemId}`, { classroomLectureId: null });
    expect(cleared.json<MenuItem>()).toMatchObject({ classroomLecture: null, classroomLectureId: null });
  });
});
