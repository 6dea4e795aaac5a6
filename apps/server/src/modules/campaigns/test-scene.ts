import type { Client, TestContext } from '../../test/harness.ts';

/**
 * A small city for the campaign API tests: 演示市委 with two units (教育局 with a branch, 财政局),
 * one account per role that matters. The test clock stands at 2026-07-01 10:00 Beijing time.
 */
export async function campaignScene(t: TestContext) {
  const f = t.factories;
  const city = await f.org({ name: '演示市委', type: 'committee' });
  const edu = await f.org({ name: '市教育局', type: 'unit', parent: city });
  const eduBranch = await f.org({ name: '教育局第一党支部', type: 'branch', parent: edu });
  const finance = await f.org({ name: '市财政局', type: 'unit', parent: city });
  const accounts = {
    admin: [{ role: 'platform_admin', org: city }],
    cityOrganiser: [{ role: 'organiser', org: city }],
    eduOrganiser: [{ role: 'organiser', org: edu }],
    supervisor: [{ role: 'supervisor', org: city }],
    eduUnitAdmin: [{ role: 'unit_admin', org: edu }],
    financeUnitAdmin: [{ role: 'unit_admin', org: finance }],
    judge: [{ role: 'judge', org: edu }],
    eduMember: [{ role: 'member', org: eduBranch }],
  } as const;
  const clients = {} as Record<keyof typeof accounts, Client>;
  for (const [name, grants] of Object.entries(accounts) as [
    keyof typeof accounts,
    (typeof accounts)[keyof typeof accounts],
  ][]) {
    await f.user([...grants], { username: `c_${name.toLowerCase()}` });
    clients[name] = await t.login(`c_${name.toLowerCase()}`);
  }
  return { city, edu, eduBranch, finance, ...clients };
}

export type CampaignScene = Awaited<ReturnType<typeof campaignScene>>;

/** Creates a campaign through the API and returns its detail (fails the test on anything but 201). */
export async function createCampaign(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/campaigns', body);
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string; title: string; settings: Record<string, unknown>; updatedAt: string }>();
}
