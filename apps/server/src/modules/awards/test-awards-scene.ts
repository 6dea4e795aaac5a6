import type { CampaignSettings, RoundConfig } from '@jiangtai/contracts';
import type { TestContext } from '../../test/harness.ts';
import { reviewScene, scoresAt, type RoundView } from '../reviews/test-scene.ts';

/**
 * The review scene's six entries in a finished 决赛 round, scored through the reviews endpoints and
 * closed (评分已截止). The campaign's awards are narrowed to 一等奖 1 · 二等奖 2 · 三等奖 2 and one
 * 组织奖 with 2 places, and the judges score so that the first two entries tie on every level
 * (a tie across the 一等奖/二等奖 boundary): 张三 = 李四 > 王五 > 赵六 > 钱七 > 孙八.
 */
export async function awardsScene(t: TestContext, prefix: string) {
  const s = await reviewScene(t, prefix);
  const campaign = await t.db
    .selectFrom('campaigns')
    .select('settings')
    .where('id', '=', s.campaignId)
    .executeTakeFirstOrThrow();
  const settings = campaign.settings as CampaignSettings;
  settings.awardTiers = [
    { name: '一等奖', places: 1 },
    { name: '二等奖', places: 2 },
    { name: '三等奖', places: 2 },
  ];
  settings.orgAwards = [{ name: '组织奖', places: 2 }];
  await t.db
    .updateTable('campaigns')
    .set({ settings: JSON.stringify(settings) })
    .where('id', '=', s.campaignId)
    .execute();
  // As if the 复赛 had recommended all six into the 决赛.
  await t.db
    .updateTable('entries')
    .set({ stage_key: 'semifinal', state: 'recommended' })
    .where('campaign_id', '=', s.campaignId)
    .execute();

  const org = s.organiser.client;
  const defaults = await org.get(`/api/campaigns/${s.campaignId}/round-defaults?stageKey=final`);
  const opened = await org.post(`/api/campaigns/${s.campaignId}/rounds`, {
    ...defaults.json<RoundConfig>(),
    judgesPerEntry: 3,
    dropHighest: 0,
    dropLowest: 0,
    stageKey: 'final',
  });
  if (opened.statusCode !== 201) throw new Error(`open final: ${opened.statusCode} ${opened.body}`);
  const round = opened.json<RoundView>();
  const roundId = round.round.id;
  const ok = async <R extends { statusCode: number; body: string }>(p: Promise<R>) => {
    const res = await p;
    if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${res.body}`);
    return res;
  };
  await ok(org.post(`/api/rounds/${roundId}/judges`, { userIds: s.judges.map((j) => j.id) }));
  await ok(org.post(`/api/rounds/${roundId}/assign`));
  const view = (await ok(org.get(`/api/rounds/${roundId}`))).json<RoundView>();
  const fraction = [0.9, 0.9, 0.85, 0.8, 0.75, 0.7];
  const byCode = new Map(
    view.entries.map((e) => [e.code, fraction[s.entries.findIndex((x) => x.id === e.entryId)]!]),
  );
  for (const j of s.judges) {
    const queue = (await j.client.get(`/api/judging/rounds/${roundId}`)).json<{
      items: { code: string }[];
    }>();
    for (const item of queue.items)
      await ok(
        j.client.put(`/api/judging/rounds/${roundId}/items/${item.code}/score`, {
          scores: scoresAt(round.round.config, byCode.get(item.code)!),
          submit: true,
        }),
      );
  }
  await ok(org.post(`/api/rounds/${roundId}/close`));
  return { ...s, roundId, config: round.round.config };
}
export type AwardsScene = Awaited<ReturnType<typeof awardsScene>>;
