import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { multipart } from '../org/test-support.ts';
import { awardsScene, type AwardsScene } from './test-awards-scene.ts';
import * as repo from './repository.ts';
import { sealPng } from './test-seal.ts';

/**
 * The awards under attack: files posing as a seal, accounts that must not touch the certificates,
 * and the published list kept honest when what it was drawn from changes.
 */
let t: TestContext;
let s: AwardsScene;
let url: (rest?: string) => string;
let otherAdmin: Client;

interface Item {
  id: string;
  kind: string;
  tier: string;
  name: string;
  certificateNo: string;
  verifyCode: string;
}
interface View {
  list: { state: string; hasSeal: boolean; noticeCode: string | null } | null;
  items: Item[];
}

beforeAll(async () => {
  t = await createTestContext();
  s = await awardsScene(t, 'ai');
  url = (rest = '') => `/api/rounds/${s.roundId}/awards${rest}`;
  const elsewhere = await t.factories.org({ name: '外市教育局', type: 'unit' });
  await t.factories.user([{ role: 'unit_admin', org: elsewhere }], { username: 'ai_far_admin' });
  otherAdmin = await t.login('ai_far_admin');
  await s.organiser.client.post(url(), {});
  await s.organiser.client.post(url('/ties'), {
    kind: 'person',
    order: [s.entries[0]!.id, s.entries[1]!.id],
    reason: '现场观众评议，张三的宣讲更贴近基层',
  });
}, 180_000);
afterAll(async () => t.close());

const upload = (c: Client, file: Buffer, name = 'seal.png') => {
  const body = multipart(file, name);
  return c.inject({ method: 'POST', url: url('/seal'), payload: body.payload, headers: body.headers });
};

describe('seal upload', () => {
  it('refuses a program renamed .png, an SVG with a script, an empty file and 20 MB, keeping nothing', async () => {
    const exe = Buffer.from('MZ\x90\x00 This program cannot be run in DOS mode.'.repeat(40), 'latin1');
    const disguised = await upload(s.organiser.client, Buffer.concat([sealPng().subarray(0, 8), exe]));
    expect(disguised.statusCode).toBe(415);
    expect(disguised.json().detail).toContain('已损坏');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const script = await upload(s.organiser.client, svg, 'seal.svg');
    expect(script.statusCode).toBe(415);
    expect(script.json().detail).toContain('PNG 或 JPG');
    const empty = await upload(s.organiser.client, Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toContain('空文件');
    const huge = await upload(s.organiser.client, Buffer.concat([sealPng(), Buffer.alloc(20 * 1024 * 1024)]));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().detail).toContain('2 MB');
    expect((await s.organiser.client.get(url())).json<View>().list!.hasSeal).toBe(false);
    expect((await s.organiser.client.get(url('/seal'))).statusCode).toBe(404);
  });

  it('refuses the seal to a judge, another unit’s admin and a unit admin below the organiser (403)', async () => {
    for (const c of [s.judges[1]!.client, otherAdmin, s.eduAdmin.client, s.supervisor.client])
      expect((await upload(c, sealPng())).statusCode).toBe(403);
    expect((await upload(t.anonymous, sealPng())).statusCode).toBe(401);
    expect((await upload(s.organiser.client, sealPng())).statusCode).toBe(200);
  });
});

