import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { classroomLecture, learningTask } from './test-learning-support.ts';
import { learningRollupDrift } from './test-task-rollups.ts';

/**
 * Concurrent writers keep the study-task rollups right (with TEST_DATABASE_URL on a real server's
 * pool; on PGlite they queue): one member finishing two lectures of a task in two overlapping
 * transactions (each alone sees the task unfinished; the per-member counter row makes the second wait
 * and see the first), members moved and deactivated meanwhile, and a lecture added to the task while
 * members finish it (the advisory locks keep the recount and the completions apart). A deadlock
 * victim is rolled back whole, which is also fine.
 */

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

const pause = sql`SELECT pg_sleep(0.02)`;
const tolerate = (e: unknown) => {
  if ((e as { code?: string }).code !== '40P01') throw e;
};

describe('study-task rollups under concurrent writers', () => {
  it('match the recount after overlapping completions, moves, deactivations and a lecture added', async () => {
    const f = t.factories;
    const city = await f.org({ name: '并发市委', type: 'committee' });
    const branches: Awaited<ReturnType<typeof f.org>>[] = [];
    for (let i = 0; i < 3; i++)
      branches.push(await f.org({ name: `并发支部${i}`, type: 'branch', parent: city }));
    const members: Awaited<ReturnType<typeof f.member>>[] = [];
    for (let i = 0; i < 6; i++) members.push(await f.member(branches[i % 3]!, { phone: null }));
    const lectures: string[] = [];
    for (let i = 0; i < 4; i++) lectures.push(await classroomLecture(t.db, city));
    const taskId = await learningTask(t.db, city, lectures.slice(0, 3));

    const finish = (memberId: string, lectureId: string) =>
      t.db
        .transaction()
        .execute(async (tx) => {
          await tx
            .insertInto('learning_progress')
            .values({
              member_id: memberId,
              lecture_id: lectureId,
              intervals: JSON.stringify([[0, 300]]),
              watched_seconds: 300,
              completed_at: new Date(),
              updated_at: new Date(),
            })
            .execute();
          await pause.execute(tx);
        })
        .catch(tolerate);
    // Everyone has the first lecture; then the other two at once, with moves and the added lecture.
    for (const m of members) await finish(m.id, lectures[0]!);
    const work: Promise<unknown>[] = [];
    for (const [i, m] of members.entries()) {
      work.push(
        finish(m.id, lectures[1]!),
        finish(m.id, lectures[2]!),
        t.db
          .transaction()
          .execute(async (tx) => {
            const to = branches[(i + 1) % 3]!;
            await tx
              .updateTable('members')
              .set({ org_id: to.id, org_path: to.path, active: i !== 4 })
              .where('id', '=', m.id)
              .execute();
            await pause.execute(tx);
          })
          .catch(tolerate),
      );
      if (i === 2)
        work.push(
          t.db
            .transaction()
            .execute(async (tx) => {
              await tx
                .insertInto('learning_task_lectures')
                .values({ task_id: taskId, lecture_id: lectures[3]!, position: 3 })
                .execute();
              await pause.execute(tx);
            })
            .catch(tolerate),
        );
    }
    await Promise.all(work);
    expect(await learningRollupDrift(t.db)).toEqual([]);
    for (const m of members.slice(0, 3)) await finish(m.id, lectures[3]!);
    expect(await learningRollupDrift(t.db)).toEqual([]);
    const { n } = await t.db
      .selectFrom('learning_task_counts')
      .select(sql<number>`coalesce(sum(own_members), 0)::int`.as('n'))
      .where('task_id', '=', taskId)
      .executeTakeFirstOrThrow();
    // Members 0–2 finished all four lectures; none of them was deactivated.
    expect(n).toBe(3);

    // The race the FOR SHARE closes, set up on purpose: a member finishes the task (trigger run) while a
    // second transaction has moved them to another branch and not committed yet.
    const late = await f.member(branches[0]!, { phone: null });
    for (const l of lectures.slice(0, 3)) await finish(late.id, l);
    const moving = t.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('members')
        .set({ org_id: branches[1]!.id, org_path: branches[1]!.path })
        .where('id', '=', late.id)
        .execute();
      await sql`SELECT pg_sleep(0.3)`.execute(tx);
    });
    await new Promise((r) => setTimeout(r, 100));
    await Promise.all([moving, finish(late.id, lectures[3]!)]);
    expect(await learningRollupDrift(t.db)).toEqual([]);
  });
});
