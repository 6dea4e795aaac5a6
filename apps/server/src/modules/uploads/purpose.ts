import type { DetectedFileType, StoredFile } from '../../db/types.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppError } from '../../lib/errors.ts';
import type { RandomAccessSource } from '../media/source.ts';

/**
 * What an upload is for ("entry-material", …). The client names it in the tus metadata `purpose`;
 * the purpose decides who may upload, how big and which types, and what happens once the file is
 * complete. Features register theirs in modules/index.ts (`uploadPurposes`).
 */
export interface UploadPurpose {
  name: string;
  /** Largest size for this upload (bytes); UPLOAD_MAX_BYTES caps it. */
  maxBytes(meta: Record<string, string>): number;
  /** On creation, before any byte is stored. Throw AppError (403/404/409/422) to refuse. */
  authorize(actor: Actor, meta: Record<string, string>, size: number): Promise<void>;
  /** Detected types allowed (by content, via file-type + own checks for docx/pptx/doc/ppt). */
  accepts(meta: Record<string, string>): DetectedFileType[];
  /**
   * Optional: the refusal for a file whose detected type is not accepted, where the purpose has
   * better words than the generic 「文件类型不符」 (e.g. how to take a HEIC photo as JPEG). Null: generic.
   */
  typeRefusal?(detected: { type: DetectedFileType | null; mime: string; label: string }): AppError | null;
  /**
   * Optional: removes what this purpose keeps of uploads that were never put to use (e.g. photos of a
   * form that was never saved), called by the periodic upload sweep. Returns how many it removed.
   */
  sweep?(): Promise<number>;
  /**
   * After the bytes are complete, type-checked, hashed and moved into place (the stored_files row
   * exists). Throw AppError to refuse: the row and bytes are removed and the client gets the
   * problem+json message on its final PATCH. The return value is sent to the client as JSON.
   */
  onComplete(ctx: {
    actor: Actor;
    file: StoredFile;
    meta: Record<string, string>;
    source: RandomAccessSource;
    localPath: string | null;
  }): Promise<unknown>;
}
