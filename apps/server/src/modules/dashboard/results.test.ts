import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { awardsScene, type AwardsScene } from '../awards/test-awards-scene.ts';
import { dashboardOf } from './test-dashboard-scene.ts';

/**
 * A confirmed round's ranks and scores reach the dashboard only of those the reviews module shows a
 * round's results: its organisers and supervisors. A unit admin sees the round's progress, not every
 * entry's rank and score (the advancing list is on the public 公示 page once published).
 */
let t: TestContext;
let s: AwardsScene;
beforeAll(async () => {
  t = await createTestContext();
  s = await awardsScene(t, 'dashres');
  const res = await s.organiser.client.post(`/api/rounds/${s.roundId}/confirm`);
  if (res.statusCode !== 200) throw new Error(`confirm: ${res.statusCode} ${res.body}`);
}, 120_000);
afterAll(async () => t.close());

describe('results on the dashboard', () => {
  it('the organiser and the supervisor read the ranked results; the unit admin the progress only', async () => {
    const org = await dashboardOf(s.organiser.client, s.campaignId);
    expect(org.results).toHaveLength(1);
    expect(org.results[0]!.items.map((i) => i.rank)).toEqual([1, 1, 3, 4, 5, 6]);
    expect(org.results[0]!.items.every((i) => typeof i.score === 'number')).toBe(true);
    const sup = await dashboardOf(s.supervisor.client, s.campaignId);
    expect(sup.results).toEqual(org.results);

    const edu = await dashboardOf(s.eduAdmin.client, s.campaignId);
    expect(edu.results).toEqual([]);
    expect(edu.rounds.map((r) => r.id)).toContain(s.roundId);
    expect(JSON.stringify(edu)).not.toMatch(/"score"/);
  });
});
