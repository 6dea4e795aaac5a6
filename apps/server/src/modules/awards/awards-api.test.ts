import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { multipart } from '../org/test-support.ts';
import { readZip } from '../reviews/zip-read.ts';
import { openSemifinal } from '../reviews/test-scene.ts';
import { awardsScene, type AwardsScene } from './test-awards-scene.ts';
import { sealPng } from './test-seal.ts';

/**
 * The awards endpoints on a finished 决赛 round: assignment with a boundary tie, the organiser's
 * decision, 组织奖 rule and adjustments, 公示 and 定稿, seal, certificates and the public pages.
 */
let t: TestContext;
let s: AwardsScene;
let url: (rest?: string) => string;

interface View {
  round: { id: string; state: string };
  canManage: boolean;
  ineligibleReason: string | null;
  list: null | {
    state: string;
    issuer: string;
    noticeCode: string | null;
    noticeEndsOn: string | null;
    hasSeal: boolean;
    finaliseBlockedReason: string | null;
    orgRule: {
      tierPoints: Record<string, number>;
      participationPoints: number;
      places: Record<string, number>;
    };
  };
  draft: null | {
    persons: {
      entryId: string;
      speakerName: string;
      tier: string | null;
      flagged: boolean;
      decidedBy: string | null;
    }[];
    units: {
      orgId: string;
      name: string;
      points: string;
      tier: string | null;
      flagged: boolean;
      adjusted: unknown;
    }[];
    flags: { kind: string; ids: string[]; tiers: (string | null)[]; message: string }[];
    blockers: string[];
  };
  items: {
    id: string;
    kind: string;
    tier: string;
    name: string;
    unitName: string;
    certificateNo: string;
    verifyCode: string;
  }[];
}

beforeAll(async () => {
  t = await createTestContext();
  s = await awardsScene(t, 'aw');
  url = (rest = '') => `/api/rounds/${s.roundId}/awards${rest}`;
}, 180_000);
afterAll(async () => t.close());

const reason = '现场观众评议，张三的宣讲更贴近基层';