describe('certificate numbers', () => {
  const publish = async () => {
    const res = await s.organiser.client.post(url('/publish'));
    expect(res.statusCode, res.body).toBe(200);
    return res.json<View>();
  };
  const numberOf = (v: View, name: string) => v.items.find((i) => i.name === name)?.certificateNo;

  it('lets exactly one of two publications at once win', async () => {
    const [a, b] = await Promise.all([
      s.organiser.client.post(url('/publish')),
      s.organiser.client.post(url('/publish')),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const v = (await s.organiser.client.get(url())).json<View>();
    expect(new Set(v.items.map((i) => i.certificateNo)).size).toBe(7);
  });

  it('never gives a voided number to another award', async () => {
    const first = (await s.organiser.client.get(url())).json<View>();
    const financeNo = numberOf(first, '市财政局')!;
    expect(financeNo).toBe(`2026-${s.campaignId}-0007`);
    // An objection upheld: 市财政局 loses its 组织奖, its certificate is void.
    await s.organiser.client.post(url('/withdraw'), { reason: '异议成立，取消市财政局组织奖' });
    await s.organiser.client.post(url('/unit-adjustments'), {
      orgId: s.units.finance.id,
      tier: null,
      reason: '推荐材料不实',
    });
    const second = await publish();
    expect(numberOf(second, '市财政局')).toBeUndefined();
    // Later 市文旅局 is given one: it gets a new number, not the voided one.
    await s.organiser.client.post(url('/withdraw'), { reason: '补评组织奖' });
    await s.organiser.client.post(url('/unit-adjustments'), {
      orgId: s.units.culture.id,
      tier: '组织奖',
      reason: '文旅局组织了全系统的预赛',
    });
    const third = await publish();
    expect(numberOf(third, '市文旅局')).toBe(`2026-${s.campaignId}-0008`);
    expect(third.items.map((i) => i.certificateNo)).not.toContain(financeNo);
  });

  it('hands out disjoint numbers to lists of one campaign published at once', async () => {
    const claim = () =>
      t.db.transaction().execute(async (tx) => {
        const first = await repo.claimCertificateNumbers(tx, s.campaignId, '2027', 3);
        await new Promise((r) => setTimeout(r, 20));
        return first;
      });
    const firsts = await Promise.all([claim(), claim(), claim()]);
    expect(firsts.sort((a, b) => a - b)).toEqual([1, 4, 7]);
  });
});

describe('a published list when its round changes', () => {
  let cultureAdmin: Client;
  const entryOf = (name: string) => s.entries.find((e) => e.name === name)!.id;
  const view = async () =>
    (await s.organiser.client.get(url())).json<View & { list: { finaliseBlockedReason: string | null } }>();
  const tiers = async () =>
    Object.fromEntries(
      (await s.organiser.client.get(url()))
        .json<{ draft: { persons: { speakerName: string; tier: string | null }[] } }>()
        .draft.persons.map((p) => [p.speakerName, p.tier]),
    );

  beforeAll(async () => {
    await t.factories.user([{ role: 'unit_admin', org: s.units.culture }], { username: 'ai_culture' });
    cultureAdmin = await t.login('ai_culture');
  });

  it('voids the certificate of a speaker who withdraws after publication, and flags the list', async () => {
    const before = await view();
    const qian = before.items.find((i) => i.name === '钱七')!;
    expect(qian.tier).toBe('三等奖');
    const out = await cultureAdmin.post(`/api/entries/${entryOf('钱七')}/withdraw`, {
      reason: '本人申请退赛',
    });
    expect(out.statusCode, out.body).toBe(200);

    expect((await t.anonymous.get(`/api/certificates/${qian.verifyCode}`)).statusCode).toBe(404);
    const pdf = await s.organiser.client.get(url(`/certificates/${qian.id}`));
    expect(pdf.statusCode).toBe(409);
    expect(pdf.json().detail).toContain('退赛');
    expect((await s.organiser.client.get(url(`/certificates/${qian.id}/docx`))).statusCode).toBe(409);
    const others = before.items.find((i) => i.name === '张三')!;
    expect((await t.anonymous.get(`/api/certificates/${others.verifyCode}`)).statusCode).toBe(200);
    const flagged = await view();
    expect(flagged.list!.finaliseBlockedReason).toContain('撤回公示');

    // Withdrawn and published again: the next speaker moves up into the place.
    await s.organiser.client.post(url('/withdraw'), { reason: '钱七退赛，重新评定' });
    expect(await tiers()).toMatchObject({ 赵六: '三等奖', 孙八: '三等奖' });
    expect(await tiers()).not.toHaveProperty('钱七');
    const again = await s.organiser.client.post(url('/publish'));
    expect(again.statusCode, again.body).toBe(200);
    expect((await view()).list!.finaliseBlockedReason).not.toContain('撤回公示');
  });

  it('gives no award to an entry withdrawn after its round was sealed', async () => {
    await s.organiser.client.post(url('/withdraw'), { reason: '核对封存后的名单' });
    // Sealed: withdrawals no longer touch the round's results, which are history.
    await t.db.updateTable('review_rounds').set({ state: 'final' }).where('id', '=', s.roundId).execute();
    try {
      const out = await cultureAdmin.post(`/api/entries/${entryOf('孙八')}/withdraw`, {
        reason: '本人申请退赛',
      });
      expect(out.statusCode, out.body).toBe(200);
      const left = await t.db
        .selectFrom('round_entries')
        .select('left_at')
        .where('round_id', '=', s.roundId)
        .where('entry_id', '=', entryOf('孙八'))
        .executeTakeFirstOrThrow();
      expect(left.left_at).toBeNull();
      const now = await tiers();
      expect(now['孙八'] ?? null).toBeNull();
      expect(now['赵六']).toBe('三等奖');
    } finally {
      await t.db.updateTable('review_rounds').set({ state: 'closed' }).where('id', '=', s.roundId).execute();
    }
  });

  it('flags a list whose round was reopened after publication and refuses 定稿', async () => {
    expect((await s.organiser.client.post(url('/publish'))).statusCode).toBe(200);
    const round = (await s.organiser.client.get(`/api/rounds/${s.roundId}`)).json<{
      entries: { entryId: string; judges: { judgeId: string }[] }[];
    }>();
    const zhao = round.entries.find((e) => e.entryId === entryOf('赵六'))!;
    const reopened = await s.organiser.client.post(`/api/rounds/${s.roundId}/scores/reopen`, {
      entryId: zhao.entryId,
      judgeId: zhao.judges[0]!.judgeId,
      reason: '评委申请更正分数',
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect((await view()).list!.finaliseBlockedReason).toContain('撤回公示');
    // After the notice period the list still cannot be finalised from a reopened round.
    t.clock.set(new Date('2026-07-09T01:00:00Z'));
    s.organiser.client = await t.login('ai_org');
    const res = await s.organiser.client.post(url('/finalise'));
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('撤回公示');
  });
});
