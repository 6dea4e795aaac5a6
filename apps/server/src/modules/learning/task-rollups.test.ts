import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { completionByChild } from './completion.ts';
import { learningNumbersByPath } from './dashboard-numbers.ts';
import { classroomLecture, learningTask } from './test-learning-support.ts';
import { learningRollupDrift, rawCompletionByChild, rawLearningNumbers } from './test-task-rollups.ts';
import { prng } from '../../lib/prng.ts';

/**
 * Property test of the study-task completion rollups (migration 042): random operations on generated
 * members, tasks and progress, every step compared with a recount from the raw rows, and the task
 * page's rows and the dashboard's numbers compared with their raw-row versions. Runs on PGlite, and on
 * PostgreSQL with TEST_DATABASE_URL. The seed is printed on failure so a run can be replayed.
 */

let t: TestContext;
let admin: Client;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

type Org = { id: string; path: string };
const orgOf = async (id: string): Promise<Org> =>
  t.db.selectFrom('orgs').select(['id', 'path']).where('id', '=', id).executeTakeFirstOrThrow();

async function world(p: string) {
  const f = t.factories;
  const city = await f.org({ name: `${p}市委`, type: 'committee' });
  const counties = [];
  const towns = [];
  const branches = [];
  for (let c = 0; c < 2; c++) {
    const county = await f.org({ name: `${p}县${c}`, type: 'county', parent: city });
    counties.push(county.id);
    for (let w = 0; w < 2; w++) {
      const town = await f.org({ name: `${p}镇${c}${w}`, type: 'party_committee', parent: county });
      towns.push(town.id);
      for (let b = 0; b < 2; b++)
        branches.push((await f.org({ name: `${p}支部${c}${w}${b}`, type: 'branch', parent: town })).id);
    }
  }
  await f.user([{ role: 'platform_admin', org: city }], { username: `${p}_admin` });
  admin = await t.login(`${p}_admin`);
  const lectures = [];
  for (let i = 0; i < 5; i++) lectures.push(await classroomLecture(t.db, city, { visibility: 'public' }));
  return { city, counties, towns, branches, lectures };
}

