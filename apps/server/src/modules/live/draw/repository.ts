import type { DrawFinalist } from '@jiangtai/contracts';
import type { Db } from '../../reviews/repository.ts';

/** SQL of the live final's draw (tables live_draws, live_draw_contributions; migration 023). */

export interface DrawRow {
  round_id: string;
  method: 'random' | 'manual';
  finalists: DrawFinalist[];
  commitment: string | null;
  committed_at: Date | null;
  committed_by: string | null;
  seed: string | null;
  revealed_at: Date | null;
  revealed_by: string | null;
  final_seed: string | null;
  order: string[] | null;
  manual_note: string | null;
  entered_by: string | null;
  entered_at: Date | null;
}

export async function findDraw(db: Db, roundId: string, opts: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('live_draws').selectAll().where('round_id', '=', roundId);
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? (row as unknown as DrawRow) : undefined;
}

export async function insertCommitment(
  db: Db,
  d: { roundId: string; finalists: DrawFinalist[]; commitment: string; by: string; at: Date },
) {
  await db
    .insertInto('live_draws')
    .values({
      round_id: d.roundId,
      method: 'random',
      finalists: JSON.stringify(d.finalists),
      commitment: d.commitment,
      committed_at: d.at,
      committed_by: d.by,
    })
    .execute();
}

export async function setRevealed(
  db: Db,
  roundId: string,
  d: { seed: string; finalSeed: string; order: string[]; by: string; at: Date },
) {
  await db
    .updateTable('live_draws')
    .set({
      seed: d.seed,
      final_seed: d.finalSeed,
      order: JSON.stringify(d.order),
      revealed_by: d.by,
      revealed_at: d.at,
    })
    .where('round_id', '=', roundId)
    .execute();
}

/** A hand-drawn order: a new row, or the method of a commitment never revealed turned to manual. */
export async function saveManual(
  db: Db,
  d: { roundId: string; finalists: DrawFinalist[]; order: string[]; note: string; by: string; at: Date },
  existing: boolean,
) {
  const values = {
    method: 'manual' as const,
    order: JSON.stringify(d.order),
    manual_note: d.note,
    entered_by: d.by,
    entered_at: d.at,
  };
  if (existing) {
    await db.updateTable('live_draws').set(values).where('round_id', '=', d.roundId).execute();
  } else {
    await db
      .insertInto('live_draws')
      .values({ round_id: d.roundId, finalists: JSON.stringify(d.finalists), ...values })
      .execute();
  }
}

export function listContributions(db: Db, roundId: string) {
  return db
    .selectFrom('live_draw_contributions')
    .select(['id', 'label', 'value', 'entered_by', 'entered_as', 'at'])
    .where('round_id', '=', roundId)
    .orderBy('id')
    .execute();
}

export async function insertContribution(
  db: Db,
  c: {
    roundId: string;
    label: string;
    value: string;
    by: string;
    as: 'organiser' | 'supervisor';
    at: Date;
  },
) {
  const row = await db
    .insertInto('live_draw_contributions')
    .values({
      round_id: c.roundId,
      label: c.label,
      value: c.value,
      entered_by: c.by,
      entered_as: c.as,
      at: c.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
