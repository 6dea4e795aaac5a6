import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { BrowserContext, Page } from 'playwright-core';
import { expectAccessible } from './support/a11y.ts';
import { login, newContext, screenshot, useJourney } from './support/browser.ts';
import { expectFitsPhone, openPhoneMenu as openMenu } from './support/phone.ts';

/**
 * 宣讲记录 on a 390×844 phone: the branch secretary (the demo 'member', 书记 of the first 市教育局
 * branch) reads the branch's 人人上讲台 to-do list, records two lectures with photos from the phone
 * (one of them by a member on that list); the unit admin confirms one and returns the other with a
 * reason; the coverage page follows each step; the secretary sees the reason on the record, adds a
 * photo and submits it again.
 */
const j = useJourney({ mobile: true });

/** A camera-sized JPEG (with the phone's make and a GPS fix in its EXIF, which the server drops). */
async function cameraPhoto(n: number) {
  const buffer = await sharp({
    create: { width: 3000, height: 2000, channels: 3, background: { r: 40 * n, g: 90, b: 160 } },
  })
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: 'E2EPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '29/1 22/1 0/1' } })
    .toBuffer();
  return { name: `IMG_000${n}.jpg`, mimeType: 'image/jpeg', buffer };
}

const fitsPhone = (page: Page, name: string) => expectFitsPhone(page, name, { settle: false });

/**
 * Fills the 记录宣讲 form as a secretary would on the phone and submits it. With `dropAnswer`, the
 * first submit reaches the server but its answer is lost (the connection drops): the form keeps
 * everything and says so, and submitting again answers the same record.
 */
async function recordLecture(
  page: Page,
  topic: string,
  photos: number[],
  dropAnswer = false,
  speaker?: string,
) {
  await page.getByRole('button', { name: /记录宣讲/ }).tap();
  await page.getByRole('heading', { name: '记录宣讲' }).waitFor();
  const campaign = page.getByLabel('活动');
  if (
    (await campaign.inputValue().catch(() => '')) === '' &&
    (await page.getByText('请选择活动').count()) > 0
  ) {
    await campaign.tap();
    await page.locator('.ant-select-item-option').first().tap();
  }
  await page.getByLabel('宣讲主题').fill(topic);
  await page.getByRole('radio', { name: '主题党日' }).check();
  const categories = page.locator('#categoryKey .ant-radio-button-wrapper');
  await categories.first().waitFor();
  await categories.first().tap();
  if (speaker) {
    await page.getByLabel('宣讲党员').fill(speaker);
    await page.locator('.ant-select-item-option').filter({ hasText: speaker }).first().tap();
  }
  await page.getByLabel('参加人数').fill('3');
  await page.getByTestId('lecture-photos').setInputFiles(await Promise.all(photos.map(cameraPhoto)));
  await expect.poll(() => page.getByText('已上传').count(), { timeout: 60_000 }).toBe(photos.length);
  await screenshot(page, `lectures-form-${photos.length}-photos`);
  await fitsPhone(page, '记录宣讲');
  await expectAccessible(page, '记录宣讲');
  if (dropAnswer) {
    let dropped = false;
    await page.route('**/api/lectures/records', async (route) => {
      if (dropped || route.request().method() !== 'POST') return route.fallback();
      dropped = true;
      await route.fetch(); // the server saves the record…
      await route.abort('connectionreset'); // …and the phone never hears back
    });
    await page.getByRole('button', { name: '提交宣讲记录' }).tap();
    await page.getByText('网络中断，未能确认提交结果').waitFor();
    await screenshot(page, 'lectures-form-connection-dropped');
    expect(await page.getByLabel('宣讲主题').inputValue()).toBe(topic);
    await page.unroute('**/api/lectures/records');
  }
  await page.getByRole('button', { name: '提交宣讲记录' }).tap();
  await page.getByText('待确认').first().waitFor();
  await page.getByTestId('lecture-photos').waitFor();
  expect(await page.getByTestId('lecture-photos').locator('img').count()).toBe(photos.length);
  await fitsPhone(page, '宣讲记录详情');
  await expectAccessible(page, '宣讲记录详情');
  return page.url().split('/').pop()!;
}

interface BranchCoverage {
  lectured: number;
  members: number;
  /** The to-do list: each member's name, then their positions (书记…) if any. */
  pending: string[][];
}

/** The secretary's branch on the 人人上讲台 page of the campaign the record form offers first. */
async function branchCoverage(page: Page): Promise<BranchCoverage> {
  await page.goto(`/campaigns/${campaignId}/coverage`);
  await page.getByTestId('coverage-pending').waitFor();
  const totals = await page.getByTestId('coverage-totals').innerText();
  const m = /已宣讲 (\d+) \/ (\d+) 人/.exec(totals);
  expect(m, totals).not.toBeNull();
  const pending = (await page.getByTestId('coverage-pending').locator('.ant-list-item').allInnerTexts()).map(
    (t) => t.split(/\s+/).filter(Boolean),
  );
  return { lectured: Number(m![1]), members: Number(m![2]), pending };
}
const pendingNames = (c: BranchCoverage) => c.pending.map((p) => p[0]);

let first = '';
let second = '';
let campaignId = '';
let before: BranchCoverage;
let selfPending = 0;
/** A member of the branch without a position who has not lectured yet: gives the second lecture. */
let other = '';
const stamp = Date.now().toString(36).slice(-4);
const topics = [`学习四中全会精神（${stamp}）`, `讲好身边的党史故事（${stamp}）`];

