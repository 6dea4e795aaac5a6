import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryListResponse } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { seedDemoIfEmpty } from './seed.ts';

const DEMO_PASSWORD = 'Demo2026pass';

describe('demo entries', () => {
  let t: TestContext;
  let campaignId: string;

  beforeAll(async () => {
    t = await createTestContext();
    await seedDemoIfEmpty(
      { ...t.deps, config: { ...t.deps.config, DEMO_PASSWORD } },
      { log: () => {}, finalistMedia: false },
    );
    const row = await t.db
      .selectFrom('campaigns')
      .select('id')
      .where('preset_key', '=', 'yueyang')
      .executeTakeFirstOrThrow();
    campaignId = row.id;
  });
  afterAll(async () => t.close());

  it('gives each demo unit admin one draft of their own unit, and leaves the demo member free to enter', async () => {
    for (const [username, unit] of [
      ['unitadmin', '市教育局'],
      ['unitadmin2', '市财政局'],
    ] as const) {
      const client = await t.login(username, DEMO_PASSWORD);
      const list = (await client.get(`/api/campaigns/${campaignId}/entries`)).json<EntryListResponse>();
      expect(list.items.map((e) => [e.unitName, e.state])).toEqual([[unit, 'draft']]);
    }
    const member = await t.login('member', DEMO_PASSWORD);
    expect((await member.get('/api/entries/mine')).json<{ items: unknown[] }>().items).toEqual([]);
  });
});
