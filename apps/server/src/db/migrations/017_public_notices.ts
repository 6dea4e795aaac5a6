import { sql, type Kysely } from 'kysely';

/**
 * 公示 is for the public: a published round gets a random notice code used in its public address
 * (sequential round ids would reveal how many rounds exist, published or not), and an objection may
 * come from someone without an account (lodged_by null; name and contact are required).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE review_rounds ADD COLUMN notice_code text UNIQUE;
    UPDATE review_rounds
       SET notice_code = substr(md5(random()::text || id::text || clock_timestamp()::text), 1, 16)
     WHERE published_at IS NOT NULL OR state IN ('publicised', 'final');
    ALTER TABLE round_objections ALTER COLUMN lodged_by DROP NOT NULL;
    ALTER TABLE round_objections ADD COLUMN lodged_ip text;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE round_objections DROP COLUMN lodged_ip;
    ALTER TABLE review_rounds DROP COLUMN notice_code;
  `.execute(db);
}
