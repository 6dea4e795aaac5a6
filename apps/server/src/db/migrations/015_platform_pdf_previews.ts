import { sql, type Kysely } from 'kysely';

/**
 * Judges of blind rounds now read only the platform's PDF of page images (previews/render.ts).
 * Previews made before were LibreOffice's own PDFs with their metadata blanked, which can still
 * carry what blanking missed (an embedded photo's EXIF, for one): none of them may be served again.
 * Every existing preview goes back to pending and is queued for rendering, so it is ready before
 * judging. Documents that never had one (PDFs and images) are queued when a judge first opens them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE document_previews SET status = 'pending', error = NULL, updated_at = now()
  `.execute(db);
  await sql`
    INSERT INTO jobs (type, payload, org_path, max_attempts)
    SELECT 'document.preview',
           jsonb_build_object('fileId', p.file_id::text),
           (SELECT e.unit_org_path FROM entry_materials m JOIN entries e ON e.id = m.entry_id
             WHERE m.file_id = p.file_id ORDER BY m.id DESC LIMIT 1),
           2
      FROM document_previews p
     ORDER BY p.file_id
  `.execute(db);
}

export async function down(): Promise<void> {
  // Nothing to undo: the previews are simply made again.
}
