import { sql, type Kysely } from 'kysely';

/**
 * An entry leaving a round (withdrawn, returned, its recommendation or the earlier stage's list taken
 * back) and coming back into it are records of the round's score log, so the ranking they change
 * moves the chain head like any other fact. Rounds that exist now marked departures only in
 * round_entries.left_at; `departures_chained` false keeps reading those from the table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE score_log DROP CONSTRAINT score_log_action_check;
    ALTER TABLE score_log ADD CONSTRAINT score_log_action_check CHECK (action IN (
      'draft','submit','reopen','judge_removed','conflict_declared','judge_left','tie_decided','rules_set',
      'entry_left','entry_rejoined'));

    ALTER TABLE review_rounds ADD COLUMN departures_chained boolean NOT NULL DEFAULT false;
    ALTER TABLE review_rounds ALTER COLUMN departures_chained SET DEFAULT true;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE review_rounds DROP COLUMN departures_chained;
    ALTER TABLE score_log DROP CONSTRAINT score_log_action_check;
    ALTER TABLE score_log ADD CONSTRAINT score_log_action_check CHECK (action IN (
      'draft','submit','reopen','judge_removed','conflict_declared','judge_left','tie_decided','rules_set'));
  `.execute(db);
}
