import { sql } from 'kysely';
import type { ImportResult } from '@jiangtai/contracts';
import * as orgRepo from '../org-repository.ts';
import * as memberRepo from '../member-repository.ts';
import { followMemberMoves } from '../../accounts/service.ts';
import { rewriteOrgPathCopies } from '../path-copies.ts';
import type { Db } from '../tables.ts';
import type { ImportContext, ImportPlan, OrgRef, PlannedOrg } from './plan.ts';

interface TreeRow {
  id: string;
  parentId: string | null;
  path: string;
}

/**
 * Writes a validated plan inside the caller's transaction, in bulk:
 * new org ids are drawn first so every final path is computed in memory (parents may come after
 * children in the file; a moved org drags its whole database subtree along), then one multi-row insert
 * per 2,000 orgs and 5,000 members, one UPDATE … FROM (VALUES …) per 2,000 changed rows, and the org
 * move's own `rewriteOrgPathCopies` to bring every stored path copy in step.
 */
export async function applyPlan(
  tx: Db,
  plan: ImportPlan,
  ctx: ImportContext,
  now: Date,
): Promise<Omit<ImportResult, 'notices' | 'noticeCount'> & { touchedPaths: string[] }> {
  const newOrgs = plan.orgs.filter((o) => !o.existing);
  const ids = await orgRepo.nextOrgIds(tx, newOrgs.length);
  const idOfCode = new Map<string, string>();
  newOrgs.forEach((o, i) => idOfCode.set(o.code, ids[i]!));
  for (const o of plan.orgs) if (o.existing) idOfCode.set(o.code, o.existing.id);
  const refId = (ref: OrgRef) =>
    ref.kind === 'none' ? null : ref.kind === 'new' ? idOfCode.get(ref.code)! : ref.id;

  // The tree as it will be: file orgs with their new parents, plus the database subtrees of moved orgs.
  const tree = new Map<string, TreeRow>();
  for (const k of ctx.orgsByCode.values()) tree.set(k.id, { id: k.id, parentId: k.parentId, path: k.path });
  const moved = plan.orgs.filter((o) => o.existing && refId(o.parent) !== o.existing.parentId);
  for (const o of moved) {
    const rows = await tx
      .selectFrom('orgs')
      .select(['id', 'parent_id', 'path'])
      .where('path', 'like', `${o.existing!.path}%`)
      .execute();
    for (const r of rows) tree.set(r.id, { id: r.id, parentId: r.parent_id, path: r.path });
  }
  const oldPath = new Map([...tree.values()].map((r) => [r.id, r.path]));
  for (const o of plan.orgs)
    tree.set(idOfCode.get(o.code)!, { id: idOfCode.get(o.code)!, parentId: refId(o.parent), path: '' });
  const movedIds = new Set(moved.map((o) => o.existing!.id));
  const rerooted = new Set<string>();
  for (const r of tree.values()) {
    if (r.path && pathCrosses(r.path, movedIds)) rerooted.add(r.id);
  }
  const finalPath = new Map<string, string>();
  const pathOf = (id: string): string => {
    const known = finalPath.get(id);
    if (known) return known;
    const row = tree.get(id);
    if (!row) throw new Error(`import: org ${id} missing from the loaded tree`);
    const unchanged = row.path && !rerooted.has(id) && !movedIds.has(id);
    const path = unchanged ? row.path : `${row.parentId ? pathOf(row.parentId) : ''}${id}.`;
    finalPath.set(id, path);
    return path;
  };
  for (const id of tree.keys()) pathOf(id);
  const depthOf = (id: string) => orgRepo.pathIds(finalPath.get(id)!).length - 1;

  const inserts = newOrgs
    .map((o) => ({
      id: idOfCode.get(o.code)!,
      parentId: refId(o.parent),
      path: finalPath.get(idOfCode.get(o.code)!)!,
      depth: depthOf(idOfCode.get(o.code)!),
      name: o.name,
      type: o.type,
      code: o.code,
      sortOrder: o.sortOrder ?? 0,
    }))
    .sort((a, b) => a.depth - b.depth); // parents before children across insert batches
  await orgRepo.insertOrgs(tx, inserts);

  const fileOrgOf = new Map(plan.orgs.filter((o) => o.existing).map((o) => [o.existing!.id, o]));
  const updates: {
    id: string;
    parentId: string | null;
    path: string;
    depth: number;
    name: string | null;
    type: string | null;
    sortOrder: number | null;
  }[] = [];
  let orgsUpdated = 0;
  for (const [id, path] of finalPath) {
    if (!oldPath.has(id)) continue; // new org
    const f = fileOrgOf.get(id);
    const fieldsChanged = !!f && isOrgChanged(f);
    const pathChanged = path !== oldPath.get(id);
    if (f && (fieldsChanged || pathChanged)) orgsUpdated++;
    if (fieldsChanged || pathChanged) {
      updates.push({
        id,
        parentId: tree.get(id)!.parentId,
        path,
        depth: depthOf(id),
        name: f?.name ?? null,
        type: f?.type ?? null,
        sortOrder: f?.sortOrder ?? null,
      });
    }
  }
  await updateOrgRows(tx, updates, now);
  // Each moved org re-roots its old subtree; copies below a moved descendant follow the deeper move.
  await rewriteOrgPathCopies(
    tx,
    [...movedIds].map((id) => ({ from: oldPath.get(id)!, to: finalPath.get(id)! })),
  );

  const memberOrg = (ref: Exclude<OrgRef, { kind: 'none' }>) => {
    const id = refId(ref)!;
    return { org_id: id, org_path: finalPath.get(id)! };
  };
  const toCreate = plan.members.filter((m) => !m.existing);
  await memberRepo.insertMembers(
    tx,
    toCreate.map((m) => ({
      ...memberOrg(m.org),
      name: m.name,
      gender: m.gender,
      phone: m.phone,
      party_status: m.partyStatus,
      positions: m.positions ?? ['党员'],
      joined_on: m.joinedOn,
    })),
  );
  const memberUpdates: (memberRepo.MemberValues & { id: string })[] = [];
  const movedMemberIds: string[] = [];
  for (const m of plan.members) {
    const e = m.existing;
    if (!e) continue;
    const v = {
      id: e.id,
      ...memberOrg(m.org),
      name: m.name,
      gender: m.gender,
      phone: m.phone ?? e.phone,
      party_status: m.partyStatus,
      positions: m.positions ?? e.positions,
      joined_on: m.joinedOn ?? e.joinedOn,
    };
    const changed =
      v.org_id !== e.orgId ||
      v.name !== e.name ||
      v.gender !== e.gender ||
      v.party_status !== e.partyStatus ||
      v.positions.join() !== e.positions.join() ||
      v.joined_on !== e.joinedOn;
    if (changed) memberUpdates.push(v);
    if (v.org_id !== e.orgId) movedMemberIds.push(e.id);
  }
  await memberRepo.updateMembers(tx, memberUpdates, now);
  await followMemberMoves(tx, movedMemberIds);

  const existingMembers = plan.members.length - toCreate.length;
  const existingOrgs = plan.orgs.length - newOrgs.length;
  return {
    orgsCreated: newOrgs.length,
    orgsUpdated,
    orgsUnchanged: existingOrgs - orgsUpdated,
    membersCreated: toCreate.length,
    membersUpdated: memberUpdates.length,
    membersUnchanged: existingMembers - memberUpdates.length,
    touchedPaths: [
      ...inserts.map((o) => o.path),
      ...updates.map((u) => u.path),
      ...memberUpdates.map((m) => m.org_path),
    ],
  };
}

