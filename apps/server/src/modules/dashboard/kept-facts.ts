import type { OrgType } from '@jiangtai/contracts';
import * as coverageRepo from '../coverage/repository.ts';
import { BRANCH_ORG_TYPES } from '../org/branch-leaders.ts';
import type { Db } from '../org/tables.ts';
import { cachedLists, changeKey, keep, keptAt, shardKey, wholeKey, type ChangeKey } from './laggard-cache.ts';
import { furthestBehind, type LaggardCandidate } from './laggards.ts';
import { isBranchType, isTopLevel } from './numbers.ts';
import * as repo from './repository.ts';
import type { TreeFacts } from './tree-facts.ts';

const LIMIT = 10;
/** Subtrees with this many branches look for branches with nothing done before ranking them all. */
const ZERO_FIRST_FROM = 2000;

/**
 * What the dashboard reads from the org tree and the rollups of plans, lectures and coverage for one
 * subtree: everything but the small tables (entries, pools, orders, study tasks, rounds). It changes only
 * when those inputs do, so it is kept in memory under their change key (laggard-cache.ts).
 */
export interface KeptFacts {
  /** The top's children, inactive ones too, in the tree's order. */
  kids: Awaited<ReturnType<typeof repo.childOrgs>>;
  /** Branches that file plans per child of the top ('' for the top itself). */
  branchCounts: Map<string, number>;
  /** Plan and lecture rollup rows of the top and its children. */
  seasonRows: repo.SeasonRow[];
  /** Coverage rollup rows of the top and its children (coverage's repository). */
  coverageRows: Awaited<ReturnType<typeof coverageRepo.childSums>>;
  /** Plans filed and lectures per week over the subtree. */
  weeks: { week: string; plans: number; lectures: number }[];
  /** The subtree's branches furthest behind, at most 10 per measure. */
  plans: LaggardCandidate[];
  lectures: LaggardCandidate[];
  coverage: LaggardCandidate[];
}

export const laggardCandidate = (r: {
  id: string;
  name: string;
  type: string;
  parent_name: string | null;
  done: number;
  of: number;
}): LaggardCandidate => ({
  org: { id: r.id, name: r.name, type: r.type as OrgType },
  isBranch: true,
  parentName: r.parent_name,
  done: r.done,
  of: r.of,
});

/**
 * Plans and lectures: usually at least 10 branches have nothing done, and those are the list; the
 * subtree is ranked whole only when they are fewer. Coverage is ranked whole. Ranked where the numbers
 * are (the rollups, in the database), so a city's thousands of branches are not read out.
 */
async function branchesBehind(
  db: Db,
  campaignId: string,
  top: { id: string; path: string },
  tree: { branches: number; parentIds: readonly string[] },
) {
  // Below a few thousand branches ranking them all is as quick as looking for those with nothing done
  // first (which late in the season finds fewer than 10, and then ranks them all anyway).
  const zero =
    tree.branches >= ZERO_FIRST_FROM
      ? await repo.zeroBranchesSeason(db, campaignId, top, BRANCH_ORG_TYPES, LIMIT, tree.parentIds)
      : { plans: null, lectures: null };
  const ranked =
    zero.plans && zero.lectures
      ? []
      : await repo.lowestBranchesSeason(db, campaignId, top, BRANCH_ORG_TYPES, LIMIT);
  const coverage = await repo.lowestBranchCoverage(db, campaignId, top, BRANCH_ORG_TYPES, LIMIT);
  return {
    plans: (zero.plans ?? ranked.filter((r) => r.measure === 'plans')).map(laggardCandidate),
    lectures: (zero.lectures ?? ranked.filter((r) => r.measure === 'lectures')).map(laggardCandidate),
    coverage: coverage.map(laggardCandidate),
  };
}

/** KeptFacts counted now, whatever is kept. */
export async function countKeptFacts(
  db: Db,
  campaignId: string,
  top: { id: string; path: string },
  tree: TreeFacts,
): Promise<KeptFacts> {
  const kids = await repo.childOrgs(db, top.id);
  const kidPaths = kids.map((k) => k.path);
  return {
    kids,
    branchCounts: await repo.branchCountsFromTree(db, campaignId, top, tree.branches),
    seasonRows: await repo.seasonRows(db, campaignId, [top.path, ...kidPaths]),
    coverageRows: await coverageRepo.childSums(db, campaignId, top),
    weeks: await repo.weekRows(db, campaignId, top.path, kidPaths),
    ...(await branchesBehind(db, campaignId, top, {
      branches: tree.branches.length,
      parentIds: tree.parentIds,
    })),
  };
}

/** One child's part of a top-level org's KeptFacts (its subtree, the child itself included). */
interface Part {
  branches: number;
  season: repo.SeasonRow | null;
  coverage: KeptFacts['coverageRows'][number] | null;
  weeks: { week: string; plans: number; lectures: number }[];
  plans: LaggardCandidate[];
  lectures: LaggardCandidate[];
  coverageBehind: LaggardCandidate[];
}

/** The children's subtrees' branch laggards, each child itself included (`id` 0 excludes no org). */
async function partLists(db: Db, campaignId: string, kid: { path: string }, tree: TreeFacts) {
  const inside = new Set(tree.branches.filter((b) => b.path.startsWith(kid.path)).map((b) => b.id));
  return branchesBehind(
    db,
    campaignId,
    { id: '0', path: kid.path },
    { branches: inside.size, parentIds: tree.parentIds.filter((id) => inside.has(id)) },
  );
}

