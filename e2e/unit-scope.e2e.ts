import { beforeAll, describe, expect, it } from 'vitest';
import { login, newContext, screenshot, useJourney } from './support/browser.ts';
import { apiAs, okJson } from './support/api.ts';

/** The 市教育局 unit admin's phone. */
const j = useJourney({ mobile: true });

interface OrgRoot {
  id: string;
  name: string;
}
interface MemberRow {
  id: string;
  name: string;
  orgName: string;
}

/** What the 市财政局 unit admin can see of their own unit: the unit and one of its members (full phone). */
let finance: { org: OrgRoot; member: MemberRow & { phone: string } };

beforeAll(async () => {
  const financeContext = await newContext(j.browser, j.server.baseUrl);
  await login(await financeContext.newPage(), 'unitadmin2');
  const api = await apiAs(financeContext.request);
  const [org] = await okJson<OrgRoot[]>(await api.get('/api/orgs/roots'));
  const list = await okJson<{ items: MemberRow[] }>(
    await api.get(`/api/members?orgId=${org!.id}&pageSize=1`),
  );
  const detail = await okJson<MemberRow & { phone: string }>(
    await api.get(`/api/members/${list.items[0]!.id}`),
  );
  finance = { org: org!, member: detail };
  await financeContext.close();
});

describe("a unit admin of 市教育局 cannot see 市财政局's members", () => {
  it('the finance side is set up as expected', () => {
    expect(finance.org.name).toBe('市财政局');
    expect(finance.member.phone).toMatch(/^1\d{10}$/);
  });

  it('sees only their own unit in the tree, on a phone', async () => {
    await login(j.page, 'unitadmin');
    await j.page.goto('/org');
    const tree = j.page.getByTestId('org-tree');
    await tree.getByText('市教育局').first().waitFor();
    expect(await tree.innerText()).not.toContain('市财政局');
    await j.page.getByTestId('member-table').waitFor();
    await screenshot(j.page, 'unit-scope-own-tree');
  });

  it('finds no finance organisation and no finance member by searching', async () => {
    await j.page.getByLabel('搜索组织').fill('财政');
    await j.page.getByText('没有找到匹配的组织').waitFor();
    await j.page.keyboard.press('Escape');

    const table = j.page.getByTestId('member-table');
    await j.page.getByLabel('搜索党员').fill(finance.member.phone);
    await table.getByText('没有符合条件的党员').waitFor();
    expect(await table.innerText()).not.toContain(finance.member.name);
  });

  it('is refused with a clear message when opening the finance bureau by its address', async () => {
    await j.page.goto(`/org?node=${finance.org.id}`);
    await j.page.getByText('「市财政局」不在您的管理范围内').first().waitFor();
    expect(await j.page.getByTestId('member-table').count()).toBe(0);
    await screenshot(j.page, 'unit-scope-refused');
  });

  it('gets 403 from the API for the finance org, its members and its export; 404 for one member', async () => {
    const api = await apiAs(j.context.request);
    // One member is answered like a missing one: a member id must not reveal its branch.
    for (const [url, status] of [
      [`/api/orgs/${finance.org.id}`, 403],
      [`/api/orgs/${finance.org.id}/children`, 403],
      [`/api/members?orgId=${finance.org.id}`, 403],
      [`/api/members/${finance.member.id}`, 404],
      [`/api/orgs/${finance.org.id}/export`, 403],
    ] as const) {
      const res = await api.get(url);
      expect(res.status(), url).toBe(status);
      expect(res.headers()['content-type']).toContain('application/problem+json');
      const body = (await res.json()) as { detail: string };
      expect(body.detail).not.toContain(finance.member.name);
    }
    // Lists are searched within the caller's scope: the finance member is simply not there.
    const byPhone = await okJson<{ total: number }>(await api.get(`/api/members?q=${finance.member.phone}`));
    expect(byPhone.total).toBe(0);
    const byOrgName = await okJson<{ items: OrgRoot[] }>(
      await api.get(`/api/orgs/search?q=${encodeURIComponent('财政')}`),
    );
    expect(byOrgName.items).toHaveLength(0);
  });

  it("lists their unit's entries on 作品报送, with 代为报送; a judge has no 作品报送 at all", async () => {
    await j.page.goto('/entries');
    await j.page.getByRole('button', { name: '代为报送' }).waitFor();
    const entryLinks = j.page.locator('main a[href^="/entries/"]');
    await entryLinks.first().waitFor();
    const units = await j.page.locator('main').innerText();
    expect(units).toContain('市教育局');
    expect(units).not.toContain('市财政局');
    await screenshot(j.page, 'unit-scope-entries');

    const judgeContext = await newContext(j.browser, j.server.baseUrl);
    const judge = await judgeContext.newPage();
    await login(judge, 'judge');
    const menu = judge.getByRole('menu', { name: '主菜单' });
    await menu.getByText('评审打分', { exact: true }).waitFor();
    expect(await menu.getByText('作品报送', { exact: true }).count()).toBe(0);
    await judgeContext.close();
  });
});