describe('lecture records on a phone', () => {
  it('the branch secretary reads who in the branch has not lectured yet', async () => {
    await login(j.page, 'member');
    const me = await (await j.page.request.get('/api/auth/me')).json();
    const branchId = (me as { ledBranches: { orgId: string }[] }).ledBranches[0]!.orgId;
    const form = await (await j.page.request.get(`/api/lectures/branches/${branchId}/form`)).json();
    campaignId = (form as { campaigns: { id: string }[] }).campaigns[0]!.id;
    await openMenu(j.page, '人人上讲台');
    before = await branchCoverage(j.page);
    await screenshot(j.page, 'lectures-coverage-before');
    const selfName = (me as { displayName: string }).displayName;
    selfPending = pendingNames(before).includes(selfName) ? 1 : 0;
    other = before.pending.find((p) => p.length === 1 && p[0] !== selfName)?.[0] ?? '';
    expect(other, '支部里应有尚未宣讲的普通党员').not.toBe('');
  });

  it('the branch secretary records two lectures with photos', async () => {
    await openMenu(j.page, '宣讲记录');
    await j.page.getByRole('heading', { name: '宣讲记录' }).waitFor();
    first = await recordLecture(j.page, topics[0]!, [1, 2]);
    await screenshot(j.page, 'lectures-record-page');
    // Tap a thumbnail: the photo opens large.
    await j.page.getByTestId('lecture-photos').locator('img').first().tap();
    await j.page.locator('.ant-image-preview-img').first().waitFor();
    await screenshot(j.page, 'lectures-photo-enlarged');
    await j.page.keyboard.press('Escape');
    await openMenu(j.page, '宣讲记录');
    second = await recordLecture(j.page, topics[1]!, [3], true, other);
    expect(second).not.toBe(first);
    // Saved once although it was submitted twice. Counted inside the list, which may first show its
    // cached rows (without the new record) while it is fetched again; the record page stays on screen
    // until the list's page is ready, so the topic is not looked for anywhere else.
    await openMenu(j.page, '宣讲记录');
    const list = j.page.getByTestId('lecture-list');
    await expect.poll(() => list.getByText(topics[1]!).count(), { timeout: 15_000 }).toBe(1);
    await j.page.waitForLoadState('networkidle');
    expect(await list.getByText(topics[1]!).count()).toBe(1);
    // Coverage counts both speakers at once (records count until returned), each once.
    const after = await branchCoverage(j.page);
    expect(after.lectured).toBe(before.lectured + selfPending + 1);
    expect(pendingNames(after)).not.toContain(other);
    await screenshot(j.page, 'lectures-coverage-after-recording');
  });

  let admin: { context: BrowserContext; page: Page };
  it('the unit admin confirms one and returns the other with a reason', async () => {
    const context = await newContext(j.browser, j.server.baseUrl, { mobile: true });
    admin = { context, page: await context.newPage() };
    const page = admin.page;
    await login(page, 'unitadmin');
    await openMenu(page, '宣讲记录');
    await page.getByText(topics[0]!).waitFor();
    await screenshot(page, 'lectures-pending-unit');
    await expectAccessible(page, '待确认宣讲记录');
    await page.getByRole('button', { name: `确认「${topics[0]}」` }).tap();
    await page.getByText('已确认').first().waitFor();
    await page.getByRole('button', { name: `退回「${topics[1]}」` }).tap();
    await page.getByLabel('退回原因').fill('请补充会场全景照片');
    await page
      .getByRole('button', { name: /退\s*回/ })
      .last()
      .tap();
    await page.getByText('已退回，支部可修改后重新提交').waitFor();
    await expect.poll(() => page.getByText(topics[1]!).count()).toBe(0);
    await page.goto(`/lectures/${first}`);
    await page.getByRole('heading', { name: topics[0] }).waitFor();
    expect(await page.getByTestId('lecture-status').innerText()).toBe('已确认');
    await context.close();
  });

  it('the coverage page drops the returned lecture’s speaker back onto the to-do list', async () => {
    const returned = await branchCoverage(j.page);
    expect(returned.lectured).toBe(before.lectured + selfPending);
    expect(pendingNames(returned)).toContain(other);
  });

  it('the secretary sees the reason on the returned record', async () => {
    await j.page.goto(`/lectures/${second}`);
    const reason = j.page.getByTestId('lecture-return-reason');
    await reason.waitFor();
    expect(await reason.innerText()).toContain('请补充会场全景照片');
    expect(await j.page.getByTestId('lecture-status').innerText()).toBe('已退回');
    await j.page.getByRole('button', { name: '修改并重新提交' }).waitFor();
    await screenshot(j.page, 'lectures-returned-secretary');
    // Adds the photo asked for and submits again: back to 待确认, the reason gone from the page.
    await j.page.getByRole('button', { name: '修改并重新提交' }).tap();
    await j.page.getByRole('heading', { name: '修改宣讲记录' }).waitFor();
    await j.page.getByTestId('lecture-photos').setInputFiles([await cameraPhoto(4)]);
    await expect.poll(() => j.page.getByText('已上传').count(), { timeout: 60_000 }).toBe(2);
    await j.page.getByRole('button', { name: '重新提交' }).tap();
    await j.page.getByTestId('lecture-photos').waitFor();
    await expect.poll(() => j.page.getByTestId('lecture-status').innerText()).toBe('待确认');
    expect(await j.page.getByTestId('lecture-photos').locator('img').count()).toBe(2);
    expect(await j.page.getByTestId('lecture-return-reason').count()).toBe(0);
    await j.page.goto(`/lectures/${first}`);
    expect(await j.page.getByTestId('lecture-status').innerText()).toBe('已确认');
    const resubmitted = await branchCoverage(j.page);
    expect(pendingNames(resubmitted)).not.toContain(other);
    expect(resubmitted.lectured).toBe(before.lectured + selfPending + 1);
  });
});
