import { sql, type Kysely } from 'kysely';

/**
 * What several app instances must share instead of keeping in memory.
 *
 * upload_locks: locks on tus uploads shared by every app instance: one request at a time writes (or reads the
 * offset of) an upload, whichever instance it reaches. A lock is a lease renewed while its request
 * runs, so one held by a process that died expires by itself; release_requested asks the holder
 * (a stalled request on another instance) to give it up, as tus does for a client's retry.
 *
 * rate_limits: request counters of rate-limited routes (login, public 公示 objections) per route and
 * client address, so the limits hold for the whole installation rather than per instance.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE upload_locks (
      upload_id text PRIMARY KEY,
      holder text NOT NULL,
      lock_until timestamptz NOT NULL,
      release_requested boolean NOT NULL DEFAULT false
    );
    CREATE TABLE rate_limits (
      key text PRIMARY KEY,
      count integer NOT NULL,
      window_until timestamptz NOT NULL
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE rate_limits; DROP TABLE upload_locks;`.execute(db);
}
