import path from 'node:path';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { expectAccessible } from './support/a11y.ts';
import { apiAs, okJson } from './support/api.ts';
import { login, newContext, screenshot, useJourney } from './support/browser.ts';
import { expectFitsPhone } from './support/phone.ts';

/**
 * 师资库 and 宣讲菜单 / 点单 on a 390×844 phone, in one journey (one server). The city's pool (the demo's,
 * with rows added while the server is stopped) offers one lecture by 刘讲 (a member, whose account is the
 * demo judge2) and an outside expert 张教授 without an account. The organiser adds another expert
 * directly and gives 张教授 a photo (the pool's list and the menu show it); the 教育局 unit admin
 * nominates a member, the organiser approves. The demo branch secretary orders the lecture from the
 * menu; the organiser dispatches to 刘讲, who declines on his phone; the organiser re-dispatches to 张教授
 * and records his acceptance; the secretary records the lecture with a photo and rates it; the speaker
 * page, the overview and the 师资库统计表 (.xlsx) reflect it.
 */
const j = useJourney({ mobile: true });
const stamp = Date.now().toString(36).slice(-4);
const title = `走进乡村讲振兴（${stamp}）`;
let speakerName = '';
let expertId = '';
let poolId = '';

async function seedPool() {
  const db = new PGlite(path.join(j.server.dataDir, 'pglite'), { extensions: { pg_trgm } });
  try {
    const root = (
      await db.query<{ id: string; path: string }>(
        `SELECT id::text, path FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1`,
      )
    ).rows[0]!;
    const member = (
      await db.query<{ id: string; name: string }>(
        `SELECT m.id::text, m.name FROM members m
        WHERE m.active AND NOT EXISTS (SELECT 1 FROM users u WHERE u.member_id = m.id)
          AND NOT EXISTS (SELECT 1 FROM pool_speakers s WHERE s.member_id = m.id)
          AND m.org_id <> (SELECT mm.org_id FROM users u JOIN members mm ON mm.id = u.member_id WHERE u.username = 'member')
        ORDER BY m.id LIMIT 1`,
      )
    ).rows[0]!;
    speakerName = member.name;
    await db.query(`UPDATE users SET member_id = $1 WHERE username = 'judge2'`, [member.id]);
    const pool = (
      await db.query<{ id: string }>(
        // The demo seeds the city's pool; an empty database would not have one.
        `INSERT INTO speaker_pools (org_id, org_path, name) VALUES ($1, $2, '市级师资库')
         ON CONFLICT (org_id) DO UPDATE SET updated_at = now() RETURNING id::text`,
        [root.id, root.path],
      )
    ).rows[0]!;
    const speaker = async (name: string, memberId: string | null) =>
      (
        await db.query<{ id: string }>(
          `INSERT INTO pool_speakers (pool_id, member_id, name, phone, source, status, audiences)
         VALUES ($1, $2, $3, '13800001111', 'direct', 'active', '{village}') RETURNING id::text`,
          [pool.id, memberId, name],
        )
      ).rows[0]!.id;
    const ids = [await speaker(member.name, member.id), await speaker('张教授', null)];
    expertId = ids[1]!;
    await db.query(
      `INSERT INTO lecture_menu_items (pool_id, title, summary, category, speaker_ids, duration_minutes, format, audiences)
       VALUES ($1, $2, '讲透乡村振兴战略', '政策解读', $3::bigint[], 45, 'onsite', '{village,community}')`,
      [pool.id, title, ids],
    );
  } finally {
    await db.close();
  }
}

async function cameraPhoto(n: number) {
  const buffer = await sharp({
    create: { width: 2400, height: 1800, channels: 3, background: { r: 50 * n, g: 90, b: 160 } },
  })
    .jpeg({ quality: 85 })
    .withExif({ IFD0: { Make: 'E2EPhone' } })
    .toBuffer();
  return { name: `IMG_10${n}.jpg`, mimeType: 'image/jpeg', buffer };
}

const contexts: BrowserContext[] = [];
async function phoneOf(username: string): Promise<Page> {
  const context = await newContext(j.browser, j.server.baseUrl, { mobile: true });
  contexts.push(context);
  const page = await context.newPage();
  await login(page, username);
  return page;
}

const fitsPhone = (page: Page, name: string) => expectFitsPhone(page, name);
const stateIs = (page: Page, label: string) => page.getByText(label, { exact: true }).first().waitFor();
let orderUrl = '';
let organiser: Page;
let nominated = '';

