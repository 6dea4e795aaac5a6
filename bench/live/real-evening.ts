import { randomBytes } from 'node:crypto';

/**
 * The real server's side of bench:live: an evening set up through the HTTP API as the web app does
 * it (session cookie, CSRF token) on the demo city. The 复赛 of the 岳阳-style campaign is scored
 * by the three demo judges and its six entries confirmed as finalists; the 决赛 is opened as a live
 * final (results on the screens as soon as every judge has scored), with a panel of the three demo
 * judges and four invited ones; the order is entered by hand (the draw's manual order); the MC starts.
 */

export const DEMO_PASSWORD = 'Demo2026pass';
const JUDGE_PASSWORD = 'Pingwei2026ok';

/** A signed-in user of the API. */
export class Client {
  private cookie = '';
  private csrf = '';
  constructor(
    readonly origin: string,
    readonly name: string,
  ) {}

  async login(password: string) {
    const res = await fetch(`${this.origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: this.name, password }),
    });
    if (!res.ok) throw new Error(`${this.name} 登录失败：${res.status} ${await res.text()}`);
    this.cookie = (res.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
    const me = await this.get<{ csrfToken: string }>('/api/auth/me');
    this.csrf = me.csrfToken;
    return this;
  }

  async get<T>(url: string): Promise<T> {
    const res = await fetch(`${this.origin}${url}`, { headers: { cookie: this.cookie } });
    if (!res.ok) throw new Error(`GET ${url} 返回 ${res.status}：${await res.text()}`);
    return (await res.json()) as T;
  }

  async post<T>(url: string, body: unknown = {}): Promise<T> {
    const res = await fetch(`${this.origin}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookie, 'x-csrf-token': this.csrf },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${url} 返回 ${res.status}：${await res.text()}`);
    return (await res.json()) as T;
  }

  async put<T>(url: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.origin}${url}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: this.cookie, 'x-csrf-token': this.csrf },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`PUT ${url} 返回 ${res.status}：${await res.text()}`);
    return (await res.json()) as T;
  }
}

interface Criterion {
  key: string;
  max: number;
}

export interface RealEvening {
  roundId: string;
  screenCode: string;
  mc: Client;
  judges: Client[];
  criteria: Criterion[];
  /** Entry ids in speaking order. */
  order: string[];
}

export async function setUpEvening(origin: string, judgeCount: number): Promise<RealEvening> {
  const mc = await new Client(origin, 'organiser').login(DEMO_PASSWORD);
  const campaigns = await mc.get<{ items: { id: string; title: string }[] }>('/api/campaigns');
  const campaignId = campaigns.items.find((c) => c.title.includes('大学习 走在前'))!.id;
  const campaign = await mc.get<{ settings: { stages: { key: string; kind: string }[] } }>(
    `/api/campaigns/${campaignId}`,
  );
  const stageOf = (kind: string) => campaign.settings.stages.find((s) => s.kind === kind)!.key;
  const demoJudges = ['judge', 'judge2', 'judge3'];

  // 复赛: three judges per entry, all six advance.
  const semifinal = stageOf('semifinal');
  const semiDefaults = await mc.get<Record<string, unknown>>(
    `/api/campaigns/${campaignId}/round-defaults?stageKey=${semifinal}`,
  );
  delete semiDefaults.liveDefaults;
  const { round: semi } = await mc.post<{ round: { id: string } }>(`/api/campaigns/${campaignId}/rounds`, {
    ...semiDefaults,
    stageKey: semifinal,
    judgesPerEntry: 3,
    dropHighest: 1,
    dropLowest: 1,
    advancement: { kind: 'top_n', count: 6 },
  });
  const accountsOf = async (roundId: string) =>
    (
      await mc.get<{ items: { userId: string; username: string }[] }>(`/api/rounds/${roundId}/judge-accounts`)
    ).items.filter((a) => demoJudges.includes(a.username));
  await mc.post(`/api/rounds/${semi.id}/judges`, {
    userIds: (await accountsOf(semi.id)).map((a) => a.userId),
  });
  await mc.post(`/api/rounds/${semi.id}/assign`);
  const demo = await Promise.all(demoJudges.map((u) => new Client(origin, u).login(DEMO_PASSWORD)));
  for (const [n, judge] of demo.entries()) {
    const queue = await judge.get<{ items: { code: string }[] }>(`/api/judging/rounds/${semi.id}`);
    for (const [i, { code }] of queue.items.entries()) {
      await judge.put(`/api/judging/rounds/${semi.id}/items/${code}/score`, {
        scores: { content: 34 - n - i, language: 20, courseware: 12, presence: 8, timing: 8 },
        comment: '',
        submit: true,
      });
    }
  }
  await mc.post(`/api/rounds/${semi.id}/close`);
  await mc.post(`/api/rounds/${semi.id}/confirm`);

  // 决赛 as a live final: every judge scores every speaker, the result goes up at the last score.
  const final = stageOf('final');
  const finalDefaults = await mc.get<Record<string, unknown> & { liveDefaults: Record<string, unknown> }>(
    `/api/campaigns/${campaignId}/round-defaults?stageKey=${final}`,
  );
  const { liveDefaults, ...finalConfig } = finalDefaults;
  const { round } = await mc.post<{ round: { id: string; config: { criteria: Criterion[] } } }>(
    `/api/campaigns/${campaignId}/rounds`,
    {
      ...finalConfig,
      stageKey: final,
      blind: false,
      judgesPerEntry: judgeCount,
      dropHighest: 1,
      dropLowest: 1,
      live: { ...liveDefaults, announce: 'before_confirm', judgeDisplay: 'numbered' },
    },
  );
  await mc.post(`/api/rounds/${round.id}/judges`, {
    userIds: (await accountsOf(round.id)).map((a) => a.userId),
  });
  const judges = [...demo];
  for (let i = demo.length; i < judgeCount; i++) {
    const username = `benchjudge${i + 1}`;
    const out = await mc.post<{ temporaryPassword: string }>(`/api/rounds/${round.id}/judges/invite`, {
      displayName: `评委${i + 1}`,
      username,
    });
    const judge = await new Client(origin, username).login(out.temporaryPassword);
    await judge.post('/api/auth/password', {
      currentPassword: out.temporaryPassword,
      newPassword: JUDGE_PASSWORD,
    });
    judges.push(await new Client(origin, username).login(JUDGE_PASSWORD));
  }

  const detail = await mc.get<{ entries: { entryId: string }[] }>(`/api/rounds/${round.id}`);
  const order = detail.entries.map((e) => e.entryId);
  await mc.post(`/api/live/rounds/${round.id}/draw/manual`, { order, note: '基准测试：按编号排列' });
  await mc.post(`/api/live/rounds/${round.id}/start`);
  const view = await mc.get<{ screenCode: string }>(`/api/live/rounds/${round.id}`);
  return {
    roundId: round.id,
    screenCode: view.screenCode,
    mc,
    judges,
    criteria: round.config.criteria,
    order,
  };
}

/** A judge's score: the same total for everyone but a spread the trimming drops. */
export function scoresFor(criteria: Criterion[], judge: number): Record<string, number> {
  return Object.fromEntries(
    criteria.map((c, i) => [c.key, Math.max(0, Math.round(c.max * 0.8) + (i === 0 ? judge - 3 : 0))]),
  );
}

export const scoreKey = () => randomBytes(18).toString('base64url');
