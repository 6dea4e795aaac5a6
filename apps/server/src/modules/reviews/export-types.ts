/**
 * Input of the round exports (export-xlsx.ts): a review round already tallied and ranked, in plain
 * strings and numbers, so the workbook writers need neither the database nor the scoring code.
 */

/** One rubric item; `key` matches the keys of `SheetJudgeScore.criteria`. */
export interface SheetCriterion {
  key: string;
  name: string;
  max: number;
}

/** A judge of the round; `name` also names the judge's sheet in the per-judge workbook. */
export interface SheetJudge {
  id: string;
  name: string;
}

/** One judge's score on one entry (one per judge assigned to the entry). */
export interface SheetJudgeScore {
  judgeId: string;
  /** submitted: counted or dropped; removed: judge taken off this entry by the organiser; missing: not yet scored */
  status: 'submitted' | 'removed' | 'missing';
  total: string | null; // decimal string, e.g. "86.5"
  criteria: Record<string, string>; // criterion key -> decimal string
  dropped: 'highest' | 'lowest' | null;
  comment: string | null;
  removedReason: string | null;
}

/** One entry of the round with its result and every assigned judge's score. */
export interface SheetEntry {
  code: string; // random entry code, e.g. "K7Q2M9"
  title: string;
  speaker: string; // speaker name ('' in a blind round's per-judge sheets, see below)
  unit: string; // unit (organisation) name
  category: string; // category name
  rank: number | null;
  score: string | null; // final score as shown on screen, already rounded, e.g. "86.13"
  untrimmedMean: string | null;
  /** yes / no, or pending while a tie across the cut awaits the organiser's decision (待定). */
  advancement: 'yes' | 'no' | 'pending';
  advancementNote: string | null; // why it is pending, Chinese
  note: string | null; // flags / tie decision / how the tie rule separated it, Chinese
  judges: SheetJudgeScore[];
}

/** Everything the three round workbooks (评分总表, 评委评分表, 监督汇总) are written from. */
export interface RoundSheetData {
  campaignTitle: string;
  roundName: string; // e.g. "复赛评审"
  stageName: string; // e.g. "复赛"
  blind: boolean;
  decimals: number;
  dropHighest: number;
  dropLowest: number;
  criteria: SheetCriterion[];
  judges: SheetJudge[];
  entries: SheetEntry[]; // already in rank order
  generatedAt: Date;
  resultsHash: string | null; // sealed results hash, when sealed
  chainHead: string; // score log head hash of the results in this file (what a sign-off pins)
  records: number; // score log records up to that head
  /** current: signed at today's head; otherwise the results changed after the signature (已失效). */
  signoffs: { name: string; at: Date; comment: string | null; current: boolean }[];
}
