/**
 * The baseline for bench:live: a bare Node http server holding the same number of SSE sockets, which
 * on POST /bench/submit answers and then writes one given serialized event to every socket. No
 * framework, no snapshot, no database: the floor for pushing one message to every viewer.
 *
 *   node --import tsx bench/live/bare-server.ts <port>
 */
import http from 'node:http';
import { snapshotEvent } from '../../apps/server/src/modules/live/screens-hub.ts';
import { BenchEvening } from './evening.ts';

const port = Number(process.argv[2]);
const evening = new BenchEvening();
const viewers = new Set<http.ServerResponse>();

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url?.endsWith('/stream')) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    const json = JSON.stringify(evening.snapshot());
    res.write(snapshotEvent(evening.snapshot().version, json));
    viewers.add(res);
    res.on('close', () => viewers.delete(res));
    return;
  }
  if (req.method === 'POST' && req.url === '/bench/submit') {
    req.resume();
    const version = evening.submit();
    // The same work per change as the screens' server minus the framework: serialise once, write to all.
    const event = snapshotEvent(version, JSON.stringify(evening.snapshot()));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ version, result: evening.lastWasResult }));
    for (const viewer of viewers) viewer.write(event);
    return;
  }
  res.writeHead(404).end();
});
server.listen({ host: '127.0.0.1', port, backlog: 2048 }, () => console.log(`listening ${port}`));
process.on('SIGTERM', () => {
  for (const v of viewers) v.destroy();
  server.close(() => process.exit(0));
});
