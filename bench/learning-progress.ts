/**
 * Honest learning at the evening peak: 100,000 progress reports merged per minute (the evening after a
 * study task goes out), against the app itself (app.inject: session cookie, CSRF, zod, the service's
 * locked read-merge-write), plus a study task's completion page at city scale.
 *
 *   npm run bench:progress [-- --members 2000 --reports 100000 --concurrency 32 --city 300000 --only pglite|postgres]
 *
 * For each database (embedded PGlite in a temporary directory; a private schema on PostgreSQL):
 * 1. --members member accounts (sessions inserted directly, no password hashing) each open a watching
 *    session on one of five 30-minute lectures; then rounds: the clock moves 10 s and every member
 *    reports the next 10 s they played (about one report in ten re-sends an interval, as a flaky phone
 *    would), --concurrency requests in flight, until --reports reports. Printed: reports/second against
 *    the target of 100,000/min (1,667/s) and the process CPU time per report (server and inject together:
 *    this process is the server).
 * 2. baseline, same run, same reports, same HTTP stack (session hook included): a route that keeps
 *    every raw report and recomputes the unique seconds from all of a member's reports of the lecture
 *    on each report, one statement after the other.
 *    The ratio baseline/ours (CPU per report and throughput) is printed.
 * 3. --city members (0 skips): gen-city's tree, 60 % of members having finished a three-lecture task;
 *    times GET /api/learning/tasks/:id at the root, a county and a branch (read from the rollups of
 *    migration 042; bench:tasks compares them with the raw-row count).
 *   BENCH_PG_URL  PostgreSQL connection (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../apps/server/src/app.ts';
import type { DB } from '../apps/server/src/db/types.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { fixedClock } from '../apps/server/src/lib/clock.ts';
import { requireActor } from '../apps/server/src/lib/request.ts';
import { loadBenchCity } from './city.ts';
import { time } from './timing.ts';
import { openBenchDatabase } from './bench-db.ts';

type Kind = 'pglite' | 'postgres';
const TARGET_PER_SECOND = 100_000 / 60;
const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '2000' },
    reports: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '32' },
    city: { type: 'string', default: '300000' },
    iterations: { type: 'string', default: '20' },
    only: { type: 'string' },
  },
});
const members = Number(values.members);
const totalReports = Number(values.reports);
const concurrency = Number(values.concurrency);
const cityMembers = Number(values.city);
const kinds: Kind[] = values.only ? [values.only as Kind] : ['pglite', 'postgres'];
const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const LECTURE_SECONDS = 1800;
const START = new Date('2026-07-01T12:00:00Z');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const open = (kind: Kind) => openBenchDatabase(kind, 'learning', pgUrl);

/** Seconds covered by raw intervals, the naive way: a set of every second. */
function uniqueSeconds(rows: { from_s: number; to_s: number }[], duration: number) {
  const seen = new Set<number>();
  for (const r of rows)
    for (let s = Math.max(0, Math.round(r.from_s)); s < Math.min(duration, Math.round(r.to_s)); s++)
      seen.add(s);
  return seen.size;
}

/** The baseline's route: every raw report kept, unique seconds recomputed from all of them each time. */
function naiveRoute(app: FastifyInstance, db: Kysely<DB>) {
  app.post('/bench/naive/sessions/:id/reports', async (req) => {
    const actor = requireActor(req);
    const { id } = req.params as { id: string };
    const body = req.body as { intervals: [number, number][] };
    return db.transaction().execute(async (tx) => {
      const s = await tx
        .selectFrom('learning_sessions as s')
        .innerJoin('classroom_lectures as l', 'l.id', 's.lecture_id')
        .select(['s.member_id', 's.lecture_id', 'l.duration_seconds'])
        .where('s.id', '=', id)
        .executeTakeFirstOrThrow();
      if (s.member_id !== actor.memberId) throw new Error('not yours');
      await sql`INSERT INTO bench_raw_reports (member_id, lecture_id, from_s, to_s)
                SELECT ${s.member_id}, ${s.lecture_id}, x[1], x[2]
                  FROM jsonb_to_recordset(${JSON.stringify(body.intervals.map((i) => ({ x: i })))}::jsonb) AS r(x float8[])`.execute(
        tx,
      );
      const { rows } = await sql<{ from_s: number; to_s: number }>`
        SELECT from_s, to_s FROM bench_raw_reports WHERE member_id = ${s.member_id} AND lecture_id = ${s.lecture_id}`.execute(
        tx,
      );
      const watched = uniqueSeconds(rows, s.duration_seconds);
      await sql`UPDATE bench_naive_progress SET watched_seconds = ${watched}
                 WHERE member_id = ${s.member_id} AND lecture_id = ${s.lecture_id}`.execute(tx);
      return { watchedSeconds: watched };
    });
  });
}

