/**
 * Structured log lines (one JSON object per line, like Fastify's logger) for what runs outside a
 * request: the database pool and `npm run worker`. Errors become { message, code } so a line
 * never carries a stack of internal detail by accident but still says what failed.
 */
export interface Logger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const ORDER = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof ORDER)[number];

function plain(obj: object): object {
  const err = (obj as { err?: unknown }).err;
  if (!(err instanceof Error)) return obj;
  return { ...obj, err: { message: err.message, code: (err as { code?: unknown }).code } };
}

export function jsonLogger(level: LogLevel = 'info'): Logger {
  const min = ORDER.indexOf(level);
  const line = (lvl: 'info' | 'warn' | 'error', obj: object, msg: string) => {
    if (ORDER.indexOf(lvl) < min) return;
    const text = JSON.stringify({ level: lvl, time: Date.now(), pid: process.pid, msg, ...plain(obj) });
    if (lvl === 'info') console.log(text);
    else console.error(text);
  };
  return {
    info: (obj, msg) => line('info', obj, msg),
    warn: (obj, msg) => line('warn', obj, msg),
    error: (obj, msg) => line('error', obj, msg),
  };
}
