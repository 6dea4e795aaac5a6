import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveTimeline } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { readZip } from '../reviews/zip-read.ts';
import { awardsScene, type AwardsScene } from '../awards/test-awards-scene.ts';

/** Published awards in the archive: results on the timeline, certificates drawn into the zip, the award list in the draft. */
let t: TestContext;
let s: AwardsScene;
beforeAll(async () => {
  t = await createTestContext();
  s = await awardsScene(t, 'arcaw');
  const url = (rest = '') => `/api/rounds/${s.roundId}/awards${rest}`;
  const org = s.organiser.client;
  const ok = async (p: Promise<{ statusCode: number; body: string }>) => {
    const res = await p;
    if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${res.body}`);
  };
  await ok(org.post(url(), {}));
  await ok(
    org.post(url('/ties'), {
      kind: 'person',
      order: [s.entries[0]!.id, s.entries[1]!.id],
      reason: '现场答辩表现更好',
    }),
  );
  await ok(org.post(url('/publish')));
}, 120_000);
afterAll(async () => t.close());

const q = () => `orgId=${s.units.edu.id}&campaignId=${s.campaignId}`;

describe('awards in the archive of 市教育局', () => {
  it('the timeline lists the unit’s results with a certificate link, and no other unit’s', async () => {
    const res = await s.eduAdmin.client.get(`/api/archive/timeline?${q()}&category=result`);
    expect(res.statusCode, res.body).toBe(200);
    const tl = res.json<ArchiveTimeline>();
    expect(tl.items.map((i) => i.title).sort()).toEqual(
      ['一等奖：张三《从红船精神说起》', '二等奖：李四《学思践悟新思想》', '组织奖：市教育局'].sort(),
    );
    // The unit admin may not download from the round (the awards module's rule): no link that would refuse.
    expect(tl.items.flatMap((i) => i.files)).toEqual([]);
    const org = await s.organiser.client.get(`/api/archive/timeline?${q()}&category=result`);
    const link = org.json<ArchiveTimeline>().items[0]!.files[0]!.url;
    expect(link).toMatch(new RegExp(`^/api/rounds/${s.roundId}/awards/certificates/\\d+$`));
    expect((await s.organiser.client.get(link)).statusCode).toBe(200);
  });

  it('the zip holds 评审结果 and the certificates as PDFs', async () => {
    const res = await s.eduAdmin.client.get(`/api/archive/zip?${q()}`);
    expect(res.statusCode, res.body).toBe(200);
    const members = readZip(res.rawPayload);
    const certs = members.filter((m) => m.name.startsWith('市教育局/获奖证书/'));
    expect(certs).toHaveLength(3);
    expect(certs.some((m) => /张三\.pdf$/.test(m.name))).toBe(true);
    for (const c of certs) expect(c.data.subarray(0, 5).toString()).toBe('%PDF-');
    expect(
      members.filter((m) => m.name.startsWith('市教育局/评审结果/') && m.name.endsWith('说明.txt')),
    ).toHaveLength(3);
    expect(members.map((m) => m.name).join('\n')).not.toMatch(/王五|市财政局|139000/);
  });

  it('the summary draft lists the awards', async () => {
    const res = await s.eduAdmin.client.get(`/api/archive/summary.docx?${q()}`);
    expect(res.statusCode, res.body).toBe(200);
    const xml = readZip(res.rawPayload)
      .find((m) => m.name === 'word/document.xml')!
      .data.toString();
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('一等奖：张三《从红船精神说起》');
    expect(text).toContain('3 项');
  });
});
