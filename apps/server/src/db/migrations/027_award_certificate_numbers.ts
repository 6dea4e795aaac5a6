import { sql, type Kysely } from 'kysely';

/**
 * The last certificate number given per campaign and year. Numbers were the highest one still on a
 * list plus one, so a number voided by a republished list (its item deleted) was given again to
 * someone else, and two lists of one campaign published at once could pick the same number. The
 * counter is claimed with one upsert, which serialises the campaign's publications and never goes
 * back. Filled from the numbers given so far.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE award_certificate_numbers (
      campaign_id bigint NOT NULL REFERENCES campaigns(id),
      year text NOT NULL CHECK (year ~ '^[0-9]{4}$'),
      last_no integer NOT NULL CHECK (last_no >= 0),
      PRIMARY KEY (campaign_id, year)
    );
    INSERT INTO award_certificate_numbers (campaign_id, year, last_no)
    SELECT l.campaign_id, split_part(i.certificate_no, '-', 1), max(split_part(i.certificate_no, '-', 3)::integer)
    FROM award_items i JOIN award_lists l ON l.id = i.list_id
    GROUP BY l.campaign_id, split_part(i.certificate_no, '-', 1);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE award_certificate_numbers;`.execute(db);
}
