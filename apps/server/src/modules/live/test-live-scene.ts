import { expect } from 'vitest';
import type { RoundConfig } from '@jiangtai/contracts';
import type { TestContext } from '../../test/harness.ts';
import { reviewScene, scoresAt } from '../reviews/test-scene.ts';

/**
 * The review scene's six entries as finalists of the 岳阳 final (决赛), a live round opened on it with
 * the preset's defaults (8 minutes, 1 minute grace, 0.5 per started 30 s, at most 5), drop 1 highest
 * and 1 lowest, and three judges on the panel (吴、郑、冯; 周评委 of 市教育局 is left out).
 */
export async function liveScene(t: TestContext, prefix: string, patch: Partial<RoundConfig> = {}) {
  const s = await reviewScene(t, prefix);
  await t.db
    .updateTable('entries')
    .set({ stage_key: 'final', state: 'recommended' })
    .where('campaign_id', '=', s.campaignId)
    .execute();
  const org = s.organiser.client;
  const defaults = await org.get(`/api/campaigns/${s.campaignId}/round-defaults?stageKey=final`);
  if (defaults.statusCode !== 200) throw new Error(`defaults: ${defaults.statusCode} ${defaults.body}`);
  const { liveDefaults, ...config } = defaults.json<RoundConfig & { liveDefaults: RoundConfig['live'] }>();
  expect(liveDefaults).toMatchObject({ speakingSeconds: 480, timePenalty: { graceSeconds: 60 } });
  Object.assign(config, { live: liveDefaults, blind: false });
  const res = await org.post(`/api/campaigns/${s.campaignId}/rounds`, {
    ...config,
    dropHighest: 1,
    dropLowest: 1,
    decimals: 2,
    ...patch,
    stageKey: 'final',
  });
  if (res.statusCode !== 201) throw new Error(`open final: ${res.statusCode} ${res.body}`);
  const roundId = res.json<{ round: { id: string } }>().round.id;
  const judges = s.judges.slice(1);
  const added = await org.post(`/api/rounds/${roundId}/judges`, { userIds: judges.map((j) => j.id) });
  if (added.statusCode !== 200) throw new Error(`judges: ${added.statusCode} ${added.body}`);
  const live = (rest = '') => `/api/live/rounds/${roundId}${rest}`;
  return { ...s, roundId, liveJudges: judges, config: { ...config, ...patch } as RoundConfig, live };
}
export type LiveScene = Awaited<ReturnType<typeof liveScene>>;

/** The order of speakers as drawn by hand on stage, recorded through the draw (抽签) module. */
export async function setOrder(s: LiveScene, order: string[]) {
  const res = await s.organiser.client.post(`/api/live/rounds/${s.roundId}/draw/manual`, {
    order,
    note: '现场抽签',
  });
  if (res.statusCode !== 200) throw new Error(`order: ${res.statusCode} ${res.body}`);
  return order;
}

let keys = 0;
/** A fresh idempotency key as a phone makes one. */
export const newKey = () => `k${Date.now().toString(36)}x${(keys += 1).toString().padStart(14, '0')}`;

/** Every criterion at `fraction` of its maximum. */
export const liveScores = (config: RoundConfig, fraction: number) => scoresAt(config, fraction);
