import { sql, type Insertable, type Transaction } from 'kysely';
import { beijingDate, shiftDateDays } from '@jiangtai/contracts';
import type { DB } from '../../db/types.ts';
import { insertEventsBulk, insertMenuItemsBulk, insertOrdersBulk } from '../orders/repository.ts';
import { DEFAULT_REPLY_DAYS } from '../orders/state.ts';
import { createRandom } from './people.ts';
import type { Account, SeededPools } from './pools.ts';

/** Its own seed: the orders can change without moving the pools. */
export const ORDER_SEED = 20_210_715;
const DAY = 86_400_000;
const HOUR = 3_600_000;

type Audience = 'enterprise' | 'village' | 'organ' | 'school' | 'community';
// prettier-ignore
const MENU: { title: string; category: string; minutes: number; format: 'onsite' | 'online'; audiences: Audience[] }[] = [
  { title: '新时代的伟大变革与我们身边的变化', category: '党的创新理论', minutes: 60, format: 'onsite', audiences: ['organ', 'community', 'enterprise'] },
  { title: '从一粒种子看乡村振兴', category: '乡村振兴', minutes: 45, format: 'onsite', audiences: ['village'] },
  { title: '红色家书里的初心', category: '党史学习教育', minutes: 40, format: 'onsite', audiences: ['school', 'community', 'village'] },
  { title: '清廉家风代代传', category: '廉洁文化', minutes: 45, format: 'online', audiences: ['organ', 'enterprise'] },
  { title: '民法典与百姓生活', category: '法治宣传', minutes: 60, format: 'onsite', audiences: ['community', 'village'] },
  { title: '优化营商环境，党员怎么干', category: '优化营商环境', minutes: 50, format: 'online', audiences: ['enterprise', 'organ'] },
  { title: '绿水青山就是金山银山', category: '生态文明', minutes: 40, format: 'onsite', audiences: ['school', 'village'] },
  { title: '网格里的党旗红：基层治理的演示市经验', category: '基层治理', minutes: 50, format: 'onsite', audiences: ['community', 'organ'] },
];
// prettier-ignore
const UNIT_MENU: typeof MENU = [
  { title: '讲好思政第一课', category: '青少年思政', minutes: 40, format: 'onsite', audiences: ['school'] },
  { title: '教师队伍里的先锋故事', category: '党史学习教育', minutes: 45, format: 'online', audiences: ['school', 'organ'] },
];
const PLACES: Record<Audience, string> = {
  enterprise: '公司三楼会议室',
  village: '村党群服务中心',
  organ: '机关二楼会议室',
  school: '学校报告厅',
  community: '社区新时代文明实践站',
};

type Plan = {
  /** Days ago the order was made; later steps follow a day or two apart, never after now. */
  days: number;
  steps: ('dispatch' | 'accept' | 'decline' | 'deliver' | 'rate' | 'cancel')[];
  mine?: boolean;
  free?: string;
};
const PLANS: Plan[] = [
  { days: 1, steps: [] },
  { days: 2, steps: [], free: '村集体经济怎么壮大' },
  { days: 7, steps: ['dispatch'] }, // overdue: no answer by the deadline
  { days: 1, steps: ['dispatch'] },
  { days: 6, steps: ['dispatch', 'accept'] },
  { days: 9, steps: ['dispatch', 'decline', 'dispatch', 'accept'] },
  { days: 4, steps: ['dispatch', 'decline'] },
  { days: 16, steps: ['dispatch', 'accept', 'deliver'], mine: true },
  { days: 14, steps: ['dispatch', 'accept', 'deliver'] },
  { days: 35, steps: ['dispatch', 'accept', 'deliver', 'rate'] },
  { days: 30, steps: ['dispatch', 'decline', 'dispatch', 'accept', 'deliver', 'rate'] },
  { days: 26, steps: ['dispatch', 'accept', 'deliver', 'rate'] },
  { days: 22, steps: ['dispatch', 'accept', 'deliver', 'rate'] },
  { days: 5, steps: ['cancel'] },
];
const NEXT: Record<string, string> = {
  dispatch: 'dispatched',
  accept: 'accepted',
  decline: 'declined',
  deliver: 'delivered',
  rate: 'rated',
  cancel: 'cancelled',
};
const COMMENTS = [
  '讲得生动，贴近实际',
  '案例丰富，大家听得进去',
  '时间把握得好，互动多',
  '内容扎实，建议再来',
];

/**
 * The city pool's 宣讲菜单 and branches' orders in every state, each with the events that led there
 * (accept / decline answered by the organiser on the speaker's behalf: the speakers have no accounts),
 * ratings on the rated ones. The demo member's branch has a delivered order waiting for its rating.
 */
