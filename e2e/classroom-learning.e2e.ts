import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { login, newContext, screenshot, useJourney } from './support/browser.ts';
import { expectFitsPhone } from './support/phone.ts';

/**
 * 网上微课堂 and 学习任务 on a phone: the 市教育局 admin assigns one of the demo's published lectures to
 * all its members; the demo member finds it by a Chinese search, watches part of it, leaves and comes
 * back where they stopped, jumps to the end (which does not count), then watches it through and has it
 * 已学完; the task's completion rate moves; the demo's public lecture plays without signing in.
 */
const j = useJourney({ mobile: true });
const TITLE = '从“半条被子”看初心';
const TASK = '学习微党课：半条被子';

let taskUrl = '';
let before = '';

/** The first percentage a block shows (its progress bar's label). */
const percentIn = async (block: Locator) => /\d+(\.\d+)?%|—/.exec(await block.innerText())?.[0] ?? '';
const totals = (page: Page) => percentIn(page.getByTestId('learning-totals'));
const progress = (page: Page) => page.getByTestId('learning-progress');
const time = (video: Locator) => video.evaluate((v: HTMLVideoElement) => v.currentTime);

/**
 * A click on the player, as a person starts it: a user gesture, so it plays with the sound on (a tap
 * only shows the phone's controls).
 */
async function play(video: Locator) {
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(1);
  await video.click();
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => !v.paused && !v.muted), { timeout: 10_000 })
    .toBe(true);
}

describe('学习任务 → 搜索微课 → 如实学习 → 完成率', () => {
  it('the unit admin assigns a published lecture to all of 市教育局', async () => {
    await login(j.page, 'unitadmin');
    await j.page.goto('/learning-tasks');
    await j.page.getByRole('button', { name: '下达学习任务' }).tap();
    const dialog = j.page.getByRole('dialog');
    await dialog.getByLabel('任务名称').fill(TASK);
    await dialog.getByLabel(/^微课/).fill('半条被子');
    await j.page.locator('.ant-select-item-option').filter({ hasText: TITLE }).first().tap();
    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await dialog.getByLabel('截止日期').fill(due);
    await dialog.getByLabel('截止日期').press('Enter');
    await dialog.getByRole('button', { name: /下\s*达/ }).tap();
    await j.page.getByText('学习任务已下达').waitFor();
    await j.page.getByRole('link', { name: TASK }).tap();
    await j.page.waitForURL(/\/learning-tasks\/\d+$/);
    taskUrl = new URL(j.page.url()).pathname;
    await expect.poll(() => totals(j.page), { timeout: 10_000 }).not.toBe('');
    before = await totals(j.page);
    expect(before).toBe('0%');
    await expectFitsPhone(j.page, '学习任务完成率');
  });

  it('the member searches the classroom, watches, leaves, resumes; a jump to the end does not count', async () => {
    const context = await newContext(j.browser, j.server.baseUrl, { mobile: true });
    const page = await context.newPage();
    await login(page, 'member');
    await page.goto('/classroom');
    await page.getByLabel('搜索课程').fill('半条被子');
    await page.getByLabel('搜索课程').press('Enter');
    const results = page.getByRole('region', { name: '搜索结果' });
    const card = results.getByTestId('classroom-lecture').first();
    await expect.poll(() => card.locator('mark').first().innerText()).toContain('半条被子');
    await expectFitsPhone(page, '微课堂搜索', { shot: 'learning-search-phone' });
    await card.tap();
    await page.waitForURL(/\/classroom\/lectures\/\d+$/);
    const lectureUrl = new URL(page.url()).pathname;

    let video = page.getByTestId('lecture-video');
    await play(video);
    await expect.poll(() => time(video), { timeout: 10_000 }).toBeGreaterThan(2);
    await page.goBack(); // leaving sends what was watched
    await page.getByLabel('搜索课程').waitFor();
    await page.goto(lectureUrl);
    await page.getByText(/已从上次看到的 .* 处继续/).waitFor();
    video = page.getByTestId('lecture-video');
    expect(await time(video)).toBeGreaterThan(1);
    await expect.poll(() => percentIn(progress(page)), { timeout: 10_000 }).not.toBe('0%');
    const watched = await percentIn(progress(page));
    expect(Number.parseInt(watched)).toBeLessThan(90);

    // Dragging the bar to the end, as a person would: nothing in between is watched.
    await play(video);
    await video.evaluate((v: HTMLVideoElement) => {
      v.currentTime = v.duration - 0.1;
    });
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.ended), { timeout: 10_000 }).toBe(true);
    await page.goto('/classroom'); // sends the report
    await page.goto(lectureUrl);
    await expect.poll(() => progress(page).innerText(), { timeout: 10_000 }).toContain('未学完');
    expect(await percentIn(progress(page))).toBe(watched);

    // Watched through from the start: 已学完 once the page reports (every ~10 s).
    video = page.getByTestId('lecture-video');
    await play(video);
    await video.evaluate((v: HTMLVideoElement) => {
      v.currentTime = 0;
    });
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.ended), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => progress(page).innerText(), { timeout: 20_000 }).toContain('已学完');
    await expectFitsPhone(page, '微课学习进度', { shot: 'learning-completed-phone' });
    await context.close();
  });

  it('the task page shows the rate moved; the public lecture plays without signing in', async () => {
    await j.page.goto(taskUrl);
    await expect.poll(() => totals(j.page), { timeout: 10_000 }).not.toBe(before);
    await screenshot(j.page, 'learning-task-rate');

    // The organiser who published it copies its share link from the lecture page.
    const organiser = await newContext(j.browser, j.server.baseUrl, { mobile: true });
    const own = await organiser.newPage();
    await login(own, 'organiser');
    await own.goto('/classroom');
    await own.getByLabel('搜索课程').fill('党章');
    await own.getByLabel('搜索课程').press('Enter');
    await own.getByRole('region', { name: '搜索结果' }).getByText('把党章学在经常').first().tap();
    const link = await own.getByTestId('lecture-share').getByLabel('分享链接').inputValue();
    await organiser.close();

    const visitor = await newContext(j.browser, j.server.baseUrl, { mobile: true });
    const page = await visitor.newPage();
    await page.goto(new URL(link).pathname);
    const video = page.getByTestId('lecture-video');
    await play(video);
    await expect.poll(() => time(video), { timeout: 10_000 }).toBeGreaterThan(0.5);
    await expectFitsPhone(page, '公开微课', { shot: 'learning-public-phone' });
    await visitor.close();
  });
});
