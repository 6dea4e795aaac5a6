import type { OrgType } from '../../db/types.ts';
import { safeSegment } from '../entries/file-names.ts';
import type { ItemRow } from './repository.ts';

/** Org types that name a 单位 folder: the level at which the city's material is handed in. */
const UNIT_TYPES: ReadonlySet<OrgType> = new Set(['county', 'unit', 'system']);

/**
 * 单位/类别/日期-标题: the 单位 is the nearest county, unit or system at or above the item's org inside
 * the archive's org (the archive's org itself when there is none, e.g. a branch's own archive). Folder
 * names are unique within their category: a second 「2026-07-01-主题党日」 becomes 「…(2)」.
 */
export function archiveFolders(
  top: { id: string; name: string; path: string },
  orgs: readonly { id: string; name: string; path: string; type: OrgType }[],
) {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const unitCache = new Map<string, string>();
  const used = new Set<string>();

  const unitOf = (path: string): string => {
    const hit = unitCache.get(path);
    if (hit) return hit;
    const ids = path.split('.').filter(Boolean);
    const topDepth = top.path.split('.').filter(Boolean).length;
    let name = top.name;
    // Walk down from the archive's org: the first unit-like org on the way wins.
    for (let i = topDepth - 1; i < ids.length; i++) {
      const o = byId.get(ids[i]!);
      if (o && UNIT_TYPES.has(o.type)) {
        name = o.name;
        break;
      }
    }
    unitCache.set(path, name);
    return name;
  };

  return (r: ItemRow, category: string) => {
    const unit = unitOf(r.org_path);
    const base = `${safeSegment(unit)}/${category}/${safeSegment(`${r.day}-${r.title}`)}`;
    let path = base;
    for (let i = 2; used.has(path); i++) path = `${base}(${i})`;
    used.add(path);
    return { path, columns: [unit, category, r.day, r.title] };
  };
}
