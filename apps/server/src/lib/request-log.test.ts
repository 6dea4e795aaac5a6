import { describe, expect, it } from 'vitest';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequestLog } from './request-log.ts';

function scene(statusCode: number) {
  const lines: { level: string; msg: string }[] = [];
  const log = Object.fromEntries(
    ['debug', 'info', 'warn', 'error'].map((level) => [
      level,
      (_obj: unknown, msg: string) => lines.push({ level, msg }),
    ]),
  );
  const request = { log, raw: { method: 'GET', url: '/nowhere' } } as unknown as FastifyRequest;
  const reply = { log, statusCode, elapsedTime: 3 } as unknown as FastifyReply;
  return { lines, request, reply };
}

describe('request log levels', () => {
  it('writes ordinary requests, 4xx answers and unknown routes at debug', () => {
    const { lines, request, reply } = scene(404);
    const c = new RequestLog();
    c.incomingRequest(request);
    c.requestCompleted(null, request, reply);
    c.defaultErrorLog(new Error('没有找到'), request, reply);
    c.routeNotFound(request);
    expect(lines.map((l) => l.level)).toEqual(['debug', 'debug', 'debug', 'debug']);
  });

  it('keeps failures at error', () => {
    const { lines, request, reply } = scene(500);
    const c = new RequestLog();
    c.requestCompleted(new Error('boom'), request, reply);
    c.requestCompleted(null, request, reply);
    c.defaultErrorLog(new Error('boom'), request, reply);
    expect(lines.map((l) => l.level)).toEqual(['error', 'error', 'error']);
  });
});
