import type { Db } from '../../reviews/repository.ts';
import { findDraw } from './repository.ts';

/**
 * What the rounds need to know of a live final's draw: since when its finalists list is fixed
 * (published with the commitment, or a hand-drawn order entered) and who is on it, else null. From
 * then on no other entry may compete in the round: it would not be in the drawn order.
 * Kept apart from the draw's service, which itself builds on the rounds.
 */
export async function fixedFinalists(
  db: Db,
  roundId: string,
): Promise<{ at: Date; entryIds: string[] } | null> {
  const d = await findDraw(db, roundId);
  if (!d) return null;
  return { at: (d.committed_at ?? d.entered_at)!, entryIds: d.finalists.map((f) => f.entryId) };
}
