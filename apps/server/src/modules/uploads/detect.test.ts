import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import yazl from 'yazl';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferSource, fileSource } from '../media/source.ts';
import { detectFileType } from './detect.ts';
import { tempDir } from './test-support.ts';

const run = promisify(execFile);
const dir = tempDir('jt-detect-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function zip(entries: Record<string, string>): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, text] of Object.entries(entries)) z.addBuffer(Buffer.from(text), name);
  z.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    z.outputStream.on('error', reject);
  });
}

/** A minimal OLE2 compound file (header, one FAT sector, one directory sector) with one stream name. */
function compoundFile(streamName: string): Buffer {
  const header = Buffer.alloc(512, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // directory starts at sector 1
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 0x4c + i * 4);
  const fat = Buffer.alloc(512, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0 is the FAT itself
  fat.writeUInt32LE(0xfffffffe, 4); // sector 1 (directory) ends its chain
  const directory = Buffer.alloc(512, 0);
  const entry = (index: number, name: string, type: number) => {
    const at = index * 128;
    directory.write(`${name}\0`, at, 'utf16le');
    directory.writeUInt16LE((name.length + 1) * 2, at + 64);
    directory[at + 66] = type;
  };
  entry(0, 'Root Entry', 5);
  entry(1, '\u0001CompObj', 2);
  entry(2, streamName, 2);
  return Buffer.concat([header, fat, directory]);
}

async function video(ext: string, args: string[]) {
  const out = path.join(dir, `clip.${ext}`);
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=64x64:d=0.2', ...args, out]);
  return out;
}

describe('detectFileType (by content, never by name)', () => {
  it('tells DOCX, PPTX, XLSX and a plain zip apart by the names inside', async () => {
    const ct = '<Types/>';
    const cases = [
      [{ 'word/document.xml': 'x', '[Content_Types].xml': ct }, 'docx', 'Word 文档（DOCX）'],
      [
        { 'ppt/slides/slide1.xml': 'x', 'ppt/presentation.xml': 'x', '[Content_Types].xml': ct },
        'pptx',
        null,
      ],
      [{ 'xl/workbook.xml': 'x', '[Content_Types].xml': ct }, null, 'Excel 表格（XLSX）'],
      [{ 'notes.txt': 'hello', 'word/document.xml': 'not office: no content types' }, null, 'ZIP 压缩包'],
    ] as const;
    for (const [entries, type, label] of cases) {
      const found = await detectFileType(bufferSource(await zip(entries)));
      expect(found.type, JSON.stringify(entries)).toBe(type);
      if (label) expect(found.label).toBe(label);
    }
  });

  it('tells DOC from PPT in Office 97-2003 compound files', async () => {
    expect((await detectFileType(bufferSource(compoundFile('WordDocument')))).type).toBe('doc');
    expect((await detectFileType(bufferSource(compoundFile('PowerPoint Document')))).type).toBe('ppt');
    const excel = await detectFileType(bufferSource(compoundFile('Workbook')));
    expect(excel).toMatchObject({ type: null, label: 'Office 97-2003 文件（非 Word/PowerPoint）' });
  });

  it('names video containers by their bytes', async () => {
    const mp4 = await video('mp4', ['-c:v', 'libx264', '-pix_fmt', 'yuv420p']);
    const mov = await video('mov', ['-c:v', 'libx264', '-pix_fmt', 'yuv420p']);
    const mkv = await video('mkv', ['-c:v', 'libx264', '-pix_fmt', 'yuv420p']);
    const avi = await video('avi', ['-c:v', 'mpeg4']);
    // A Matroska file renamed to .mp4 is still Matroska.
    const renamed = path.join(dir, 'renamed.mp4');
    fs.copyFileSync(mkv, renamed);
    for (const [file, type] of [
      [mp4, 'mp4'],
      [mov, 'mov'],
      [mkv, 'mkv'],
      [avi, 'avi'],
      [renamed, 'mkv'],
    ] as const) {
      const source = await fileSource(file);
      expect((await detectFileType(source)).type, file).toBe(type);
      await source.close?.();
    }
  });

  it('says what an unknown file is, or that it cannot tell', async () => {
    expect(await detectFileType(bufferSource(Buffer.from('just some text, no magic')))).toMatchObject({
      type: null,
      label: '无法识别的格式',
    });
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect((await detectFileType(bufferSource(Buffer.concat([png, Buffer.alloc(64)])))).type).toBe('png');
  });
});
