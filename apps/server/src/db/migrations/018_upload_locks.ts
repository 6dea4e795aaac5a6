import { sql, type Kysely } from 'kysely';

/**
 * Locks on tus uploads shared by every app instance: one request at a time writes (or reads the
 * offset of) an upload, whichever instance it reaches. A lock is a lease renewed while its request
 * runs, so one held by a process that died expires by itself; release_requested asks the holder
 * (a stalled request on another instance) to give it up, as tus does for a client's retry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE upload_locks (
      upload_id text PRIMARY KEY,
      holder text NOT NULL,
      lock_until timestamptz NOT NULL,
      release_requested boolean NOT NULL DEFAULT false
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE upload_locks`.execute(db);
}