export async function seedDemoOrders(
  tx: Transaction<DB>,
  pools: SeededPools,
  input: { memberBranchId: string; now: Date },
) {
  const random = createRandom(ORDER_SEED);
  const speakers = pools.citySpeakers;
  if (speakers.length < 3) return null;
  const now = input.now.getTime();
  const organiser = pools.accounts.organiser;
  const itemRows = MENU.map((m, i) => ({
    pool_id: pools.cityPoolId,
    title: m.title,
    summary: `围绕「${m.category}」，结合本地事例讲清道理。`,
    category: m.category,
    speaker_ids: [speakers[i % speakers.length]!.id, speakers[(i + 3) % speakers.length]!.id],
    duration_minutes: m.minutes,
    format: m.format,
    audiences: m.audiences,
    created_by: organiser.id,
    created_at: new Date(now - (40 - i) * DAY),
    updated_at: new Date(now - (40 - i) * DAY),
  }));
  const unit = pools.unitPool;
  const unitRows = unit?.speakerIds.length
    ? UNIT_MENU.map((m, i) => ({
        pool_id: unit.id,
        title: m.title,
        summary: `面向师生，围绕「${m.category}」讲清道理。`,
        category: m.category,
        speaker_ids: [unit.speakerIds[i % unit.speakerIds.length]!],
        duration_minutes: m.minutes,
        format: m.format,
        audiences: m.audiences,
        created_by: organiser.id,
        created_at: new Date(now - (20 - i) * DAY),
        updated_at: new Date(now - (20 - i) * DAY),
      }))
    : [];
  const itemIds = await insertMenuItemsBulk(tx, itemRows);
  await insertMenuItemsBulk(tx, unitRows);

  const secretaries = await tx
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.org_id', 'm.name', 'm.phone', 'o.name as org_name'])
    .where('o.type', '=', 'branch')
    .where('m.active', '=', true)
    .where(sql<boolean>`'书记' = ANY(m.positions)`)
    .orderBy('m.org_id')
    .execute();
  const mine = secretaries.find((s) => s.org_id === input.memberBranchId);
  const others = secretaries.filter((s) => s.org_id !== input.memberBranchId);
  const stride = Math.max(1, Math.floor(others.length / PLANS.length));

  const orders: Insertable<DB['lecture_orders']>[] = [];
  const events: Omit<Insertable<DB['lecture_order_events']>, 'order_id'>[][] = [];
  for (const [i, plan] of PLANS.entries()) {
    const branch = plan.mine && mine ? mine : others[(i * stride) % others.length]!;
    const item = plan.free ? null : i % MENU.length;
    const menu = item === null ? null : MENU[item]!;
    const audience: Audience = menu ? random.pick(menu.audiences) : 'village';
    const created = new Date(now - plan.days * DAY - 2 * HOUR);
    const orderer: Account = plan.mine && mine && pools.accounts.member ? pools.accounts.member : organiser;
    let t = created.getTime();
    let state = 'ordered';
    let speakerIdx = i % speakers.length;
    let speaker: string | null = null;
    const at = () => new Date(Math.min(t, now));
    const trail: (typeof events)[number] = [
      {
        action: 'order',
        from_state: null,
        to_state: 'ordered',
        speaker_id: null,
        actor_user_id: orderer.id,
        actor_name: orderer.name,
        on_behalf: false,
        reason: null,
        at: at(),
      },
    ];
    const row: Insertable<DB['lecture_orders']> = {
      pool_id: pools.cityPoolId,
      org_id: branch.org_id,
      menu_item_id: item === null ? null : itemIds[item]!,
      topic: menu?.title ?? plan.free!,
      audience,
      preferred_dates: [],
      place: `${branch.org_name.replace(/党支部$/, '')}${PLACES[audience]}`,
      audience_size: random.int(2, 12) * 10,
      contact_name: branch.name,
      contact_phone: branch.phone ?? '17000000000',
      note: '',
      state: 'ordered',
      created_by: orderer.id,
      created_at: created,
    };
    let deliveredOn: string | null = null;
    for (const step of plan.steps) {
      t += step === 'deliver' ? 4 * DAY : step === 'rate' ? DAY : 20 * HOUR;
      let reason: string | null = null;
      let onBehalf = false;
      const actor = step === 'rate' || step === 'cancel' ? orderer : organiser;
      if (step === 'dispatch') {
        if (speaker) speakerIdx = (speakerIdx + 1) % speakers.length;
        speaker = speakers[speakerIdx]!.id;
        Object.assign(row, {
          speaker_id: speaker,
          dispatched_at: at(),
          reply_due_at: new Date(t + DEFAULT_REPLY_DAYS * DAY),
        });
      }
      if (step === 'accept' || step === 'decline') onBehalf = true;
      if (step === 'decline') reason = '当天已有其他宣讲安排';
      if (step === 'cancel') reason = '支部活动时间调整，暂不需要';
      if (step === 'cancel') row.cancel_reason = reason;
      if (step === 'deliver') {
        deliveredOn = beijingDate(at());
        Object.assign(row, {
          delivered_on: deliveredOn,
          attendance: Math.round(Number(row.audience_size) * 0.9),
          delivery_summary: '宣讲按计划完成，会后进行了交流。',
        });
      }
      if (step === 'rate')
        Object.assign(row, {
          rating_content: random.int(4, 5),
          rating_delivery: random.int(3, 5),
          rating_comment: random.pick(COMMENTS),
        });
      trail.push({
        action: step,
        from_state: state,
        to_state: NEXT[step]!,
        speaker_id: step === 'cancel' ? speaker : speaker,
        actor_user_id: actor.id,
        actor_name: actor.name,
        on_behalf: onBehalf,
        reason,
        at: at(),
      });
      state = NEXT[step]!;
    }
    const firstWish = deliveredOn ?? shiftDateDays(beijingDate(created), 10);
    row.preferred_dates = [firstWish, shiftDateDays(firstWish, 2)];
    row.state = state as typeof row.state;
    row.updated_at = at();
    orders.push(row);
    events.push(trail);
  }
  const ids = await insertOrdersBulk(tx, orders);
  await insertEventsBulk(
    tx,
    events.flatMap((list, i) => list.map((e) => ({ ...e, order_id: ids[i]! }))),
  );
  const count = (s: string) => orders.filter((o) => o.state === s).length;
  return {
    menuItems: itemIds.length + unitRows.length,
    orders: orders.length,
    rated: count('rated'),
    delivered: count('delivered'),
    memberOrder: Boolean(mine && pools.accounts.member),
  };
}
