// The embedded database's own thread (see pglite-thread.ts): PGlite runs here so that its query work
// does not block the event loop that serves HTTP. Plain JavaScript so that it starts the same way
// under tsx, vitest and the compiled server.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const pglite = await PGlite.create(workerData.location, {
  startParams: [...PGlite.defaultStartParams, ...workerData.settings],
});

parentPort.on('message', async (msg) => {
  try {
    if (msg.type === 'exec') {
      const out = await pglite.execProtocolRaw(msg.bytes);
      // A copy: the result may be a view of the database's own memory, which must not be transferred.
      const copy = new Uint8Array(out);
      parentPort.postMessage({ id: msg.id, bytes: copy }, [copy.buffer]);
    } else if (msg.type === 'close') {
      await pglite.close();
      parentPort.postMessage({ id: msg.id });
    }
  } catch (err) {
    parentPort.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});

parentPort.postMessage({ type: 'ready' });
