import type { FastifyInstance } from 'fastify';
import { withRequestPriority } from '../db/priority-gate.ts';

/**
 * Routes that read a lot (whole-round or whole-subtree files, logs): on the embedded database their
 * queries yield to short requests such as a judge's score save or a login. Not the results page: it
 * is what organisers and supervisors watch while judges score, a few short reads of one round, and
 * as a long read it waited out the handicap behind every other request (p99 2.4 s under the load
 * bench, 5x PostgreSQL's).
 */
export const LONG_READ_ROUTES = new Set([
  'GET /api/rounds/:id/export',
  'GET /api/rounds/:id/score-log',
  'GET /api/orgs/:id/export',
  'GET /api/campaigns/:id/entries/zip',
  'GET /api/audit',
  'GET /api/campaigns/:id/coverage/export',
  'GET /api/archive/zip',
  'GET /api/archive/summary.docx',
]);

/**
 * Every request runs with its arrival time (and whether it is a long read) in async context, so the
 * embedded database's connection gate can serve requests that began earliest first. Installed
 * before any hook that queries the database (the session hook).
 */
export function installRequestPriority(app: FastifyInstance) {
  app.addHook('onRequest', (req, _reply, done) => {
    const long = LONG_READ_ROUTES.has(`${req.method} ${req.routeOptions.url ?? ''}`);
    withRequestPriority({ startedAt: performance.now(), long }, done);
  });
}
