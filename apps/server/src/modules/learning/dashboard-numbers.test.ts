import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { learningNumbersByPath } from './dashboard-numbers.ts';
import { learningScene, type LearningScene } from './test-learning-scene.ts';
import { finished, learningTask } from './test-learning-support.ts';

let t: TestContext;
let s: LearningScene;
beforeAll(async () => {
  t = await createTestContext();
  s = await learningScene(t, 'dn');
});
afterAll(async () => t.close());

describe('learningNumbersByPath', () => {
  it('counts member-task pairs reaching each path and the completed ones', async () => {
    const before = await learningNumbersByPath(t.db, [s.city.path]);
    expect(before.get(s.city.path)).toEqual({ assigned: 0, completed: 0 });
    // 市委's task (two lectures) reaches all 5 members; 甲县's task (one lecture) its 4.
    await learningTask(t.db, s.city, [s.lectures.city, s.lectures.jia]);
    await learningTask(t.db, s.jia, [s.lectures.jia]);
    const cancelled = await learningTask(t.db, s.b1, [s.lectures.branch]);
    await t.db
      .updateTable('learning_tasks')
      .set({ cancelled_at: new Date() })
      .where('id', '=', cancelled)
      .execute();
    // 老赵 finishes both of the city's lectures (so both tasks); 小王 only one of them (neither).
    await finished(t.db, s.people.zhao.id, s.lectures.city);
    await finished(t.db, s.people.zhao.id, s.lectures.jia);
    await finished(t.db, s.people.wang.id, s.lectures.city);
    const n = await learningNumbersByPath(t.db, [s.city.path, s.jia.path, s.yi.path, s.b1.path, s.b3.path]);
    expect(n.get(s.city.path)).toEqual({ assigned: 5 + 4, completed: 2 });
    expect(n.get(s.jia.path)).toEqual({ assigned: 4 + 4, completed: 2 });
    expect(n.get(s.yi.path)).toEqual({ assigned: 1, completed: 0 });
    expect(n.get(s.b1.path)).toEqual({ assigned: 3 + 3, completed: 2 });
    expect(n.get(s.b3.path)).toEqual({ assigned: 1, completed: 0 });
  });
});
