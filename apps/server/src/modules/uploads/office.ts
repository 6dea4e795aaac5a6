import type { RandomAccessSource } from '../media/source.ts';

/**
 * Office formats share containers with other things: DOCX and PPTX are zip files, DOC and PPT are
 * OLE2 compound files. Which one a file is follows from the names inside, read here with a few
 * positional reads (the zip central directory; the compound file's directory), never from the
 * file's name.
 */

/** The Office document kind a zip holds, else null (a plain zip). */
export async function zipOfficeKind(source: RandomAccessSource): Promise<'docx' | 'pptx' | 'xlsx' | null> {
  const names = await zipEntryNames(source);
  if (!names || !names.includes('[Content_Types].xml')) return null;
  if (names.some((n) => n === 'word/document.xml' || n.startsWith('word/'))) return 'docx';
  if (names.some((n) => n === 'ppt/presentation.xml' || n.startsWith('ppt/'))) return 'pptx';
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  return null;
}

/** Entry names from the zip's central directory (the end of the file), or null if it has none. */
async function zipEntryNames(source: RandomAccessSource): Promise<string[] | null> {
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  const tailLength = Math.min(source.size, 22 + 65_535);
  const tail = await source.read(source.size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  // Zip64 or damaged: Office documents of the sizes we accept never need zip64.
  if (dirOffset === 0xffffffff || dirOffset + dirSize > source.size || dirSize > 16 * 1024 * 1024)
    return null;
  const dir = await source.read(dirOffset, dirSize);
  const names: string[] = [];
  let p = 0;
  for (let i = 0; i < count && p + 46 <= dir.length; i++) {
    if (dir.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    names.push(dir.toString('utf8', p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const END_OF_CHAIN = 0xfffffffe;

export function isCompoundFile(head: Buffer): boolean {
  return head.length >= 8 && head.subarray(0, 8).equals(CFB_MAGIC);
}

/**
 * 'doc' | 'ppt' for a Word or PowerPoint 97-2003 compound file, by the stream names in its
 * directory ("WordDocument", "PowerPoint Document"), else null.
 */
export async function compoundOfficeKind(source: RandomAccessSource): Promise<'doc' | 'ppt' | null> {
  const header = await source.read(0, 512);
  if (!isCompoundFile(header)) return null;
  const sectorSize = 1 << header.readUInt16LE(0x1e);
  if (sectorSize !== 512 && sectorSize !== 4096) return null;
  const sectorOffset = (sector: number) => (sector + 1) * sectorSize;
  // The FAT's own sectors: the first 109 are listed in the header (enough for files up to ~7 MB
  // of FAT-described data per 512-byte sector size; further ones follow in DIFAT sectors).
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = header.readUInt32LE(0x4c + i * 4);
    if (s >= 0xfffffffa) break;
    fatSectors.push(s);
  }
  let difat = header.readUInt32LE(0x44);
  for (let guard = 0; difat < 0xfffffffa && guard < 1000; guard++) {
    const block = await source.read(sectorOffset(difat), sectorSize);
    for (let i = 0; i < sectorSize / 4 - 1; i++) {
      const s = block.readUInt32LE(i * 4);
      if (s < 0xfffffffa) fatSectors.push(s);
    }
    difat = block.readUInt32LE(sectorSize - 4);
  }
  const perSector = sectorSize / 4;
  const nextSector = async (sector: number) => {
    const fatSector = fatSectors[Math.floor(sector / perSector)];
    if (fatSector === undefined) return END_OF_CHAIN;
    const entry = await source.read(sectorOffset(fatSector) + (sector % perSector) * 4, 4);
    return entry.length === 4 ? entry.readUInt32LE(0) : END_OF_CHAIN;
  };
  let sector = header.readUInt32LE(0x30);
  for (let guard = 0; sector < 0xfffffffa && guard < 10_000; guard++) {
    const block = await source.read(sectorOffset(sector), sectorSize);
    for (let p = 0; p + 128 <= block.length; p += 128) {
      const nameLength = block.readUInt16LE(p + 64);
      if (nameLength < 2 || nameLength > 64) continue;
      const name = block.toString('utf16le', p, p + nameLength - 2);
      if (name === 'WordDocument') return 'doc';
      if (name === 'PowerPoint Document') return 'ppt';
    }
    sector = await nextSector(sector);
  }
  return null;
}
