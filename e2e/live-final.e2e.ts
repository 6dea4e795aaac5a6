import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { login, newContext, screenshot, screenshotDir, useJourney } from './support/browser.ts';
import { pickOptions } from './support/select.ts';
import { apiAs, okJson } from './support/api.ts';
import { expectAccessible } from './support/a11y.ts';
import { expectFitsPhone } from './support/phone.ts';

/**
 * 现场决赛 of the demo city's 岳阳-style campaign, end to end. Setup through the API (not the point
 * here): the 复赛 is opened, scored by the three demo judges and its top three confirmed. Then in the
 * browser: the organiser opens the 决赛 as a live final from the 复赛 results; the panel is the three
 * demo judges and two invited ones; the organiser commits the draw, the supervisor adds a random
 * number, the organiser reveals; the MC runs the three speakers with the timer; five judges score on
 * 390×844 phones (one is offline for a while on the first speaker and catches up, counted once); the
 * supervisor confirms each result and the MC announces it; the big screen (1920×1080) shows each
 * result with the dropped scores struck through; the supervisor signs; the awards are assigned and
 * published; a certificate PDF is downloaded and the page its QR code points to is opened; the public
 * verify page recomputes the order in the browser.
 */
const j = useJourney();

let campaignId = '';
let finalId = '';
let screenCode = '';
/** The speakers' names in the order the MC ran them. */
const spokenOrder: string[] = [];
const invited: { username: string; password: string }[] = [];

interface Phone {
  username: string;
  context: BrowserContext;
  page: Page;
}
const phones: Phone[] = [];
let supervisor: { context: BrowserContext; page: Page };
let screen: { context: BrowserContext; page: Page };

/** Clicks a confirm dialog's button until the dialog closes (a click during its zoom-in can miss). */
async function confirmDialog(page: Page, name: string | RegExp) {
  const button = page.getByRole('dialog').last().getByRole('button', { name });
  await button.waitFor();
  for (let attempt = 0; attempt < 3 && (await button.isVisible()); attempt += 1) {
    await button.click().catch(() => undefined);
    await button.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  }
}

/** Clicks a Popconfirm's OK button (the popover is a tooltip, not a dialog). */
async function confirmPopover(page: Page, name: string | RegExp) {
  const button = page.locator('.ant-popover:not(.ant-popover-hidden)').getByRole('button', { name });
  await button.waitFor();
  await button.click();
}

const fitsPhone = (page: Page, name: string) => expectFitsPhone(page, name, { strict: true, settle: false });

async function contextAs(username: string, password?: string, mobile = true) {
  const context = await newContext(j.browser, j.server.baseUrl, { mobile });
  const page = await context.newPage();
  await login(page, username, password);
  return { context, page };
}

/** Criterion values whose total is the rubric's 80 % plus d on the first criterion. */
async function fillSheet(page: Page, d: number): Promise<number> {
  const sheet = page.getByTestId('live-score-sheet');
  const inputs = sheet.getByRole('spinbutton');
  const count = await inputs.count();
  let total = 0;
  for (let i = 0; i < count; i += 1) {
    const input = inputs.nth(i);
    const label = (await input.getAttribute('aria-label')) ?? '';
    const max = Number(/满分 (\d+)/.exec(label)?.[1]);
    const value = Math.round(max * 0.8) + (i === 0 ? d : 0);
    total += value;
    await input.fill(String(value));
  }
  await inputs.nth(count - 1).press('Tab'); // the last value is committed on blur
  await expect.poll(() => sheet.getByTestId('live-total').innerText()).toContain(`总分 ${total} `);
  return total;
}

async function submitSheet(page: Page) {
  await page
    .getByTestId('live-score-sheet')
    .getByRole('button', { name: /^提\s*交$/ })
    .click();
  await confirmDialog(page, /^提\s*交$/);
}

