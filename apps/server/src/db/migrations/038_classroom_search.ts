import { sql, type Kysely } from 'kysely';

/**
 * 网上微课堂 search indexes (see classroom/search.ts):
 * * pg_trgm (contrib) for names and partial words: a GIN trigram index on `search_text` serves
 *   `LIKE '%张桂梅%'` without reading every manuscript. PGlite loads the extension when it opens
 *   (db/pglite-host.mjs); a PostgreSQL server needs the contrib package (docs/DEPLOYMENT.md).
 * * `search_words`: the words jieba found (`search_tokens`, space separated) as a 'simple' tsvector,
 *   stored (a generated column) so that matching and rechecking never parse the word list again, with
 *   a GIN index.
 * * `search_head`: the lecture's short fields, normalised like the rest (simplified, lower case) and
 *   separated by U+001F (title, speaker and unit, tags, summary), so ranking reads a few hundred
 *   characters per candidate instead of its whole manuscript.
 *
 * The GIN indexes are updated on each write (fastupdate off): lectures are published a few a day and
 * searched all the time, and a pending list of recent entries would be read by every search.
 *
 * The extension goes into `public` when it is not there yet: test runs give each file a schema of its
 * own and drop it afterwards, which must not drop the extension under the other files. Parallel runs
 * may race to create it, hence the handler. The index names the schema it actually lives in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DO $$ BEGIN
      CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
    EXCEPTION WHEN unique_violation OR duplicate_object THEN NULL;
    END $$
  `.execute(db);
  const found = await sql<{ schema: string }>`
    SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm'
  `.execute(db);
  const schema = found.rows[0]?.schema;
  if (!schema) throw new Error('数据库缺少 pg_trgm 扩展（PostgreSQL 的 contrib 组件）');
  await sql`
    ALTER TABLE classroom_lectures ADD COLUMN search_head text NOT NULL DEFAULT '';
    CREATE INDEX classroom_lectures_trgm
      ON classroom_lectures USING gin (search_text ${sql.id(schema)}.gin_trgm_ops) WITH (fastupdate = off);
    ALTER TABLE classroom_lectures ADD COLUMN search_words tsvector
      GENERATED ALWAYS AS (to_tsvector('simple', search_tokens)) STORED;
    CREATE INDEX classroom_lectures_words ON classroom_lectures USING gin (search_words)
      WITH (fastupdate = off);
    CREATE INDEX classroom_lectures_tags ON classroom_lectures USING gin (tags);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX classroom_lectures_tags;
    DROP INDEX classroom_lectures_words;
    DROP INDEX classroom_lectures_trgm;
    ALTER TABLE classroom_lectures DROP COLUMN search_words;
    ALTER TABLE classroom_lectures DROP COLUMN search_head;
  `.execute(db);
}
