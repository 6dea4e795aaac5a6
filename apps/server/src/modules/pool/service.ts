import type {
  PoolCreate,
  PoolOverview,
  PoolSpeakerListQuery,
  PoolUpdate,
  PoolView,
} from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { buildPoolWorkbook, poolSheetRows } from './export.ts';
import {
  assertManagesPool,
  assertMayCreatePool,
  assertReadsPool,
  listScope,
  managesPool,
  maySeePhones,
  nominationPaths,
  readsOverview,
} from './policy.ts';
import { speakerRow, summarise } from './present.ts';
import * as repo from './repository.ts';
import { laggardsFirst, poolProgress } from './rules.ts';

/** 师资库: pools of the city, the counties and units; their pages, the city's overview and the 统计表. */
export function poolService(deps: AppDeps) {
  const { db, clock } = deps;

  async function loadPool(actor: Actor, id: string) {
    const pool = await repo.findPool(db, id);
    if (!pool) throw notFound('师资库');
    assertReadsPool(actor, pool);
    return pool;
  }

  async function list(actor: Actor) {
    const scope = listScope(actor);
    const pools = await repo.listPools(db, scope.prefixes, scope.ancestorOrgIds);
    return { pools: await summarise(db, actor, pools) };
  }

  async function create(actor: Actor, input: PoolCreate, who: AuditWho) {
    const org = await repo.findOrg(db, input.orgId);
    if (!org || !org.active) throw notFound('组织');
    assertMayCreatePool(actor, org.path);
    const now = clock.now();
    const id = await db.transaction().execute(async (tx) => {
      const id = await repo.insertPool(tx, {
        orgId: org.id,
        orgPath: org.path,
        name: input.name,
        target: input.target ?? null,
        createdBy: actor.userId,
        now,
      });
      if (!id) throw conflict(`${org.name}已建立师资库，每个组织只有一个师资库`);
      await audit(tx, who, {
        action: 'pool.created',
        entityType: 'speaker_pool',
        entityId: id,
        orgPath: org.path,
        after: { name: input.name, target: input.target ?? null },
      });
      return id;
    });
    return view(actor, id, {});
  }

  async function update(actor: Actor, id: string, input: PoolUpdate, who: AuditWho) {
    const pool = await loadPool(actor, id);
    assertManagesPool(actor, pool);
    const set = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.target !== undefined ? { target: input.target } : {}),
    };
    await db.transaction().execute(async (tx) => {
      await repo.updatePool(tx, id, set, clock.now());
      await audit(tx, who, {
        action: 'pool.updated',
        entityType: 'speaker_pool',
        entityId: id,
        orgPath: pool.org_path,
        before: { name: pool.name, target: pool.target },
        after: set,
      });
    });
    return view(actor, id, {});
  }

  async function view(actor: Actor, id: string, filter: PoolSpeakerListQuery): Promise<PoolView> {
    const pool = await loadPool(actor, id);
    const [summary] = await summarise(db, actor, [pool]);
    const phones = maySeePhones(actor, pool);
    const speakers = await repo.listSpeakers(db, id, filter);
    return {
      ...summary!,
      speakers: speakers.map((s) => speakerRow(s, phones)),
      mayNominate: nominationPaths(actor, pool).length > 0,
    };
  }

  /** An org's own pool and each child org's pool size vs target, laggards first (the city's view). */
  async function overview(actor: Actor, orgId: string | undefined): Promise<PoolOverview> {
    const org = await resolveOverviewOrg(actor, orgId);
    const children = await repo.childOrgs(db, org.id);
    const pools = await repo.poolsOfOrgs(db, [org.id, ...children.map((c) => c.id)]);
    const summaries = await summarise(db, actor, pools);
    const byOrg = new Map(summaries.map((s) => [s.org.id, s]));
    const inherited = await repo.inheritedTargets(db, [org.id]);
    const rows = children.map((c) => {
      const p = byOrg.get(c.id);
      const target = p ? p.target : (inherited.get(org.id) ?? null);
      const active = p?.active ?? 0;
      return {
        org: { id: c.id, name: c.name },
        pool: p ? { id: p.id, name: p.name } : null,
        active,
        target,
        percent: poolProgress(active, target),
      };
    });
    return {
      org: { id: org.id, name: org.name },
      pool: byOrg.get(org.id) ?? null,
      children: laggardsFirst(rows),
      manages: managesPool(actor, { org_path: org.path }),
    };
  }

  async function resolveOverviewOrg(actor: Actor, orgId: string | undefined) {
    const id = orgId ?? listScope(actor).prefixes[0]?.split('.').filter(Boolean).at(-1);
    if (!id) throw forbidden('您没有可查看的师资库');
    const org = await repo.findOrg(db, id);
    if (!org || !org.active || !readsOverview(actor, org.path)) throw notFound('组织');
    return org;
  }

  /** The 师资库统计表 of one pool (its active speakers), for its managers. */
  async function exportPool(actor: Actor, id: string, who: AuditWho) {
    const pool = await loadPool(actor, id);
    assertManagesPool(actor, pool);
    const speakers = await repo.listSpeakers(db, id, { status: 'active' });
    const buffer = await buildPoolWorkbook({
      now: clock.now(),
      sheets: [{ title: pool.org_name, unitName: pool.org_name, rows: poolSheetRows(speakers) }],
    });
    await audit(db, who, {
      action: 'pool.exported',
      entityType: 'speaker_pool',
      entityId: id,
      orgPath: pool.org_path,
    });
    return { buffer, fileName: `${pool.org_name}师资库统计表.xlsx`, asciiName: `speaker-pool-${id}.xlsx` };
  }

  /** The city's workbook: its own pool and each child's, one sheet per pool (managers of the org). */
  async function exportOverview(actor: Actor, orgId: string | undefined, who: AuditWho) {
    const org = await resolveOverviewOrg(actor, orgId);
    if (!managesPool(actor, { org_path: org.path }))
      throw forbidden('只有本级及上级的组织者或管理员可以导出统计表');
    const children = await repo.childOrgs(db, org.id);
    const order = [org.id, ...children.map((c) => c.id)];
    const pools = (await repo.poolsOfOrgs(db, order)).sort(
      (a, b) => order.indexOf(a.org_id) - order.indexOf(b.org_id),
    );
    const sheets = [];
    for (const p of pools)
      sheets.push({
        title: p.org_name,
        unitName: p.org_name,
        rows: poolSheetRows(await repo.listSpeakers(db, p.id, { status: 'active' })),
      });
    const buffer = await buildPoolWorkbook({ now: clock.now(), sheets });
    await audit(db, who, { action: 'pool.exported', entityType: 'org', entityId: org.id, orgPath: org.path });
    return {
      buffer,
      fileName: `${org.name}各级师资库统计表.xlsx`,
      asciiName: `speaker-pools-${org.id}.xlsx`,
    };
  }

  return { list, create, update, view, overview, exportPool, exportOverview };
}
