import type { Actor } from '../../lib/actor.ts';
import type { Db, RoundRow } from '../reviews/repository.ts';
import { accessOf, assertManagesRound, assertSeesResults } from '../reviews/round-context.ts';
import { canManageRound } from '../reviews/policy.ts';

/**
 * Who may do what with a round's awards: the round's managers (the campaign's organisers) assign,
 * decide ties, adjust 组织奖, publish, upload the seal and print certificates; whoever may see the
 * round's results (its supervisors too) reads the list and downloads certificates. A judge of the
 * round is neither, as on the results page. The 公示 and the certificate check are public.
 */
export const assertMayManageAwards = (db: Db, actor: Actor, r: RoundRow) => assertManagesRound(db, actor, r);

export const assertMaySeeAwards = (db: Db, actor: Actor, r: RoundRow) => assertSeesResults(db, actor, r);

export const mayManageAwards = (actor: Actor, r: RoundRow) => canManageRound(actor, accessOf(r));
