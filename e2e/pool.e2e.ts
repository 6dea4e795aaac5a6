import { describe, expect, it } from 'vitest';
import { apiAs, okJson } from './support/api.ts';
import { login, newContext, screenshot, useJourney } from './support/browser.ts';
import { expectFitsPhone } from './support/phone.ts';

/**
 * 师资库 on a 390×844 phone: the organiser makes the city's pool and adds an outside expert; the
 * 教育局 unit admin nominates one of their members; the organiser approves it from the pool page; the
 * speaker page shows the history; the overview shows every child's pool against its target.
 */
const j = useJourney({ mobile: true });

const fitsPhone = (name: string) => expectFitsPhone(j.page, name, { shot: `pool-${name}` });

let poolId = '';
let progress = { active: 0, target: 0 };

/** 在库 N / T 人 on the pool page: the demo's pool is not empty, so the journey counts from here. */
async function readProgress() {
  await j.page.getByTestId('pool-progress').waitFor();
  const text = await j.page.getByTestId('pool-progress').innerText();
  const m = /在库 (\d+) \/ (\d+) 人/.exec(text);
  if (!m) throw new Error(`师资库进度读不出：${text}`);
  return { active: Number(m[1]), target: Number(m[2]) };
}

describe('师资库', () => {
  it('the organiser makes the city pool and adds an outside expert', async () => {
    await login(j.page, 'organiser');
    const api = await apiAs(j.page.request);
    // The organiser's widest scope (the city at the root): the overview's default org. The demo seeds
    // the city's pool; an empty database gets one here.
    const overview = await okJson<{ org: { id: string }; pool: { id: string } | null }>(
      await api.get('/api/pools/overview'),
    );
    poolId =
      overview.pool?.id ??
      (
        await okJson<{ id: string }>(
          await api.post('/api/pools', { orgId: overview.org.id, name: '市级师资库', target: 20 }),
        )
      ).id;
    await j.page.getByRole('button', { name: '打开菜单' }).click();
    await j.page.getByRole('menuitem', { name: '师资库' }).click();
    await j.page.getByRole('link', { name: '市级师资库' }).click();
    await j.page.getByTestId('pool-progress').waitFor();
    progress = await readProgress();
    await j.page.getByRole('button', { name: '直接入库' }).click();
    const dialog = j.page.getByRole('dialog');
    await dialog.getByLabel('姓名').fill('刘教授');
    await dialog.getByLabel('单位及职务').fill('市委党校 教授');
    await dialog.getByLabel('联系电话').fill('13700001234');
    await dialog.getByLabel('农村').check();
    await dialog.getByRole('button', { name: /入\s*库/ }).click();
    await j.page.getByTestId('pool-speakers').getByText('刘教授').waitFor();
    expect(await j.page.getByTestId('pool-speakers').innerText()).toContain('13700001234');
    await fitsPhone('pool');
  });

  it('the unit admin nominates a member; the organiser approves; the speaker page keeps the history', async () => {
    const context = await newContext(j.browser, j.server.baseUrl, { mobile: true });
    const page = await context.newPage();
    await login(page, 'unitadmin');
    const api = await apiAs(page.request);
    // A member not yet in the pool (the demo's pool already holds some of 教育局's members).
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
    await page.goto(`/pools/${poolId}`);
    await page.getByRole('link', { name: '推荐入库' }).click();
    await page.getByLabel('推荐的党员').fill(member.name);
    await page.locator('.ant-select-item-option').first().click();
    await page.getByLabel('推荐理由').fill('长期在基层宣讲，群众评价好');
    await page.getByRole('button', { name: '提交推荐' }).click();
    await page.getByTestId('speaker-history').getByText('推荐入库').waitFor();
    await screenshot(page, 'pool-nominated');
    await context.close();

    await j.page.reload();
    const card = j.page.getByTestId('pool-nominations');
    const row = card.locator('.ant-list-item').filter({ hasText: member.name });
    await row.waitFor();
    await row.getByRole('button', { name: /^通\s*过$/ }).click();
    await j.page.getByTestId('pool-speakers').getByText(member.name).waitFor();
    expect(await j.page.getByTestId('pool-progress').innerText()).toContain(
      `在库 ${progress.active + 2} / ${progress.target} 人`,
    );
    await j.page.getByTestId('pool-speakers').getByRole('link', { name: member.name }).click();
    const history = await j.page.getByTestId('speaker-history').innerText();
    expect(history).toContain('推荐入库');
    expect(history).toContain('审核通过');
    await fitsPhone('speaker');
  });

  it('the overview lists the child orgs against their targets and the 统计表 downloads', async () => {
    await j.page.goto('/pools/overview');
    await j.page.getByTestId('pool-overview').waitFor();
    expect(await j.page.getByTestId('pool-overview').innerText()).toContain('未建库');
    await fitsPhone('overview');
    const download = j.page.waitForEvent('download');
    await j.page.getByRole('button', { name: '导出统计表' }).click();
    expect((await download).suggestedFilename()).toMatch(/师资库统计表\.xlsx$/);
  });
});
