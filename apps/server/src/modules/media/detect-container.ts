/** Container formats the probe tells apart; anything else is 'unknown'. */
export type ContainerKind = 'mp4' | 'mov' | 'mkv' | 'webm' | 'avi' | 'unknown';

/** How users know these formats (shown in findings such as 「实际为 Matroska/MKV」). */
export const containerLabels: Record<ContainerKind, string> = {
  mp4: 'MP4',
  mov: 'MOV/QuickTime',
  mkv: 'Matroska/MKV',
  webm: 'WebM',
  avi: 'AVI',
  unknown: '无法识别的格式',
};

/** How many leading bytes detectContainer wants: enough for ftyp + brands and the EBML DocType. */
export const CONTAINER_HEAD_BYTES = 64;

/** QuickTime files written without ftyp start with one of these top-level atoms. */
const QUICKTIME_FIRST_ATOMS = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

/**
 * Decide the container from the first bytes only (magic numbers, never the file name): a MOV
 * renamed to .mp4 is still a MOV. ISO BMFF files are told apart by the ftyp major brand.
 */
export function detectContainer(head: Buffer): ContainerKind {
  if (head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp') {
    return head.toString('latin1', 8, 12) === 'qt  ' ? 'mov' : 'mp4';
  }
  if (head.length >= 8 && QUICKTIME_FIRST_ATOMS.has(head.toString('latin1', 4, 8))) return 'mov';
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return ebmlDocType(head);
  if (
    head.length >= 12 &&
    head.toString('latin1', 0, 4) === 'RIFF' &&
    head.toString('latin1', 8, 12) === 'AVI '
  ) {
    return 'avi';
  }
  return 'unknown';
}

/** Matroska and WebM share the EBML header; its DocType element (0x4282) says which one. */
function ebmlDocType(head: Buffer): ContainerKind {
  const at = head.indexOf(Buffer.from([0x42, 0x82]));
  if (at < 0) return 'mkv';
  return head.toString('latin1', at + 3, at + 7) === 'webm' ? 'webm' : 'mkv';
}
