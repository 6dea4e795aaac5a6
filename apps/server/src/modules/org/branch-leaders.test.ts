import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { branchesLedBy } from './branch-leaders.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

describe('branches led by an account', () => {
  it('is the branch of a 书记 or 副书记, and nothing once they step down, move to a unit, or leave', async () => {
    const f = t.factories;
    const city = await f.org({ name: '市委', type: 'committee', code: 'BL-CITY' });
    const unit = await f.org({ name: '市教育局', type: 'unit', parent: city, code: 'BL-UNIT' });
    const branch = await f.org({ name: '第一党支部', type: 'branch', parent: unit, code: 'BL-B1' });
    const secretary = await f.member(branch, { name: '王书记', positions: ['书记'] });
    const plain = await f.member(branch, { name: '李党员', positions: ['党员'] });

    expect(await branchesLedBy(t.db, { memberId: secretary.id })).toEqual([
      { orgId: branch.id, orgPath: branch.path, orgName: '第一党支部' },
    ]);
    expect(await branchesLedBy(t.db, { memberId: plain.id })).toEqual([]);
    expect(await branchesLedBy(t.db, { memberId: null })).toEqual([]);

    await t.db
      .updateTable('members')
      .set({ positions: ['党员'] })
      .where('id', '=', secretary.id)
      .execute();
    expect(await branchesLedBy(t.db, { memberId: secretary.id })).toEqual([]);

    await t.db
      .updateTable('members')
      .set({ positions: ['副书记'], org_id: unit.id, org_path: unit.path })
      .where('id', '=', secretary.id)
      .execute();
    expect(await branchesLedBy(t.db, { memberId: secretary.id }), 'a unit is not a branch').toEqual([]);

    await t.db
      .updateTable('members')
      .set({ org_id: branch.id, org_path: branch.path, active: false })
      .where('id', '=', secretary.id)
      .execute();
    expect(await branchesLedBy(t.db, { memberId: secretary.id })).toEqual([]);
  });
});
