import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { memberAccountsJobHandler, sortBatch } from './job.ts';
import { findRun, insertRun } from './repository.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

const member = (id: string, over: { active?: boolean; phone?: string | null } = {}) => ({
  id,
  org_id: '1',
  org_path: '1.',
  name: `党员${id}`,
  phone: over.phone === undefined ? `1350000000${id}` : over.phone,
  active: over.active ?? true,
});

describe('sorting a batch', () => {
  it('gives each member one reason, in a fixed order', () => {
    const { counts, create } = sortBatch(
      [
        member('1', { active: false, phone: null }),
        member('2', { phone: null }),
        member('3'),
        member('4'),
        member('5'),
      ],
      { memberIds: new Set(['3']), logins: new Set(['13500000004']) },
    );
    expect(counts).toEqual({ inactive: 1, noPhone: 1, hasAccount: 1, phoneTaken: 1 });
    expect(create.map((m) => m.id)).toEqual(['5']);
  });
});

describe('a run stopped half-way', () => {
  it('resumes after the last committed batch and counts every member once', async () => {
    const city = await t.factories.org({ name: '续跑市委' });
    const branch = await t.factories.org({ name: '续跑党支部', parent: city });
    for (let i = 0; i < 7; i++) await t.factories.member(branch, { phone: `1360000000${i}` });
    const admin = await t.factories.user([{ role: 'platform_admin', org: city }]);
    const { id } = await insertRun(t.db, {
      orgId: branch.id,
      memberIds: null,
      requestedBy: admin.id,
      total: 7,
      now: t.clock.now(),
    });
    const handler = memberAccountsJobHandler(t.deps, { batchSize: 3 });
    const job = { id: '0', payload: { runId: id }, attempt: 1, maxAttempts: 3, orgPath: branch.path };
    // The first attempt is stopped (a shutdown) after its first batch.
    const stop = new AbortController();
    await expect(
      handler(job, {
        signal: stop.signal,
        progress: async () => stop.abort(),
      }),
    ).rejects.toThrow('任务已中止');
    expect(await findRun(t.db, id)).toMatchObject({ processed: 3, created: 3 });
    await handler({ ...job, attempt: 2 }, { signal: new AbortController().signal, progress: async () => {} });
    const run = await findRun(t.db, id);
    expect(run).toMatchObject({ processed: 7, created: 7, skipped_has_account: 0 });
    expect(run!.finished_at).not.toBeNull();
    const users = await t.db
      .selectFrom('users')
      .select('username')
      .where('username', 'like', '1360000000%')
      .execute();
    expect(users).toHaveLength(7);
  });

  it('fails with a clear message for a run that does not exist', async () => {
    const handler = memberAccountsJobHandler(t.deps);
    await expect(
      handler(
        { id: '0', payload: { runId: '999999' }, attempt: 1, maxAttempts: 1, orgPath: null },
        { signal: new AbortController().signal, progress: async () => {} },
      ),
    ).rejects.toThrow('开通任务不存在');
  });
});
