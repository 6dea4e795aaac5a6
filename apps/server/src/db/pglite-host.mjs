// The embedded database's own thread (see pglite-thread.ts): PGlite runs here so that its query work
// does not block the event loop that serves HTTP. Plain JavaScript so that it starts the same way
// under tsx, vitest and the compiled server.
import v8 from 'node:v8';
import vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
// Trigram matching for the classroom's Chinese search (migration 038 creates the extension).
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

const pglite = await PGlite.create(workerData.location, {
  extensions: { pg_trgm },
  startParams: [...PGlite.defaultStartParams, ...workerData.settings],
  // A data directory dumped by `dump` (tests: one migrated database copied into each test file's).
  ...(workerData.template ? { loadDataDir: new Blob([workerData.template]) } : {}),
});

parentPort.on('message', async (msg) => {
  try {
    if (msg.type === 'exec') {
      // The streaming form: execProtocolRaw also files every answer in a collector that only
      // execProtocol() empties, so on its own it keeps every result ever sent (over 200 MB a minute
      // under the load bench). Chunks are views of the database's memory, hence the copies.
      const chunks = [];
      let size = 0;
      await pglite.execProtocolRawStream(msg.bytes, {
        onRawData: (chunk) => {
          chunks.push(chunk.slice());
          size += chunk.length;
        },
      });
      const answer = new Uint8Array(size);
      let at = 0;
      for (const chunk of chunks) {
        answer.set(chunk, at);
        at += chunk.length;
      }
      parentPort.postMessage({ id: msg.id, bytes: answer }, [answer.buffer]);
    } else if (msg.type === 'heap') {
      // For the test that this thread keeps nothing per statement: the heap after a full collection.
      v8.setFlagsFromString('--expose-gc');
      vm.runInNewContext('gc')();
      parentPort.postMessage({ id: msg.id, heapUsed: v8.getHeapStatistics().used_heap_size });
    } else if (msg.type === 'dump') {
      const bytes = new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
      parentPort.postMessage({ id: msg.id, bytes }, [bytes.buffer]);
    } else if (msg.type === 'close') {
      await pglite.close();
      parentPort.postMessage({ id: msg.id });
    }
  } catch (err) {
    parentPort.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});

parentPort.postMessage({ type: 'ready' });
