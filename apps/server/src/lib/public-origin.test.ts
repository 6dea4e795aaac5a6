import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { publicOrigin } from './public-origin.ts';

const request = { protocol: 'http', host: '192.168.1.20:3000' } as FastifyRequest;

describe('the address printed in QR codes and on slips', () => {
  it('is PUBLIC_ORIGIN when set, whatever address the organiser used', () => {
    const config = loadConfig({ PUBLIC_ORIGIN: 'https://jiangtai.example.cn' });
    expect(publicOrigin(config, request)).toBe('https://jiangtai.example.cn');
  });

  it("is the request's own address otherwise", () => {
    expect(publicOrigin(loadConfig({}), request)).toBe('http://192.168.1.20:3000');
  });

  it('refuses an origin with a path or a trailing slash', () => {
    expect(() => loadConfig({ PUBLIC_ORIGIN: 'https://jiangtai.example.cn/' })).toThrow(/PUBLIC_ORIGIN/);
    expect(() => loadConfig({ PUBLIC_ORIGIN: 'jiangtai.example.cn' })).toThrow(/PUBLIC_ORIGIN/);
  });
});
