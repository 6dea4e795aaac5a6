import { sql, type Kysely } from 'kysely';

/**
 * A menu item (宣讲菜单, owned by modules/orders) may point at the recording of the lecture in the online
 * classroom (classroom_lectures, migration 036, owned by modules/classroom), shown as 观看视频 to those
 * who may view it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE lecture_menu_items ADD COLUMN classroom_lecture_id bigint REFERENCES classroom_lectures(id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE lecture_menu_items DROP COLUMN classroom_lecture_id;`.execute(db);
}
