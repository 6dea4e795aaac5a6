import type { MenuItem, MenuItemInput, MenuItemUpdate, OrderPool } from '@jiangtai/contracts';
import type { Updateable } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { forbidden, invalid, notVisible } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { managesPool, POOL_MANAGERS, seesMenu } from './policy.ts';
import { checkLectureChoice, lectureChoices, viewableLectures } from './menu-lectures.ts';
import { presentMenuItem } from './present.ts';
import * as repo from './repository.ts';
import type { Db } from './repository.ts';
import { scopePrefixes } from '../../lib/actor.ts';

/** The orgs the actor belongs to: their grants' orgs and their member record's branch. */
export async function ownPaths(db: Db, actor: Actor) {
  const paths = actor.grants.map((g) => g.orgPath);
  if (actor.memberId) {
    const m = await repo.memberOrgPath(db, actor.memberId);
    if (m) paths.push(m.path);
  }
  return paths;
}

/** A pool the actor may read the menu of (404 alike for missing and out of sight). */
export async function loadVisiblePool(db: Db, actor: Actor, poolId: string, what = '师资库') {
  const pool = await repo.findPool(db, poolId);
  if (!pool || !seesMenu(actor, await ownPaths(db, actor), pool.org_path)) throw notVisible(what, '查看');
  return { pool, manage: managesPool(actor, pool.org_path) };
}

async function loadManagedPool(db: Db, actor: Actor, poolId: string, what?: string) {
  const { pool, manage } = await loadVisiblePool(db, actor, poolId, what);
  if (!manage) throw forbidden('只有师资库所属单位的组织者、管理员可以维护宣讲菜单');
  return pool;
}

async function checkSpeakers(db: Db, poolId: string, ids: readonly string[]) {
  const found = await repo.activeSpeakers(db, poolId, ids);
  if (found.length !== new Set(ids).size)
    throw invalid('所选宣讲人须是本师资库在库的宣讲人', [
      { path: 'speakerIds', message: '宣讲人不在本师资库' },
    ]);
}

/** 宣讲菜单: read by the pool's subtree, kept by its managers. */
export function menuService({ db, clock }: AppDeps) {
  async function present(
    q: Db,
    actor: Actor,
    manage: boolean,
    rows: Awaited<ReturnType<typeof repo.listMenu>>,
  ): Promise<MenuItem[]> {
    const [speakers, lectures] = await Promise.all([
      repo.speakersByIds(q, [...new Set(rows.flatMap((r) => r.speaker_ids))]),
      viewableLectures(
        q,
        actor,
        rows.flatMap((r) => (r.classroom_lecture_id ? [r.classroom_lecture_id] : [])),
      ),
    ]);
    const byId = new Map(speakers.map((s) => [s.id, s]));
    return rows.map((r) =>
      presentMenuItem(
        r,
        byId,
        r.classroom_lecture_id ? (lectures.get(r.classroom_lecture_id) ?? null) : null,
        manage,
      ),
    );
  }

  return {
    async pools(actor: Actor): Promise<OrderPool[]> {
      const rows = await repo.visiblePools(
        db,
        await ownPaths(db, actor),
        scopePrefixes(actor, POOL_MANAGERS),
      );
      return rows.map((p) => ({
        id: p.id,
        name: p.name,
        orgName: p.org_name,
        manage: managesPool(actor, p.org_path),
      }));
    },

    async list(actor: Actor, poolId: string, q: { q?: string; audience?: string; format?: string }) {
      const { pool, manage } = await loadVisiblePool(db, actor, poolId);
      const items = await present(
        db,
        actor,
        manage,
        await repo.listMenu(db, pool.id, { ...q, includeWithdrawn: manage }),
      );
      return { pool: { id: pool.id, name: pool.name, orgName: pool.org_name, manage }, items };
    },

    /** The classroom lectures an item may point at (维护菜单): published, seen by the pool's org. */
    async lectureChoices(actor: Actor, poolId: string, q: { speakerIds?: string[]; q?: string }) {
      const pool = await loadManagedPool(db, actor, poolId);
      return lectureChoices(db, pool.org_path, q.speakerIds ?? [], q.q);
    },

    async speakers(actor: Actor, poolId: string) {
      const pool = await loadManagedPool(db, actor, poolId);
      const rows = await repo.activeSpeakers(db, pool.id);
      return rows.map((s) => ({ id: s.id, name: s.name, unitTitle: s.unit_title }));
    },

    async create(actor: Actor, poolId: string, input: MenuItemInput, who: AuditWho) {
      return db.transaction().execute(async (tx) => {
        const pool = await loadManagedPool(tx, actor, poolId);
        await checkSpeakers(tx, pool.id, input.speakerIds);
        if (input.classroomLectureId) await checkLectureChoice(tx, pool.org_path, input.classroomLectureId);
        const id = await repo.insertMenuItem(tx, {
          poolId: pool.id,
          ...input,
          createdBy: actor.userId,
          now: clock.now(),
        });
        await audit(tx, who, {
          action: 'orders.menu_item_created',
          entityType: 'lecture_menu_item',
          entityId: id,
          orgPath: pool.org_path,
          after: input,
        });
        return id;
      });
    },

    async update(actor: Actor, id: string, input: MenuItemUpdate, who: AuditWho) {
      return db.transaction().execute(async (tx) => {
        const item = await repo.findMenuItem(tx, id);
        if (!item) throw notVisible('宣讲菜单条目', '查看');
        // An item of a pool out of sight answers like a missing item, not with its pool's words.
        const pool = await loadManagedPool(tx, actor, item.pool_id, '宣讲菜单条目');
        if (input.speakerIds) await checkSpeakers(tx, pool.id, input.speakerIds);
        if (input.classroomLectureId) await checkLectureChoice(tx, pool.org_path, input.classroomLectureId);
        const set: Updateable<DB['lecture_menu_items']> = {};
        if (input.title !== undefined) set.title = input.title;
        if (input.summary !== undefined) set.summary = input.summary;
        if (input.category !== undefined) set.category = input.category;
        if (input.speakerIds !== undefined) set.speaker_ids = input.speakerIds;
        if (input.durationMinutes !== undefined) set.duration_minutes = input.durationMinutes;
        if (input.format !== undefined) set.format = input.format;
        if (input.audiences !== undefined) set.audiences = input.audiences;
        if (input.active !== undefined) set.active = input.active;
        if (input.classroomLectureId !== undefined) set.classroom_lecture_id = input.classroomLectureId;
        await repo.updateMenuItem(tx, id, set, clock.now());
        await audit(tx, who, {
          action: 'orders.menu_item_updated',
          entityType: 'lecture_menu_item',
          entityId: id,
          orgPath: pool.org_path,
          before: { title: item.title, active: item.active },
          after: { title: input.title ?? item.title, ...input },
        });
        const saved = await repo.findMenuItem(tx, id);
        return (await present(tx, actor, true, saved ? [saved] : []))[0]!;
      });
    },
  };
}
