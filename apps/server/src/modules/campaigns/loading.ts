import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import * as policy from './policy.ts';
import * as repo from './repository.ts';
import type { CampaignRow } from './repository.ts';

type Db = AppDeps['db'];

/** The subtrees taking part in each campaign: the organiser's own, or the listed orgs' (as they are now). */
export async function participatingPaths(
  tx: Db,
  rows: Pick<CampaignRow, 'organiser_org_path' | 'settings'>[],
) {
  const orgs = await repo.findOrgs(
    tx,
    rows.flatMap((r) => r.settings.participatingOrgIds),
  );
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return rows.map((r) => {
    const ids = r.settings.participatingOrgIds;
    if (ids.length === 0) return { paths: [r.organiser_org_path], orgs: [] };
    const listed = ids.flatMap((id) => byId.get(id) ?? []);
    return { paths: listed.map((o) => o.path), orgs: listed.map((o) => ({ id: o.id, name: o.name })) };
  });
}

export const access = (row: CampaignRow, paths: string[]): policy.CampaignAccess => ({
  organiserOrgPath: row.organiser_org_path,
  status: row.status,
  participatingPaths: paths,
});

/** Loads a campaign the actor may see (403 otherwise, 404 when there is none). */
export async function loadVisible(tx: Db, actor: Actor, id: string, forUpdate = false) {
  const row = await repo.findCampaign(tx, id, { forUpdate });
  if (!row) throw notFound('活动');
  const [scope] = await participatingPaths(tx, [row]);
  policy.assertCanView(actor, access(row, scope!.paths));
  return { row, scope: scope! };
}

/** Loads and locks a campaign the actor manages (403 for anyone else). */
export async function loadManaged(tx: Db, actor: Actor, id: string) {
  const loaded = await loadVisible(tx, actor, id, true);
  policy.assertCanManage(actor, access(loaded.row, loaded.scope.paths), loaded.row.organiser_org_name);
  return loaded;
}
