import type { RoleName } from '../../db/types.ts';
import { holdsRoleOver, isSystemAdmin, scopePrefixes, type Actor } from '../../lib/actor.ts';
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

export const canSupervise = (actor: Pick<Actor, 'grants'>, r: RoundAccess) =>
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
 * A judge of a round (an active panel seat or a pair to score) is a judge there and nothing else,
 * whatever other roles they hold or are granted later: the round's names, results, exports, log and
 * management would unblind them or let them steer their own scoring. Checked on every manager and
 * supervisor view, after the role check.
 */
export function assertNotJudging(judging: boolean) {
  if (judging)
    throw forbidden(
      '您是本轮评委，评审期间不能查看或管理本轮的作品信息和评分结果，请由其他组织者或监督员处理',
    );
}

/**
 * The panel: those who run the round do not score it, and neither do its supervisors (a supervisor
 * on the panel would see the names while scoring and could not sign off). Null when they may sit.
 */
export function panelRefusal(candidate: Pick<Actor, 'grants'>, r: RoundAccess, name: string) {
  if (canManageRound(candidate, r)) return `「${name}」负责组织本轮评审，不能同时担任本轮评委`;
  if (canSupervise(candidate, r)) return `「${name}」是本轮评审的监督员，不能同时担任本轮评委`;
  return null;
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

const ADMINISTERING: readonly RoleName[] = ['platform_admin', 'organiser', 'unit_admin'];

/**
 * The unit an invited expert is said to belong to counts for conflicts of interest and is kept on
 * the panel; a manager states only a unit inside their own administering scope.
 */
export function assertMayStateUnit(actor: Actor, orgPath: string, orgName: string) {
  if (isSystemAdmin(actor) || holdsRoleOver(actor, ADMINISTERING, orgPath)) return;
  throw forbidden(`「${orgName}」不在您的管理范围内，不能作为评委的所在单位`);
}
