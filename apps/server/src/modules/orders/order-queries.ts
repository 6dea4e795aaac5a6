import type { OrderAction, OrderBranch, OrderDetail } from '@jiangtai/contracts';
import { scopePrefixes, type Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { forbidden } from '../../lib/errors.ts';
import { BRANCH_ORG_TYPES, branchesLedBy } from '../org/branch-leaders.ts';
import { loadOrder, speakerAccount } from './access.ts';
import { listScope } from './policy.ts';
import { orderPhotos } from './photos.ts';
import { presentDetail, presentOrder } from './present.ts';
import * as repo from './repository.ts';
import { transition } from './state.ts';

/** Reading orders: one order with what the viewer may do next, the three lists, the dispatch candidates. */
export function orderQueries({ db, clock }: Pick<AppDeps, 'db' | 'clock'>) {
  const load = loadOrder;
  async function detail(actor: Actor, id: string): Promise<OrderDetail> {
    const { row, access } = await load(db, actor, id);
    const hasAccount = !!(await speakerAccount(db, row.speaker_member_id));
    const now = clock.now();
    const ok = (a: OrderAction) =>
      transition(
        { state: row.state, replyDueAt: row.reply_due_at ? new Date(row.reply_due_at) : null },
        a,
        now,
      ).ok;
    // The rating is the ordering org's and the managers' to read; the speaker sees the order without it.
    const shown =
      access.orderer || access.manager ? row : { ...row, rating_content: null, rating_delivery: null };
    const [events, photos] = await Promise.all([repo.listEvents(db, id), orderPhotos(db, id)]);
    return presentDetail(shown, now, events, photos, {
      dispatch: access.manager && ok('dispatch'),
      answer: access.speaker && ok('accept'),
      answerOnBehalf: access.manager && !hasAccount && ok('accept'),
      deliver: (access.speaker || access.orderer) && ok('deliver'),
      rate: access.orderer && ok('rate'),
      cancel: access.orderer && ok('cancel'),
    });
  }

  return {
    detail,

    /** Branches the actor may order for: led branches and branches under their unit-admin grants. */
    async branches(actor: Actor): Promise<OrderBranch[]> {
      const led = await branchesLedBy(db, actor);
      const prefixes = scopePrefixes(actor, ['unit_admin', 'platform_admin']);
      const administered = prefixes.length
        ? await db
            .selectFrom('orgs')
            .select(['id', 'name'])
            .where('active', '=', true)
            .where('type', 'in', [...BRANCH_ORG_TYPES])
            .where((eb) => eb.or(prefixes.map((p) => eb('path', 'like', `${p}%`))))
            .orderBy('path')
            .limit(500)
            .execute()
        : [];
      const all = [...led.map((b) => ({ id: b.orgId, name: b.orgName })), ...administered];
      return [...new Map(all.map((b) => [b.id, b])).values()];
    },

    async list(actor: Actor, view: 'branch' | 'manage' | 'tasks', state?: string) {
      const rows = await repo.listOrders(db, view, listScope(actor, await branchesLedBy(db, actor)), state);
      const now = clock.now();
      return { items: rows.map((r) => presentOrder(r, now)) };
    },

    async candidates(actor: Actor, id: string) {
      const { row, access } = await load(db, actor, id);
      if (!access.manager) throw forbidden('只有师资库的组织者、管理员可以派单');
      const speakers = await repo.activeSpeakers(db, row.pool_id);
      const ids = speakers.map((s) => s.id);
      const [{ bookings, ratings }, accounts] = await Promise.all([
        repo.speakerLoad(db, ids, row.id),
        repo.memberAccounts(
          db,
          speakers.flatMap((s) => (s.member_id ? [s.member_id] : [])),
        ),
      ]);
      return {
        items: speakers.map((s) => {
          const r = ratings.find((x) => x.speaker_id === s.id);
          return {
            id: s.id,
            name: s.name,
            unitTitle: s.unit_title,
            phone: s.phone,
            hasAccount: accounts.some((a) => a.member_id === s.member_id),
            ratingAverage: r ? Number(r.average) : null,
            ratingCount: r ? Number(r.count) : 0,
            bookings: bookings
              .filter((b) => b.speaker_id === s.id)
              .map((b) => ({
                orderId: b.id,
                state: b.state,
                dates: b.dates,
                orgName: b.org_name,
                topic: b.topic,
              })),
          };
        }),
      };
    },
  };
}