/**
 * KeptFacts of a top-level org (the city) put together from its children's parts, each kept under its
 * own shard's key: a lecture recorded in one county counts that county again, not the city. The parts
 * come out in a few statements for all children that changed (their rollup rows by path, branches per
 * child from the tree), plus the laggard lists per changed child; the city's own rows are a part too.
 */
async function composedFacts(
  db: Db,
  campaignId: string,
  top: { id: string; path: string },
  tree: TreeFacts,
  key: ChangeKey,
): Promise<KeptFacts> {
  const kidsId = `${campaignId}|${top.path}|kids`;
  const kids = keptAt<KeptFacts['kids']>(db, kidsId, key.tree) ?? (await repo.childOrgs(db, top.id));
  const ids = new Map(kids.map((k) => [k.path, `${campaignId}|${k.path}|part`]));
  const ownId = `${campaignId}|${top.path}|own`;
  const parts = new Map<string, Part>();
  const stale: typeof kids = [];
  for (const k of kids) {
    const hit = keptAt<Part>(db, ids.get(k.path)!, shardKey(key, k.path, top.path));
    if (hit) parts.set(k.path, hit);
    else stale.push(k);
  }
  type Own = {
    season: repo.SeasonRow | null;
    coverage: KeptFacts['coverageRows'][number] | null;
    weeks: Part['weeks'];
  };
  let own = keptAt<Own>(db, ownId, shardKey(key, top.path, top.path));
  if (stale.length > 0 || !own) {
    const paths = [top.path, ...stale.map((k) => k.path)];
    const seasons = new Map((await repo.seasonRows(db, campaignId, paths)).map((r) => [r.path, r]));
    const covers = await coverageRepo.childSums(
      db,
      campaignId,
      top,
      stale.map((k) => k.id),
    );
    const weeks = await repo.weekRowsByPath(db, campaignId, paths);
    const weeksOf = (path: string) =>
      weeks.filter((w) => w.path === path).map(({ week, plans, lectures }) => ({ week, plans, lectures }));
    const counts = stale.length
      ? await repo.branchCountsFromTree(
          db,
          campaignId,
          top,
          tree.branches.filter((b) => stale.some((k) => b.path.startsWith(k.path))),
        )
      : new Map<string, number>();
    own = {
      season: seasons.get(top.path) ?? null,
      coverage: covers.find((r) => r.self) ?? null,
      weeks: weeksOf(top.path),
    };
    const fresh = new Map<string, Part>();
    for (const k of stale) {
      const lists = await partLists(db, campaignId, k, tree);
      fresh.set(k.path, {
        branches: counts.get(k.id) ?? 0,
        season: seasons.get(k.path) ?? null,
        coverage: covers.find((r) => r.child === k.id) ?? null,
        weeks: weeksOf(k.path),
        plans: lists.plans,
        lectures: lists.lectures,
        coverageBehind: lists.coverage,
      });
    }
    // Kept only where nothing committed while they were counted.
    const after = await changeKey(db, campaignId, top.path);
    if (after.tree === key.tree) keep(db, kidsId, key.tree, kids);
    if (shardKey(after, top.path, top.path) === shardKey(key, top.path, top.path))
      keep(db, ownId, shardKey(key, top.path, top.path), own);
    for (const [path, part] of fresh) {
      parts.set(path, part);
      if (shardKey(after, path, top.path) === shardKey(key, path, top.path))
        keep(db, ids.get(path)!, shardKey(key, path, top.path), part);
    }
  }
  const all = kids.map((k) => parts.get(k.path)!);
  const byWeek = new Map<string, { week: string; plans: number; lectures: number }>();
  for (const w of [...own.weeks, ...all.flatMap((p) => p.weeks)]) {
    const x = byWeek.get(w.week) ?? { week: w.week, plans: 0, lectures: 0 };
    byWeek.set(w.week, { week: w.week, plans: x.plans + w.plans, lectures: x.lectures + w.lectures });
  }
  const behind = (pick: (p: Part) => LaggardCandidate[]) =>
    all.flatMap(pick).sort(furthestBehind).slice(0, LIMIT);
  return {
    kids,
    branchCounts: new Map(kids.flatMap((k, i) => (all[i]!.branches ? [[k.id, all[i]!.branches]] : []))),
    seasonRows: [own.season, ...all.map((p) => p.season)].filter((r): r is repo.SeasonRow => r !== null),
    coverageRows: [
      ...(own.coverage ? [own.coverage] : []),
      ...all.flatMap((p) => (p.coverage ? [{ ...p.coverage, self: false }] : [])),
    ],
    weeks: [...byWeek.values()].sort((a, b) => (a.week < b.week ? -1 : 1)),
    plans: behind((p) => p.plans),
    lectures: behind((p) => p.lectures),
    coverage: behind((p) => p.coverageBehind),
  };
}

/**
 * KeptFacts of `top` at `key`: from memory while the key has not moved, counted otherwise. A top-level
 * org that is not a branch (the city) is put together from its children's parts (composedFacts).
 */
export function keptFacts(
  db: Db,
  campaignId: string,
  top: { id: string; path: string; type: string },
  tree: TreeFacts,
  key: ChangeKey,
): Promise<KeptFacts> {
  if (isTopLevel(top.path) && !isBranchType(top.type)) return composedFacts(db, campaignId, top, tree, key);
  return cachedLists(
    db,
    `${campaignId}|${top.path}`,
    wholeKey(key),
    () => countKeptFacts(db, campaignId, top, tree),
    async () => wholeKey(await changeKey(db, campaignId, top.path)),
  );
}
