import { sql, type Kysely } from 'kysely';

/**
 * The live final (现场决赛): a review round run on the evening. `live_rounds` holds the evening's
 * state (who is on, the timer, a version bumped on every change, the random code of the public
 * screens), `live_slots` each speaker's place and progress, `live_score_keys` the outcome stored
 * under each judge's submission key, so a retry of a committed submission is answered, not counted.
 *
 * A rehearsal (彩排) is a review round of its own flagged `rehearsal`: the one-round-per-stage rule
 * does not count it, and every list leaves it out. The time a speaker spoke (and the penalty) is a
 * record of the round's score log ('time_recorded'), read by the results like any score.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE score_log DROP CONSTRAINT score_log_action_check;
    ALTER TABLE score_log ADD CONSTRAINT score_log_action_check CHECK (action IN (
      'draft','submit','reopen','judge_removed','conflict_declared','judge_left','tie_decided','rules_set',
      'entry_left','entry_rejoined','time_recorded'));

    ALTER TABLE review_rounds ADD COLUMN rehearsal boolean NOT NULL DEFAULT false;
    DROP INDEX review_rounds_one_per_scope;
    CREATE UNIQUE INDEX review_rounds_one_per_scope ON review_rounds (campaign_id, stage_key, scope_org_id)
      WHERE NOT rehearsal;

    CREATE TABLE live_rounds (
      round_id bigint PRIMARY KEY REFERENCES review_rounds(id),
      rehearsal_of bigint REFERENCES review_rounds(id),
      state text NOT NULL DEFAULT 'setup'
        CHECK (state IN ('setup','drawn','running','finished','signed')),
      current_entry_id bigint REFERENCES entries(id),
      timer_running boolean NOT NULL DEFAULT false,
      timer_started_at timestamptz,
      timer_elapsed_ms integer NOT NULL DEFAULT 0,
      version integer NOT NULL DEFAULT 1,
      screen_code text NOT NULL UNIQUE,
      discarded_at timestamptz,
      undo jsonb,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX live_rounds_rehearsal_of ON live_rounds (rehearsal_of) WHERE rehearsal_of IS NOT NULL;

    CREATE TABLE live_slots (
      round_id bigint NOT NULL REFERENCES live_rounds(round_id),
      entry_id bigint NOT NULL REFERENCES entries(id),
      position integer NOT NULL,
      status text NOT NULL DEFAULT 'waiting'
        CHECK (status IN ('waiting','speaking','scoring','scored','confirmed','no_show','withdrawn')),
      spoken_ms integer,
      skip_reason text,
      scoring_opened_at timestamptz,
      scored_at timestamptz,
      confirmed_by bigint REFERENCES users(id),
      confirmed_at timestamptz,
      announced_at timestamptz,
      PRIMARY KEY (round_id, entry_id),
      UNIQUE (round_id, position)
    );

    CREATE TABLE live_score_keys (
      key text PRIMARY KEY,
      round_id bigint NOT NULL REFERENCES live_rounds(round_id),
      judge_user_id bigint NOT NULL REFERENCES users(id),
      entry_id bigint NOT NULL REFERENCES entries(id),
      request_hash text NOT NULL,
      outcome jsonb NOT NULL,
      at timestamptz NOT NULL
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE live_score_keys;
    DROP TABLE live_slots;
    DROP TABLE live_rounds;
    DROP INDEX review_rounds_one_per_scope;
    CREATE UNIQUE INDEX review_rounds_one_per_scope ON review_rounds (campaign_id, stage_key, scope_org_id);
    ALTER TABLE review_rounds DROP COLUMN rehearsal;
    ALTER TABLE score_log DROP CONSTRAINT score_log_action_check;
    ALTER TABLE score_log ADD CONSTRAINT score_log_action_check CHECK (action IN (
      'draft','submit','reopen','judge_removed','conflict_declared','judge_left','tie_decided','rules_set',
      'entry_left','entry_rejoined'));
  `.execute(db);
}
