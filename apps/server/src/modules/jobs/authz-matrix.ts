import { only, type MatrixEntry, type Scene, type Side } from '../../test/authz-scene.ts';
import { enqueueJob } from './queue.ts';

const inside = ['ok', 'deny'] as const;

/** A job belonging to the side's unit; `failed` so that a retry is allowed. */
async function jobOn(s: Scene, side: Side, failed = false) {
  const id = await enqueueJob(s.t.db, {
    type: 'matrix.noop',
    payload: {},
    orgPath: s.side[side].unit.path,
  });
  if (failed)
    await s.t.db
      .updateTable('jobs')
      .set({ status: 'failed', attempts: 5, last_error: '测试失败' })
      .where('id', '=', id)
      .execute();
  return id;
}

export const jobsMatrix: MatrixEntry[] = [
  {
    route: 'GET /api/jobs/:id',
    request: async (s, side) => ({ method: 'GET', url: `/api/jobs/${await jobOn(s, side)}` }),
    expect: only({ platform_admin: inside, organiser: inside, unit_admin: inside }),
  },
  {
    route: 'POST /api/jobs/:id/retry',
    request: async (s, side) => ({ method: 'POST', url: `/api/jobs/${await jobOn(s, side, true)}/retry` }),
    expect: only({ platform_admin: inside, organiser: inside, unit_admin: inside }),
  },
];
