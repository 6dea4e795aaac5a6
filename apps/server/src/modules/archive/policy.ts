import type { RoleName } from '../../db/types.ts';
import { holdsRoleOver, type Actor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';

/** Who reads an org's archive: these roles granted on the org or above it (its whole subtree, nothing wider). */
export const ARCHIVE_READERS: readonly RoleName[] = [
  'organiser',
  'unit_admin',
  'platform_admin',
  'supervisor',
];

/**
 * The archive of (org, campaign): a reader over the org; a campaign still in draft only for those over
 * its organiser org. Every query is then limited to the org's subtree, so a county never sees another's.
 */
export function assertMayReadArchive(
  actor: Actor,
  orgPath: string,
  campaign: { status: string; organiser_org_path: string },
) {
  if (!holdsRoleOver(actor, ARCHIVE_READERS, orgPath)) throw forbidden('您无权查看该组织的活动档案');
  if (campaign.status === 'draft' && !holdsRoleOver(actor, ARCHIVE_READERS, campaign.organiser_org_path))
    throw forbidden('活动尚未发布，您无权查看它的档案');
}
