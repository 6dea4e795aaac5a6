/**
 * How a lost database connection shows up in node-postgres errors. A restart or
 * pg_terminate_backend ends backends with admin_shutdown/crash_shutdown (57P01/57P02); a server
 * still starting refuses with cannot_connect_now (57P03); a server that is down refuses the socket.
 */
const BACKEND_ENDED = new Set(['57P01', '57P02', '57P03']);
const SOCKET_GONE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : '');

/** The request failed because the database connection went away (answer 503, try again later). */
export function isConnectionLost(err: unknown): boolean {
  const code = codeOf(err);
  if (code && (BACKEND_ENDED.has(code) || SOCKET_GONE.has(code))) return true;
  return /Connection terminated|not queryable|terminating connection|Client was closed/i.test(messageOf(err));
}

/**
 * A statement that certainly did not change anything: the backend ended before or instead of
 * running it (an interrupted statement is rolled back; a committed one is answered before the
 * backend is ended), or the client knew its connection was dead and sent nothing. A socket that
 * merely closed ("Connection terminated unexpectedly") may have committed first, so it is not here.
 */
export function isSafeToRetry(err: unknown): boolean {
  const code = codeOf(err);
  if (code && (BACKEND_ENDED.has(code) || code === 'EPIPE')) return true;
  return /not queryable/i.test(messageOf(err));
}

const fromOurPool = new WeakSet<object>();

/** Marks an error the database pool saw as a lost connection (resilient-pool.ts). */
export function noteLostConnection(err: unknown) {
  if (typeof err === 'object' && err !== null && isConnectionLost(err)) fromOurPool.add(err);
}

/**
 * The database connection was lost under this request. Only errors that passed through the pool
 * count, so an unreachable object store (also ECONNREFUSED) is not reported as a database problem.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  return typeof err === 'object' && err !== null && fromOurPool.has(err);
}

/** Connecting failed in a way a moment later may not (server restarting, briefly unreachable). */
export function isTransientConnectError(err: unknown): boolean {
  const code = codeOf(err);
  if (code && (BACKEND_ENDED.has(code) || code === 'ECONNREFUSED' || code === 'ECONNRESET')) return true;
  return /Connection terminated/i.test(messageOf(err));
}
