import ExcelJS from 'exceljs';
import { formatBeijingDateTime } from '@jiangtai/contracts';
import type {
  RoundSheetData,
  SheetCriterion,
  SheetEntry,
  SheetJudge,
  SheetJudgeScore,
} from './export-types.ts';

/**
 * The .xlsx exports of a review round: 评分总表 (every judge's score of every entry), 评委评分表 (one
 * sheet per judge, to print and sign) and 监督汇总 (round facts, ranking, supervisors' sign-offs).
 * Scores are written as numbers with a number format, never as text, so the files can be summed and
 * checked in Excel; what Excel shows equals what the platform shows.
 */

const FULL_SHEET = '评分总表';
const SUMMARY_SHEET = '监督汇总';

const CREATOR = '讲台 Jiangtai';
/** Header band, as in the org import template (org/excel/template.ts). */
const HEADER_FILL = 'FFFDECEA';
const DROPPED_FILL: Record<'highest' | 'lowest', string> = { highest: 'FFFCE4D6', lowest: 'FFDDEBF7' };
const DROPPED_NOTE: Record<'highest' | 'lowest', string> = {
  highest: '去掉的最高分',
  lowest: '去掉的最低分',
};
const GREY = 'FF808080';
const REMOVED_TEXT = '已移除';
const MISSING_TEXT = '未评';
const NO_VALUE = '—';
const JUDGE_SIGNATURE = '评委签名：＿＿＿＿　日期：＿＿＿＿';
const SUPERVISOR_SIGNATURE = '监督员签名：＿＿＿＿';

const FILE_KIND: Record<'full' | 'judges' | 'summary', string> = {
  full: '评分总表',
  judges: '评委评分表',
  summary: '监督汇总',
};

/* ---------- small formatting helpers ---------- */

/** Excel number format with exactly `decimals` places: 0, 0.0, 0.00, … */
function fixedFormat(decimals: number): string {
  return decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0';
}

/** Places after the point in a decimal string as entered ("8.5" → 1, "9" → 0). */
function placesOf(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

/** Without control characters (C0 and DEL), which neither sheet names nor file names may hold. */
function stripControl(text: string): string {
  return [...text].filter((ch) => ch.charCodeAt(0) >= 0x20 && ch !== '\u007f').join('');
}

/** Approximate display width: CJK and full-width characters count twice. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return width;
}

const widthFor = (texts: string[], min: number, max: number) =>
  Math.min(max, Math.max(min, ...texts.map((t) => displayWidth(t) + 2)));

/** A decimal string written as a number; `format` null keeps the places it was entered with. */
function setDecimal(cell: ExcelJS.Cell, value: string | null, format: string | null) {
  const n = value === null ? NaN : Number(value);
  if (value === null || value.trim() === '' || !Number.isFinite(n)) {
    cell.value = value === null || value.trim() === '' ? NO_VALUE : value;
    cell.alignment = { horizontal: 'center' };
    return;
  }
  cell.value = n;
  cell.numFmt = format ?? fixedFormat(Math.min(placesOf(value.trim()), 4));
}

function styleHeaderCell(cell: ExcelJS.Cell) {
  cell.font = { bold: true };
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  cell.border = { bottom: { style: 'thin' } };
}

/** A line of text across columns 1..lastCol of `row`. */
function writeLine(
  sheet: ExcelJS.Worksheet,
  row: number,
  lastCol: number,
  text: string,
  font?: Partial<ExcelJS.Font>,
) {
  if (lastCol > 1) sheet.mergeCells(row, 1, row, lastCol);
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  if (font) cell.font = font;
  cell.alignment = { vertical: 'middle', wrapText: false };
}

function writeTitle(sheet: ExcelJS.Worksheet, lastCol: number, text: string) {
  writeLine(sheet, 1, lastCol, text, { bold: true, size: 14 });
  sheet.getRow(1).height = 24;
}

/** A4 landscape, all columns on one page width, header rows repeated on every page. */
function printSetup(sheet: ExcelJS.Worksheet, titleRows: string) {
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: titleRows,
  };
}

const newWorkbook = () => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = CREATOR;
  return workbook;
};

const toBuffer = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());

