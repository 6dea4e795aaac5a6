import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, newContext, screenshot, useJourney } from './support/browser.ts';
import { apiAs, okJson } from './support/api.ts';

/**
 * 作品报送 end to end on the demo city's 岳阳-style campaign (初赛, 市教育局 may recommend 1–2):
 * the demo member (a branch secretary of 市教育局) enters, uploads a small generated video and a
 * manuscript, sees the progress and the spec findings, submits; the unit admin recommends two and
 * reads the quota message on the third; the organiser sees every entry with its completeness.
 */
const j = useJourney();

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-e2e-entries-'));
const video = path.join(work, '宣讲视频.mp4');
const manuscript = path.join(work, '讲稿.pdf');
const scan = path.join(work, '推荐表扫描件.pdf');
let campaignId = '';

/** A one-page PDF (a coloured box and a line of text), with a correct cross-reference table. */
function onePagePdf(): Buffer {
  const content = '0.8 0.1 0.1 RG 6 w 60 600 480 160 re S BT /F1 28 Tf 90 680 Td (Tuijianbiao - scan) Tj ET';
  const objects = [
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>',
    `<</Length ${content.length}>>stream\n${content}\nendstream`,
    '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) out += `${String(at).padStart(10, '0')} 00000 n \n`;
  out += `trailer<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

beforeAll(() => {
  // 3 s of 320×240 test picture and tone: playable, but far from the 1080p spec (warnings, no refusal).
  execFileSync(process.env.FFMPEG_PATH ?? 'ffmpeg', [
    ...['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=3'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=3', '-c:v', 'libx264', '-pix_fmt', 'yuv420p'],
    ...['-c:a', 'aac', '-shortest', '-movflags', '+faststart', video],
  ]);
  fs.writeFileSync(scan, onePagePdf());
  fs.writeFileSync(
    manuscript,
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
});

/** Uploads both files on an entry page and waits for the server's check of each. */
async function uploadBoth(page: Page) {
  await page.getByTestId('file-input-video').setInputFiles(video);
  await page.getByTestId('upload-done-video').waitFor({ timeout: 60_000 });
  await page.getByTestId('file-input-manuscript').setInputFiles(manuscript);
  await page.getByTestId('upload-done-manuscript').waitFor({ timeout: 60_000 });
}

async function submit(page: Page) {
  await page.getByRole('button', { name: /提交作品/ }).click();
  await expect.poll(() => page.getByTestId('entry-state').first().innerText()).toBe('已提交');
}

describe('a speaker enters, the unit recommends within its quota, the organiser sees it all', () => {
  it('the speaker creates an entry, uploads a video and a manuscript, and reads the findings', async () => {
    await login(j.page, 'member');
    await j.page.goto('/entries');
    await j.page.getByRole('button', { name: /报送作品/ }).click();
    await j.page.getByRole('button', { name: /大学习 走在前/ }).click();
    campaignId = new URL(j.page.url()).searchParams.get('campaignId') ?? '';
    expect(campaignId).toMatch(/^\d+$/);
    await j.page.getByLabel('作品标题').fill('把支部建在连上');
    await j.page.getByLabel('宣讲类别').click();
    await j.page.getByTitle('党史国史').click();
    await j.page.getByLabel('讲稿提纲').fill('一、三湾改编\n二、支部建在连上的今天');
    await j.page.getByRole('button', { name: /创建作品/ }).click();
    await j.page.waitForURL(/\/entries\/\d+$/);

    // The progress block appears while the bytes go up (a small file may finish at once).
    await j.page.getByTestId('file-input-video').setInputFiles(video);
    await j.page
      .getByTestId('upload-progress-video')
      .or(j.page.getByTestId('upload-done-video'))
      .first()
      .waitFor();
    await j.page.getByTestId('upload-done-video').waitFor({ timeout: 60_000 });
    const findings = j.page.getByTestId('material-video').getByTestId('spec-findings');
    await findings.waitFor();
    expect(await findings.innerText()).toContain('分辨率 320×240，要求 1920×1080');
    await j.page.getByTestId('file-input-manuscript').setInputFiles(manuscript);
    await j.page.getByTestId('upload-done-manuscript').waitFor({ timeout: 60_000 });
    await screenshot(j.page, 'entries-speaker-uploaded');
    await submit(j.page);
  });

  it('the unit admin enters two more secretaries, recommends two and reads the quota message', async () => {
    const context = await newContext(j.browser, j.server.baseUrl);
    const page = await context.newPage();
    await login(page, 'unitadmin');
    const api = await apiAs(context.request);
    const me = await okJson<{ memberId: string | null }>(await api.get('/api/auth/me'));
    const secretaries = await okJson<{ items: { id: string; name: string }[] }>(
      await api.get('/api/members?position=%E4%B9%A6%E8%AE%B0&pageSize=10'),
    );
    const mine = await okJson<{ items: { speakerName: string }[] }>(
      await api.get(`/api/campaigns/${campaignId}/entries`),
    );
    const others = secretaries.items
      .filter((m) => !mine.items.some((e) => e.speakerName === m.name))
      .slice(0, 2);
    expect(others).toHaveLength(2);
    expect(me.memberId).toBeNull();

    // The speaker picker marks whom 创建作品 would refuse, before anything is typed in the form.
    const plain = await okJson<{ items: { name: string }[] }>(
      await api.get(`/api/members?position=${encodeURIComponent('党员')}&pageSize=1`),
    );
    const plainName = plain.items[0]!.name;
    await page.goto(`/entries/new?campaignId=${campaignId}`);
    await page.getByLabel('选择党员').fill(plainName);
    const marked = page.locator('.ant-select-item-option-disabled').filter({ hasText: plainName }).first();
    await marked.waitFor();
    expect(await marked.innerText()).toContain('不符合参赛条件：须为书记/副书记');
    await screenshot(page, 'entries-speaker-picker');
    for (const [i, m] of others.entries()) {
      const created = await okJson<{ id: string }>(
        await api.post(`/api/campaigns/${campaignId}/entries`, {
          stageKey: 'preliminary',
          memberId: m.id,
          title: `代报作品${i + 1}`,
          categoryKey: 'theory',
        }),
      );
      await page.goto(`/entries/${created.id}`);
      // The 推荐表 is due before 推荐 and may go up as soon as the entry exists (still a draft).
      if (i === 0) {
        await page.getByTestId('file-input-recommendation_scan').setInputFiles(scan);
        await page.getByTestId('upload-done-recommendation_scan').waitFor({ timeout: 60_000 });
      }
      await uploadBoth(page);
      await submit(page);
    }

    await page.goto(`/campaigns/${campaignId}/entries`);
    const rowOf = (title: RegExp) => page.getByRole('row', { name: title });
    await rowOf(/把支部建在连上/).waitFor();
    // Without the stamped 推荐表 the campaign refuses 推荐, saying what is missing and where it goes.
    await rowOf(/把支部建在连上/)
      .getByRole('button', { name: /推\s*荐/ })
      .click();
    const refusal = page.getByRole('dialog');
    await refusal.getByText('还缺少推荐表（盖章扫描件）', { exact: false }).waitFor();
    expect(await refusal.innerText()).toContain('在「推荐表」栏下载推荐表（Word）');
    await screenshot(page, 'entries-recommend-needs-scan');
    await refusal.getByRole('button').last().click();
    expect(await rowOf(/把支部建在连上/).innerText()).toContain('已提交');

    // The entry page says when the scan is due; download the filled-in form, upload the scan, read it.
    await rowOf(/把支部建在连上/)
      .getByRole('link')
      .click();
    await page.waitForURL(/\/entries\/\d+$/);
    const due = page.getByTestId('scan-due');
    await due.waitFor();
    expect(await due.innerText()).toMatch(/单位推荐作品前必须上传，未上传不能推荐；截止时间 .+24:00/);
    expect(await due.innerText()).toContain('作品创建后即可上传');
    await screenshot(page, 'entries-scan-due');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /下载推荐表/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^推荐表-.+\.docx$/);
    await page.getByTestId('file-input-recommendation_scan').setInputFiles(scan);
    await page.getByTestId('upload-done-recommendation_scan').waitFor({ timeout: 60_000 });
    await expect.poll(() => due.innerText()).toContain('推荐表已上传，可以推荐');
    // The PDF is drawn in the page with pdf.js (no browser PDF viewer, which WeChat lacks).
    await page
      .getByTestId('material-recommendation_scan')
      .getByRole('button', { name: /在线查看/ })
      .click();
    const viewer = page.getByTestId('pdf-viewer');
    await viewer.getByTestId('pdf-page').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => viewer.getByTestId('pdf-page-count').innerText()).toBe('共 1 页');
    expect(await page.locator('iframe').count()).toBe(0);
    await screenshot(page, 'entries-scan-pdf-in-page');

    await page.goto(`/campaigns/${campaignId}/entries`);
    await rowOf(/把支部建在连上/).waitFor();
    for (const title of [/把支部建在连上/, /代报作品1/]) {
      await rowOf(title)
        .getByRole('button', { name: /推\s*荐/ })
        .click();
      await expect.poll(() => rowOf(title).innerText()).toContain('已推荐');
    }
    await rowOf(/代报作品2/)
      .getByRole('button', { name: /推\s*荐/ })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('本单位本阶段已推荐 2 名，名额为 1–2 名，不能再推荐', { exact: false }).waitFor();
    await screenshot(page, 'entries-quota-message');
    await dialog.getByRole('button').last().click();
    expect(await rowOf(/代报作品2/).innerText()).toContain('已提交');
    const quota = page.getByTestId('unit-quota').filter({ hasText: '市教育局' });
    expect(await quota.innerText()).toContain('已推荐 2 / 名额 1–2 名');
    expect(await quota.innerText()).toContain('已推荐的材料齐全');
    await context.close();
  });

  it('the organiser sees every entry of the campaign with its completeness', async () => {
    const context = await newContext(j.browser, j.server.baseUrl);
    const page = await context.newPage();
    await login(page, 'organiser');
    await page.goto(`/campaigns/${campaignId}/entries`);
    const row = page.getByRole('row', { name: /把支部建在连上/ });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('市教育局');
    expect(text).toContain('宣讲视频有提示');
    expect(text).not.toContain('缺推荐表');
    expect(await page.getByRole('row', { name: /代报作品2/ }).innerText()).toContain('缺推荐表');
    await page.getByRole('button', { name: /下载本阶段全部材料/ }).waitFor();
    await screenshot(page, 'entries-organiser-list');

    // Extend 市教育局's deadline with a reason; the extension is listed with who granted it.
    await page.getByRole('button', { name: /延长截止时间/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('单位').fill('市教育局');
    await page.getByTitle('市教育局', { exact: true }).click();
    await dialog.getByLabel(/延长至/).click();
    await dialog.getByLabel(/延长至/).fill('2027年1月31日');
    await dialog.getByLabel(/延长至/).press('Enter');
    await dialog.getByLabel('延期原因').fill('单位网络故障，视频未能按时上传');
    await dialog.getByRole('button', { name: /确定延期/ }).click();
    await page.getByText('市教育局 · 初赛 延长至 2027年1月31日', { exact: false }).waitFor();
    await expect
      .poll(() => page.getByTestId('unit-quota').filter({ hasText: '市教育局' }).innerText())
      .toContain('截止 2027年1月31日 24:00');

    // The speaker's video has been remuxed to HLS by the in-process job runner meanwhile: play it.
    await row.getByRole('link', { name: '把支部建在连上' }).click();
    await page.waitForURL(/\/entries\/\d+$/);
    const api = await apiAs(context.request);
    const entry = await okJson<{ materials: { material: string; fileId: string }[] }>(
      await api.get(`/api/entries/${new URL(page.url()).pathname.split('/').pop()}`),
    );
    const fileId = entry.materials.find((m) => m.material === 'video')!.fileId;
    await expect
      .poll(async () => (await api.get(`/api/media/${fileId}`)).text(), { timeout: 90_000, interval: 1000 })
      .toContain('"status":"ready"');
    const player = page.getByTestId('entry-video');
    await player.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(1);
    expect(await player.evaluate((v: HTMLVideoElement) => Math.round(v.duration))).toBe(3);
    await screenshot(page, 'entries-organiser-plays');
    await context.close();
  });
});
