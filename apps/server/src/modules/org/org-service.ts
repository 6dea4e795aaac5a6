import type { OrgCreate, OrgDetail, OrgNode, OrgUpdate } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import type { Org } from '../../db/types.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { entityHistory, isUniqueViolation } from './history.ts';
import * as repo from './org-repository.ts';
import { rewriteOrgPathCopies } from './path-copies.ts';
import * as policy from './policy.ts';
import type { Db } from './tables.ts';

const SEARCH_LIMIT = 50;

/** What an audit row records about an org. */
const snapshot = (o: Org) => ({
  name: o.name,
  type: o.type,
  code: o.code,
  sortOrder: o.sort_order,
  parentId: o.parent_id,
  path: o.path,
  active: o.active,
});

const parentMissing = () => invalid('上级组织不存在', [{ path: 'parentId', message: '上级组织不存在' }]);

export function orgService({ db, clock }: AppDeps) {
  async function loadVisible(actor: Actor, id: string) {
    const org = await repo.findOrg(db, id);
    if (!org) throw notFound('组织');
    policy.assertCanView(actor, org);
    return org;
  }

  const node = (o: repo.OrgWithCounts): OrgNode => ({
    id: o.id,
    name: o.name,
    type: o.type,
    code: o.code ?? '',
    active: o.active,
    childCount: o.child_count,
    memberCount: o.member_count,
  });

  /** The detail page's data, read in the caller's transaction when there is one. */
  async function detail(actor: Actor, id: string, from: Db = db): Promise<OrgDetail> {
    const org = await repo.findOrgWithCounts(from, id);
    if (!org) throw notFound('组织');
    policy.assertCanView(actor, org);
    const ancestorIds = repo.pathIds(org.path).slice(0, -1);
    const names = await repo.orgNames(from, ancestorIds);
    return {
      ...node(org),
      parentId: org.parent_id,
      depth: org.depth,
      sortOrder: org.sort_order,
      ancestors: ancestorIds.map((a) => ({ id: a, name: names.get(a) ?? '' })),
      directMemberCount: org.direct_member_count,
      canEdit: policy.canEdit(actor, org.path),
      canRestructure: policy.canRestructure(actor, repo.parentPathOf(org.path)),
    };
  }

  /** The top nodes the actor may browse: their grant roots (nested grants folded in). */
  async function roots(actor: Actor) {
    const prefixes = policy.viewScope(actor);
    return (prefixes ? await repo.orgsByPaths(db, prefixes) : await repo.topLevelOrgs(db)).map(node);
  }

  async function get(actor: Actor, id: string) {
    return detail(actor, id);
  }

  async function children(actor: Actor, id: string, includeInactive: boolean) {
    const org = await loadVisible(actor, id);
    return (await repo.childrenOf(db, org.id, includeInactive)).map(node);
  }

  async function search(actor: Actor, q: string, includeInactive: boolean) {
    const found = await repo.searchOrgs(db, {
      q,
      prefixes: policy.viewScope(actor),
      includeInactive,
      limit: SEARCH_LIMIT,
    });
    const names = await repo.orgNames(
      db,
      found.flatMap((o) => repo.pathIds(o.path)),
    );
    return {
      items: found.map((o) => ({
        id: o.id,
        name: o.name,
        type: o.type,
        active: o.active,
        pathNames: repo
          .pathIds(o.path)
          .map((id) => names.get(id) ?? '')
          .join(' / '),
      })),
    };
  }

  async function assertCodeFree(tx: Db, code: string, exceptId?: string) {
    const other = await repo.findOrgByCode(tx, code);
    if (other && other.id !== exceptId) {
      throw conflict(`组织编码「${code}」已被「${other.name}」使用，请换一个`);
    }
  }

  /** Unique-index races that slipped past the pre-checks still get a Chinese 409. */
  async function guardCode<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (isUniqueViolation(err, 'orgs_code_key')) throw conflict('组织编码已被其他组织使用，请换一个');
      throw err;
    }
  }

  async function create(actor: Actor, input: OrgCreate, who: AuditWho) {
    const id = await guardCode(() =>
      db.transaction().execute(async (tx) => {
        const parent = await repo.lockOrg(tx, input.parentId, 'share');
        if (!parent) throw parentMissing();
        policy.assertCanEdit(actor, parent);
        if (!parent.active) throw conflict(`上级组织「${parent.name}」已停用，不能在其下新建组织`);
        if (input.code) await assertCodeFree(tx, input.code);
        const [id] = await repo.nextOrgIds(tx, 1);
        const row = {
          id: id!,
          parentId: parent.id,
          path: `${parent.path}${id}.`,
          depth: parent.depth + 1,
          name: input.name,
          type: input.type,
          code: input.code ?? null,
          sortOrder: input.sortOrder ?? 0,
        };
        await repo.insertOrgs(tx, [row]);
        const created = (await repo.findOrg(tx, row.id))!;
        await audit(tx, who, {
          action: 'org.created',
          entityType: 'org',
          entityId: row.id,
          orgPath: row.path,
          after: snapshot(created),
        });
        return row.id;
      }),
    );
    return get(actor, id);
  }

  async function update(actor: Actor, id: string, patch: OrgUpdate, who: AuditWho) {
    return guardCode(() =>
      db.transaction().execute(async (tx) => {
        const org = await repo.lockOrg(tx, id, 'update');
        if (!org) throw notFound('组织');
        policy.assertCanEdit(actor, org);
        if (patch.code !== undefined && patch.code !== org.code) await assertCodeFree(tx, patch.code, org.id);
        const changes = {
          ...(patch.name !== undefined && patch.name !== org.name ? { name: patch.name } : {}),
          ...(patch.type !== undefined && patch.type !== org.type ? { type: patch.type } : {}),
          ...(patch.code !== undefined && patch.code !== org.code ? { code: patch.code } : {}),
          ...(patch.sortOrder !== undefined && patch.sortOrder !== org.sort_order
            ? { sort_order: patch.sortOrder }
            : {}),
        };
        if (Object.keys(changes).length === 0) return detail(actor, id, tx);
        const updated = await repo.updateOrg(tx, id, changes, clock.now());
        await audit(tx, who, {
          action: 'org.updated',
          entityType: 'org',
          entityId: id,
          orgPath: org.path,
          before: snapshot(org),
          after: snapshot(updated),
        });
        return detail(actor, id, tx);
      }),
    );
  }

  async function move(actor: Actor, id: string, parentId: string, who: AuditWho) {
    return db.transaction().execute(async (tx) => {
      const locked = await repo.lockOrgs(tx, [...new Set([id, parentId])]);
      const org = locked.find((o) => o.id === id);
      if (!org) throw notFound('组织');
      const target = locked.find((o) => o.id === parentId);
      if (!target) throw parentMissing();
      const current = org.parent_id ? ((await repo.findOrg(tx, org.parent_id)) ?? null) : null;
      policy.assertCanRestructure(actor, org, current);
      policy.assertCanEdit(actor, target);
      if (target.path.startsWith(org.path)) {
        throw conflict(
          target.id === org.id
            ? `不能把「${org.name}」移动到它自己之下`
            : `不能把「${org.name}」移动到它的下级组织「${target.name}」之下，这会形成循环`,
        );
      }
      if (target.id === org.parent_id) return detail(actor, id, tx);
      if (!target.active) throw conflict(`「${target.name}」已停用，不能把组织移动到其下`);
      const newPath = `${target.path}${org.id}.`;
      await repo.rerootSubtree(tx, org.path, newPath, target.depth + 1 - org.depth, clock.now());
      const followed = await rewriteOrgPathCopies(tx, [{ from: org.path, to: newPath }]);
      await repo.setParent(tx, org.id, target.id, clock.now());
      await audit(tx, who, {
        action: 'org.moved',
        entityType: 'org',
        entityId: org.id,
        orgPath: newPath,
        before: { parentId: current?.id ?? null, parentName: current?.name ?? null, path: org.path },
        // What moved along with it (rows per stored path copy), so the log shows the move's reach.
        after: { parentId: target.id, parentName: target.name, path: newPath, followed },
      });
      return detail(actor, id, tx);
    });
  }

  async function setActive(actor: Actor, id: string, active: boolean, who: AuditWho) {
    return db.transaction().execute(async (tx) => {
      const org = await repo.lockOrg(tx, id, 'update');
      if (!org) throw notFound('组织');
      const parent = org.parent_id ? ((await repo.lockOrg(tx, org.parent_id, 'share')) ?? null) : null;
      policy.assertCanRestructure(actor, org, parent);
      if (org.active === active) throw conflict(`「${org.name}」已是${active ? '启用' : '停用'}状态`);
      if (active && parent && !parent.active) throw conflict(`上级组织「${parent.name}」已停用，请先启用它`);
      if (!active) {
        const { child_count: children, member_count: members } = (await repo.findOrgWithCounts(tx, org.id))!;
        if (children > 0 || members > 0) {
          const what = [
            children > 0 ? `${children} 个未停用的下级组织` : '',
            members > 0 ? `${members} 名在册党员` : '',
          ]
            .filter(Boolean)
            .join('和 ');
          throw conflict(`「${org.name}」下还有 ${what}，请先移走或停用，再停用此组织`);
        }
      }
      await repo.updateOrg(tx, id, { active }, clock.now());
      await audit(tx, who, {
        action: active ? 'org.reactivated' : 'org.deactivated',
        entityType: 'org',
        entityId: id,
        orgPath: org.path,
        before: { active: org.active },
        after: { active },
      });
      return detail(actor, id, tx);
    });
  }

  async function history(actor: Actor, id: string) {
    await loadVisible(actor, id);
    return entityHistory(db, 'org', id);
  }

  return {
    roots,
    get,
    children,
    search,
    create,
    update,
    move,
    deactivate: (actor: Actor, id: string, who: AuditWho) => setActive(actor, id, false, who),
    reactivate: (actor: Actor, id: string, who: AuditWho) => setActive(actor, id, true, who),
    history,
    loadVisible,
  };
}

export type OrgService = ReturnType<typeof orgService>;
