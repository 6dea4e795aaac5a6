import { rows, type MatrixEntry, type Scene, type Side } from '../../test/authz-scene.ts';
import { sendNotice } from './service.ts';

/** A notice to the side's plain member account (never to the calling role's own account). */
async function othersNotice(s: Scene, side: Side) {
  await sendNotice(s.t.db, {
    userIds: [s.userIn[side].id],
    kind: 'plan_reminder',
    title: '矩阵通知',
    link: '/notices',
    now: s.t.clock.now(),
  });
  const row = await s.t.db
    .selectFrom('user_notices')
    .select('id')
    .where('user_id', '=', s.userIn[side].id)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Notices are one's own: every account lists, counts and marks its own (the rows below), and nobody
 * marks another account's notice, inside their subtree or not (404 like a missing one). Marking one's
 * own notice is covered in notices-api.test.ts.
 */
export const noticesMatrix: MatrixEntry[] = [
  {
    route: 'GET /api/notices',
    request: () => ({ method: 'GET', url: '/api/notices' }),
    expect: rows.everyone,
  },
  {
    route: 'GET /api/notices/unread-count',
    request: () => ({ method: 'GET', url: '/api/notices/unread-count' }),
    expect: rows.everyone,
  },
  {
    route: 'POST /api/notices/:id/read',
    request: async (s, side) => ({ method: 'POST', url: `/api/notices/${await othersNotice(s, side)}/read` }),
    expect: rows.nobody,
  },
  {
    route: 'POST /api/notices/read-all',
    request: () => ({ method: 'POST', url: '/api/notices/read-all' }),
    expect: rows.everyone,
  },
];
