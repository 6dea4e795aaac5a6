import {
  beijingDate,
  coverageRate,
  formatBeijingDate,
  type ActivityNumbers,
  type CampaignSettings,
} from '@jiangtai/contracts';
import { invalid } from '../../lib/errors.ts';
import type { PathCount } from './repository.ts';

export const zeroNumbers = (stageKeys: readonly string[]): ActivityNumbers => ({
  branches: 0,
  members: 0,
  plansFiled: 0,
  lectures: 0,
  audience: 0,
  lecturedMembers: 0,
  coverage: null,
  secretaries: 0,
  lecturedSecretaries: 0,
  entries: Object.fromEntries(stageKeys.map((k) => [k, 0])),
  poolSpeakers: 0,
  ordersDelivered: 0,
});

/**
 * Which bucket a row of the subtree belongs to: the child org whose subtree holds the path, or the org
 * itself (本级, key '') when the path is the org's own.
 */
export function bucketOf(path: string, childPaths: readonly string[]): string | null {
  for (const c of childPaths) if (path.startsWith(c)) return c;
  return '';
}

type Counted = 'branches' | 'plansFiled' | 'lectures' | 'poolSpeakers' | 'ordersDelivered';

/** Adds per-path counts into the buckets' numbers (`sum` into `sumInto` when given). */
export function addCounts(
  buckets: Map<string, ActivityNumbers>,
  childPaths: readonly string[],
  rows: readonly PathCount[],
  into: Counted,
  sumInto?: 'audience',
) {
  for (const r of rows) {
    const b = buckets.get(bucketOf(r.path, childPaths) ?? '');
    if (!b) continue;
    b[into] += Number(r.n);
    if (sumInto) b[sumInto] += Number(r.sum ?? 0);
  }
}

export function addEntries(
  buckets: Map<string, ActivityNumbers>,
  childPaths: readonly string[],
  rows: readonly PathCount[],
) {
  for (const r of rows) {
    const b = buckets.get(bucketOf(r.path, childPaths) ?? '');
    if (b && r.key !== undefined && r.key in b.entries) b.entries[r.key]! += Number(r.n);
  }
}

/** Sums of rows; the coverage rate is worked out again from the summed counts. */
export function sumNumbers(rows: readonly ActivityNumbers[], stageKeys: readonly string[]): ActivityNumbers {
  const t = zeroNumbers(stageKeys);
  for (const r of rows) {
    for (const k of [
      'branches',
      'members',
      'plansFiled',
      'lectures',
      'audience',
      'lecturedMembers',
      'secretaries',
      'lecturedSecretaries',
      'poolSpeakers',
      'ordersDelivered',
    ] as const)
      t[k] += r[k];
    for (const k of stageKeys) t.entries[k]! += r.entries[k] ?? 0;
  }
  return withRate(t);
}

export const withRate = (n: ActivityNumbers): ActivityNumbers => ({
  ...n,
  coverage: coverageRate({ members: n.members, lectured: n.lecturedMembers }),
});

export const isZero = (n: ActivityNumbers) =>
  Object.entries(n).every(([k, v]) =>
    k === 'coverage' ? true : k === 'entries' ? Object.values(v as object).every((x) => x === 0) : v === 0,
  );

/**
 * The period asked for, checked: both days inside the campaign's season, the first not after the last.
 * Left out, it is the season (from its start to its end).
 */
export function resolvePeriod(
  settings: Pick<CampaignSettings, 'startsOn' | 'endsOn'>,
  q: { from?: string; to?: string },
): { from: string; to: string } {
  const from = q.from ?? settings.startsOn;
  const to = q.to ?? settings.endsOn;
  const season = `${formatBeijingDate(settings.startsOn)}至${formatBeijingDate(settings.endsOn)}`;
  if (from < settings.startsOn || to > settings.endsOn)
    throw invalid(`统计期间须在活动期间（${season}）之内`);
  if (from > to) throw invalid('统计期间的开始日期不能晚于结束日期');
  return { from, to };
}

/** 2026年3月1日至2026年6月30日 */
export const periodText = (p: { from: string; to: string }) =>
  `${formatBeijingDate(p.from)}至${formatBeijingDate(p.to)}`;

/** A file name's date stamp. */
export const stamp = (now: Date) => beijingDate(now).replaceAll('-', '');