const ADVANCEMENT_TEXT: Record<SheetEntry['advancement'], string> = { yes: '是', no: '否', pending: '待定' };

/** What an entry's note cell says: why it is pending first, then the tie and flag notes. */
const entryNote = (e: SheetEntry) => [e.advancementNote, e.note].filter(Boolean).join('；');

/**
 * The head the sheet was computed from, under the signatures: a supervisor's sign-off pins this head,
 * and anyone can type it into the 监督 page's check to see whether today's log still extends it.
 */
const chainLines = (d: RoundSheetData) => [
  `评分记录：共 ${d.records} 条；链头哈希：${d.chainHead}`,
  '签字确认的是以上链头下的评分结果；此后评分记录如有变动，签字即失效。可在平台「监督」页输入此哈希核对。',
];

/* ---------- one judge's score on one entry ---------- */

interface BlockOptions {
  /** Mark a dropped total (strikethrough, fill, note): the full sheet does, the judge's own sheet not. */
  markDropped: boolean;
}

/**
 * Writes a judge's criteria and total into `criteria.length + 1` cells from `col`: numbers as
 * entered; 已移除 (reason in a note) for a removed judge; 未评 when not yet scored; empty when the
 * judge is not assigned to the entry.
 */
function writeJudgeBlock(
  row: ExcelJS.Row,
  col: number,
  criteria: SheetCriterion[],
  score: SheetJudgeScore | undefined,
  options: BlockOptions,
) {
  const cells = [...criteria.map((_, i) => row.getCell(col + i)), row.getCell(col + criteria.length)];
  const total = cells[cells.length - 1]!;
  if (!score) return;
  switch (score.status) {
    case 'removed':
      for (const cell of cells) markText(cell, REMOVED_TEXT);
      total.note = removedNote(score);
      return;
    case 'missing':
      for (const cell of cells) markText(cell, MISSING_TEXT);
      return;
    case 'submitted':
      criteria.forEach((c, i) => setDecimal(cells[i]!, score.criteria[c.key] ?? null, null));
      setDecimal(total, score.total, null);
      total.font = { bold: true };
      if (options.markDropped && score.dropped) markDropped(total, score.dropped);
      return;
  }
}

function markText(cell: ExcelJS.Cell, text: string) {
  cell.value = text;
  cell.font = { color: { argb: GREY } };
  cell.alignment = { horizontal: 'center' };
}

function removedNote(score: SheetJudgeScore): string {
  const reason = score.removedReason?.trim() || '未填写';
  const original = score.total === null ? '' : `\n原合计：${score.total}`;
  return `移除原因：${reason}${original}`;
}

function markDropped(cell: ExcelJS.Cell, which: 'highest' | 'lowest') {
  cell.font = { bold: true, strike: true, color: { argb: GREY } };
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: DROPPED_FILL[which] } };
  cell.note = DROPPED_NOTE[which];
}

const scoreOf = (entry: SheetEntry, judgeId: string) => entry.judges.find((j) => j.judgeId === judgeId);

/* ---------- 评分总表 ---------- */

const FULL_LEAD = ['排名', '作品编号', '作品标题', '宣讲人', '单位', '类别'] as const;
const FULL_TAIL = ['未去分平均', '最后得分', '是否晋级', '备注'] as const;
/** Title row, then two header rows (judge names merged above criterion names). */
const FULL_HEADER_ROWS = 3;

/**
 * 「评分总表」: one row per entry in rank order; per judge a column per criterion plus 合计; then the
 * untrimmed mean, the final score (to the round's decimals), 晋级 and the note; a footer with the
 * generation time and the hashes.
 */
export async function fullScoreSheet(d: RoundSheetData): Promise<Buffer> {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet(FULL_SHEET, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: FULL_HEADER_ROWS }],
  });
  const block = d.criteria.length + 1;
  const judgeCol = (j: number) => FULL_LEAD.length + 1 + j * block;
  const tailCol = judgeCol(d.judges.length);
  const lastCol = tailCol + FULL_TAIL.length - 1;

  writeTitle(sheet, lastCol, `${d.campaignTitle} ${d.roundName} 评分总表`);
  writeFullHeader(sheet, d, judgeCol, tailCol);
  d.entries.forEach((entry, i) =>
    writeFullRow(sheet.getRow(FULL_HEADER_ROWS + 1 + i), d, entry, judgeCol, tailCol),
  );
  sizeFullColumns(sheet, d, judgeCol, tailCol);
  writeFooter(sheet, FULL_HEADER_ROWS + d.entries.length + 2, lastCol, d);
  printSetup(sheet, `2:${FULL_HEADER_ROWS}`);
  return toBuffer(workbook);
}

