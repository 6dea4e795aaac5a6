import type { OrderSource } from './service.ts';

/**
 * Where the live final reads its order of speakers (entry ids, first speaker first). The draw module
 * (抽签) provides `drawnOrder(db, roundId)` and is set here with `setLiveOrderSource` where the app's
 * modules are put together; until an order exists, `start` is refused with a message saying so.
 */
let source: OrderSource = async () => null;

export const liveOrderSource: OrderSource = (db, roundId) => source(db, roundId);

export function setLiveOrderSource(next: OrderSource) {
  source = next;
}
