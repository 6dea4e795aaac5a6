import type { DrawFinalist } from '@jiangtai/contracts';
import type { RoundRow } from '../../reviews/repository.ts';
import { conflict, invalid } from '../../../lib/errors.ts';

/** The draw's pure rules: which rounds draw, the published list, and a hand-drawn order's check. */

/** Only a final (决赛) is drawn on the evening. */
export function assertFinalRound(r: Pick<RoundRow, 'campaign_settings' | 'stage_key'>) {
  const stage = r.campaign_settings.stages.find((s) => s.key === r.stage_key);
  if (stage?.kind !== 'final') throw conflict('只有决赛轮次需要抽签决定出场顺序，本轮不是决赛');
}

const byId = (a: { entryId: string }, b: { entryId: string }) => {
  const x = BigInt(a.entryId);
  const y = BigInt(b.entryId);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The list the algorithm shuffles: the competing entries, ascending (numeric) entry id. */
export function finalistsList(
  rows: readonly {
    entry_id: string;
    speaker_name: string;
    unit_name: string;
    title: string;
    left_at: Date | null;
  }[],
): DrawFinalist[] {
  return rows
    .filter((e) => !e.left_at)
    .map((e) => ({ entryId: e.entry_id, speakerName: e.speaker_name, unitName: e.unit_name, title: e.title }))
    .sort(byId);
}

export const MIN_FINALISTS = 2;

export function assertEnoughFinalists(finalists: readonly DrawFinalist[]) {
  if (finalists.length < MIN_FINALISTS)
    throw conflict(`本轮只有 ${finalists.length} 名参赛选手，至少 ${MIN_FINALISTS} 名才需要抽签`);
}

const names = (list: readonly DrawFinalist[]) => list.map((f) => f.speakerName).join('、');

/** A hand-drawn order must name every finalist exactly once and nobody else (400 otherwise). */
export function assertCompleteOrder(finalists: readonly DrawFinalist[], order: readonly string[]) {
  const known = new Map(finalists.map((f) => [f.entryId, f]));
  const seen = new Set<string>();
  const doubled: DrawFinalist[] = [];
  const strangers: string[] = [];
  for (const id of order) {
    const f = known.get(id);
    if (!f) strangers.push(id);
    else if (seen.has(id)) doubled.push(f);
    seen.add(id);
  }
  const missing = finalists.filter((f) => !seen.has(f.entryId));
  const problems = [
    strangers.length ? `有 ${strangers.length} 个作品不是本轮决赛选手` : '',
    doubled.length ? `重复排列了：${names(doubled)}` : '',
    missing.length ? `缺少：${names(missing)}` : '',
  ].filter(Boolean);
  if (problems.length)
    throw invalid(`出场顺序应包含全部 ${finalists.length} 名选手且每人一次。${problems.join('；')}`, [
      { path: 'order', message: problems.join('；') },
    ]);
}
