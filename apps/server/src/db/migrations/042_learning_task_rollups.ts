import { sql, type Kysely } from 'kysely';

/**
 * 学习任务 completion rollups (owned by modules/learning), kept by the database like the coverage
 * rollups of migration 031, so a city task's page at the root reads one row per child org instead of
 * joining 300,000 members with their progress rows.
 *
 * The rule (unchanged from task-repository.ts): a member completed a task when the task has at least
 * one still-published lecture and the member has completed_at set on every one of them. A member counts
 * where they are now and only while active (a deactivated member leaves numerator and denominator; the
 * denominator is coverage_member_counts, active members by path).
 *
 * 1. learning_task_sizes (task): the task's still-published lectures.
 * 2. learning_task_members (task, member): how many of them the member completed; a row exists while
 *    > 0. Completed the task ⇔ lectures = the task's size. A counter rather than a flag so that two
 *    reports of one member finishing two lectures at once serialise on the row (upsert) and both count.
 * 3. learning_task_counts (task, org_path): active members who completed the task, per ancestor path
 *    (`members`: the subtree, kept below the top level only) and per own path (`own_members`), exactly
 *    the layout of coverage_counts, so a top-level row is not written by every completion in the city.
 *
 * Triggers (statement-level, transition tables, ordered upserts, rows deleted at zero):
 * * learning_progress: completed_at set or cleared moves the counters of the tasks holding the lecture;
 *   a counter reaching or leaving the task's size adds or removes the member in (3).
 * * learning_task_lectures and classroom_lectures.state (publish/unpublish) change a task's size and
 *   so who completed it: the affected tasks are recounted from raw rows (rare, admin actions).
 * * members: insert, move (org_path rewritten), deactivate, reactivate move the member's completed
 *   tasks between paths, as in 031.
 * Cancelling a task changes nothing here: its page keeps showing completion (as before) and the
 * supervision dashboard leaves cancelled tasks out when it reads.
 *
 * Concurrency: a completion takes a shared advisory lock per lecture and a recount an exclusive one on
 * every lecture of its tasks (old and new), so a recount never interleaves with a counter update on
 * the same lectures; flips take FOR SHARE on the members' rows before reading their org, as in 031.
 */
const LOCK_CLASS = 42042;
const lectureLock = (col: string) => `${LOCK_CLASS}, (${col} & 2147483647)::int`;
const PUBLISHED = `l.state = 'published'`;

/**
 * Applies flips (arrays f_tasks, f_members, f_flips: ±1 per task and member who started or stopped
 * completing it) to learning_task_counts for every ancestor path of the member's current org (active
 * members only), then deletes the rows that came to nothing.
 */
function applyFlips(source = ''): string {
  const d =
    source ||
    `SELECT f.task_id, m.org_path, sum(f.s)::int AS n
       FROM unnest(f_tasks, f_members, f_flips) AS f(task_id, member_id, s)
       JOIN members m ON m.id = f.member_id AND m.active
      WHERE f.s <> 0 GROUP BY f.task_id, m.org_path`;
  const lock = source
    ? ''
    : `IF f_members IS NULL THEN RETURN; END IF;
      -- Hold the members still (see the header) before reading where they are.
      PERFORM 1 FROM members WHERE id IN (SELECT DISTINCT unnest(f_members)) ORDER BY id FOR SHARE;`;
  return `
      ${lock}
      WITH d AS (${d}),
      e AS (
        SELECT d.task_id, left(d.org_path, i) AS prefix,
               CASE WHEN strpos(left(d.org_path, i), '.') < i THEN 1 ELSE 0 END AS deep,
               CASE WHEN i = length(d.org_path) THEN 1 ELSE 0 END AS own, d.n
          FROM d CROSS JOIN LATERAL generate_series(1, length(d.org_path)) AS i
         WHERE substr(d.org_path, i, 1) = '.'),
      up AS (
        INSERT INTO learning_task_counts AS c (task_id, org_path, members, own_members)
        SELECT task_id, prefix, sum(deep * n)::int, sum(own * n)::int FROM e GROUP BY task_id, prefix
        HAVING sum(deep * n) <> 0 OR sum(own * n) <> 0
         ORDER BY task_id, prefix
        ON CONFLICT (task_id, org_path) DO UPDATE
          SET members = c.members + EXCLUDED.members, own_members = c.own_members + EXCLUDED.own_members
        RETURNING c.task_id, c.org_path, c.members, c.own_members)
      SELECT array_agg(task_id) FILTER (WHERE members = 0 AND own_members = 0),
             array_agg(org_path) FILTER (WHERE members = 0 AND own_members = 0)
        INTO g_tasks, g_paths FROM up;
      IF g_paths IS NOT NULL THEN
        DELETE FROM learning_task_counts c USING unnest(g_tasks, g_paths) AS g(task_id, org_path)
         WHERE c.task_id = g.task_id AND c.org_path = g.org_path AND c.members = 0 AND c.own_members = 0;
      END IF;`;
}

