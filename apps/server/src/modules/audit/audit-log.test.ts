import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIT_ACTIONS,
  AUDIT_AREAS,
  AUDIT_ENTITY_TYPES,
  describeAudit,
  isAuditAction,
} from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { openSemifinal, reviewScene, scoresAt, type ReviewScene } from '../reviews/test-scene.ts';

const srcDir = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'test' ? [] : sourceFiles(p);
    return d.name.endsWith('.ts') && !d.name.includes('.test.') && !p.includes('test-') ? [p] : [];
  });
}

describe('audit labels', () => {
  it('label every action the server can write (each quoted area.verb code in the source)', () => {
    const prefixes = ['auth', 'account', 'org', 'member', 'campaign', 'entry', 'round', 'job', 'demo'];
    const code = new RegExp(`'((?:${prefixes.join('|')})\\.[a-z_]+)'`, 'g');
    const written = new Set<string>();
    for (const file of sourceFiles(srcDir))
      for (const m of fs.readFileSync(file, 'utf8').matchAll(code)) written.add(m[1]!);
    expect(written.size).toBeGreaterThan(60);
    expect([...written].filter((a) => !isAuditAction(a))).toEqual([]);
  });

  it('give each action a label, a known area and a sentence without raw codes', () => {
    for (const [action, def] of Object.entries(AUDIT_ACTIONS)) {
      expect(def.label, action).toMatch(/\p{Script=Han}/u);
      expect(Object.keys(AUDIT_AREAS), action).toContain(def.area);
      const s = describeAudit({ action, actorName: '王某', object: '活动「示例」', code: 'K7Q2M9' });
      expect(s, action).not.toMatch(/[{}]|[a-z]+\.[a-z_]+/);
    }
    expect(
      describeAudit({ action: 'round.score_submitted', actorName: '王某', object: 'x', code: 'K7Q2M9' }),
    ).toBe('评委 王某 提交了作品 K7Q2M9 的评分');
  });
});

interface Row {
  actorId: string | null;
  actorName: string | null;
  action: string;
  actionLabel: string;
  area: string | null;
  entityLabel: string;
  entityName: string | null;
  summary: string;
}

describe('GET /api/audit', () => {
  let t: TestContext;
  let s: ReviewScene;
  let roundId: string;
  let code: string;

  beforeAll(async () => {
    t = await createTestContext();
    s = await reviewScene(t, 'al');
    const round = await openSemifinal(s.organiser.client, s.campaignId);
    roundId = round.round.id;
    await s.organiser.client.post(`/api/rounds/${roundId}/judges`, { userIds: s.judges.map((j) => j.id) });
    const assigned = await s.organiser.client.post(`/api/rounds/${roundId}/assign`);
    const view = assigned.json().round as typeof round;
    const judge = s.judges[1]!;
    code = view.entries.find((e) => e.judges.some((j) => j.judgeId === judge.id))!.code;
    const res = await judge.client.put(`/api/judging/rounds/${roundId}/items/${code}/score`, {
      scores: scoresAt(view.round.config, 0.8),
      submit: true,
    });
    expect(res.statusCode).toBe(200);
  });
  afterAll(async () => t.close());

  const read = async (query: string, who = s.organiser.client) => {
    const res = await who.get(`/api/audit${query}`);
    expect(res.statusCode).toBe(200);
    return res.json<{ total: number; items: Row[] }>().items;
  };

  it('tells a review in words: who, what and which round, with entries by code only', async () => {
    const rows = await read('?area=review&pageSize=200');
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) {
      expect(r.area).toBe('review');
      expect(r.actionLabel).not.toContain('.');
      expect(r.summary).not.toMatch(/round\.|review_round|#/);
    }
    const scored = rows.find((r) => r.action === 'round.score_submitted')!;
    expect(scored.summary).toBe(`评委 吴评委 提交了作品 ${code} 的评分`);
    expect(scored.entityLabel).toBe('评审轮次');
    expect(scored.entityName).toContain('（');
    const opened = rows.find((r) => r.action === 'round.created')!;
    expect(opened.summary).toMatch(/^组织者 新建了评审轮次「.+（.+）」$/);
    // Blind review: no speaker's name, phone or title anywhere in the review rows.
    const text = JSON.stringify(rows);
    for (const e of s.entries) {
      expect(text).not.toContain(e.name);
      expect(text).not.toContain(e.phone);
    }
  });

  it('names the person who logged in (logins: system admins only), and filters by person and object', async () => {
    const judge = s.judges[1]!;
    await t.factories.user([{ role: 'platform_admin', org: s.city }], { username: 'al_root' });
    const root = await t.login('al_root');
    expect(await read(`?area=account&actorId=${judge.id}`)).toEqual([]);
    const logins = await read(`?area=account&actorId=${judge.id}`, root);
    expect(logins.map((r) => r.summary)).toContain('吴评委 登录了系统');
    expect(logins.every((r) => r.actorId === judge.id)).toBe(true);
    const ofRound = await read(`?entityType=review_round&entityId=${roundId}&pageSize=200`);
    expect(ofRound.map((r) => r.action)).toEqual(expect.arrayContaining(['round.created', 'round.assigned']));
    expect(ofRound.every((r) => r.entityLabel === AUDIT_ENTITY_TYPES.review_round)).toBe(true);
  });

  it('refuses an unknown area in Chinese (400), anonymous callers (401) and judges (403)', async () => {
    const bad = await s.organiser.client.get('/api/audit?area=reviews');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('类别只能是');
    expect((await s.organiser.client.get('/api/audit?actorId=abc')).statusCode).toBe(400);
    expect((await t.anonymous.get('/api/audit')).statusCode).toBe(401);
    expect((await s.judges[0]!.client.get('/api/audit')).statusCode).toBe(403);
  });

  it('shows a unit admin only their subtree: no review rows of the organs above', async () => {
    const rows = await read('?area=review', s.eduAdmin.client);
    expect(rows).toEqual([]);
  });
});