/** True when a strict ancestor on the path is one of the moved orgs. */
function pathCrosses(path: string, movedIds: Set<string>) {
  const ids = orgRepo.pathIds(path);
  return ids.slice(0, -1).some((id) => movedIds.has(id));
}

const isOrgChanged = (o: PlannedOrg) =>
  o.name !== o.existing!.name ||
  o.type !== o.existing!.type ||
  (o.sortOrder !== null && o.sortOrder !== o.existing!.sortOrder);

async function updateOrgRows(
  tx: Db,
  rows: {
    id: string;
    parentId: string | null;
    path: string;
    depth: number;
    name: string | null;
    type: string | null;
    sortOrder: number | null;
  }[],
  now: Date,
) {
  for (let i = 0; i < rows.length; i += 2000) {
    const values = sql.join(
      rows
        .slice(i, i + 2000)
        .map(
          (r) =>
            sql`(${r.id}::bigint, ${r.parentId}::bigint, ${r.path}::text, ${r.depth}::int, ${r.name}::text, ${r.type}::text, ${r.sortOrder}::int)`,
        ),
    );
    await sql`
      UPDATE orgs SET parent_id = v.parent_id, path = v.path, depth = v.depth, name = coalesce(v.name, orgs.name),
        type = coalesce(v.type, orgs.type), sort_order = coalesce(v.sort_order, orgs.sort_order), updated_at = ${now}
      FROM (VALUES ${values}) AS v(id, parent_id, path, depth, name, type, sort_order)
      WHERE orgs.id = v.id`.execute(tx);
  }
}
