import type { FileEntry } from './files.ts';
import type { SequenceState } from './catalog.ts';
import type { TableDump } from './dump.ts';

export const BACKUP_FORMAT = 'jiangtai-backup/1';

/** manifest.json at the root of every backup archive: what it holds and the hash of every part. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  appVersion: string;
  /** Where the backup came from; a backup restores into either kind. */
  database: 'pglite' | 'postgres';
  /** Migrations applied in the backed-up database, oldest first. */
  migrations: string[];
  tables: TableDump[];
  sequences: SequenceState[];
  /** Files inside the archive (paths relative to DATA_DIR). */
  files: FileEntry[];
  /** Uploads kept in object storage: listed (key, size, SHA-256), not copied — the bucket keeps them. */
  objects: { key: string; size: number; sha256: string }[];
  /** Each review round's score-chain head and length at the time of the backup. */
  chainHeads: { roundId: string; head: string; count: number }[];
}
