import type { AuditAction } from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';
import { hasActedOn } from '../audit/repository.ts';
import { canManageRound } from './policy.ts';
import type { Db, RoundRow } from './repository.ts';
import { accessOf } from './round-context.ts';

export const OWN_LIST_OBJECTION =
  '您是这份名单的组织者（或发布了这份公示），异议应由其他人提出。如发现名单有误，请在管理页撤回公示、更正后重新发布';

/**
 * An objection during 公示 (the review results' or the 表彰名单's) asks the list's organisers to look
 * again at what they published, so it must come from someone else. Refused with 403, whoever else
 * objects: a manager of the round now (they answer objections, and can withdraw the list themselves)
 * and whoever published this list, even if no longer a manager (the audit rows of `published`).
 * Supervisors, judges and the public may object. One rule for both notices.
 */
export async function assertMayObject(
  tx: Db,
  actor: Actor | null,
  r: RoundRow,
  published: AuditAction,
): Promise<void> {
  if (!actor) return;
  if (
    canManageRound(actor, accessOf(r)) ||
    (await hasActedOn(tx, { type: 'review_round', id: r.id }, [published], actor.userId))
  )
    throw forbidden(OWN_LIST_OBJECTION);
}
