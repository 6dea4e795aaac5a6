import { sql, type Kysely } from 'kysely';

/**
 * PDF previews of Office manuscripts and courseware (DOCX, PPTX, DOC, PPT), made by LibreOffice so
 * judges can read them in the browser (phones cannot open Office files). One row per stored file;
 * the PDF itself lives at DATA_DIR/previews/<file_id>.pdf once the row is ready.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE document_previews (
      file_id bigint PRIMARY KEY REFERENCES stored_files(id),
      status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'processing', 'ready', 'failed')),
      error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE document_previews`.execute(db);
}