async function setup(db: Kysely<DB>) {
  const root = await db
    .insertInto('orgs')
    .values({ parent_id: null, path: 'tmp', depth: 0, name: '压测市委', type: 'committee' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('orgs')
    .set({ path: `${root.id}.` })
    .where('id', '=', root.id)
    .execute();
  const rootPath = `${root.id}.`;
  const video = await db
    .insertInto('stored_files')
    .values({
      detected_type: 'mp4',
      mime: 'video/mp4',
      size_bytes: 1,
      sha256: '0'.repeat(64),
      original_name: 'bench.mp4',
      storage: 'local',
      storage_key: 'bench/lecture.mp4',
      uploaded_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const lectures: string[] = [];
  for (let i = 0; i < 5; i++) {
    const l = await db
      .insertInto('classroom_lectures')
      .values({
        org_id: root.id,
        org_path: rootPath,
        video_file_id: video.id,
        duration_seconds: LECTURE_SECONDS,
        title: `压测微课${i + 1}`,
        speaker_name: '压测',
        visibility: 'internal',
        state: 'published',
        proposed_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    lectures.push(l.id);
  }
  const people: { cookie: string; csrf: string; memberId: string; lectureId: string }[] = [];
  for (let i = 0; i < members; i += 500) {
    const n = Math.min(500, members - i);
    const ms = await db
      .insertInto('members')
      .values(
        Array.from({ length: n }, (_, k) => ({
          org_id: root.id,
          org_path: rootPath,
          name: `党员${i + k}`,
          gender: 'male' as const,
          phone: null,
          party_status: 'full' as const,
          positions: ['党员'],
        })),
      )
      .returning('id')
      .execute();
    const us = await db
      .insertInto('users')
      .values(
        ms.map((m) => ({
          username: `bench_m${m.id}`,
          display_name: `党员${m.id}`,
          password_hash: 'initial-code',
          must_change_password: false,
          member_id: m.id,
        })),
      )
      .returning(['id', 'member_id'])
      .execute();
    const batch = us.map((u, k) => ({
      token: randomBytes(24).toString('base64url'),
      csrf: randomBytes(16).toString('hex'),
      userId: u.id,
      memberId: u.member_id!,
      lectureId: lectures[(i + k) % lectures.length]!,
    }));
    await db
      .insertInto('sessions')
      .values(
        batch.map((b) => ({
          id: sha256(b.token),
          user_id: b.userId,
          csrf_token: b.csrf,
          expires_at: new Date(Date.now() + 86_400_000 * 30),
          // Seen at the bench clock's start: the sliding expiry is refreshed once a minute as in use.
          last_seen_at: START,
          ip: null,
          user_agent: null,
        })),
      )
      .execute();
    people.push(
      ...batch.map((b) => ({
        cookie: `jt_session=${b.token}`,
        csrf: b.csrf,
        memberId: b.memberId,
        lectureId: b.lectureId,
      })),
    );
  }
  return { people, lectures };
}

async function runReports(
  app: FastifyInstance,
  clock: ReturnType<typeof fixedClock>,
  people: Awaited<ReturnType<typeof setup>>['people'],
  urlOf: (sessionId: string) => string,
) {
  const sessions: string[] = [];
  for (const p of people) {
    const res = await app.inject({
      method: 'POST',
      url: `/api/learning/lectures/${p.lectureId}/sessions`,
      headers: { cookie: p.cookie, 'x-csrf-token': p.csrf },
    });
    if (res.statusCode !== 201) throw new Error(`start: ${res.statusCode} ${res.body}`);
    sessions.push(res.json<{ sessionId: string }>().sessionId);
  }
  let sent = 0;
  let failed = 0;
  let round = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  while (sent < totalReports) {
    clock.advance(10_000);
    const from = (round * 10) % LECTURE_SECONDS;
    const jobs = people.slice(0, Math.min(people.length, totalReports - sent)).map((p, i) => () => {
      // One report in ten re-sends the previous interval too (a retry after a lost answer).
      const intervals: [number, number][] =
        (i + round) % 10 === 0 && from > 0
          ? [
              [from - 10, from],
              [from, from + 10],
            ]
          : [[from, from + 10.3]];
      return app.inject({
        method: 'POST',
        url: urlOf(sessions[i]!),
        headers: { cookie: p.cookie, 'x-csrf-token': p.csrf },
        payload: { intervals, rate: 1, visible: true, muted: false, position: from + 10 },
      });
    });
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < jobs.length) {
          const res = await jobs[next++]!();
          if (res.statusCode !== 200) failed++;
        }
      }),
    );
    sent += jobs.length;
    round++;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    sent,
    failed,
    seconds,
    perSecond: sent / seconds,
    cpuMsPerReport: (cpu.user + cpu.system) / 1000 / sent,
  };
}

async function main() {
  for (const kind of kinds) {
    console.log(`\n== ${kind}: ${members} members, ${totalReports} reports, ${concurrency} in flight ==`);
    const { database, dataDir, cleanup } = await open(kind);
    try {
      const db = database.db;
      await sql`CREATE TABLE bench_raw_reports (member_id bigint, lecture_id bigint, from_s float8, to_s float8);
                CREATE INDEX ON bench_raw_reports (member_id, lecture_id);
                CREATE TABLE bench_naive_progress (member_id bigint, lecture_id bigint, watched_seconds int,
                  PRIMARY KEY (member_id, lecture_id))`.execute(db);
      const clock = fixedClock(START);
      const config = loadConfig({
        NODE_ENV: 'production',
        SEED_DEMO: 'false',
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
      });
      const app = await buildApp({ db, clock, config, dbKind: database.kind });
      naiveRoute(app, db);
      await app.ready();
      const { people } = await setup(db);

      const ours = await runReports(app, clock, people, (id) => `/api/learning/sessions/${id}/reports`);
      // Check: every member watched what the rounds played, no more.
      const { rows } = await sql<{ avg: number; max: number }>`
        SELECT avg(watched_seconds)::float8 AS avg, max(watched_seconds) AS max FROM learning_progress`.execute(
        db,
      );
      console.log(
        `  ours:     ${ours.perSecond.toFixed(0)} reports/s (${ours.seconds.toFixed(1)} s, ${ours.failed} failed), ` +
          `CPU ${ours.cpuMsPerReport.toFixed(2)} ms/report; watched avg ${rows[0]!.avg.toFixed(0)} s, max ${rows[0]!.max} s; ` +
          `target ${TARGET_PER_SECOND.toFixed(0)}/s: ${ours.perSecond >= TARGET_PER_SECOND ? 'met' : 'NOT met'} ` +
          `(${(ours.perSecond / TARGET_PER_SECOND).toFixed(2)}×)`,
      );

      await sql`INSERT INTO bench_naive_progress SELECT s.member_id, s.lecture_id, 0 FROM learning_sessions s
                 WHERE s.superseded_at IS NULL ON CONFLICT DO NOTHING`.execute(db);
      const naive = await runReports(app, clock, people, (id) => `/bench/naive/sessions/${id}/reports`);
      console.log(
        `  baseline: ${naive.perSecond.toFixed(0)} reports/s (${naive.seconds.toFixed(1)} s, ${naive.failed} failed), ` +
          `CPU ${naive.cpuMsPerReport.toFixed(2)} ms/report (every raw report kept, unique seconds recomputed each time)`,
      );
      console.log(
        `  ratio baseline/ours: CPU per report ${(naive.cpuMsPerReport / ours.cpuMsPerReport).toFixed(2)}×, ` +
          `throughput ${(ours.perSecond / naive.perSecond).toFixed(2)}×`,
      );
      await app.close();
    } finally {
      await cleanup();
    }
    if (cityMembers > 0) await completion(kind);
  }
}

/** A study task's completion page at city scale: read from the rollups (migration 042). */
async function completion(kind: Kind) {
  const { database, dataDir, cleanup } = await open(kind);
  const db = database.db;
  try {
    const t0 = performance.now();
    const { root, adminId } = await loadBenchCity(db, cityMembers);
    await db
      .insertInto('role_grants')
      .values({ user_id: adminId, role: 'platform_admin', org_id: root.id, org_path: root.path })
      .execute();
    const video = await db
      .insertInto('stored_files')
      .values({
        detected_type: 'mp4',
        mime: 'video/mp4',
        size_bytes: 1,
        sha256: '0'.repeat(64),
        original_name: 'b.mp4',
        storage: 'local',
        storage_key: 'bench/b.mp4',
        uploaded_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const lectureIds: string[] = [];
    for (let i = 0; i < 3; i++)
      lectureIds.push(
        (
          await db
            .insertInto('classroom_lectures')
            .values({
              org_id: root.id,
              org_path: root.path,
              video_file_id: video.id,
              duration_seconds: 600,
              title: `城市微课${i}`,
              speaker_name: '压测',
              visibility: 'internal',
              state: 'published',
              proposed_at: new Date(),
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    const task = await db
      .insertInto('learning_tasks')
      .values({
        org_id: root.id,
        org_path: root.path,
        title: '全市学习任务',
        due_on: '2026-12-31',
        created_by: adminId,
        created_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('learning_task_lectures')
      .values(lectureIds.map((lecture_id, position) => ({ task_id: task.id, lecture_id, position })))
      .execute();
    // 60 % of members finished all three, 20 % one of them.
    for (const [i, l] of lectureIds.entries())
      await sql`INSERT INTO learning_progress (member_id, lecture_id, intervals, watched_seconds, completed_at, updated_at)
                SELECT id, ${l}, '[[0,600]]', 600, now(), now() FROM members
                 WHERE (id % 10) < ${i === 0 ? 8 : 6}`.execute(db);
    await sql`ANALYZE`.execute(db);
    console.log(
      `  city: ${cityMembers} members, ${lectureIds.length} lectures, loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );

    await db.updateTable('users').set({ must_change_password: false }).where('id', '=', adminId).execute();
    const token = randomBytes(24).toString('base64url');
    await db
      .insertInto('sessions')
      .values({
        id: sha256(token),
        user_id: adminId,
        csrf_token: 'x',
        expires_at: new Date(Date.now() + 86_400_000),
        ip: null,
        user_agent: null,
      })
      .execute();
    const config = loadConfig({
      NODE_ENV: 'production',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
    });
    const app = await buildApp({
      db,
      clock: fixedClock(new Date('2026-07-01T12:00:00Z')),
      config,
      dbKind: database.kind,
    });
    await app.ready();
    const county = await db
      .selectFrom('orgs')
      .select('id')
      .where('parent_id', '=', root.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const branch = await db
      .selectFrom('orgs')
      .select('id')
      .where('type', '=', 'branch')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    for (const [label, orgId] of [
      ['root', root.id],
      ['county', county.id],
      ['branch', branch.id],
    ] as const) {
      const get = async () => {
        const res = await app.inject({
          method: 'GET',
          url: `/api/learning/tasks/${task.id}?orgId=${orgId}`,
          headers: { cookie: `jt_session=${token}` },
        });
        if (res.statusCode !== 200) throw new Error(`detail: ${res.statusCode} ${res.body}`);
        return res.json<{ totals: { members: number; completed: number; percent: number } }>();
      };
      const first = await get();
      const { p50, p95 } = await time(get, Number(values.iterations), 2);
      console.log(
        `  completion page at ${label}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms ` +
          `(${first.totals.completed}/${first.totals.members} = ${first.totals.percent}%)`,
      );
    }
    await app.close();
  } finally {
    await cleanup();
  }
}

await main();