const FLIP_VARS = `f_tasks bigint[]; f_members bigint[]; f_flips int[]; g_tasks bigint[]; g_paths text[];`;

/**
 * learning_task_recount(tasks, lectures): recomputes the tasks' sizes and counters from raw rows
 * and applies the difference in who completed them. `lectures` are lectures that just left the tasks
 * (locked with the current ones).
 */
const RECOUNT = `
  CREATE FUNCTION learning_task_recount(task_ids bigint[], gone_lectures bigint[]) RETURNS void
    LANGUAGE plpgsql AS $fn$
  DECLARE ${FLIP_VARS}
  BEGIN
    task_ids := ARRAY(SELECT DISTINCT unnest(task_ids) ORDER BY 1);
    PERFORM pg_advisory_xact_lock(${lectureLock('x.lecture_id')}) FROM (
      SELECT lecture_id FROM learning_task_lectures WHERE task_id = ANY (task_ids)
      UNION SELECT unnest(gone_lectures) ORDER BY 1) x;

    WITH old_size AS (SELECT task_id, lectures FROM learning_task_sizes WHERE task_id = ANY (task_ids)),
    new_size AS (
      SELECT t.id AS task_id,
             (SELECT count(*) FROM learning_task_lectures tl JOIN classroom_lectures l ON l.id = tl.lecture_id
               WHERE tl.task_id = t.id AND ${PUBLISHED})::int AS lectures
        FROM learning_tasks t WHERE t.id = ANY (task_ids)),
    fresh AS (
      SELECT tl.task_id, p.member_id, count(*)::int AS lectures
        FROM learning_task_lectures tl
        JOIN classroom_lectures l ON l.id = tl.lecture_id AND ${PUBLISHED}
        JOIN learning_progress p ON p.lecture_id = tl.lecture_id AND p.completed_at IS NOT NULL
       WHERE tl.task_id = ANY (task_ids)
       GROUP BY tl.task_id, p.member_id),
    cur AS (SELECT task_id, member_id, lectures FROM learning_task_members WHERE task_id = ANY (task_ids)),
    both_ AS (
      SELECT coalesce(f.task_id, c.task_id) AS task_id, coalesce(f.member_id, c.member_id) AS member_id,
             f.lectures AS new_n, c.lectures AS old_n
        FROM fresh f FULL JOIN cur c ON c.task_id = f.task_id AND c.member_id = f.member_id),
    flips AS (
      SELECT b.task_id, b.member_id,
             (CASE WHEN b.new_n = ns.lectures THEN 1 ELSE 0 END)
               - (CASE WHEN b.old_n = os.lectures THEN 1 ELSE 0 END) AS s
        FROM both_ b JOIN new_size ns ON ns.task_id = b.task_id
        LEFT JOIN old_size os ON os.task_id = b.task_id),
    sized AS (
      INSERT INTO learning_task_sizes AS s (task_id, lectures) SELECT task_id, lectures FROM new_size ORDER BY 1
      ON CONFLICT (task_id) DO UPDATE SET lectures = EXCLUDED.lectures),
    gone AS (
      DELETE FROM learning_task_members m USING both_ b
       WHERE b.new_n IS NULL AND m.task_id = b.task_id AND m.member_id = b.member_id),
    put AS (
      INSERT INTO learning_task_members AS m (task_id, member_id, lectures)
      SELECT task_id, member_id, new_n FROM both_ WHERE new_n IS NOT NULL AND new_n IS DISTINCT FROM old_n
       ORDER BY task_id, member_id
      ON CONFLICT (task_id, member_id) DO UPDATE SET lectures = EXCLUDED.lectures)
    SELECT array_agg(task_id ORDER BY task_id, member_id), array_agg(member_id ORDER BY task_id, member_id),
           array_agg(s ORDER BY task_id, member_id)
      INTO f_tasks, f_members, f_flips FROM flips WHERE s <> 0;

    ${applyFlips()}
  END $fn$;`;

