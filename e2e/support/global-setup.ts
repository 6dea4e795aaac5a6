import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { startServer, TEMPLATE_ENV, type RunningServer } from './server.ts';

/**
 * Seeds the demo city once per run: a server starts on a fresh data directory, seeds it, finishes the
 * background work the seeding queued (the 复赛 finalists' videos are transcoded), and stops cleanly;
 * every journey's server then starts from a copy of that directory instead of seeding and transcoding
 * on its own (most of a server's start). Journeys still never share a database.
 */
export default async function setup() {
  if (process.env[TEMPLATE_ENV]) return;
  const token = randomBytes(16).toString('hex');
  const server = await startServer({ METRICS_TOKEN: token });
  await jobsDone(server, token);
  await server.stop({ keepData: true });
  process.env[TEMPLATE_ENV] = server.dataDir;
  return () => fs.rmSync(server.dataDir, { recursive: true, force: true });
}

/** Waits until the job queue (from /api/metrics) holds nothing queued or running; gives up after 3 minutes. */
async function jobsDone(server: RunningServer, token: string) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${server.baseUrl}/api/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await res.text();
    if (res.ok && !/^jiangtai_jobs\{[^}]*\} [1-9]/m.test(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
