import { sql, type Kysely } from 'kysely';

/**
 * What a round did to and knows about each of its entries:
 * - `promoted`: this round's confirmation made the entry 已推荐 (it was 已提交), so withdrawing the
 *   round's list undoes exactly these and never a recommendation the unit made itself;
 * - `left_at` / `left_reason`: the entry left the contest while in the round (the speaker withdrew it,
 *   the unit returned it, its recommendation was taken back). It then shows as 已退赛: judges no longer
 *   see it, it is not ranked, it keeps no advancement place and feeds no later stage.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE round_entries ADD COLUMN promoted boolean NOT NULL DEFAULT false;
    ALTER TABLE round_entries ADD COLUMN left_at timestamptz;
    ALTER TABLE round_entries ADD COLUMN left_reason text;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE round_entries DROP COLUMN left_reason;
    ALTER TABLE round_entries DROP COLUMN left_at;
    ALTER TABLE round_entries DROP COLUMN promoted;
  `.execute(db);
}
