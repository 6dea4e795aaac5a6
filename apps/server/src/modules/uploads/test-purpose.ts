import type { DetectedFileType } from '../../db/types.ts';
import { AppError, forbidden } from '../../lib/errors.ts';
import type { UploadPurpose } from './purpose.ts';

/**
 * A purpose for tests only. Metadata switches: accept=pdf,docx (types), maxBytes=N, deny=1
 * (authorize refuses), refuse=1 (onComplete refuses). onComplete returns the file id and the
 * first bytes it read through the source, proving the source reads the stored file.
 */
export const testPurpose: UploadPurpose = {
  name: 'test-file',
  maxBytes: (meta) => (meta.maxBytes ? Number(meta.maxBytes) : Number.MAX_SAFE_INTEGER),
  async authorize(_actor, meta) {
    if (meta.deny) throw forbidden('测试：不允许上传');
  },
  accepts: (meta) => (meta.accept ?? 'pdf').split(',') as DetectedFileType[],
  async onComplete({ file, meta, source, localPath }) {
    if (meta.refuse) throw new AppError('VALIDATION_FAILED', '测试：内容不合格，请修改后重新上传');
    const head = await source.read(0, 5);
    return {
      fileId: file.id,
      head: head.toString('latin1'),
      local: localPath !== null,
      sha256: file.sha256,
      key: file.storage_key,
    };
  },
};

/** The account the crash test's server process creates (test-server.ts). */
export const FAULT_USER = 'faultuser';
export const FAULT_PASSWORD = 'Fault2026pass';
