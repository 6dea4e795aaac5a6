import { sql } from 'kysely';
import type { SpeakerOrderSummary } from '@jiangtai/contracts';
import type { Db } from './repository.ts';

const RECENT = 5;

/**
 * A speaker's order record, for the pool's speaker page (the pool module reads orders only through
 * this): lectures delivered (delivered or rated) and the audience reached, the rating average (content
 * and delivery, 1 decimal) with its count, and the last few delivered orders. No access check here:
 * the caller decides who sees it (the pool's managers).
 */
export async function speakerOrderSummary(db: Db, speakerId: string): Promise<SpeakerOrderSummary> {
  const delivered = ['delivered', 'rated'] as const;
  const [totals, recent] = await Promise.all([
    db
      .selectFrom('lecture_orders')
      .select([
        sql<string>`count(*) filter (where state in ('delivered', 'rated'))::text`.as('delivered'),
        sql<string>`coalesce(sum(attendance) filter (where state in ('delivered', 'rated')), 0)::text`.as(
          'audience',
        ),
        sql<string | null>`round(avg(rating_content) filter (where state = 'rated'), 1)::text`.as('content'),
        sql<string | null>`round(avg(rating_delivery) filter (where state = 'rated'), 1)::text`.as(
          'delivery',
        ),
        sql<string>`count(*) filter (where state = 'rated')::text`.as('rated'),
      ])
      .where('speaker_id', '=', speakerId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('lecture_orders as r')
      .innerJoin('orgs as o', 'o.id', 'r.org_id')
      .select(['r.id', 'r.topic', 'o.name as org_name', sql<string>`r.delivered_on::text`.as('delivered_on')])
      .where('r.speaker_id', '=', speakerId)
      .where('r.state', 'in', [...delivered])
      .orderBy('r.delivered_on', 'desc')
      .orderBy('r.id', 'desc')
      .limit(RECENT)
      .execute(),
  ]);
  const num = (x: string | null) => (x === null ? null : Number(x));
  return {
    delivered: Number(totals.delivered),
    audience: Number(totals.audience),
    ratingContent: num(totals.content),
    ratingDelivery: num(totals.delivery),
    ratingCount: Number(totals.rated),
    recent: recent.map((r) => ({
      orderId: r.id,
      deliveredOn: r.delivered_on,
      orgName: r.org_name,
      topic: r.topic,
    })),
  };
}