/** The learning_progress trigger body: `source` yields (member_id, lecture_id, s) for completed rows. */
function progressBody(source: string): string {
  return `
    DECLARE
      d_tasks bigint[]; d_members bigint[]; d_deltas int[]; ${FLIP_VARS}
    BEGIN
      -- Most reports do not change completed_at: leave before touching anything else.
      PERFORM 1 FROM (SELECT lecture_id, member_id FROM (${source}) x
                       GROUP BY lecture_id, member_id HAVING sum(s) <> 0) c LIMIT 1;
      IF NOT FOUND THEN RETURN NULL; END IF;
      PERFORM pg_advisory_xact_lock_shared(${lectureLock('c.lecture_id')}) FROM (
        SELECT DISTINCT lecture_id FROM (${source}) x ORDER BY 1) c;

      SELECT array_agg(task_id ORDER BY task_id, member_id), array_agg(member_id ORDER BY task_id, member_id),
             array_agg(delta ORDER BY task_id, member_id)
        INTO d_tasks, d_members, d_deltas
        FROM (SELECT tl.task_id, x.member_id, sum(x.s)::int AS delta
                FROM (${source}) x
                JOIN learning_task_lectures tl ON tl.lecture_id = x.lecture_id
                JOIN classroom_lectures l ON l.id = x.lecture_id AND ${PUBLISHED}
               GROUP BY tl.task_id, x.member_id HAVING sum(x.s) <> 0) d;
      IF d_tasks IS NULL THEN RETURN NULL; END IF;

      WITH d AS (SELECT * FROM unnest(d_tasks, d_members, d_deltas) AS d(task_id, member_id, delta)),
      up AS (
        INSERT INTO learning_task_members AS m (task_id, member_id, lectures)
        SELECT task_id, member_id, delta FROM d ORDER BY task_id, member_id
        ON CONFLICT (task_id, member_id) DO UPDATE SET lectures = m.lectures + EXCLUDED.lectures
        RETURNING m.task_id, m.member_id, m.lectures)
      SELECT array_agg(up.task_id), array_agg(up.member_id),
             array_agg((CASE WHEN up.lectures = s.lectures THEN 1 ELSE 0 END)
                       - (CASE WHEN up.lectures - d.delta = s.lectures THEN 1 ELSE 0 END))
        INTO f_tasks, f_members, f_flips
        FROM up JOIN d ON d.task_id = up.task_id AND d.member_id = up.member_id
        JOIN learning_task_sizes s ON s.task_id = up.task_id;

      DELETE FROM learning_task_members m USING unnest(d_tasks, d_members) AS k(task_id, member_id)
       WHERE m.task_id = k.task_id AND m.member_id = k.member_id AND m.lectures <= 0;

      ${applyFlips().replace('RETURN;', 'RETURN NULL;')}
      RETURN NULL;
    END`;
}

const progressRows = (table: string, sign: string) =>
  `SELECT member_id, lecture_id, ${sign} AS s FROM ${table} WHERE completed_at IS NOT NULL`;

/** The members trigger body: `source` yields (member_id, org_path, s) for active rows. */
function membersBody(source: string): string {
  return `
    DECLARE g_tasks bigint[]; g_paths text[];
    BEGIN
      ${applyFlips(`SELECT tm.task_id, x.org_path, sum(x.s)::int AS n
           FROM (${source}) x
           JOIN learning_task_members tm ON tm.member_id = x.member_id
           JOIN learning_task_sizes ts ON ts.task_id = tm.task_id AND ts.lectures = tm.lectures
          GROUP BY tm.task_id, x.org_path HAVING sum(x.s) <> 0`)}
      RETURN NULL;
    END`;
}

const memberRows = (table: string, sign: string) =>
  `SELECT id AS member_id, org_path, ${sign} AS s FROM ${table} WHERE active`;

const recountBody = (tasks: string, gone: string) => `
    BEGIN
      PERFORM learning_task_recount(ARRAY(${tasks}), ARRAY(${gone}));
      RETURN NULL;
    END`;

/** Lectures whose published-ness changed, for the classroom_lectures trigger. */
const FLIPPED_LECTURES = `SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE (n.state = 'published') <> (o.state = 'published')`;

const fn = (name: string, body: string) =>
  `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$${body}$fn$;`;

