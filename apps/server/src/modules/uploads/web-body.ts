import type { IncomingMessage } from 'node:http';

/**
 * The request body as a web stream, for @tus/server (which reads `request.body` and turns it back
 * into a Node stream). srvx's default, Readable.toWeb, copies every chunk into a new Uint8Array;
 * this hands out views of the chunks Node already has, with the same pause/resume backpressure
 * (1 MB buffered at most) and the same errors on a broken connection.
 */
export function webBody(req: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on('data', (chunk: Buffer) => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once('end', () => controller.close());
        req.once('error', (error) => controller.error(error));
        // The client went away in the middle: an error, so tus keeps what it has and stops.
        req.once('close', () => {
          if (!req.readableEnded) controller.error(new Error('request aborted'));
        });
      },
      pull() {
        req.resume();
      },
    },
    { highWaterMark: 1024 * 1024, size: (chunk) => chunk.byteLength },
  );
}
