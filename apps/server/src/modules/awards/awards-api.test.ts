import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { awardsScene, type AwardsScene } from './test-awards-scene.ts';

let t: TestContext;
let s: AwardsScene;

beforeAll(async () => {
  t = await createTestContext();
  s = await awardsScene(t, 'aw');
}, 120_000);
afterAll(async () => t.close());

describe('smoke', () => {
  it('views', async () => {
    const res = await s.organiser.client.get(`/api/rounds/${s.roundId}/awards`);
    console.log(res.statusCode, res.body.slice(0, 400));
    const c = await s.organiser.client.post(`/api/rounds/${s.roundId}/awards`, {});
    console.log(c.statusCode, JSON.stringify(c.json(), null, 1).slice(0, 6000));
    expect(c.statusCode).toBe(201);
  });
});
