import type { AppDeps } from '../../lib/deps.ts';
import { judges } from './judges.ts';
import { liveCore, type OrderSource } from './live-core.ts';
import { mcConsole } from './mc-console.ts';
import { mcView } from './mc-view.ts';
import { rehearsals } from './rehearsal.ts';
import { supervisor } from './supervisor.ts';

export type { OrderSource } from './live-core.ts';

/**
 * The evening of a live final: the MC console's steps, the judges' scores (idempotent by the
 * phone's key), the supervisor's confirmations and sign-off, rehearsals. Every change runs with the
 * review round's row locked (the same lock as every score append), writes an audit row and bumps the
 * live round's version; the routes then tell the screens (liveBus.changed).
 */
export function liveService(deps: AppDeps, orderSource: OrderSource) {
  const core = liveCore(deps, orderSource);
  return {
    ...mcView(core),
    ...mcConsole(core),
    ...rehearsals(core),
    ...judges(core),
    ...supervisor(core),
  };
}
export type LiveService = ReturnType<typeof liveService>;

export type { ScoreOutcome } from './judges.ts';
