import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { streamParts, type Part } from './zip.ts';

describe('streamParts', () => {
  it('a client that goes away: the open file stream is destroyed and no further file is opened', async () => {
    let endless: Readable | null = null;
    let secondOpened = false;
    // An endless source stands for a large file still being read when the client goes away.
    const parts: Part[] = [{ path: '目录.csv', kind: 'text', body: Buffer.from('a,b\r\n') }];
    const out = streamParts([
      ...parts,
      {
        path: '单位/参赛作品/无尽.mp4',
        kind: 'stream',
        size: 0,
        compress: false,
        open: () =>
          (endless = new Readable({
            read() {
              this.push(Buffer.alloc(64 * 1024, 1));
            },
          })),
      },
      {
        path: '单位/参赛作品/第二个.mp4',
        kind: 'stream',
        size: 1,
        compress: false,
        open: () => {
          secondOpened = true;
          return Readable.from([Buffer.from('x')]);
        },
      },
    ]);
    let bytes = 0;
    await new Promise<void>((resolve) => {
      out.on('data', (c: Buffer) => {
        bytes += c.length;
        if (bytes > 1024 * 1024) out.destroy();
      });
      out.on('close', () => resolve());
    });
    await new Promise((r) => setImmediate(r));
    expect(endless!.destroyed).toBe(true);
    expect(secondOpened).toBe(false);
  });
});