function writeFullHeader(
  sheet: ExcelJS.Worksheet,
  d: RoundSheetData,
  judgeCol: (j: number) => number,
  tailCol: number,
) {
  const top = 2;
  const bottom = 3;
  const spanning = (col: number, text: string) => {
    sheet.mergeCells(top, col, bottom, col);
    sheet.getCell(top, col).value = text;
  };
  FULL_LEAD.forEach((text, i) => spanning(i + 1, text));
  FULL_TAIL.forEach((text, i) => spanning(tailCol + i, text));
  d.judges.forEach((judge, j) => {
    const col = judgeCol(j);
    if (d.criteria.length > 0) sheet.mergeCells(top, col, top, col + d.criteria.length);
    sheet.getCell(top, col).value = judge.name;
    d.criteria.forEach((c, i) => (sheet.getCell(bottom, col + i).value = c.name));
    sheet.getCell(bottom, col + d.criteria.length).value = '合计';
  });
  for (const r of [top, bottom]) sheet.getRow(r).eachCell({ includeEmpty: true }, styleHeaderCell);
}

function writeFullRow(
  row: ExcelJS.Row,
  d: RoundSheetData,
  entry: SheetEntry,
  judgeCol: (j: number) => number,
  tailCol: number,
) {
  const lead = [entry.rank ?? NO_VALUE, entry.code, entry.title, entry.speaker, entry.unit, entry.category];
  lead.forEach((v, i) => (row.getCell(i + 1).value = v));
  row.getCell(1).alignment = { horizontal: 'center' };
  d.judges.forEach((judge, j) =>
    writeJudgeBlock(row, judgeCol(j), d.criteria, scoreOf(entry, judge.id), { markDropped: true }),
  );
  const format = fixedFormat(d.decimals);
  setDecimal(row.getCell(tailCol), entry.untrimmedMean, format);
  setDecimal(row.getCell(tailCol + 1), entry.score, format);
  row.getCell(tailCol + 1).font = { bold: true };
  row.getCell(tailCol + 2).value = ADVANCEMENT_TEXT[entry.advancement];
  row.getCell(tailCol + 2).alignment = { horizontal: 'center' };
  row.getCell(tailCol + 3).value = entryNote(entry);
  row.getCell(tailCol + 3).alignment = { wrapText: true, vertical: 'top' };
}

function sizeFullColumns(
  sheet: ExcelJS.Worksheet,
  d: RoundSheetData,
  judgeCol: (j: number) => number,
  tailCol: number,
) {
  const texts = (pick: (e: SheetEntry) => string) => d.entries.map(pick);
  const widths = [
    6,
    widthFor(['作品编号', ...texts((e) => e.code)], 10, 14),
    widthFor(
      texts((e) => e.title),
      16,
      40,
    ),
    widthFor(['宣讲人', ...texts((e) => e.speaker)], 8, 14),
    widthFor(
      texts((e) => e.unit),
      12,
      30,
    ),
    widthFor(
      texts((e) => e.category),
      8,
      16,
    ),
  ];
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  d.judges.forEach((_, j) => {
    d.criteria.forEach((c, i) => (sheet.getColumn(judgeCol(j) + i).width = widthFor([c.name], 7, 14)));
    sheet.getColumn(judgeCol(j) + d.criteria.length).width = 8;
  });
  [12, 10, 9, 30].forEach((w, i) => (sheet.getColumn(tailCol + i).width = w));
}

function writeFooter(sheet: ExcelJS.Worksheet, fromRow: number, lastCol: number, d: RoundSheetData) {
  const lines = [
    `生成时间：${formatBeijingDateTime(d.generatedAt)}（北京时间）`,
    `评分记录链头哈希：${d.chainHead}`,
    ...chainLines(d),
    d.resultsHash ? `结果封存哈希：${d.resultsHash}` : '结果封存哈希：尚未封存',
  ];
  lines.forEach((text, i) =>
    writeLine(sheet, fromRow + i, lastCol, text, { color: { argb: GREY }, size: 9 }),
  );
}

