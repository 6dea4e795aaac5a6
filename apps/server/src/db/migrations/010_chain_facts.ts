import { sql, type Kysely } from 'kysely';

/**
 * Every fact a round's results depend on becomes a record of its hash-chained score log, not only
 * scores: a judge taken off an entry, a declared conflict, a judge leaving the panel, a tie decided by
 * the organiser and each setting of the results rules. Such records name no entry or no judge (a rule
 * change) and carry their content in `data`, which the hash covers; rows written before keep a null
 * `data`, so their hashes are unchanged and old rounds still verify.
 *
 * Rounds that exist now took their removals and tie decisions outside the log; `facts_chained` false
 * keeps reading those from their tables. Sign-offs also keep the number of records they saw.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE score_log ALTER COLUMN entry_id DROP NOT NULL;
    ALTER TABLE score_log ALTER COLUMN judge_user_id DROP NOT NULL;
    ALTER TABLE score_log ADD COLUMN data jsonb;
    ALTER TABLE score_log DROP CONSTRAINT score_log_action_check;
    ALTER TABLE score_log ADD CONSTRAINT score_log_action_check CHECK (action IN (
      'draft','submit','reopen','judge_removed','conflict_declared','judge_left','tie_decided','rules_set'));

    ALTER TABLE review_rounds ADD COLUMN facts_chained boolean NOT NULL DEFAULT false;
    ALTER TABLE review_rounds ALTER COLUMN facts_chained SET DEFAULT true;

    ALTER TABLE round_signoffs ADD COLUMN records integer;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE round_signoffs DROP COLUMN records;
    ALTER TABLE review_rounds DROP COLUMN facts_chained;
    ALTER TABLE score_log DROP CONSTRAINT score_log_action_check;
    ALTER TABLE score_log ADD CONSTRAINT score_log_action_check CHECK (action IN ('draft','submit','reopen'));
    ALTER TABLE score_log DROP COLUMN data;
  `.execute(db);
}
