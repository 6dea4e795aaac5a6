import type { CoverageView } from '@jiangtai/contracts';
import type { Client, TestContext } from '../../test/harness.ts';
import { coverageCampaign, lecture } from './test-coverage-support.ts';

/**
 *   市委 ─ 甲县 ─ 东镇 ─ 一支部: 书记 老赵, 副书记兼纪检委员 老钱, 组织委员 老孙, 党员 小李, 小周
 *                     └ 二支部: 书记 老吴, 党员 小郑
 *        └ 乙县 ─ 三支部 (no 书记): 党员 小王
 * A published campaign of 市委 (the whole city takes part); accounts: the platform admin of 市委
 * (organiser side), the unit admin of 甲县, and 老赵's member account (一支部's secretary).
 * `p` keeps user names and phones apart when a file builds the scene twice.
 */
export async function coverageScene(t: TestContext, p: string) {
  const f = t.factories;
  const city = await f.org({ name: '市委', type: 'committee' });
  const jia = await f.org({ name: '甲县', type: 'county', parent: city });
  const yi = await f.org({ name: '乙县', type: 'county', parent: city });
  const town = await f.org({ name: '东镇', type: 'party_committee', parent: jia });
  const b1 = await f.org({ name: '一支部', type: 'branch', parent: town });
  const b2 = await f.org({ name: '二支部', type: 'branch', parent: town });
  const b3 = await f.org({ name: '三支部', type: 'branch', parent: yi });
  const m = async (org: typeof b1, name: string, positions: string[]) =>
    f.member(org, { name, positions, phone: null });
  const zhao = await m(b1, '老赵', ['书记']);
  const qian = await m(b1, '老钱', ['副书记', '纪检委员']);
  const sun = await m(b1, '老孙', ['组织委员']);
  const li = await m(b1, '小李', ['党员']);
  const zhou = await m(b1, '小周', ['党员']);
  const wu = await m(b2, '老吴', ['书记']);
  const zheng = await m(b2, '小郑', ['党员']);
  const wang = await m(b3, '小王', ['党员']);

  const admin = await f.user([{ role: 'platform_admin', org: city }], { username: `${p}_admin` });
  await f.user([{ role: 'unit_admin', org: jia }], { username: `${p}_jia` });
  await f.user([{ role: 'judge', org: city }], { username: `${p}_judge` });
  const secretary = await f.user([{ role: 'member', org: b1 }], { username: `${p}_zhao` });
  await t.db.updateTable('users').set({ member_id: zhao.id }).where('id', '=', secretary.id).execute();

  const campaignId = await coverageCampaign(t, city);
  const record = (
    speaker: { id: string } | null,
    org = b1,
    extra: { status?: 'returned'; deleted?: boolean } = {},
  ) => lecture(t, { campaignId, org, speaker, createdBy: admin.id, ...extra });

  return {
    city,
    jia,
    yi,
    town,
    b1,
    b2,
    b3,
    people: { zhao, qian, sun, li, zhou, wu, zheng, wang },
    campaignId,
    record,
    admin: await t.login(`${p}_admin`),
    /** The other accounts' sessions, signed in on demand (sign-ins are rate-limited per address). */
    others: async () => ({
      jiaAdmin: await t.login(`${p}_jia`),
      judge: await t.login(`${p}_judge`),
      secretary: await t.login(`${p}_zhao`),
    }),
  };
}

export type CoverageScene = Awaited<ReturnType<typeof coverageScene>>;

/** GET the coverage view, failing the test on anything but 200. */
export async function coverageOf(client: Client, campaignId: string, orgId?: string) {
  const res = await client.get(`/api/campaigns/${campaignId}/coverage${orgId ? `?orgId=${orgId}` : ''}`);
  if (res.statusCode !== 200) throw new Error(`coverage: ${res.statusCode} ${res.body}`);
  return res.json<CoverageView>();
}