/* ---------- 评委评分表 ---------- */

const INVALID_SHEET_CHARS = /[[\]:*?/\\]/g;
const SHEET_NAME_MAX = 31;

/** An Excel-valid sheet name: no []:*?/\, no leading or trailing apostrophe, at most 31 characters. */
function sanitizeSheetName(name: string): string {
  const cleaned = stripControl(name)
    .replace(INVALID_SHEET_CHARS, '')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
  return truncate(cleaned || '评委', SHEET_NAME_MAX);
}

/** At most `max` UTF-16 units, never splitting a surrogate pair. */
function truncate(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/** Sanitised names made unique (Excel compares them case-insensitively) by a (2), (3), … suffix. */
function uniqueSheetNames(names: string[]): string[] {
  const taken = new Set<string>(['history']);
  return names.map((raw) => {
    const base = sanitizeSheetName(raw);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) {
      const suffix = `(${n})`;
      name = truncate(base, SHEET_NAME_MAX - suffix.length).replace(/'+$/, '') + suffix;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

/** Entry columns of a judge's sheet: speaker and unit only when the round is not blind. */
function judgeLeadColumns(
  d: RoundSheetData,
): { header: string; value: (e: SheetEntry) => string; width: number }[] {
  const columns = [
    { header: '作品编号', value: (e: SheetEntry) => e.code, width: 12 },
    {
      header: '作品标题',
      value: (e: SheetEntry) => e.title,
      width: widthFor(
        d.entries.map((e) => e.title),
        16,
        40,
      ),
    },
  ];
  if (d.blind) return columns;
  return [
    ...columns,
    {
      header: '宣讲人',
      value: (e: SheetEntry) => e.speaker,
      width: widthFor(
        d.entries.map((e) => e.speaker),
        8,
        14,
      ),
    },
    {
      header: '单位',
      value: (e: SheetEntry) => e.unit,
      width: widthFor(
        d.entries.map((e) => e.unit),
        12,
        30,
      ),
    },
  ];
}

/**
 * 「评委评分表」: one sheet per judge (named after the judge) listing the entries the judge was
 * assigned, with the criteria, total and comment as entered, and a line for the judge's signature.
 * In a blind round speaker and unit columns are left out entirely.
 */
export async function judgeSheets(d: RoundSheetData): Promise<Buffer> {
  const workbook = newWorkbook();
  const names = uniqueSheetNames(d.judges.map((j) => j.name));
  d.judges.forEach((judge, i) => writeJudgeSheet(workbook.addWorksheet(names[i]!), d, judge));
  return toBuffer(workbook);
}

const JUDGE_HEADER_ROW = 3;

function writeJudgeSheet(sheet: ExcelJS.Worksheet, d: RoundSheetData, judge: SheetJudge) {
  const lead = judgeLeadColumns(d);
  const critCol = lead.length + 1;
  const commentCol = critCol + d.criteria.length + 1;
  writeTitle(sheet, commentCol, `${d.campaignTitle} ${d.roundName} 评委评分表`);
  writeLine(sheet, 2, commentCol, `评委：${judge.name}\u3000\u3000评审方式：${d.blind ? '盲评' : '实名'}`);

  const headers = [
    ...lead.map((c) => c.header),
    ...d.criteria.map((c) => `${c.name}（${c.max}分）`),
    '合计',
    '评语',
  ];
  const header = sheet.getRow(JUDGE_HEADER_ROW);
  headers.forEach((text, i) => styleHeaderCell(Object.assign(header.getCell(i + 1), { value: text })));

  const entries = d.entries.filter((e) => scoreOf(e, judge.id));
  entries.forEach((entry, i) => {
    const row = sheet.getRow(JUDGE_HEADER_ROW + 1 + i);
    const score = scoreOf(entry, judge.id)!;
    lead.forEach((c, k) => (row.getCell(k + 1).value = c.value(entry)));
    writeJudgeBlock(row, critCol, d.criteria, score, { markDropped: false });
    const comment = row.getCell(commentCol);
    comment.value = score.comment ?? '';
    comment.alignment = { wrapText: true, vertical: 'top' };
  });

  lead.forEach((c, k) => (sheet.getColumn(k + 1).width = c.width));
  d.criteria.forEach(
    (c, i) => (sheet.getColumn(critCol + i).width = widthFor([`${c.name}（${c.max}分）`], 9, 18)),
  );
  sheet.getColumn(commentCol - 1).width = 8;
  sheet.getColumn(commentCol).width = 40;

  const signRow = JUDGE_HEADER_ROW + entries.length + 3;
  writeLine(sheet, signRow, commentCol, JUDGE_SIGNATURE, { size: 12 });
  sheet.getRow(signRow).height = 28;
  chainLines(d).forEach((text, i) =>
    writeLine(sheet, signRow + 1 + i, commentCol, text, { color: { argb: GREY }, size: 9 }),
  );
  sheet.views = [{ state: 'frozen', ySplit: JUDGE_HEADER_ROW }];
  printSetup(sheet, `${JUDGE_HEADER_ROW}:${JUDGE_HEADER_ROW}`);
}

/* ---------- 监督汇总 ---------- */

/** Columns of the ranking table; facts and sign-offs are laid out over the same columns. */
const RANKING_HEADERS = ['排名', '作品编号', '标题', '宣讲人', '单位', '最后得分', '晋级', '说明'] as const;
const SUMMARY_WIDTHS = [8, 16, 32, 12, 24, 10, 8, 30];
const SUMMARY_LAST_COL = RANKING_HEADERS.length;

/** Judges per entry as assigned, e.g. "5", or "4～5" when panels differ. */
function panelSize(d: RoundSheetData): string {
  if (d.entries.length === 0) return '0';
  const sizes = d.entries.map((e) => e.judges.length);
  const min = Math.min(...sizes);
  const max = Math.max(...sizes);
  return min === max ? String(min) : `${min}～${max}`;
}

/** Scores submitted, and scores due (every assignment not removed). */
function scoreCounts(d: RoundSheetData): { submitted: number; due: number } {
  const all = d.entries.flatMap((e) => e.judges);
  return {
    submitted: all.filter((j) => j.status === 'submitted').length,
    due: all.filter((j) => j.status !== 'removed').length,
  };
}

function roundFacts(d: RoundSheetData): [string, string][] {
  const { submitted, due } = scoreCounts(d);
  return [
    ['评审轮次', d.roundName],
    ['阶段', d.stageName],
    ['评审方式', d.blind ? '盲评' : '实名'],
    ['每件评委数', panelSize(d)],
    ['去掉最高分', `${d.dropHighest} 个`],
    ['去掉最低分', `${d.dropLowest} 个`],
    ['保留小数位', `${d.decimals} 位`],
    ['作品数', String(d.entries.length)],
    ['评委数', String(d.judges.length)],
    ['已提交评分数 / 应提交数', `${submitted} / ${due}`],
    ['评分记录链头哈希', d.chainHead],
    ['评分记录条数', `${d.records} 条`],
    ['结果封存哈希', d.resultsHash ?? '尚未封存'],
    ['生成时间', `${formatBeijingDateTime(d.generatedAt)}（北京时间）`],
  ];
}

/** A label over columns A:B and its value over C to the last column; returns the next free row. */
function writeFacts(sheet: ExcelJS.Worksheet, fromRow: number, facts: [string, string][]): number {
  facts.forEach(([label, value], i) => {
    const r = fromRow + i;
    sheet.mergeCells(r, 1, r, 2);
    sheet.mergeCells(r, 3, r, SUMMARY_LAST_COL);
    const key = sheet.getCell(r, 1);
    key.value = label;
    key.font = { bold: true };
    sheet.getCell(r, 3).value = value;
  });
  return fromRow + facts.length;
}

function writeSectionTitle(sheet: ExcelJS.Worksheet, row: number, text: string) {
  writeLine(sheet, row, SUMMARY_LAST_COL, text, { bold: true, size: 12 });
}

function writeRanking(sheet: ExcelJS.Worksheet, fromRow: number, d: RoundSheetData): number {
  const header = sheet.getRow(fromRow);
  RANKING_HEADERS.forEach((text, i) =>
    styleHeaderCell(Object.assign(header.getCell(i + 1), { value: text })),
  );
  const format = fixedFormat(d.decimals);
  d.entries.forEach((e, i) => {
    const row = sheet.getRow(fromRow + 1 + i);
    [e.rank ?? NO_VALUE, e.code, e.title, e.speaker, e.unit].forEach(
      (v, k) => (row.getCell(k + 1).value = v),
    );
    row.getCell(1).alignment = { horizontal: 'center' };
    setDecimal(row.getCell(6), e.score, format);
    row.getCell(7).value = ADVANCEMENT_TEXT[e.advancement];
    row.getCell(7).alignment = { horizontal: 'center' };
    row.getCell(8).value = entryNote(e);
    row.getCell(8).alignment = { wrapText: true, vertical: 'top' };
  });
  return fromRow + 1 + d.entries.length;
}

/** 监督员 over A:B, 时间 in C, 意见 over D to the last column; returns the next free row. */
function writeSignoffs(sheet: ExcelJS.Worksheet, fromRow: number, d: RoundSheetData): number {
  const put = (r: number, name: string, at: string, comment: string) => {
    sheet.mergeCells(r, 1, r, 2);
    sheet.mergeCells(r, 4, r, SUMMARY_LAST_COL);
    sheet.getCell(r, 1).value = name;
    sheet.getCell(r, 3).value = at;
    sheet.getCell(r, 4).value = comment;
    sheet.getCell(r, 4).alignment = { wrapText: true, vertical: 'top' };
  };
  put(fromRow, '监督员', '时间', '意见');
  for (const col of [1, 3, 4]) styleHeaderCell(sheet.getCell(fromRow, col));
  if (d.signoffs.length === 0) {
    put(fromRow + 1, '（暂无）', '', '');
    return fromRow + 2;
  }
  d.signoffs.forEach((s, i) =>
    put(
      fromRow + 1 + i,
      s.name,
      formatBeijingDateTime(s.at),
      s.current ? (s.comment ?? '') : `【已失效：签字后评分结果有变动】${s.comment ?? ''}`,
    ),
  );
  return fromRow + 1 + d.signoffs.length;
}

/**
 * 「监督汇总」: the round's rules and counts with the score-log and results hashes, the ranking, the
 * supervisors' sign-offs and a line for a supervisor's signature.
 */
export async function supervisorSummary(d: RoundSheetData): Promise<Buffer> {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet(SUMMARY_SHEET);
  SUMMARY_WIDTHS.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  writeTitle(sheet, SUMMARY_LAST_COL, `${d.campaignTitle} ${d.roundName} 监督汇总`);

  writeSectionTitle(sheet, 3, '一、评审概况');
  let row = writeFacts(sheet, 4, roundFacts(d));
  writeSectionTitle(sheet, row + 1, '二、评审结果');
  row = writeRanking(sheet, row + 2, d);
  writeSectionTitle(sheet, row + 1, '三、监督意见');
  row = writeSignoffs(sheet, row + 2, d);
  writeLine(sheet, row + 2, SUMMARY_LAST_COL, SUPERVISOR_SIGNATURE, { size: 12 });
  sheet.getRow(row + 2).height = 28;
  chainLines(d).forEach((text, i) =>
    writeLine(sheet, row + 3 + i, SUMMARY_LAST_COL, text, { color: { argb: GREY }, size: 9 }),
  );
  sheet.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  return toBuffer(workbook);
}

/* ---------- file names ---------- */

/** Characters not allowed in file names on Windows, macOS or Linux (control characters aside). */
const UNSAFE_FILE_CHARS = /[\\/:*?"<>|]/g;

/** e.g. 复赛评审-评分总表.xlsx; the round name cleaned of characters unsafe in file names. */
export function exportFileName(d: RoundSheetData, kind: 'full' | 'judges' | 'summary'): string {
  const round = truncate(
    stripControl(d.roundName)
      .replace(UNSAFE_FILE_CHARS, '')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\.+|\.+$/g, ''),
    80,
  );
  return `${round || '评审'}-${FILE_KIND[kind]}.xlsx`;
}