describe('师资库 and 点单 on a phone', () => {
  it('the organiser adds an outside expert and gives 张教授 a photo', async () => {
    await j.server.restart({}, seedPool);
    organiser = await phoneOf('organiser');
    const api = await apiAs(organiser.request);
    poolId = (
      await okJson<{ pools: { id: string; name: string }[] }>(await api.get('/api/pools'))
    ).pools.find((p) => p.name === '市级师资库')!.id;
    await organiser.goto(`/pools/${poolId}`);
    await organiser.getByTestId('pool-progress').waitFor();
    await organiser.getByRole('button', { name: '直接入库' }).click();
    const dialog = organiser.getByRole('dialog');
    await dialog.getByLabel('姓名').fill('刘教授');
    await dialog.getByLabel('单位及职务').fill('市委党校 教授');
    await dialog.getByLabel('联系电话').fill('13700001234');
    await dialog.getByLabel('农村').check();
    await dialog.getByRole('button', { name: /入\s*库/ }).click();
    await organiser.getByTestId('pool-speakers').getByText('刘教授').waitFor();
    expect(await organiser.getByTestId('pool-speakers').innerText()).toContain('13700001234');
    await fitsPhone(organiser, '师资库');

    await organiser.goto(`/pool-speakers/${expertId}`);
    await organiser.getByRole('button', { name: '修改信息' }).click();
    const edit = organiser.getByRole('dialog');
    await edit.getByTestId('speaker-photo-album').setInputFiles([await cameraPhoto(1)]);
    await edit.getByTestId('speaker-avatar').waitFor();
    await fitsPhone(organiser, '修改宣讲员信息');
    await screenshot(organiser, 'pool-speaker-photo');
    await edit.getByRole('button', { name: /保\s*存/ }).click();
    await organiser.getByTestId('speaker-history').getByText('上传照片').waitFor();
    await organiser.goto(`/pools/${poolId}`);
    await organiser.getByTestId('pool-speakers').getByTestId('speaker-avatar').first().waitFor();
  });

  it('the unit admin nominates a member; the organiser approves', async () => {
    const page = await phoneOf('unitadmin');
    const api = await apiAs(page.request);
    const inPool = new Set(
      (
        await okJson<{ speakers: { memberId: string | null }[] }>(await api.get(`/api/pools/${poolId}`))
      ).speakers.map((sp) => sp.memberId),
    );
    const member = (
      await okJson<{ items: { id: string; name: string }[] }>(
        await api.get('/api/members?page=1&pageSize=50'),
      )
    ).items.find((m) => !inPool.has(m.id))!;
    nominated = member.name;
    await page.goto(`/pools/${poolId}`);
    await page.getByRole('link', { name: '推荐入库' }).click();
    await page.getByLabel('推荐的党员').fill(member.name);
    await page.locator('.ant-select-item-option').first().click();
    await page.getByLabel('推荐理由').fill('长期在基层宣讲，群众评价好');
    await page.getByRole('button', { name: '提交推荐' }).click();
    await page.getByTestId('speaker-history').getByText('推荐入库').waitFor();

    await organiser.reload();
    const row = organiser
      .getByTestId('pool-nominations')
      .locator('.ant-list-item')
      .filter({ hasText: member.name });
    await row.waitFor();
    await row.getByRole('button', { name: /^通\s*过$/ }).click();
    await organiser.getByTestId('pool-speakers').getByText(member.name).waitFor();
    await organiser.getByTestId('pool-speakers').getByRole('link', { name: member.name }).click();
    const history = await organiser.getByTestId('speaker-history').innerText();
    expect(history).toContain('推荐入库');
    expect(history).toContain('审核通过');
    await fitsPhone(organiser, '宣讲员');
  });

  it('a branch secretary finds the lecture on the menu (with 张教授’s photo) and orders it', async () => {
    const page = j.page;
    await login(page, 'member');
    await page.goto('/lecture-menu');
    const search = page.getByPlaceholder('搜索题目、内容或宣讲人');
    await search.waitFor();
    // The demo also has 市教育局's own pool, the nearest one and so the default: choose the city's.
    const choosePool = page.getByLabel('师资库', { exact: true });
    if (await choosePool.count()) {
      await choosePool.click();
      await page.locator('.ant-select-item-option').filter({ hasText: '市级师资库' }).click();
      await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
    }
    await search.fill(speakerName);
    const item = page.getByTestId('menu-item').filter({ hasText: title });
    await item.waitFor();
    await item.getByTestId('speaker-avatar').waitFor();
    await fitsPhone(page, '宣讲菜单');
    await expectAccessible(page, '宣讲菜单');
    await screenshot(page, 'orders-menu');
    await item.getByRole('button', { name: /点\s*单/ }).click();
    await page.getByLabel('希望的日期一').fill('2026-12-20');
    await page.getByLabel('宣讲地点').fill('村党群服务中心');
    await page.getByLabel('联系人').fill('王书记');
    await page.getByLabel('联系电话').fill('13912345678');
    await fitsPhone(page, '点单');
    await page.getByRole('button', { name: '提交点单' }).click();
    await page.waitForURL(/\/orders\/\d+$/);
    await stateIs(page, '待派单');
    orderUrl = new URL(page.url()).pathname;
  });

  it('the organiser dispatches; the speaker declines; re-dispatched to 张教授, accepted for him', async () => {
    await organiser.goto(orderUrl);
    await organiser.getByRole('button', { name: /派\s*单/ }).click();
    const dialog = organiser.getByRole('dialog');
    await dialog.getByText('没有其他安排').first().waitFor();
    await dialog.locator('label.ant-radio-wrapper').filter({ hasText: speakerName }).click();
    await dialog.getByRole('button', { name: '派给所选宣讲人' }).click();
    await stateIs(organiser, '待接单');

    const speaker = await phoneOf('judge2');
    await speaker.goto('/lecture-tasks');
    await speaker.getByTestId('my-pools').getByRole('link', { name: '市级师资库' }).waitFor();
    await speaker.getByRole('link', { name: title }).click();
    await speaker.getByRole('button', { name: /谢\s*绝/ }).click();
    const reason = speaker.getByRole('dialog');
    await reason.getByLabel('谢绝原因').fill('当天在外地培训');
    await reason.getByRole('button', { name: /谢\s*绝/ }).click();
    await stateIs(speaker, '已谢绝，待重派');
    await fitsPhone(speaker, '我的宣讲任务');

    await organiser.reload();
    await organiser.getByRole('button', { name: /改\s*派/ }).click();
    const again = organiser.getByRole('dialog');
    await again.locator('label.ant-radio-wrapper').filter({ hasText: '张教授' }).click();
    await again.getByRole('button', { name: '派给所选宣讲人' }).click();
    await stateIs(organiser, '待接单');
    await organiser.getByRole('button', { name: '代为登记接单' }).click();
    await stateIs(organiser, '已接单');
    await organiser.getByText('（管理员代为登记）').waitFor();
  });

  it('the secretary records the lecture with a photo and rates it', async () => {
    const page = j.page;
    await page.goto(orderUrl);
    await page.getByRole('button', { name: '登记宣讲情况' }).click();
    const deliver = page.getByRole('dialog');
    await deliver.getByLabel('参加人数').fill('42');
    await deliver.getByTestId('order-photo-album').setInputFiles([await cameraPhoto(2)]);
    await deliver.getByText('已上传').waitFor();
    await fitsPhone(page, '登记宣讲情况');
    await screenshot(page, 'orders-deliver-photo');
    await deliver.getByRole('button', { name: /保\s*存/ }).click();
    await stateIs(page, '已宣讲，待评价');
    await expect.poll(() => page.getByTestId('order-photos').locator('img').count()).toBe(1);
    await page.getByRole('button', { name: /评\s*价/ }).click();
    const rate = page.getByRole('dialog');
    await rate.locator('.ant-rate').nth(0).locator('.ant-rate-star').nth(4).click();
    await rate.locator('.ant-rate').nth(1).locator('.ant-rate-star').nth(3).click();
    await rate.getByLabel('评价（可选）').fill('联系实际，通俗易懂');
    await rate.getByRole('button', { name: '提交评价' }).click();
    await stateIs(page, '已评价');
    await page.getByText('联系实际，通俗易懂').waitFor();
    await fitsPhone(page, '点单详情');
    await expectAccessible(page, '点单详情');
    await screenshot(page, 'orders-rated');
  });

  it('the speaker page, the overview and the 师资库统计表 reflect it', async () => {
    await organiser.goto(`/pool-speakers/${expertId}`);
    const record = organiser.getByTestId('speaker-order-record');
    await record.getByText('42 人').waitFor();
    await record.getByText('5.0 分').waitFor();
    await fitsPhone(organiser, '宣讲员点单记录');

    await organiser.goto('/pools/overview');
    await organiser.getByTestId('pool-overview').waitFor();
    await fitsPhone(organiser, '师资库总览');
    const download = organiser.waitForEvent('download');
    await organiser.getByRole('button', { name: '导出统计表' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/师资库统计表\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await file.path())!);
    // One sheet per pool, the city's first.
    const sheet = wb.worksheets[0];
    expect(sheet?.name).toBe('中共演示市委');
    const text: string[] = [];
    sheet!.eachRow((row) => text.push(row.values!.toString()));
    const all = text.join('\n');
    for (const name of ['刘教授', '张教授', nominated]) expect(all).toContain(name);
    for (const c of contexts) await c.close();
  });
});
