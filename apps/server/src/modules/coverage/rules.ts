import type { CoverageNumbers, LeaderGroup } from '@jiangtai/contracts';
import type { PathSums } from './repository.ts';

/**
 * Pure pieces of 人人上讲台 coverage. The counting itself (which records count, where a member
 * counts, leader groups) is done by the database's rollups (migration 031); these turn the sums into
 * what the page and the export show.
 */

export const ZERO_SUMS: PathSums = {
  members: 0,
  secretaries: 0,
  deputies: 0,
  committee: 0,
  lectured: 0,
  lecturedSecretaries: 0,
  lecturedDeputies: 0,
  lecturedCommittee: 0,
};

export function addSums(a: PathSums, b: PathSums): PathSums {
  return {
    members: a.members + b.members,
    secretaries: a.secretaries + b.secretaries,
    deputies: a.deputies + b.deputies,
    committee: a.committee + b.committee,
    lectured: a.lectured + b.lectured,
    lecturedSecretaries: a.lecturedSecretaries + b.lecturedSecretaries,
    lecturedDeputies: a.lecturedDeputies + b.lecturedDeputies,
    lecturedCommittee: a.lecturedCommittee + b.lecturedCommittee,
  };
}

export function toNumbers(s: PathSums): CoverageNumbers {
  const leaders: Record<LeaderGroup, { members: number; lectured: number }> = {
    secretaries: { members: s.secretaries, lectured: s.lecturedSecretaries },
    deputies: { members: s.deputies, lectured: s.lecturedDeputies },
    committee: { members: s.committee, lectured: s.lecturedCommittee },
  };
  return { members: s.members, lectured: s.lectured, leaders };
}

/** A branch's 书记 check: every active 书记 directly in it has lectured; null when it has none. */
export function secretaryLectured(own: { secretaries: number; lectured: number }): boolean | null {
  if (own.secretaries <= 0) return null;
  return own.lectured >= own.secretaries;
}

/** Path prefixes with nested ones removed ('1.5.' covers '1.5.9.'), in the order given. */
export function outermost(paths: readonly string[]): string[] {
  const unique = [...new Set(paths)];
  return unique.filter((p) => !unique.some((q) => q !== p && p.startsWith(q)));
}

/**
 * Where two sets of subtrees overlap: the viewer's subtrees within the campaign's participating ones.
 * A viewer above a participating org sees that org; one below sees their own subtree.
 */
export function intersectSubtrees(viewer: readonly string[], participating: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of viewer)
    for (const p of participating) {
      if (v.startsWith(p)) out.push(v);
      else if (p.startsWith(v)) out.push(p);
    }
  return outermost(out);
}

/** The ancestors of `path` from `top` (inclusive) down to its parent, as path prefixes. */
export function ancestorPaths(path: string, top: string): string[] {
  const ids = path.split('.').filter(Boolean);
  const out: string[] = [];
  let p = '';
  for (const id of ids.slice(0, -1)) {
    p += `${id}.`;
    if (p.length >= top.length) out.push(p);
  }
  return out;
}

/** The org id a path ends with. */
export const lastId = (path: string) => path.split('.').filter(Boolean).at(-1)!;
