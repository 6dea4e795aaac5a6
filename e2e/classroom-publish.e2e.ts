import { describe, expect, it } from 'vitest';
import { apiAs, okJson } from './support/api.ts';
import { login, newContext, screenshot, useJourney } from './support/browser.ts';
import { expectFitsPhone } from './support/phone.ts';

/**
 * 网上微课堂, publishing: the organiser opens the demo's 复赛 round and proposes a finalist's lecture from
 * the results; the speaker (given an account first) consents on a phone; the organiser publishes it to
 * the public; the public page plays without signing in.
 */
const j = useJourney();

let entryId = '';
let title = '';
let lectureUrl = '';
let consentLink = '';
let speakerPassword = '';

describe('推荐到微课堂 → 本人同意 → 公开发布', () => {
  it('the organiser proposes a 复赛 finalist from the round results', async () => {
    await login(j.page, 'organiser');
    await j.page.goto('/campaigns');
    await j.page
      .getByRole('link', { name: /大学习 走在前/ })
      .first()
      .click();
    await j.page.waitForURL(/\/campaigns\/\d+$/);
    await j.page.getByRole('button', { name: '开启复赛评审' }).click();
    await j.page.waitForURL(/\/rounds\/new/);
    await j.page.getByLabel('每件作品评委人数').fill('3');
    await j.page.getByLabel('晋级人数 N').fill('4');
    await j.page
      .getByRole('button', { name: /开\s*启|创建|保\s*存/ })
      .last()
      .click();
    await j.page.waitForURL(/\/rounds\/\d+$/);
    const roundId = /\/rounds\/(\d+)/.exec(j.page.url())![1]!;

    const api = await apiAs(j.page.request);
    const results = await okJson<{ items: { entryId: string; title: string }[] }>(
      await api.get(`/api/rounds/${roundId}/results`),
    );
    // The demo's finalist videos are transcoded one after another after start: take the first one ready
    // and not in the classroom yet.
    const firstReady = async () => {
      for (const item of results.items) {
        const res = await api.get(`/api/classroom/entries/${item.entryId}/proposal`);
        // The demo has published some finalists already: those show as existing.
        const text = await res.text();
        if (text.includes('"videoReady":true') && text.includes('"existing":null')) return item;
      }
      return null;
    };
    await expect.poll(firstReady, { timeout: 90_000, interval: 500 }).not.toBeNull();
    ({ entryId, title } = (await firstReady())!);

    // The speaker gets an account (the admin's page does this; here through the API), so they answer in the app.
    const entry = await okJson<{ memberId: string; speakerName: string }>(
      await api.get(`/api/entries/${entryId}`),
    );
    const member = await okJson<{ orgId: string }>(await api.get(`/api/members/${entry.memberId}`));
    const adminCtx = await newContext(j.browser, j.server.baseUrl);
    const adminPage = await adminCtx.newPage();
    await login(adminPage, 'admin');
    const created = await okJson<{ temporaryPassword: string }>(
      await (
        await apiAs(adminPage.request)
      ).post('/api/accounts', {
        username: 'classroomspeaker',
        displayName: entry.speakerName,
        memberId: entry.memberId,
        grants: [{ role: 'member', orgId: member.orgId }],
      }),
    );
    speakerPassword = created.temporaryPassword;
    await adminCtx.close();

    await j.page.getByRole('tab', { name: /结果/ }).click();
    const row = j.page.getByRole('row', { name: new RegExp(title) });
    await row.getByRole('button', { name: '推荐到微课堂' }).click();
    const dialog = j.page.getByRole('dialog');
    await dialog.getByLabel('主题标签').fill('基层治理');
    await dialog.getByLabel('主题标签').press('Enter');
    await dialog.getByLabel('内容简介').fill('一位支部书记讲身边的治理故事。');
    await dialog.getByText(/^公开/).click();
    await dialog.getByRole('button', { name: '推荐，请宣讲人同意' }).click();
    await j.page.waitForURL(/\/classroom\/lectures\/\d+$/);
    lectureUrl = new URL(j.page.url()).pathname;
    await j.page.getByTestId('lecture-manage').getByText('等待宣讲人在平台上答复').waitFor();
    consentLink = `${lectureUrl}/consent`;
    await screenshot(j.page, 'classroom-proposed');
  });

  it('the speaker reads what will be published and to whom, and consents on a phone', async () => {
    const context = await newContext(j.browser, j.server.baseUrl, { mobile: true });
    const page = await context.newPage();
    await login(page, 'classroomspeaker', speakerPassword);
    // First sign-in: the temporary password is replaced.
    await (
      await apiAs(page.request)
    ).post('/api/auth/password', {
      currentPassword: speakerPassword,
      newPassword: 'Speaker2026pass!',
    });
    const notices = await okJson<{ items: { kind: string; link: string }[] }>(
      await page.request.get('/api/notices'),
    );
    expect(notices.items.find((n) => n.kind === 'classroom_consent')?.link).toBe(consentLink);
    await page.goto(consentLink);
    await expect.poll(() => page.getByTestId('consent-audience').innerText()).toContain('公开页面无需登录');
    await expectFitsPhone(page, '授权页', { shot: 'classroom-consent-phone' });
    await page.getByRole('button', { name: '同意发布' }).tap();
    await page.getByText('您已答复：同意发布').waitFor();
    await context.close();
  });

  it('the organiser publishes it publicly; the public page plays without signing in', async () => {
    await j.page.goto(lectureUrl);
    await j.page.getByRole('button', { name: /^发\s*布$/ }).click();
    await j.page
      .getByRole('tooltip')
      .getByRole('button', { name: /发\s*布/ })
      .click();
    const share = j.page.getByTestId('lecture-share');
    await share.waitFor();
    const link = await share.getByLabel('分享链接').inputValue();
    expect(link).toMatch(/\/p\/classroom\/[a-z0-9]{16}$/);
    expect(await share.getByLabel('嵌入代码').inputValue()).toContain('/embed/classroom/');
    await screenshot(j.page, 'classroom-published');

    const visitor = await newContext(j.browser, j.server.baseUrl, { mobile: true });
    const page = await visitor.newPage();
    await page.goto(new URL(link).pathname);
    const video = page.getByTestId('lecture-video');
    await video.waitFor();
    expect(await page.getByTestId('lecture-byline').innerText()).toContain('发布');
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(1);
    await video.evaluate(async (v: HTMLVideoElement) => {
      v.muted = true;
      await v.play();
    });
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 30_000 })
      .toBeGreaterThan(0.5);
    await expectFitsPhone(page, '公开微课', { shot: 'classroom-public-phone' });
    await visitor.close();
  });
});
