import type { FastifyReply } from 'fastify';
import { AppError } from '../../lib/errors.ts';
import { localServedFile, type ServedFile } from '../uploads/derived-files.ts';
import { CONTENT_TYPES } from './output-store.ts';

/** Only plain file names the transcoder writes: no separators, no leading dot, a known extension. */
export function hlsContentType(name: string): string | null {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(name) || name.includes('..')) return null;
  const ext = name.slice(name.lastIndexOf('.'));
  return ext === '.jpg' ? null : (CONTENT_TYPES[ext] ?? null);
}

/** Parses one `bytes=a-b` / `bytes=a-` / `bytes=-n` range; null = whole file; 'invalid' = 416. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'invalid' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'invalid';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > end || start >= size) return 'invalid';
  return { start, end };
}

/**
 * Sends a file (a local path, or a ServedFile such as an HLS output in the bucket) with
 * Accept-Ranges; a Range request gets 206 and Content-Range, a bad one 416.
 */
export async function sendFileWithRanges(
  reply: FastifyReply,
  target: string | ServedFile,
  contentType: string,
  opts: { range?: string; cacheSeconds: number; notFoundMessage: string },
) {
  const file = typeof target === 'string' ? localServedFile(target) : target;
  const size = await file.size();
  if (size === null) throw new AppError('NOT_FOUND', opts.notFoundMessage);
  reply.header('accept-ranges', 'bytes');
  reply.header('cache-control', `private, max-age=${opts.cacheSeconds}`);
  reply.header('x-content-type-options', 'nosniff');
  reply.type(contentType);
  const range = parseRange(opts.range, size);
  if (range === 'invalid') {
    return reply.code(416).header('content-range', `bytes */${size}`).type('application/problem+json').send({
      title: '请求的字节范围无效',
      status: 416,
      code: 'RANGE_NOT_SATISFIABLE',
      detail: '请求的字节范围无效',
    });
  }
  if (range) {
    reply.code(206);
    reply.header('content-range', `bytes ${range.start}-${range.end}/${size}`);
    reply.header('content-length', range.end - range.start + 1);
    return reply.send(file.stream(range));
  }
  reply.header('content-length', size);
  return reply.send(file.stream());
}
