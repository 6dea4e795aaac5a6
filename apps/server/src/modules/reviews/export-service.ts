import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { contentDisposition } from '../entries/file-names.ts';
import * as repo from './repository.ts';
import { assertSeesResults, loadRound, stageName } from './round-context.ts';
import type { RoundSheetData, SheetJudgeScore } from './export-types.ts';
import { exportFileName, fullScoreSheet, judgeSheets, supervisorSummary } from './export-xlsx.ts';
import type { ResultsService } from './results-service.ts';

const builders = { full: fullScoreSheet, judges: judgeSheets, summary: supervisorSummary } as const;
export type ExportKind = keyof typeof builders;

/** The round's .xlsx exports, built from the same results the screen shows. */
export function exportService(deps: AppDeps, results: ResultsService) {
  const { db, clock } = deps;

  async function sheetData(actor: Actor, id: string): Promise<RoundSheetData> {
    const r = await loadRound(db, id);
    await assertSeesResults(db, actor, r);
    const view = await results.results(actor, id);
    const panel = await repo.listPanel(db, id);
    const signoffs = await repo.listSignoffs(db, id);
    return {
      campaignTitle: r.campaign_title,
      roundName: r.config.name,
      stageName: stageName(r),
      blind: r.config.blind,
      decimals: view.decimals,
      dropHighest: view.dropHighest,
      dropLowest: view.dropLowest,
      criteria: r.config.criteria.map((c) => ({ key: c.key, name: c.name, max: c.max })),
      judges: panel.map((j) => ({ id: j.user_id, name: j.display_name })),
      entries: view.items.map((it) => ({
        code: it.code,
        title: it.title,
        speaker: it.speakerName,
        unit: it.unitName,
        category: it.categoryName,
        rank: it.rank,
        score: it.score,
        untrimmedMean: it.untrimmedMean,
        advancement: it.advancement,
        advancementNote: it.advancementNote,
        note: [it.note, ...it.flags].filter(Boolean).join('；') || null,
        judges: it.judges.map((j): SheetJudgeScore => ({
          judgeId: j.judgeId,
          status: j.status === 'removed' ? 'removed' : j.status === 'submitted' ? 'submitted' : 'missing',
          total: j.total,
          criteria: Object.fromEntries(Object.entries(j.criteria ?? {}).map(([k, v]) => [k, v ?? '0'])),
          dropped: j.dropped,
          comment: j.comment ?? null,
          removedReason: j.removedReason,
        })),
      })),
      generatedAt: clock.now(),
      resultsHash: r.seal_hash,
      // The head the results above were computed from, so the printed sheet pins exactly them.
      chainHead: view.chainHead,
      records: view.records,
      signoffs: signoffs.map((s) => ({
        name: s.display_name,
        at: s.at,
        comment: s.comment || null,
        current: s.chain_head === view.chainHead,
      })),
    };
  }

  async function workbook(actor: Actor, id: string, kind: ExportKind, who: AuditWho) {
    const data = await sheetData(actor, id);
    const buffer = await builders[kind](data);
    const r = await loadRound(db, id);
    await audit(db, who, {
      action: 'round.exported',
      entityType: 'review_round',
      entityId: id,
      orgPath: r.scope_org_path,
      after: { kind },
    });
    return { buffer, disposition: contentDisposition('attachment', exportFileName(data, kind)) };
  }

  return { workbook };
}
