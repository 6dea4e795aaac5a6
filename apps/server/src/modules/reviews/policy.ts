import type { RoleName } from '../../db/types.ts';
import { holdsRoleOver, scopePrefixes, type Actor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';
import {
  assertCanView as assertCanViewCampaign,
  canManageCampaign,
  type CampaignAccess,
} from '../campaigns/policy.ts';

/**
 * Who may do what with review rounds.
 *
 * - Managers of a round: the campaign's organisers (and platform admins over the organiser org) for
 *   every round of the campaign; for a unit's own round (its scope below the organiser org), also the
 *   unit's admins. They set it up, build the panel, assign, see names and results, confirm and publish.
 * - Supervisors over the round's scope (监督): read-only results, the score log and its chain check,
 *   exports, and their sign-off.
 * - Judges: only rounds whose panel they sit on, only the entries assigned to them (see judging).
 * - Anyone signed in: the published 公示 list and lodging an objection during the notice period.
 */

export interface RoundAccess {
  organiserOrgPath: string;
  scopeOrgPath: string;
}

const UNIT_ADMINS: readonly RoleName[] = ['unit_admin', 'platform_admin'];
const SUPERVISORS: readonly RoleName[] = ['supervisor'];

const isUnitRound = (r: RoundAccess) => r.scopeOrgPath !== r.organiserOrgPath;

/**
 * The campaign's managers (campaigns' one rule), and for a unit's own round its unit admins. Also
 * asked of an account that is not the one signed in (may they sit on its panel?).
 */
export function canManageRound(actor: Pick<Actor, 'grants'>, r: RoundAccess): boolean {
  return (
    canManageCampaign(actor, r.organiserOrgPath) ||
    (isUnitRound(r) && holdsRoleOver(actor, UNIT_ADMINS, r.scopeOrgPath))
  );
}

export const canSupervise = (actor: Actor, r: RoundAccess) =>
  holdsRoleOver(actor, SUPERVISORS, r.scopeOrgPath);

/** Results, the log, exports: managers and supervisors. */
export const canSeeResults = (actor: Actor, r: RoundAccess) =>
  canManageRound(actor, r) || canSupervise(actor, r);

export function assertCanManageRound(actor: Actor, r: RoundAccess) {
  if (!canManageRound(actor, r)) throw forbidden('只有本轮评审的组织者可以进行此操作');
}

export function assertCanSeeResults(actor: Actor, r: RoundAccess) {
  if (!canSeeResults(actor, r)) throw forbidden('只有本轮评审的组织者和监督员可以查看评分结果');
}

/**
 * Why an actor may not sign a round off, or null when they may. The sign-off is an independent
 * check: a supervisor who also manages the round, or who scored in it, would be checking their own
 * work, so only a supervisor with neither duty signs.
 */
export function signOffRefusal(actor: Actor, r: RoundAccess, judged: boolean): string | null {
  if (!canSupervise(actor, r)) return '只有本轮评审的监督员可以签字确认';
  if (canManageRound(actor, r)) return '您同时负责组织本轮评审，不能作为监督员签字确认，请由其他监督员签字';
  if (judged) return '您是本轮评委，不能作为监督员签字确认，请由其他监督员签字';
  return null;
}

export function assertMaySignOff(actor: Actor, r: RoundAccess, judged: boolean) {
  const refusal = signOffRefusal(actor, r, judged);
  if (refusal) throw forbidden(refusal);
}

/**
 * Opening a round: the campaign's managers for any stage; a unit admin for a unit-run stage, in a
 * unit inside their grants.
 */
export function assertMayOpenRound(actor: Actor, r: RoundAccess) {
  if (!canManageRound(actor, r)) {
    throw forbidden(
      isUnitRound(r)
        ? '只有本单位的管理员或活动组织者可以开启本单位的评审'
        : '只有活动组织者可以开启本阶段的评审',
    );
  }
}

/**
 * A campaign's round list: whoever may see the campaign (its page shows the list), and then only the
 * rounds they may open (`roundListFilter`).
 */
export function assertMayListRounds(actor: Actor, campaign: CampaignAccess) {
  assertCanViewCampaign(actor, campaign);
}

/** Which rounds of a campaign an actor sees in the round list (never more than the detail allows). */
export const roundListFilter = (actor: Actor) => (r: RoundAccess) => canSeeResults(actor, r);

/** Unit admins' subtrees, for the campaign page to offer "open our unit's 初赛 round". */
export const unitScopes = (actor: Actor) => scopePrefixes(actor, UNIT_ADMINS);
