import type { Actor } from '../../../lib/actor.ts';
import { forbidden } from '../../../lib/errors.ts';
import { canManageRound, canSeeResults, signOffRefusal, type RoundAccess } from '../../reviews/policy.ts';

/**
 * Who may do what with a live final's draw (抽签). The reviews module's roles, unchanged:
 *
 * - The organiser (管理本轮的组织者, never a judge of the round) publishes the commitment, records a
 *   withdrawal before it, reveals the seed or enters a hand-drawn order, and may type in the
 *   contributions said aloud on stage.
 * - The supervisor — whoever may sign the round off: a supervisor over its scope who neither manages
 *   it nor judges in it — adds contributions on their own account. Not knowing the seed, they are
 *   the ones whose value the organiser cannot foresee.
 * - Both see the draw page; anyone sees the public record once it is published.
 */

export type DrawRole = 'organiser' | 'supervisor';

/** What the actor is for this draw, or null. A judge of the round is neither. */
export function drawRole(actor: Actor, r: RoundAccess, judged: boolean): DrawRole | null {
  if (judged) return null;
  if (canManageRound(actor, r)) return 'organiser';
  if (signOffRefusal(actor, r, judged) === null) return 'supervisor';
  return null;
}

export function assertMayViewDraw(actor: Actor, r: RoundAccess, judged: boolean) {
  if (!canSeeResults(actor, r)) throw forbidden('只有本轮的组织者和监督员可以查看抽签');
  if (judged) throw forbidden('您是本轮评委，不能参与或查看本轮的抽签管理，请由组织者或监督员处理');
}

export function assertMayManageDraw(actor: Actor, r: RoundAccess, judged: boolean): 'organiser' {
  if (drawRole(actor, r, judged) !== 'organiser') {
    throw forbidden(
      judged ? '您是本轮评委，不能主持本轮的抽签，请由其他组织者处理' : '只有本轮的组织者可以进行抽签操作',
    );
  }
  return 'organiser';
}

export function assertMayContribute(actor: Actor, r: RoundAccess, judged: boolean): DrawRole {
  const role = drawRole(actor, r, judged);
  if (!role) {
    throw forbidden(
      judged ? '您是本轮评委，不能录入抽签随机数' : '只有本轮的组织者和监督员可以录入抽签随机数',
    );
  }
  return role;
}