describe('现场决赛: from the 复赛 results to the certificates', () => {
  it('setup: the 复赛 is scored by three judges and its top three confirmed (API)', async () => {
    await login(j.page, 'organiser');
    const api = await apiAs(j.page.request);
    const campaigns = await okJson<{ items: { id: string; title: string }[] }>(
      await api.get('/api/campaigns'),
    );
    campaignId = campaigns.items.find((c) => c.title.includes('大学习 走在前'))!.id;
    const campaign = await okJson<{ settings: { stages: { key: string; kind: string }[] } }>(
      await api.get(`/api/campaigns/${campaignId}`),
    );
    const semifinal = campaign.settings.stages.find((s) => s.kind === 'semifinal')!.key;
    const defaults = await okJson<Record<string, unknown>>(
      await api.get(`/api/campaigns/${campaignId}/round-defaults?stageKey=${semifinal}`),
    );
    const { liveDefaults: _ignored, ...config } = defaults;
    void _ignored;
    const { round } = await okJson<{ round: { id: string } }>(
      await api.post(`/api/campaigns/${campaignId}/rounds`, {
        ...config,
        stageKey: semifinal,
        judgesPerEntry: 3,
        dropHighest: 1,
        dropLowest: 1,
        advancement: { kind: 'top_n', count: 3 },
      }),
    );
    const accounts = await okJson<{ items: { userId: string; username: string }[] }>(
      await api.get(`/api/rounds/${round.id}/judge-accounts`),
    );
    const demoJudges = accounts.items.filter((a) => ['judge', 'judge2', 'judge3'].includes(a.username));
    expect(demoJudges).toHaveLength(3);
    await okJson(
      await api.post(`/api/rounds/${round.id}/judges`, { userIds: demoJudges.map((a) => a.userId) }),
    );
    await okJson(await api.post(`/api/rounds/${round.id}/assign`, {}));
    for (const [n, username] of ['judge', 'judge2', 'judge3'].entries()) {
      const { context, page } = await contextAs(username);
      const judgeApi = await apiAs(page.request);
      const queue = await okJson<{ items: { code: string }[] }>(
        await judgeApi.get(`/api/judging/rounds/${round.id}`),
      );
      const codes = queue.items.map((i) => i.code).sort();
      for (const [i, code] of codes.entries()) {
        await okJson(
          await judgeApi.put(`/api/judging/rounds/${round.id}/items/${code}/score`, {
            scores: { content: 34 - n - i, language: 20, courseware: 12, presence: 8, timing: 8 },
            comment: '',
            submit: true,
          }),
        );
      }
      await context.close();
    }
    await okJson(await api.post(`/api/rounds/${round.id}/close`, {}));
    await okJson(await api.post(`/api/rounds/${round.id}/confirm`, {}));
  });

  it('the organiser opens the 决赛 as a live final from the 复赛 results', async () => {
    await j.page.goto(`/campaigns/${campaignId}`);
    await j.page.getByRole('button', { name: '开启决赛评审' }).click();
    await j.page.waitForURL(/\/rounds\/new/);
    await j.page.getByRole('switch', { name: /现场决赛/ }).click();
    await j.page.getByLabel('宣讲限时').waitFor();
    await screenshot(j.page, 'live-new-final');
    await expectAccessible(j.page, '开启决赛（现场决赛设置）');
    await j.page
      .getByRole('button', { name: /开启评审/ })
      .last()
      .click();
    await j.page.waitForURL(/\/rounds\/\d+$/);
    finalId = /\/rounds\/(\d+)/.exec(j.page.url())![1]!;
    // The three who advanced from the 复赛, and only they.
    const api = await apiAs(j.page.request);
    const detail = await okJson<{ entries: unknown[] }>(await api.get(`/api/rounds/${finalId}`));
    expect(detail.entries).toHaveLength(3);

    // Panel: the three demo judges and two invited ones (the invitations through the API).
    await j.page.getByRole('tab', { name: '评委组' }).click();
    await j.page.getByRole('button', { name: '添加评委' }).click();
    const dialog = j.page.getByRole('dialog');
    await pickOptions(j.page, dialog, dialog.getByLabel('评委账号'), [
      '演示评委',
      '演示评委二',
      '演示评委三',
    ]);
    await dialog.locator('.ant-modal-title').click(); // closes the option list
    await dialog.getByRole('button', { name: '加入评委组' }).click();
    for (const [i, name] of ['评委周四', '评委吴五'].entries()) {
      const username = `finaljudge${i + 4}`;
      const out = await okJson<{ temporaryPassword: string }>(
        await api.post(`/api/rounds/${finalId}/judges/invite`, { displayName: name, username }),
      );
      invited.push({ username, password: out.temporaryPassword });
    }
    await j.page.reload();
    await j.page.getByRole('tab', { name: '评委组' }).click();
    await expect.poll(() => j.page.getByRole('table', { name: '评委组' }).getByRole('row').count()).toBe(6);
    await screenshot(j.page, 'live-panel');
  });

  it('the draw: the organiser commits, the supervisor adds a number, the organiser reveals', async () => {
    await j.page.goto(`/rounds/${finalId}`);
    await j.page.getByRole('link', { name: /出场抽签/ }).click();
    await j.page.waitForURL(/\/rounds\/\d+\/draw$/);
    await j.page.getByRole('button', { name: '生成种子' }).click();
    await j.page.getByLabel('我已抄写或下载保存了种子').check();
    await j.page.getByRole('button', { name: '公布承诺值和决赛名单' }).click();
    await j.page.getByText('承诺值已公布，名单随之确定').waitFor();

    supervisor = await contextAs('supervisor', undefined, false);
    await supervisor.page.goto(`/rounds/${finalId}`);
    await supervisor.page.getByRole('link', { name: /出场抽签/ }).click();
    await supervisor.page.waitForURL(/\/rounds\/\d+\/draw$/);
    await supervisor.page.getByLabel('谁给出的').fill('监督员 演示监督员');
    await supervisor.page.getByLabel('随机数').fill('20261206');
    await supervisor.page.getByRole('button', { name: /^录\s*入$/ }).click();
    await supervisor.page.getByText('已录入').first().waitFor();

    await j.page.reload();
    await j.page.getByText('监督员本人录入').waitFor();
    await j.page.getByRole('button', { name: '揭晓并确定出场顺序' }).click();
    await confirmPopover(j.page, /揭\s*晓/);
    await j.page.getByText('出场顺序已确定').first().waitFor();
    await screenshot(j.page, 'live-draw-revealed');
    await expectAccessible(j.page, '出场顺序抽签');
  });

  it('five judges open their phones (two invited ones set their password first)', async () => {
    for (const username of ['judge', 'judge2', 'judge3']) {
      const { context, page } = await contextAs(username);
      phones.push({ username, context, page });
    }
    for (const { username, password } of invited) {
      const { context, page } = await contextAs(username, password);
      await page.waitForURL('**/change-password');
      await page.getByLabel(/初始密码|当前密码/).fill(password);
      await page.getByLabel('新密码', { exact: true }).fill('Pingwei2026ok');
      await page.getByLabel('再次输入新密码').fill('Pingwei2026ok');
      await page.getByRole('button', { name: '确认修改' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/change-password'));
      phones.push({ username, context, page });
    }
    // A judge finds the final among their rounds.
    const first = phones[0]!.page;
    await first.goto('/judging');
    await first.getByRole('button', { name: '进入现场评分' }).first().waitFor();
    await fitsPhone(first, '评委的评审轮次');
    await first.getByRole('button', { name: '进入现场评分' }).first().click();
    await first.waitForURL(/\/live\/\d+\/judge$/);
    for (const p of phones.slice(1)) await p.page.goto(`/live/${finalId}/judge`);
    await first.getByText('主持人开始评分后，这里会显示评分表。').waitFor();
    await screenshot(first, 'live-judge-waiting');
    await expectAccessible(first, '评委手机（等待评分）');
  });

  it('the MC runs three speakers; the judges score; the supervisor confirms; the big screen shows each result', async () => {
    await j.page.goto(`/rounds/${finalId}`);
    await j.page.getByRole('button', { name: '主持人控制台' }).click();
    await j.page.waitForURL(/\/live\/\d+$/);
    await j.page.getByRole('button', { name: '开始比赛' }).click();
    const href = await j.page.getByRole('link', { name: /打开大屏/ }).getAttribute('href');
    screenCode = /\/screen\/([^/?#]+)/.exec(href ?? '')![1]!;

    screen = { context: await newContext(j.browser, j.server.baseUrl), page: undefined as unknown as Page };
    screen.page = await screen.context.newPage();
    await screen.page.setViewportSize({ width: 1920, height: 1080 });
    await screen.page.goto(`/screen/${screenCode}`);

    await supervisor.page.goto(`/rounds/${finalId}`);
    await supervisor.page.getByRole('button', { name: '现场监督' }).click();
    await supervisor.page.waitForURL(/\/live\/\d+\/supervise$/);

    const api = await apiAs(j.page.request);
    for (let n = 0; n < 3; n += 1) {
      await j.page.getByRole('button', { name: '请下一位选手' }).click();
      await j.page.getByRole('button', { name: '开始计时' }).click();
      await j.page.getByRole('button', { name: '停止计时' }).waitFor();
      if (n === 0) await screenshot(j.page, 'live-console-timer');
      await j.page.waitForTimeout(1200);
      await j.page.getByRole('button', { name: '停止计时' }).click();
      await j.page.getByRole('button', { name: '开始评分' }).click();
      await j.page.getByTestId('judge-ticks').waitFor();

      const offline = n === 0 ? phones[4]! : null;
      for (const [i, phone] of phones.entries()) {
        const sheet = phone.page.getByTestId('live-score-sheet');
        await sheet.waitFor({ timeout: 20_000 });
        if (n === 0 && i === 0) {
          await screenshot(phone.page, 'live-judge-sheet');
          await fitsPhone(phone.page, '评委评分表');
          await expectAccessible(phone.page, '评委手机（评分表）');
        }
        if (phone === offline) await phone.context.setOffline(true);
        await fillSheet(phone.page, 2 * i - 4 + n);
        await submitSheet(phone.page);
        if (phone === offline) {
          await phone.page.getByText('等待网络').waitFor();
          await phone.page.getByText('您的评分已保存在本机，网络恢复后会自动提交').waitFor();
          await screenshot(phone.page, 'live-judge-offline');
        }
      }
      if (offline) {
        // The console sees four of five while the fifth phone is offline.
        await j.page.getByText('已提交 4 / 5').waitFor();
        await offline.page.waitForTimeout(3000);
        await offline.context.setOffline(false);
        await offline.page.getByText('已提交', { exact: true }).waitFor({ timeout: 30_000 });
        await screenshot(offline.page, 'live-judge-caught-up');
      }
      await j.page.getByText('已提交 5 / 5').waitFor();
      if (n === 0) await expectAccessible(phones[0]!.page, '评委手机（已提交）');

      // The supervisor confirms the result; the MC announces it.
      const confirm = supervisor.page.getByRole('button', { name: '确认该选手成绩' });
      await confirm.waitFor();
      await confirm.click();
      await confirm.waitFor({ state: 'hidden' });
      if (n === 0) await screenshot(supervisor.page, 'live-supervisor');
      await j.page.getByRole('button', { name: '公布成绩' }).first().click();

      // The big screen shows the result: five judges, the highest and lowest struck through.
      const view = await okJson<{
        speakers: { entryId: string; speakerName: string; status: string }[];
        currentEntryId: string;
      }>(await api.get(`/api/live/rounds/${finalId}`));
      const current = view.speakers.find((s) => s.entryId === view.currentEntryId)!;
      spokenOrder.push(current.speakerName);
      await screen.page.locator('.jt-live-dropped').first().waitFor();
      await expect.poll(() => screen.page.locator('body').innerText()).toContain(current.speakerName);
      await expect.poll(() => screen.page.locator('.jt-live-dropped s').count()).toBe(2);
      await screen.page.screenshot({ path: path.join(screenshotDir, `live-screen-result-${n + 1}.png`) });
      if (n === 0) {
        // The audience follows on their phones (the big screen's QR code).
        const watcher = await newContext(j.browser, j.server.baseUrl, { mobile: true });
        const watch = await watcher.newPage();
        await watch.goto(`/watch/${screenCode}`);
        await expect.poll(() => watch.locator('body').innerText()).toContain(current.speakerName);
        await screenshot(watch, 'live-watch');
        await fitsPhone(watch, '观众页');
        await expectAccessible(watch, '观众页');
        await watcher.close();
      }
    }

    // Judge five's late score counted once: five records for the first speaker, not six.
    const supervision = await okJson<{
      speakers: { result: { judges: { submitted: boolean }[] } }[];
      records: number;
    }>(await api.get(`/api/live/rounds/${finalId}/supervision`));
    for (const s of supervision.speakers) expect(s.result.judges.filter((x) => x.submitted)).toHaveLength(5);
    const log = await okJson<{ items: { action: string; judgeName: string | null }[] }>(
      await api.get(`/api/rounds/${finalId}/score-log`),
    );
    const submits = log.items.filter((r) => r.action === 'submit');
    expect(submits).toHaveLength(15);
    expect(submits.filter((r) => r.judgeName === '评委吴五')).toHaveLength(3);
    await screenshot(j.page, 'live-console-finished');
    await expectAccessible(j.page, '主持人控制台');
  });

  it('the supervisor signs the whole final', async () => {
    await supervisor.page.getByRole('button', { name: '签字确认全部成绩' }).click();
    await supervisor.page.getByPlaceholder('监督意见（可不填）').fill('评分过程公开，成绩无误。');
    await confirmDialog(supervisor.page, '签字确认');
    await supervisor.page.getByText('现场决赛全部成绩已签字确认').waitFor();
    await screenshot(supervisor.page, 'live-signed');
    await expectAccessible(supervisor.page, '监督员页面');
    // In the hall the supervisor may follow on a phone: every judge's scores without sideways scrolling.
    const onPhone = await contextAs('supervisor');
    await onPhone.page.goto(`/live/${finalId}/supervise`);
    await onPhone.page.getByText('现场决赛全部成绩已签字确认').waitFor();
    await screenshot(onPhone.page, 'live-supervisor-phone');
    await fitsPhone(onPhone.page, '监督员页面（手机）');
    // The draw's record, as the supervisor reads it on the phone.
    await onPhone.page.goto(`/rounds/${finalId}/draw`);
    await onPhone.page.getByText('出场顺序', { exact: true }).waitFor();
    await screenshot(onPhone.page, 'live-draw-phone');
    await fitsPhone(onPhone.page, '抽签页面（手机）');
    await onPhone.context.close();
    for (const p of phones) await p.context.close();
    await screen.context.close();
  });

  let verifyCode = '';
  it('the awards are assigned and published; a certificate PDF is downloaded and its QR page opened', async () => {
    // From the MC console back to the round, and on to the awards.
    await j.page.goto(`/live/${finalId}`);
    await j.page.getByRole('link', { name: '评审轮次' }).click();
    await j.page.waitForURL(/\/rounds\/\d+$/);
    await j.page.getByRole('button', { name: /奖项与证书/ }).click();
    await j.page.waitForURL(/\/rounds\/\d+\/awards$/);
    await j.page.getByRole('button', { name: '生成表彰名单' }).click();
    await j.page.getByRole('table', { name: '个人奖项' }).waitFor();
    // 组织奖: the campaign says 若干; the organiser sets how many this time.
    await j.page.getByLabel('「组织奖」名额').fill('2');
    await j.page.getByRole('button', { name: '保存并重新计算' }).click();
    await j.page.getByText('公示前还需处理').waitFor({ state: 'hidden' });
    await screenshot(j.page, 'live-awards-draft');
    await expectAccessible(j.page, '奖项与证书（草稿）');
    await j.page.getByRole('button', { name: '发布公示' }).click();
    await confirmPopover(j.page, '发布公示');
    await j.page.getByText('表彰名单已公示').first().waitFor();
    const list = j.page.getByRole('table', { name: '获奖名单' });
    await list.waitFor();
    const download = j.page.waitForEvent('download');
    await list.getByRole('button', { name: '下载证书' }).first().click();
    const file = await (await download).path();
    const pdf = fs.readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', [file, '-']).toString();
    expect(text).toMatch(/一等奖/);
    const certificateNo = /\d{4}-\d+-\d{4}/.exec(text)?.[0];
    expect(certificateNo, '证书 PDF 上没有证书编号').toBeDefined();
    await screenshot(j.page, 'live-awards-published');

    // The QR code's address is also the link on the QR area of the PDF: the same page as 查验页.
    const uri = /\/URI \((https?:[^)]+)\)/.exec(pdf.toString('latin1'))?.[1];
    expect(uri, '证书 PDF 中没有二维码的查验地址').toMatch(/\/certificates\/[^/]+$/);
    verifyCode = /\/certificates\/([^/?#]+)$/.exec(uri!)![1]!;
    const qrHref = await list.getByRole('link', { name: '查验页' }).first().getAttribute('href');
    expect(qrHref).toBe(`/certificates/${verifyCode}`);
    // Anyone opens it on a phone, without signing in.
    const context = await newContext(j.browser, j.server.baseUrl, { mobile: true });
    const page = await context.newPage();
    await page.goto(`/certificates/${verifyCode}`);
    await page.getByText('证书真实有效').waitFor();
    expect(await page.locator('body').innerText()).toContain(certificateNo!);
    await screenshot(page, 'live-certificate-check');
    await fitsPhone(page, '证书查验');
    await expectAccessible(page, '证书查验');
    await context.close();
  });

  it('the public verify page recomputes the order of speakers', async () => {
    const context = await newContext(j.browser, j.server.baseUrl, { mobile: true });
    const page = await context.newPage();
    await page.goto(`/draw/${finalId}`);
    await page.getByText('本页已在您的浏览器中复算：出场顺序与公布的完全一致').waitFor({ timeout: 30_000 });
    expect(await page.getByText('✓ 一致').count()).toBeGreaterThanOrEqual(3);
    // The recomputed order is the order the evening ran in.
    const orderCard = page.locator('.ant-card').filter({ hasText: /、出场顺序/ });
    const listed = await orderCard.locator('.ant-list-item-meta-title').allInnerTexts();
    expect(listed.map((t) => t.replace(/（.*$/, ''))).toEqual(spokenOrder);
    await screenshot(page, 'live-draw-verify');
    await fitsPhone(page, '抽签公开核验');
    await expectAccessible(page, '抽签公开核验');
    await context.close();
    await supervisor.context.close();
  });
});
