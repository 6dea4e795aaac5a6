import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { readZip } from './zip-read.ts';

async function zipWithFolders(): Promise<Buffer> {
  const z = new yazl.ZipFile();
  // Folder entries, as some zip tools write them (Office's own writers leave them out).
  z.addEmptyDirectory('word/');
  z.addEmptyDirectory('word/media/');
  z.addBuffer(Buffer.from('<w:document/>'), 'word/document.xml');
  z.addBuffer(Buffer.alloc(0), 'word/empty.xml');
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('readZip', () => {
  it('reads a zip with folder entries: folders are not members, empty files are', async () => {
    const members = readZip(await zipWithFolders());
    expect(members.map((m) => m.name)).toEqual(['word/document.xml', 'word/empty.xml']);
    expect(members[0]!.data.toString()).toBe('<w:document/>');
    expect(members[1]!.data.length).toBe(0);
  });
});
