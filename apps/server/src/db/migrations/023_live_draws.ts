import { sql, type Kysely } from 'kysely';

/**
 * The draw (抽签) of a live final's speaking order (modules/live/draw).
 *
 * live_draws: one per round. A random draw is first a commitment (SHA-256 of a seed the organiser's
 * browser keeps) with the finalists list it will shuffle, published together; the seed, the final
 * seed and the order are filled in at the reveal, once. A hand-drawn order (method 'manual') has no
 * commitment: the order, the note and who entered it. Either way the order is set once.
 *
 * live_draw_contributions: values added after the commitment and before the reveal (the supervisor's,
 * the finalists'), mixed into the final seed in id order, so the organiser alone cannot choose it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE live_draws (
      round_id bigint PRIMARY KEY REFERENCES review_rounds(id),
      method text NOT NULL CHECK (method IN ('random', 'manual')),
      finalists jsonb NOT NULL,
      commitment text CHECK (commitment ~ '^[0-9a-f]{64}$'),
      committed_at timestamptz,
      committed_by bigint REFERENCES users(id),
      seed text CHECK (seed ~ '^[0-9a-f]{64}$'),
      revealed_at timestamptz,
      revealed_by bigint REFERENCES users(id),
      final_seed text,
      "order" jsonb,
      manual_note text,
      entered_by bigint REFERENCES users(id),
      entered_at timestamptz,
      CHECK (method = 'manual' OR (commitment IS NOT NULL AND committed_at IS NOT NULL)),
      CHECK (method = 'random' OR ("order" IS NOT NULL AND entered_by IS NOT NULL))
    );

    CREATE TABLE live_draw_contributions (
      id bigserial PRIMARY KEY,
      round_id bigint NOT NULL REFERENCES live_draws(round_id),
      label text NOT NULL,
      value text NOT NULL,
      entered_by bigint NOT NULL REFERENCES users(id),
      -- what the person typing it was for the round: an organiser knows the seed, a supervisor does not
      entered_as text NOT NULL CHECK (entered_as IN ('organiser', 'supervisor')),
      at timestamptz NOT NULL
    );
    CREATE INDEX live_draw_contributions_round ON live_draw_contributions (round_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE live_draw_contributions;
    DROP TABLE live_draws;
  `.execute(db);
}
