import type { LectureOrderState } from '../../db/types.ts';
import { only, rows, type MatrixEntry, type Scene, type Side } from '../../test/authz-scene.ts';
import { storeTestPhoto } from '../uploads/test-photo.ts';

/** Managers of a pool on unit A (granted on unit A): inside yes, another unit's pool no. */
const managers = only({
  organiser: ['ok', 'deny'],
  unit_admin: ['ok', 'deny'],
  platform_admin: ['ok', 'deny'],
});
/** The ordering org: admins over the branch (no branch secretary holds a matrix role; see orders-api.test.ts). */
const orderers = only({ unit_admin: ['ok', 'deny'], platform_admin: ['ok', 'deny'] });

/** The side's unit pool (one per org), made on first use. */
async function pool(s: Scene, side: Side) {
  const unit = s.side[side].unit;
  const found = await s.t.db
    .selectFrom('speaker_pools')
    .select('id')
    .where('org_id', '=', unit.id)
    .executeTakeFirst();
  if (found) return found.id;
  const row = await s.t.db
    .insertInto('speaker_pools')
    .values({ org_id: unit.id, org_path: unit.path, name: `${side} 师资库` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An outside expert (no account) in the side's pool. */
async function speaker(s: Scene, side: Side, n: number) {
  const row = await s.t.db
    .insertInto('pool_speakers')
    .values({ pool_id: await pool(s, side), name: `专家${n}`, source: 'direct', status: 'active' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function menuItem(s: Scene, side: Side, n: number) {
  const row = await s.t.db
    .insertInto('lecture_menu_items')
    .values({
      pool_id: await pool(s, side),
      title: `菜单${n}`,
      speaker_ids: [await speaker(s, side, n)],
      duration_minutes: 30,
      format: 'onsite',
      audiences: ['village'],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An order of the side's branch to the side's pool, in `state` (dispatched ones to an outside expert). */
async function order(s: Scene, side: Side, n: number, state: LectureOrderState = 'ordered') {
  const now = s.t.clock.now();
  const dispatched = state !== 'ordered';
  const row = await s.t.db
    .insertInto('lecture_orders')
    .values({
      pool_id: await pool(s, side),
      org_id: s.side[side].branch.id,
      topic: `主题${n}`,
      audience: 'village',
      preferred_dates: ['2026-07-10'],
      place: '会议室',
      audience_size: 30,
      contact_name: '联系人',
      contact_phone: '13912345678',
      state,
      speaker_id: dispatched ? await speaker(s, side, n) : null,
      dispatched_at: dispatched ? now : null,
      reply_due_at: dispatched ? new Date(now.getTime() + 3 * 86_400_000) : null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A delivered order of the side with one attached photo; the photo's id. */
async function orderPhoto(s: Scene, side: Side, n: number) {
  const orderId = await order(s, side, n, 'delivered');
  const stored = await storeTestPhoto(s.t.deps, s.userIn[side].id);
  const row = await s.t.db
    .insertInto('lecture_order_files')
    .values({
      order_id: orderId,
      file_id: stored.fileId,
      thumb_file_id: stored.thumbFileId,
      width: 64,
      height: 48,
      uploaded_by: s.userIn[side].id,
      created_at: s.t.clock.now(),
      attached_at: s.t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const orderBody = async (s: Scene, side: Side) => ({
  poolId: await pool(s, side),
  orgId: s.side[side].branch.id,
  topic: '矩阵点单',
  audience: 'village',
  preferredDates: ['2026-07-10'],
  place: '会议室',
  audienceSize: 30,
  contactName: '联系人',
  contactPhone: '13912345678',
});

/**
 * 宣讲菜单 and 点单. The menu is read by everyone in the pool's subtree; the pool's managers (organiser,
 * unit or platform admin on its org or above) keep it and dispatch — never another unit's pool or speakers;
 * the ordering org (admins over the branch here; its secretary in orders-api.test.ts) orders, records,
 * rates and cancels; lists are scoped per view and answer everyone.
 */
export const ordersMatrix: MatrixEntry[] = [
  {
    route: 'GET /api/orders/pools',
    request: () => ({ method: 'GET', url: '/api/orders/pools' }),
    expect: rows.everyone,
  },
  {
    route: 'GET /api/orders/pools/:poolId/menu',
    request: async (s, side) => ({ method: 'GET', url: `/api/orders/pools/${await pool(s, side)}/menu` }),
    expect: {
      platform_admin: ['ok', 'deny'],
      organiser: ['ok', 'deny'],
      unit_admin: ['ok', 'deny'],
      supervisor: ['ok', 'deny'],
      judge: ['ok', 'deny'],
      member: ['ok', 'deny'],
    },
  },
  {
    route: 'GET /api/orders/pools/:poolId/menu.xlsx',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/orders/pools/${await pool(s, side)}/menu.xlsx`,
    }),
    expect: {
      platform_admin: ['ok', 'deny'],
      organiser: ['ok', 'deny'],
      unit_admin: ['ok', 'deny'],
      supervisor: ['ok', 'deny'],
      judge: ['ok', 'deny'],
      member: ['ok', 'deny'],
    },
  },
  {
    route: 'GET /api/orders/pools/:poolId/speakers',
    request: async (s, side) => ({ method: 'GET', url: `/api/orders/pools/${await pool(s, side)}/speakers` }),
    expect: managers,
  },
  {
    route: 'GET /api/orders/pools/:poolId/lecture-choices',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/orders/pools/${await pool(s, side)}/lecture-choices`,
    }),
    expect: managers,
  },
  {
    route: 'POST /api/orders/pools/:poolId/menu',
    request: async (s, side, n) => ({
      method: 'POST',
      url: `/api/orders/pools/${await pool(s, side)}/menu`,
      payload: {
        title: `菜单${n}`,
        speakerIds: [await speaker(s, side, n)],
        durationMinutes: 30,
        format: 'online',
        audiences: ['organ'],
      },
    }),
    expect: managers,
  },
  {
    route: 'PATCH /api/orders/menu/:id',
    request: async (s, side, n) => ({
      method: 'PATCH',
      url: `/api/orders/menu/${await menuItem(s, side, n)}`,
      payload: { title: `改名${n}` },
    }),
    expect: managers,
  },
  {
    route: 'GET /api/orders/branches',
    request: () => ({ method: 'GET', url: '/api/orders/branches' }),
    expect: rows.everyone,
  },
  {
    route: 'POST /api/orders',
    request: async (s, side) => ({ method: 'POST', url: '/api/orders', payload: await orderBody(s, side) }),
    expect: orderers,
  },
  {
    route: 'GET /api/orders',
    request: () => ({ method: 'GET', url: '/api/orders?view=branch' }),
    expect: rows.everyone,
  },
  {
    route: 'GET /api/orders/stats',
    request: () => ({ method: 'GET', url: '/api/orders/stats' }),
    expect: rows.everyone,
  },
  {
    // The pools' rows over an org's orders (the dashboard's 点单宣讲): an org the managers manage pools in.
    route: 'GET /api/orders/stats',
    request: (s, side) => ({ method: 'GET', url: `/api/orders/stats?orgId=${s.side[side].unit.id}` }),
    expect: managers,
  },
  {
    route: 'GET /api/orders/:id',
    request: async (s, side, n) => ({ method: 'GET', url: `/api/orders/${await order(s, side, n)}` }),
    expect: only({ organiser: ['ok', 'deny'], unit_admin: ['ok', 'deny'], platform_admin: ['ok', 'deny'] }),
  },
  {
    route: 'GET /api/order-photos/:id',
    request: async (s, side, n) => ({
      method: 'GET',
      url: `/api/order-photos/${await orderPhoto(s, side, n)}?variant=thumb`,
    }),
    expect: only({ organiser: ['ok', 'deny'], unit_admin: ['ok', 'deny'], platform_admin: ['ok', 'deny'] }),
  },
  {
    route: 'GET /api/orders/:id/candidates',
    request: async (s, side, n) => ({
      method: 'GET',
      url: `/api/orders/${await order(s, side, n)}/candidates`,
    }),
    expect: managers,
  },
  {
    route: 'POST /api/orders/:id/dispatch',
    request: async (s, side, n) => ({
      method: 'POST',
      url: `/api/orders/${await order(s, side, n)}/dispatch`,
      payload: { speakerId: await speaker(s, side, n) },
    }),
    expect: managers,
  },
  {
    route: 'POST /api/orders/:id/answer',
    request: async (s, side, n) => ({
      method: 'POST',
      url: `/api/orders/${await order(s, side, n, 'dispatched')}/answer`,
      payload: { accept: true },
    }),
    expect: managers,
  },
  {
    route: 'POST /api/orders/:id/deliver',
    request: async (s, side, n) => ({
      method: 'POST',
      url: `/api/orders/${await order(s, side, n, 'accepted')}/deliver`,
      payload: { deliveredOn: '2026-06-30', attendance: 20 },
    }),
    expect: orderers,
  },
  {
    route: 'POST /api/orders/:id/rate',
    request: async (s, side, n) => ({
      method: 'POST',
      url: `/api/orders/${await order(s, side, n, 'delivered')}/rate`,
      payload: { content: 5, delivery: 5 },
    }),
    expect: orderers,
  },
  {
    route: 'POST /api/orders/:id/cancel',
    request: async (s, side, n) => ({
      method: 'POST',
      url: `/api/orders/${await order(s, side, n)}/cancel`,
      payload: { reason: '改期' },
    }),
    expect: orderers,
  },
];