async function run(seed: number, steps: number) {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const w = await world(`L${seed}`);
  const members: string[] = [];
  const addMember = async () => {
    members.push((await t.factories.member(await orgOf(pick(w.branches)), { phone: null })).id);
    return 'member-new';
  };
  for (let i = 0; i < 30; i++) await addMember();
  const tasks: string[] = [];
  const addTask = async () => {
    const org = await orgOf(pick([w.city.id, w.city.id, ...w.counties, ...w.towns]));
    const lectures = [...new Set([pick(w.lectures), pick(w.lectures), pick(w.lectures)])];
    tasks.push(await learningTask(t.db, org, lectures));
    return 'task-new';
  };
  for (let i = 0; i < 3; i++) await addTask();
  const progress = (memberId: string, lectureId: string, completed: boolean) => ({
    member_id: memberId,
    lecture_id: lectureId,
    intervals: JSON.stringify([[0, completed ? 300 : 60]]),
    watched_seconds: completed ? 300 : 60,
    completed_at: completed ? new Date() : null,
    updated_at: new Date(),
  });
  // As saveReport writes: an upsert that never clears completed_at.
  const report = (rows: ReturnType<typeof progress>[]) =>
    sql`
      INSERT INTO learning_progress AS p (member_id, lecture_id, intervals, watched_seconds, completed_at, updated_at)
      VALUES ${sql.join(
        rows.map(
          (r) =>
            sql`(${r.member_id}::bigint, ${r.lecture_id}::bigint, ${r.intervals}::jsonb, ${r.watched_seconds}::int, ${r.completed_at}::timestamptz, ${r.updated_at}::timestamptz)`,
        ),
      )}
      ON CONFLICT (member_id, lecture_id) DO UPDATE
         SET watched_seconds = excluded.watched_seconds, completed_at = coalesce(p.completed_at, excluded.completed_at)`.execute(
      t.db,
    );
  for (let i = 0; i < 40; i++) await report([progress(pick(members), pick(w.lectures), rand() < 0.8)]);

  const ops: (() => Promise<string>)[] = [
    async () => {
      await report([progress(pick(members), pick(w.lectures), rand() < 0.7)]);
      return 'report';
    },
    async () => {
      // One statement finishing several lectures: a multi-row transition table.
      const m = pick(members);
      await report(w.lectures.filter(() => rand() < 0.6).map((l) => progress(m, l, true)));
      return 'report-batch';
    },
    async () => {
      await report(members.filter(() => rand() < 0.3).map((m) => progress(m, pick(w.lectures), true)));
      return 'report-many';
    },
    async () => {
      await t.db
        .updateTable('learning_progress')
        .set({ completed_at: null })
        .where('member_id', '=', pick(members))
        .execute();
      return 'uncomplete';
    },
    async () => {
      await t.db
        .deleteFrom('learning_progress')
        .where('lecture_id', '=', pick(w.lectures))
        .where('member_id', '=', pick(members))
        .execute();
      return 'progress-delete';
    },
    addTask,
    async () => {
      const task = pick(tasks);
      const has = await t.db
        .selectFrom('learning_task_lectures')
        .select('lecture_id')
        .where('task_id', '=', task)
        .execute();
      const missing = w.lectures.filter((l) => !has.some((h) => h.lecture_id === l));
      if (missing.length === 0) return 'lecture-add';
      await t.db
        .insertInto('learning_task_lectures')
        .values({ task_id: task, lecture_id: pick(missing), position: 9 })
        .execute();
      return 'lecture-add';
    },
    async () => {
      const task = pick(tasks);
      const has = await t.db
        .selectFrom('learning_task_lectures')
        .select('lecture_id')
        .where('task_id', '=', task)
        .execute();
      if (has.length > 0)
        await t.db
          .deleteFrom('learning_task_lectures')
          .where('task_id', '=', task)
          .where('lecture_id', '=', pick(has).lecture_id)
          .execute();
      return 'lecture-remove';
    },
    async () => {
      await t.db
        .updateTable('classroom_lectures')
        .set({ state: rand() < 0.5 ? 'unpublished' : 'published' })
        .where('id', '=', pick(w.lectures))
        .execute();
      return 'publish-toggle';
    },
    async () => {
      await t.db
        .updateTable('learning_tasks')
        .set({ cancelled_at: rand() < 0.6 ? new Date() : null })
        .where('id', '=', pick(tasks))
        .execute();
      return 'task-cancel';
    },
    addMember,
    async () => {
      const to = await orgOf(pick(w.branches));
      await t.db
        .updateTable('members')
        .set({ org_id: to.id, org_path: to.path })
        .where('id', '=', pick(members))
        .execute();
      return 'member-move';
    },
    async () => {
      const res = await admin.post(`/api/orgs/${pick(w.towns)}/move`, { parentId: pick(w.counties) });
      if (res.statusCode !== 200) throw new Error(`move: ${res.statusCode} ${res.body}`);
      return 'subtree-move';
    },
    async () => {
      await t.db
        .updateTable('members')
        .set({ active: rand() < 0.5 })
        .where('id', '=', pick(members))
        .execute();
      return 'active';
    },
    async () => {
      await t.db
        .updateTable('members')
        .set({ active: rand() < 0.6 })
        .where('org_id', '=', pick(w.branches))
        .execute();
      return 'bulk-active';
    },
  ];

  const log: string[] = [];
  const fail = (i: number, what: string) =>
    new Error(`seed ${seed}, step ${i} after ${log.slice(-5).join(' → ')}:\n${what}`);
  for (let i = 0; i < steps; i++) {
    log.push(await pick(ops)());
    const drift = await learningRollupDrift(t.db);
    if (drift.length) throw fail(i, drift.join('\n'));
    if (i % 5 === 0) {
      const task = await t.db
        .selectFrom('learning_tasks')
        .select(['id', 'org_path'])
        .where('id', '=', pick(tasks))
        .executeTakeFirstOrThrow();
      const inside = await t.db
        .selectFrom('orgs')
        .select(['id', 'path'])
        .where('path', 'like', `${task.org_path}%`)
        .execute();
      const org = pick(inside);
      const ours = await completionByChild(t.db, task.id, org);
      const raw = await rawCompletionByChild(t.db, task.id, org);
      if (JSON.stringify(ours) !== JSON.stringify(raw))
        throw fail(i, `task page ${JSON.stringify(ours)} ≠ ${JSON.stringify(raw)}`);
      const paths = (
        await t.db.selectFrom('orgs').select('path').where('path', 'like', `${w.city.path}%`).execute()
      ).map((o) => o.path);
      const dash = await learningNumbersByPath(t.db, paths);
      const rawDash = await rawLearningNumbers(t.db, paths);
      for (const p of paths)
        if (JSON.stringify(dash.get(p)) !== JSON.stringify(rawDash.get(p)))
          throw fail(i, `dashboard ${p}: ${JSON.stringify(dash.get(p))} ≠ ${JSON.stringify(rawDash.get(p))}`);
    }
  }
  return log;
}

class Found extends Error {
  constructor(readonly drift: string[]) {
    super('found');
  }
}

describe('study-task completion rollups', () => {
  it('match a recount from the raw rows after every random operation', async () => {
    const log = await run(Number(process.env.LEARNING_SEED ?? 20261206), 200);
    // Every kind of operation was exercised.
    expect(new Set(log).size).toBeGreaterThanOrEqual(15);
    const { n } = await t.db
      .selectFrom('learning_task_counts')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(n).toBeGreaterThan(0);
  });

  it('hold for a second seed', async () => {
    await run(11, 100);
  });

  it('are checked by a recount that notices a wrong row', async () => {
    expect(await learningRollupDrift(t.db)).toEqual([]);
    const one = await t.db
      .selectFrom('learning_task_counts')
      .select(['task_id', 'org_path'])
      .executeTakeFirstOrThrow();
    const drift = await t.db
      .transaction()
      .execute(async (tx) => {
        await tx
          .updateTable('learning_task_counts')
          .set({ own_members: sql`own_members + 1` })
          .where('task_id', '=', one.task_id)
          .where('org_path', '=', one.org_path)
          .execute();
        throw new Found(await learningRollupDrift(tx));
      })
      .catch((e: unknown) => (e instanceof Found ? e.drift : Promise.reject(e)));
    expect(drift).toHaveLength(2);
  });
});
