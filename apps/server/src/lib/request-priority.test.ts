import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { currentRequestPriority } from '../db/priority-gate.ts';
import { installRequestPriority } from './request-priority.ts';

describe('request priority', () => {
  it('reaches the handler through async hooks, long for an export, short for a score save', async () => {
    const app = Fastify();
    installRequestPriority(app);
    // Like the session hook: an async hook that awaits before the handler runs.
    app.addHook('onRequest', async () => {
      await new Promise((r) => setTimeout(r, 5));
    });
    const seen = async () => {
      await new Promise((r) => setImmediate(r));
      return currentRequestPriority() ?? null;
    };
    app.get('/api/rounds/:id/export', seen);
    app.put('/api/judging/rounds/:id/items/:code/score', seen);
    const before = performance.now();
    const exp = (await app.inject({ method: 'GET', url: '/api/rounds/1/export' })).json();
    const save = (await app.inject({ method: 'PUT', url: '/api/judging/rounds/1/items/A1/score' })).json();
    expect(exp).toMatchObject({ long: true });
    expect(save).toMatchObject({ long: false });
    expect(exp.startedAt).toBeGreaterThanOrEqual(before);
    expect(save.startedAt).toBeGreaterThan(exp.startedAt);
    await app.close();
  });
});