describe('before a list exists', () => {
  it('answers 401 without a session, 403 to a member, 404 for an unknown round', async () => {
    expect((await t.anonymous.get(url())).statusCode).toBe(401);
    expect((await s.member.client.get(url())).statusCode).toBe(403);
    expect((await s.organiser.client.get('/api/rounds/999999/awards')).statusCode).toBe(404);
    // A judge of the round sees nothing of it, as on the results page.
    expect((await s.judges[1]!.client.get(url())).statusCode).toBe(403);
  });

  it('shows the organiser and the supervisor that no list exists yet', async () => {
    const res = await s.organiser.client.get(url());
    expect(res.statusCode).toBe(200);
    expect(res.json<View>()).toMatchObject({ list: null, canManage: true, ineligibleReason: null });
    const sup = await s.supervisor.client.get(url());
    expect(sup.statusCode).toBe(200);
    expect(sup.json<View>().canManage).toBe(false);
  });

  it('refuses creating to the supervisor (403), a bad issuer (400), an unknown round (404)', async () => {
    expect((await t.anonymous.post(url(), {})).statusCode).toBe(401);
    expect((await s.supervisor.client.post(url(), {})).statusCode).toBe(403);
    expect((await s.organiser.client.post(url(), { issuer: '宣' })).statusCode).toBe(400);
    expect((await s.organiser.client.post('/api/rounds/999999/awards', {})).statusCode).toBe(404);
    expect((await s.organiser.client.get(url())).json<View>().list).toBeNull();
  });

  it('refuses a round that is not a final (409)', async () => {
    const semifinal = await openSemifinal(s.organiser.client, s.campaignId);
    const res = await s.organiser.client.post(`/api/rounds/${semifinal.round.id}/awards`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('不是决赛或评选阶段');
  });

  it('404s every change while there is no list', async () => {
    expect((await s.organiser.client.patch(url(), { issuer: '中共演示市委宣传部' })).statusCode).toBe(404);
    expect((await s.organiser.client.post(url('/publish'))).statusCode).toBe(404);
  });
});

describe('assigning tiers', () => {
  it('creates the list (201) with the organiser org as issuer and flags the tie across 一等奖/二等奖', async () => {
    const res = await s.organiser.client.post(url(), {});
    expect(res.statusCode).toBe(201);
    const v = res.json<View>();
    expect(v.list!.state).toBe('draft');
    expect(v.list!.issuer).toBe('市直机关工委');
    const tiers = Object.fromEntries(v.draft!.persons.map((p) => [p.speakerName, p.tier]));
    expect(tiers).toEqual({
      张三: null,
      李四: null,
      王五: '二等奖',
      赵六: '三等奖',
      钱七: '三等奖',
      孙八: null,
    });
    expect(v.draft!.flags).toHaveLength(1);
    expect(v.draft!.flags[0]).toMatchObject({ kind: 'person', tiers: ['一等奖', '二等奖'] });
    expect(v.draft!.flags[0]!.message).toContain('跨越「一等奖」与「二等奖」的分界');
    expect((await s.organiser.client.post(url(), {})).statusCode).toBe(409);
  });

  it('refuses publishing while a tie is undecided (409)', async () => {
    const res = await s.organiser.client.post(url('/publish'));
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('请排定先后');
  });

  it('takes the organiser’s order with a reason; refuses a wrong group (400) or no reason (400)', async () => {
    const [zhang, li] = [s.entries[0]!.id, s.entries[1]!.id];
    const wrong = await s.organiser.client.post(url('/ties'), {
      kind: 'person',
      order: [zhang, s.entries[2]!.id],
      reason,
    });
    expect(wrong.statusCode).toBe(400);
    const noReason = await s.organiser.client.post(url('/ties'), {
      kind: 'person',
      order: [zhang, li],
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    expect(
      (await s.supervisor.client.post(url('/ties'), { kind: 'person', order: [zhang, li], reason }))
        .statusCode,
    ).toBe(403);
    const res = await s.organiser.client.post(url('/ties'), { kind: 'person', order: [zhang, li], reason });
    expect(res.statusCode).toBe(200);
    const v = res.json<View>();
    expect(v.draft!.flags).toEqual([]);
    const zhangRow = v.draft!.persons.find((p) => p.speakerName === '张三')!;
    expect(zhangRow).toMatchObject({ tier: '一等奖', decidedBy: reason });
    expect(v.draft!.persons.find((p) => p.speakerName === '李四')!.tier).toBe('二等奖');
    const logged = await t.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'awards.tie_decided')
      .executeTakeFirst();
    expect(JSON.stringify(logged?.after)).toContain(reason);
  });
});

describe('组织奖', () => {
  it('ranks units by the default points rule and awards the top 2', async () => {
    const v = (await s.organiser.client.get(url())).json<View>();
    // 一等奖 6 · 二等奖 4 · 三等奖 2, 1 per finalist: 教育局 6+4+2, 财政局 4+2+2, 文旅局 2+2.
    expect(v.draft!.units.map((u) => [u.name, u.points, u.tier])).toEqual([
      ['市教育局', '12', '组织奖'],
      ['市财政局', '8', '组织奖'],
      ['市文旅局', '4', null],
    ]);
  });

  it('previews a changed rule; flags a tie at the cut', async () => {
    const rule = { tierPoints: { 一等奖: 6, 二等奖: 0, 三等奖: 2 }, participationPoints: 0, places: {} };
    const res = await s.organiser.client.patch(url(), { orgRule: rule });
    expect(res.statusCode).toBe(200);
    const v = res.json<View>();
    // 教育局 6, 财政局 2, 文旅局 2: places 2–3 tied across the cut.
    expect(v.draft!.flags).toHaveLength(1);
    expect(v.draft!.flags[0]).toMatchObject({ kind: 'unit', tiers: ['组织奖', null] });
    expect(v.draft!.blockers.some((b) => b.includes('组织奖积分相同'))).toBe(true);
  });

  it('refuses a rule naming another campaign’s tier (400) and an empty change (400)', async () => {
    const bad = { tierPoints: { 特等奖: 10 }, participationPoints: 0, places: {} };
    expect((await s.organiser.client.patch(url(), { orgRule: bad })).statusCode).toBe(400);
    expect((await s.organiser.client.patch(url(), {})).statusCode).toBe(400);
    expect((await s.supervisor.client.patch(url(), { issuer: '中共演示市委宣传部' })).statusCode).toBe(403);
  });

  it('adjusts a unit with a reason (settling the tie), and resets it', async () => {
    const finance = s.units.finance.id;
    const culture = s.units.culture.id;
    expect(
      (
        await s.organiser.client.post(url('/unit-adjustments'), {
          orgId: finance,
          tier: '优秀组织奖',
          reason: '调整',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await s.organiser.client.post(url('/unit-adjustments'), {
          orgId: s.city.id,
          tier: '组织奖',
          reason: '调整',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await s.organiser.client.post(url('/unit-adjustments'), {
          orgId: finance,
          tier: null,
          reset: true,
          reason: '恢复',
        })
      ).statusCode,
    ).toBe(404);
    await s.organiser.client.post(url('/unit-adjustments'), {
      orgId: finance,
      tier: '组织奖',
      reason: '财政局组织了全系统的预赛',
    });
    const res = await s.organiser.client.post(url('/unit-adjustments'), {
      orgId: culture,
      tier: null,
      reason: '文旅局报送材料逾期',
    });
    expect(res.statusCode).toBe(200);
    const v = res.json<View>();
    expect(v.draft!.flags).toEqual([]);
    expect(v.draft!.units.filter((u) => u.tier).map((u) => u.name)).toEqual(['市教育局', '市财政局']);
    const reset = await s.organiser.client.post(url('/unit-adjustments'), {
      orgId: culture,
      tier: null,
      reset: true,
      reason: '按规则评定',
    });
    expect(reset.json<View>().draft!.flags).toHaveLength(1);
    // Back to the default rule for the rest of the tests.
    await s.organiser.client.post(url('/unit-adjustments'), {
      orgId: finance,
      tier: null,
      reset: true,
      reason: '按规则评定',
    });
    await s.organiser.client.patch(url(), {
      orgRule: { tierPoints: { 一等奖: 6, 二等奖: 4, 三等奖: 2 }, participationPoints: 1, places: {} },
      issuer: '中共演示市委宣传部',
    });
  });
});

describe('seal image', () => {
  it('takes a PNG (200), refuses other files (415), a missing file (400), a large one (413), and a supervisor (403)', async () => {
    const put = (client: typeof s.organiser.client, body: ReturnType<typeof multipart>) =>
      client.inject({ method: 'POST', url: url('/seal'), payload: body.payload, headers: body.headers });
    expect(
      (await put(s.organiser.client, multipart(Buffer.from('not an image'), 'seal.png'))).statusCode,
    ).toBe(415);
    expect((await put(s.organiser.client, multipart(sealPng(), 'seal.png', 'other'))).statusCode).toBe(400);
    const big = Buffer.concat([sealPng(), Buffer.alloc(2 * 1024 * 1024 + 10)]);
    expect((await put(s.organiser.client, multipart(big, 'seal.png'))).statusCode).toBe(413);
    expect((await put(s.supervisor.client, multipart(sealPng(), 'seal.png'))).statusCode).toBe(403);
    expect((await s.organiser.client.get(url('/seal'))).statusCode).toBe(404);
    const ok = await put(s.organiser.client, multipart(sealPng(), 'seal.png'));
    expect(ok.statusCode).toBe(200);
    expect(ok.json<View>().list!.hasSeal).toBe(true);
    const img = await s.supervisor.client.get(url('/seal'));
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
  });

  it('deletes it (200) and 404s a second delete', async () => {
    expect((await s.organiser.client.delete(url('/seal'))).statusCode).toBe(200);
    expect((await s.organiser.client.delete(url('/seal'))).statusCode).toBe(404);
    const body = multipart(sealPng(), 'seal.png');
    await s.organiser.client.inject({
      method: 'POST',
      url: url('/seal'),
      payload: body.payload,
      headers: body.headers,
    });
  });
});

describe('公示, 定稿 and certificates', () => {
  let v: View;

  it('refuses certificates before publication (409)', async () => {
    expect((await s.organiser.client.get(url('/certificates.zip'))).statusCode).toBe(409);
  });

  it('publishes (200): items frozen with certificate numbers; a second publish is 409', async () => {
    expect((await s.supervisor.client.post(url('/publish'))).statusCode).toBe(403);
    const res = await s.organiser.client.post(url('/publish'));
    expect(res.statusCode).toBe(200);
    v = res.json<View>();
    expect(v.list!.state).toBe('publicised');
    expect(v.list!.noticeEndsOn).toBe('2026-07-08');
    expect(v.items.map((i) => [i.kind, i.name, i.tier])).toEqual([
      ['person', '张三', '一等奖'],
      ['person', '李四', '二等奖'],
      ['person', '王五', '二等奖'],
      ['person', '赵六', '三等奖'],
      ['person', '钱七', '三等奖'],
      ['unit', '市教育局', '组织奖'],
      ['unit', '市财政局', '组织奖'],
    ]);
    expect(v.items.map((i) => i.certificateNo)).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) => `2026-${s.campaignId}-000${n}`),
    );
    expect((await s.organiser.client.post(url('/publish'))).statusCode).toBe(409);
    expect((await s.organiser.client.patch(url(), { issuer: '别的单位' })).statusCode).toBe(409);
  });

  it('shows the public notice without an account and without phone numbers or ids', async () => {
    const res = await t.anonymous.get(`/api/awards/notice/${v.list!.noticeCode}`);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ persons: Record<string, unknown>[]; units: unknown[]; final: boolean }>();
    expect(body.persons).toHaveLength(5);
    expect(Object.keys(body.persons[0]!).sort()).toEqual(['name', 'tier', 'title', 'unitName']);
    expect(body.units).toHaveLength(2);
    expect(body.final).toBe(false);
    expect(res.body).not.toMatch(/1[3-9]\d{9}/);
    expect(res.body).not.toContain('entryId');
    expect((await t.anonymous.get('/api/awards/notice/ZZZZZZZZZZZZ')).statusCode).toBe(404);
    expect((await t.anonymous.get('/api/awards/notice/bad-code')).statusCode).toBe(400);
  });

  const objection = {
    content: '钱七的讲稿与网上文章雷同，请核实',
    contactName: '王群众',
    contactPhone: '13800009999',
  };
  let objectionId = '';

  it('takes an objection from a signed-in user during the notice period (201)', async () => {
    const code = v.list!.noticeCode!;
    expect((await t.anonymous.post(`/api/awards/notice/${code}/objections`, objection)).statusCode).toBe(401);
    const bad = await s.member.client.post(`/api/awards/notice/${code}/objections`, {
      ...objection,
      contactPhone: 'x',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (await s.member.client.post('/api/awards/notice/ZZZZZZZZZZZZ/objections', objection)).statusCode,
    ).toBe(404);
    const res = await s.member.client.post(`/api/awards/notice/${code}/objections`, objection);
    expect(res.statusCode).toBe(201);
    objectionId = res.json<{ id: string }>().id;
    const mine = await s.member.client.get(`/api/awards/notice/${code}/objections/mine`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json<{ items: { outcomeLabel: string }[] }>().items.map((o) => o.outcomeLabel)).toEqual([
      '待答复',
    ]);
    expect((await s.organiser.client.get(`/api/awards/notice/${code}/objections/mine`)).json().items).toEqual(
      [],
    );
    expect((await s.member.client.get(url('/objections'))).statusCode).toBe(403);
    const all = await s.supervisor.client.get(url('/objections'));
    expect(all.statusCode).toBe(200);
    expect(all.json<{ items: { contactPhone: string }[] }>().items[0]!.contactPhone).toBe('13800009999');
    // The public notice never shows the objector's phone.
    expect((await t.anonymous.get(`/api/awards/notice/${code}`)).body).not.toContain('13800009999');
  });

  it('refuses an objection from the list’s own organisers (403, as on the review 公示), nothing stored', async () => {
    const code = v.list!.noticeCode!;
    const res = await s.organiser.client.post(`/api/awards/notice/${code}/objections`, objection);
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('异议应由其他人提出');
    const all = await s.supervisor.client.get(url('/objections'));
    expect(all.json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it('withdraws the list with a reason (200); its certificates are void meanwhile', async () => {
    expect((await s.organiser.client.post(url('/withdraw'), { reason: '' })).statusCode).toBe(400);
    expect((await s.supervisor.client.post(url('/withdraw'), { reason: '异议成立' })).statusCode).toBe(403);
    const res = await s.organiser.client.post(url('/withdraw'), { reason: '核实异议，调整组织奖' });
    expect(res.statusCode).toBe(200);
    expect(res.json<View>().list!.state).toBe('draft');
    expect((await t.anonymous.get(`/api/certificates/${v.items[0]!.verifyCode}`)).statusCode).toBe(404);
    expect((await t.anonymous.get(`/api/awards/notice/${v.list!.noticeCode}`)).statusCode).toBe(404);
    expect((await s.organiser.client.post(url('/withdraw'), { reason: '再撤回一次' })).statusCode).toBe(409);
  });

  it('publishes again: unchanged awards keep their numbers and codes, a new one gets the next number', async () => {
    await s.organiser.client.post(url('/unit-adjustments'), {
      orgId: s.units.culture.id,
      tier: '组织奖',
      reason: '文旅局组织了全系统的预赛',
    });
    const res = await s.organiser.client.post(url('/publish'));
    expect(res.statusCode).toBe(200);
    const again = res.json<View>();
    expect(again.list!.noticeCode).toBe(v.list!.noticeCode);
    expect(again.items.slice(0, 7).map((i) => [i.certificateNo, i.verifyCode])).toEqual(
      v.items.map((i) => [i.certificateNo, i.verifyCode]),
    );
    expect(again.items[7]).toMatchObject({ name: '市文旅局', certificateNo: `2026-${s.campaignId}-0008` });
    v = again;
    expect((await t.anonymous.get(`/api/certificates/${v.items[0]!.verifyCode}`)).statusCode).toBe(200);
  });

  it('refuses 定稿 during the notice period and with an objection unanswered (409), finalises after (200)', async () => {
    const early = await s.organiser.client.post(url('/finalise'));
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('期满后可定稿');
    t.clock.set(new Date('2026-07-09T01:00:00Z'));
    // A week on, the sessions have expired: sign in again.
    s.organiser.client = await t.login('aw_org');
    s.supervisor.client = await t.login('aw_sup');
    s.member.client = await t.login('aw_member');
    const late = await s.member.client.post(`/api/awards/notice/${v.list!.noticeCode}/objections`, objection);
    expect(late.statusCode).toBe(409);
    const pending = await s.organiser.client.post(url('/finalise'));
    expect(pending.statusCode).toBe(409);
    expect(pending.json().detail).toContain('1 条异议未答复');
    const answer = (id: string, body: object, client = s.organiser.client) =>
      client.post(url(`/objections/${id}/answer`), body);
    const reply = { outcome: 'dismissed', reason: '经核实，讲稿为本人原创' };
    expect((await answer(objectionId, { outcome: 'maybe', reason: '不确定' })).statusCode).toBe(400);
    expect((await answer('999999', reply)).statusCode).toBe(404);
    expect((await answer(objectionId, reply, s.supervisor.client)).statusCode).toBe(403);
    expect((await answer(objectionId, reply)).statusCode).toBe(200);
    expect((await answer(objectionId, reply)).statusCode).toBe(409);
    expect((await s.supervisor.client.post(url('/finalise'))).statusCode).toBe(403);
    const res = await s.organiser.client.post(url('/finalise'));
    expect(res.statusCode).toBe(200);
    expect(res.json<View>().list!.state).toBe('final');
    expect((await s.organiser.client.post(url('/finalise'))).statusCode).toBe(409);
    expect((await s.organiser.client.post(url('/withdraw'), { reason: '定稿后撤回' })).statusCode).toBe(409);
  });

  it('draws a certificate PDF with the CJK font embedded and the verify address in its QR code', async () => {
    const item = v.items[0]!;
    const res = await s.supervisor.client.get(url(`/certificates/${item.id}`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('张三'));
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    // A subset (XXXXXX+) of Noto Serif CJK embedded as a CFF font program.
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+NotoSerifCJKsc-Bold/);
    expect(raw).toContain('/FontFile3');
    const verify = `http://localhost:80/certificates/${item.verifyCode}`;
    expect(raw).toContain(`/URI (${verify})`);
    const { qrOf } = await import('./certificate-pdf.ts');
    expect(qrOf(verify).modules.size).toBeGreaterThan(20);
    expect(pdf.length).toBeLessThan(400_000);
    const pdffonts = whichPdffonts();
    if (pdffonts) {
      const file = path.join(os.tmpdir(), `cert-${item.verifyCode}.pdf`);
      fs.writeFileSync(file, pdf);
      const out = execFileSync(pdffonts, [file], { encoding: 'utf8' });
      fs.rmSync(file);
      const rows = out.split('\n').filter((l) => l.includes('NotoSerifCJK'));
      expect(rows.length).toBe(2);
      for (const r of rows) expect(r).toMatch(/\byes\s+yes\s+yes\b/);
    }
    expect((await s.organiser.client.get(url('/certificates/999999'))).statusCode).toBe(404);
    expect((await s.member.client.get(url(`/certificates/${item.id}`))).statusCode).toBe(403);
  });

  it('gives a certificate as a Word document too', async () => {
    const item = v.items[0]!;
    const res = await s.organiser.client.get(url(`/certificates/${item.id}/docx`));
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain('.docx');
    const xml = readZip(res.rawPayload)
      .find((m) => m.name === 'word/document.xml')!
      .data.toString('utf8');
    for (const text of ['荣 誉 证 书', '张三', '一等奖', '中共演示市委宣传部', item.certificateNo])
      expect(xml).toContain(text);
    expect(readZip(res.rawPayload).some((m) => m.name.startsWith('word/media/'))).toBe(true);
    expect((await s.organiser.client.get(url('/certificates/999999/docx'))).statusCode).toBe(404);
    expect((await s.member.client.get(url(`/certificates/${item.id}/docx`))).statusCode).toBe(403);
  });

  it('zips every certificate', async () => {
    const res = await s.organiser.client.get(url('/certificates.zip'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const members = readZip(res.rawPayload);
    const names = members.map((e) => e.name);
    for (const m of members) expect(m.data.subarray(0, 5).toString()).toBe('%PDF-');
    expect(names).toHaveLength(8);
    expect(names.filter((n) => n.startsWith('个人/'))).toHaveLength(5);
    expect(names).toContain(`单位/2026-${s.campaignId}-0006-市教育局-组织奖.pdf`);
    expect((await t.anonymous.get(url('/certificates.zip'))).statusCode).toBe(401);
  });

  it('confirms a certificate on the public page, without phone numbers; unknown codes 404', async () => {
    const item = v.items[1]!;
    const res = await t.anonymous.get(`/api/certificates/${item.verifyCode}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      valid: true,
      state: 'final',
      name: '李四',
      unitName: '市教育局',
      award: '二等奖',
      issuer: '中共演示市委宣传部',
      dateText: '2026年7月1日',
      certificateNo: item.certificateNo,
    });
    expect(res.body).not.toMatch(/1[3-9]\d{9}/);
    expect((await t.anonymous.get('/api/certificates/AAAAAAAAAAAAAAAA')).statusCode).toBe(404);
  });
});

function whichPdffonts(): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = path.join(dir, 'pdffonts');
    if (fs.existsSync(p)) return p;
  }
  return null;
}
