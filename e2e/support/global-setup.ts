import fs from 'node:fs';
import { startServer, TEMPLATE_ENV } from './server.ts';

/**
 * Seeds the demo city once per run: a server starts on a fresh data directory, seeds it, and stops
 * cleanly; every journey's server then starts from a copy of that directory instead of seeding its
 * own (seeding is most of a server's start). Journeys still never share a database.
 */
export default async function setup() {
  if (process.env[TEMPLATE_ENV]) return;
  const server = await startServer();
  await server.stop({ keepData: true });
  process.env[TEMPLATE_ENV] = server.dataDir;
  return () => fs.rmSync(server.dataDir, { recursive: true, force: true });
}