const trigger = (name: string, event: string, table: string, refs: string, func: string) =>
  `CREATE TRIGGER ${name} AFTER ${event} ON ${table} REFERENCING ${refs}
     FOR EACH STATEMENT EXECUTE FUNCTION ${func}();`;
const NEW = 'NEW TABLE AS new_rows';
const OLD = 'OLD TABLE AS old_rows';
const BOTH = `${OLD} ${NEW}`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    CREATE INDEX learning_task_lectures_lecture ON learning_task_lectures (lecture_id);

    CREATE TABLE learning_task_sizes (
      task_id bigint PRIMARY KEY,
      lectures int NOT NULL
    );
    CREATE TABLE learning_task_members (
      task_id bigint NOT NULL,
      member_id bigint NOT NULL,
      lectures int NOT NULL,
      PRIMARY KEY (task_id, member_id)
    );
    CREATE INDEX learning_task_members_member ON learning_task_members (member_id);
    CREATE TABLE learning_task_counts (
      task_id bigint NOT NULL,
      org_path text COLLATE "C" NOT NULL,
      members int NOT NULL DEFAULT 0,
      own_members int NOT NULL DEFAULT 0,
      PRIMARY KEY (task_id, org_path)
    );

    ${RECOUNT}
    ${fn('learning_on_progress_insert', progressBody(progressRows('new_rows', '1')))}
    ${fn(
      'learning_on_progress_update',
      progressBody(`${progressRows('new_rows', '1')} UNION ALL ${progressRows('old_rows', '-1')}`),
    )}
    ${fn('learning_on_progress_delete', progressBody(progressRows('old_rows', '-1')))}
    ${fn('learning_on_members_insert', membersBody(memberRows('new_rows', '1')))}
    ${fn(
      'learning_on_members_update',
      membersBody(`${memberRows('new_rows', '1')} UNION ALL ${memberRows('old_rows', '-1')}`),
    )}
    ${fn('learning_on_members_delete', membersBody(memberRows('old_rows', '-1')))}
    ${fn('learning_on_task_lectures_insert', recountBody('SELECT task_id FROM new_rows', 'SELECT NULL::bigint WHERE false'))}
    ${fn(
      'learning_on_task_lectures_update',
      recountBody(
        'SELECT task_id FROM new_rows UNION SELECT task_id FROM old_rows',
        'SELECT lecture_id FROM old_rows',
      ),
    )}
    ${fn('learning_on_task_lectures_delete', recountBody('SELECT task_id FROM old_rows', 'SELECT lecture_id FROM old_rows'))}
    ${fn(
      'learning_on_lectures_update',
      `
    BEGIN
      IF EXISTS (${FLIPPED_LECTURES}) THEN
        PERFORM learning_task_recount(
          ARRAY(SELECT DISTINCT task_id FROM learning_task_lectures WHERE lecture_id IN (${FLIPPED_LECTURES})),
          ARRAY[]::bigint[]);
      END IF;
      RETURN NULL;
    END`,
    )}

    -- Backfill: every task recounted from the rows as they are, before the triggers take over.
    SELECT learning_task_recount(ARRAY(SELECT id FROM learning_tasks), ARRAY[]::bigint[]);

    ${trigger('learning_progress_tasks_insert', 'INSERT', 'learning_progress', NEW, 'learning_on_progress_insert')}
    ${trigger('learning_progress_tasks_update', 'UPDATE', 'learning_progress', BOTH, 'learning_on_progress_update')}
    ${trigger('learning_progress_tasks_delete', 'DELETE', 'learning_progress', OLD, 'learning_on_progress_delete')}
    ${trigger('members_learning_insert', 'INSERT', 'members', NEW, 'learning_on_members_insert')}
    ${trigger('members_learning_update', 'UPDATE', 'members', BOTH, 'learning_on_members_update')}
    ${trigger('members_learning_delete', 'DELETE', 'members', OLD, 'learning_on_members_delete')}
    ${trigger('learning_task_lectures_insert', 'INSERT', 'learning_task_lectures', NEW, 'learning_on_task_lectures_insert')}
    ${trigger('learning_task_lectures_update', 'UPDATE', 'learning_task_lectures', BOTH, 'learning_on_task_lectures_update')}
    ${trigger('learning_task_lectures_delete', 'DELETE', 'learning_task_lectures', OLD, 'learning_on_task_lectures_delete')}
    ${trigger('classroom_lectures_learning_update', 'UPDATE', 'classroom_lectures', BOTH, 'learning_on_lectures_update')}
  `,
    )
    .execute(db);
}
