import { sql, type Kysely } from 'kysely';

/**
 * The speaker pool's history (owned by modules/pool): one row per thing that happened to a speaker —
 * added, nominated, approved or declined, edited, left (退出) or retired (退库) — with who, when and
 * why, shown on the speaker's page. `political_status` (政治面貌) for the 师资库统计表: taken from the
 * member record for members of the tree, typed in for an outside expert.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE pool_speakers ADD COLUMN political_status text;
    CREATE TABLE pool_speaker_events (
      id bigserial PRIMARY KEY,
      speaker_id bigint NOT NULL REFERENCES pool_speakers(id),
      action text NOT NULL CHECK (action IN
        ('added','nominated','approved','declined','left','retired','edited','rejoined')),
      reason text,
      actor_user_id bigint REFERENCES users(id),
      actor_name text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX pool_speaker_events_speaker ON pool_speaker_events (speaker_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE pool_speaker_events; ALTER TABLE pool_speakers DROP COLUMN political_status;`.execute(
    db,
  );
}
