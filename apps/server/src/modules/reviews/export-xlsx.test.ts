import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { RoundSheetData, SheetEntry, SheetJudgeScore } from './export-types.ts';
import { exportFileName, fullScoreSheet, judgeSheets, supervisorSummary } from './export-xlsx.ts';

/* ---------- fixture: 3 entries × 5 judges × 3 criteria ---------- */

const CRITERIA = [
  { key: 'content', name: '内容', max: 40 },
  { key: 'delivery', name: '表达', max: 30 },
  { key: 'effect', name: '效果', max: 30 },
];
const JUDGES = [
  { id: 'j1', name: '张伟' },
  { id: 'j2', name: '李娜' },
  { id: 'j3', name: '王强' },
  { id: 'j4', name: '刘洋' },
  { id: 'j5', name: '陈静' },
];
const CHAIN_HEAD = 'a3f1c2e4b5d6978812345678900abcdef1234567890abcdef1234567890abcd';
const RESULTS_HASH = '9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0';
const REMOVED_REASON = '与宣讲人同单位，回避';

/** A submitted score; the total is the exact sum of the criteria, as the form enforces. */
function submitted(
  judgeId: string,
  [content, delivery, effect]: [number, number, number],
  dropped: SheetJudgeScore['dropped'] = null,
): SheetJudgeScore {
  const total = Math.round((content + delivery + effect) * 100) / 100;
  return {
    judgeId,
    status: 'submitted',
    total: String(total),
    criteria: { content: String(content), delivery: String(delivery), effect: String(effect) },
    dropped,
    comment: `${judgeId} 的评语：观点鲜明`,
    removedReason: null,
  };
}

const missing = (judgeId: string): SheetJudgeScore => ({
  judgeId,
  status: 'missing',
  total: null,
  criteria: {},
  dropped: null,
  comment: null,
  removedReason: null,
});

const ENTRIES: SheetEntry[] = [
  {
    code: 'K7Q2M9',
    title: '从小岗村看改革开放',
    speaker: '赵小红',
    unit: '市教育局',
    category: '理论阐释',
    rank: 1,
    score: '88.17',
    untrimmedMean: '87.50',
    advancement: 'yes',
    advancementNote: null,
    note: null,
    judges: [
      submitted('j1', [36, 27, 26.5]),
      submitted('j2', [38, 28, 28], 'highest'),
      submitted('j3', [30, 25, 24], 'lowest'),
      submitted('j4', [35, 26, 27]),
      submitted('j5', [34.5, 27.5, 25]),
    ],
  },
  {
    code: 'P3X8N2',
    title: '绿水青山的账本',
    speaker: '钱大勇',
    unit: '市财政局',
    category: '基层实践',
    rank: 2,
    score: '84.00',
    untrimmedMean: '83.56',
    advancement: 'no',
    advancementNote: null,
    note: '1 名评委已移除',
    judges: [
      submitted('j1', [33, 25, 25]),
      submitted('j2', [36, 27, 26], 'highest'),
      {
        judgeId: 'j3',
        status: 'removed',
        total: '60',
        criteria: { content: '20', delivery: '20', effect: '20' },
        dropped: null,
        comment: null,
        removedReason: REMOVED_REASON,
      },
      submitted('j4', [30, 24, 23.25], 'lowest'),
      submitted('j5', [34, 26, 25]),
    ],
  },
  {
    code: 'W5T1R6',
    title: '一条红色交通线',
    speaker: '孙丽萍',
    unit: '市卫健委',
    category: '理论阐释',
    rank: 3,
    score: '82.75',
    untrimmedMean: '82.88',
    advancement: 'no',
    advancementNote: null,
    note: null,
    judges: [
      submitted('j1', [32, 24, 24], 'lowest'),
      submitted('j2', [33, 25, 24]),
      submitted('j3', [35, 26, 25], 'highest'),
      submitted('j4', [34, 25, 24.5]),
      missing('j5'),
    ],
  },
];

function fixture(overrides: Partial<RoundSheetData> = {}): RoundSheetData {
  return {
    campaignTitle: '2026年理论宣讲大赛',
    roundName: '复赛评审',
    stageName: '复赛',
    blind: false,
    decimals: 2,
    dropHighest: 1,
    dropLowest: 1,
    criteria: CRITERIA,
    judges: JUDGES,
    entries: ENTRIES,
    generatedAt: new Date('2026-09-20T06:05:30Z'), // 14:05 Beijing
    resultsHash: RESULTS_HASH,
    chainHead: CHAIN_HEAD,
    records: 42,
    signoffs: [
      {
        name: '周监督',
        at: new Date('2026-09-20T05:00:00Z'),
        comment: '评审过程规范，同意结果',
        current: true,
      },
    ],
    ...overrides,
  };
}

/* ---------- reading back ---------- */

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

const sheetNames = (wb: ExcelJS.Workbook) => wb.worksheets.map((s) => s.name);

function noteText(cell: ExcelJS.Cell): string {
  const note = cell.note as string | ExcelJS.Comment | undefined;
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return String(v);
}

/** Every cell value and note of every sheet, as text. */
function allText(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  wb.eachSheet((sheet) => {
    out.push(sheet.name);
    sheet.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => out.push(cellText(cell), noteText(cell))),
    );
  });
  return out.filter(Boolean);
}

/** Row number whose cell in `col` holds `text`. */
function rowWith(sheet: ExcelJS.Worksheet, col: number, text: string): number {
  for (let r = 1; r <= sheet.rowCount; r++) if (cellText(sheet.getCell(r, col)) === text) return r;
  throw new Error(`${text} not found in column ${col} of ${sheet.name}`);
}

/** First column whose cell in `row` holds `text`. */
function colWith(sheet: ExcelJS.Worksheet, row: number, text: string): number {
  for (let c = 1; c <= sheet.columnCount; c++) if (cellText(sheet.getCell(row, c)) === text) return c;
  throw new Error(`${text} not found in row ${row} of ${sheet.name}`);
}

function expectNumber(cell: ExcelJS.Cell, expected: string) {
  expect(typeof cell.value).toBe('number');
  expect(cell.value).toBe(Number(expected));
}

/** The decimals of a fixed number format such as 0.00. */
const formatDecimals = (numFmt: string) => (numFmt.split('.')[1] ?? '').length;

const ADVANCEMENT = { yes: '是', no: '否', pending: '待定' } as const;

/* ---------- tests ---------- */

describe('fullScoreSheet', () => {
  it('writes every judge score as numbers under the judge and criterion headers', async () => {
    const wb = await load(await fullScoreSheet(fixture()));
    expect(sheetNames(wb)).toEqual(['评分总表']);
    const sheet = wb.getWorksheet('评分总表')!;
    expect(cellText(sheet.getCell(1, 1))).toBe('2026年理论宣讲大赛 复赛评审 评分总表');
    ['排名', '作品编号', '作品标题', '宣讲人', '单位', '类别'].forEach((h, i) =>
      expect(cellText(sheet.getCell(2, i + 1))).toBe(h),
    );
    for (const entry of ENTRIES) {
      const r = rowWith(sheet, 2, entry.code);
      expect(sheet.getCell(r, 1).value).toBe(entry.rank);
      expect(cellText(sheet.getCell(r, 3))).toBe(entry.title);
      expect(cellText(sheet.getCell(r, 4))).toBe(entry.speaker);
      expect(cellText(sheet.getCell(r, 5))).toBe(entry.unit);
      for (const score of entry.judges.filter((j) => j.status === 'submitted')) {
        const judge = JUDGES.find((j) => j.id === score.judgeId)!;
        const col = colWith(sheet, 2, judge.name);
        CRITERIA.forEach((c, i) => {
          expect(cellText(sheet.getCell(3, col + i))).toBe(c.name);
          expectNumber(sheet.getCell(r, col + i), score.criteria[c.key]!);
        });
        expect(cellText(sheet.getCell(3, col + CRITERIA.length))).toBe('合计');
        expectNumber(sheet.getCell(r, col + CRITERIA.length), score.total!);
      }
    }
    // Criteria keep the places they were entered with.
    const r = rowWith(sheet, 2, 'P3X8N2');
    const lowCol = colWith(sheet, 2, '刘洋');
    expect(sheet.getCell(r, lowCol + 2).numFmt).toBe('0.00');
    expect(sheet.getCell(r, lowCol).numFmt).toBe('0');
  });

  it('marks dropped totals with strikethrough, a fill and a note; removed and missing as text', async () => {
    const wb = await load(await fullScoreSheet(fixture()));
    const sheet = wb.getWorksheet('评分总表')!;
    const totalCell = (code: string, judgeName: string) =>
      sheet.getCell(rowWith(sheet, 2, code), colWith(sheet, 2, judgeName) + CRITERIA.length);

    for (const entry of ENTRIES) {
      for (const score of entry.judges) {
        const cell = totalCell(entry.code, JUDGES.find((j) => j.id === score.judgeId)!.name);
        if (score.dropped) {
          expect(noteText(cell)).toBe(score.dropped === 'highest' ? '去掉的最高分' : '去掉的最低分');
          expect(cell.font?.strike).toBe(true);
          expect(cell.fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
        } else if (score.status === 'submitted') {
          expect(noteText(cell)).toBe('');
          expect(cell.font?.strike).toBeFalsy();
        }
      }
    }
    const removedRow = rowWith(sheet, 2, 'P3X8N2');
    const removedCol = colWith(sheet, 2, '王强');
    CRITERIA.forEach((_, i) => expect(sheet.getCell(removedRow, removedCol + i).value).toBe('已移除'));
    const removed = totalCell('P3X8N2', '王强');
    expect(removed.value).toBe('已移除');
    expect(noteText(removed)).toContain(REMOVED_REASON);
    expect(totalCell('W5T1R6', '陈静').value).toBe('未评');
  });

  it('writes final scores as numbers formatted to the round decimals, and the footer', async () => {
    const wb = await load(await fullScoreSheet(fixture()));
    const sheet = wb.getWorksheet('评分总表')!;
    const scoreCol = colWith(sheet, 2, '最后得分');
    const meanCol = colWith(sheet, 2, '未去分平均');
    const advancedCol = colWith(sheet, 2, '是否晋级');
    for (const entry of ENTRIES) {
      const r = rowWith(sheet, 2, entry.code);
      for (const [col, expected] of [
        [scoreCol, entry.score!],
        [meanCol, entry.untrimmedMean!],
      ] as const) {
        const cell = sheet.getCell(r, col);
        expect(typeof cell.value).toBe('number');
        expect(cell.numFmt).toBe('0.00');
        expect((cell.value as number).toFixed(formatDecimals(cell.numFmt))).toBe(expected);
      }
      expect(sheet.getCell(r, advancedCol).value).toBe(ADVANCEMENT[entry.advancement]);
    }
    expect(cellText(sheet.getCell(rowWith(sheet, 2, 'P3X8N2'), colWith(sheet, 2, '备注')))).toBe(
      '1 名评委已移除',
    );

    const text = allText(wb);
    expect(text).toContain('生成时间：2026年9月20日 14:05（北京时间）');
    expect(text).toContain(`评分记录链头哈希：${CHAIN_HEAD}`);
    expect(text).toContain(`结果封存哈希：${RESULTS_HASH}`);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('uses the round decimals in the number format', async () => {
    const entries = ENTRIES.map((e) => ({ ...e, score: Number(e.score).toFixed(1), untrimmedMean: null }));
    const wb = await load(await fullScoreSheet(fixture({ decimals: 1, entries })));
    const sheet = wb.getWorksheet('评分总表')!;
    const cell = sheet.getCell(rowWith(sheet, 2, 'K7Q2M9'), colWith(sheet, 2, '最后得分'));
    expect(cell.numFmt).toBe('0.0');
    expect((cell.value as number).toFixed(1)).toBe('88.2');
    expect(sheet.getCell(rowWith(sheet, 2, 'K7Q2M9'), colWith(sheet, 2, '未去分平均')).value).toBe('—');
  });
});

describe('judgeSheets', () => {
  it('writes one sheet per judge with the entries, scores, comments and a signature line', async () => {
    const wb = await load(await judgeSheets(fixture()));
    expect(sheetNames(wb)).toEqual(JUDGES.map((j) => j.name));
    for (const judge of JUDGES) {
      const sheet = wb.getWorksheet(judge.name)!;
      const header = 3;
      expect(cellText(sheet.getCell(header, 1))).toBe('作品编号');
      expect(cellText(sheet.getCell(header, 2))).toBe('作品标题');
      expect(cellText(sheet.getCell(header, 3))).toBe('宣讲人');
      expect(cellText(sheet.getCell(header, 4))).toBe('单位');
      const critCol = colWith(sheet, header, '内容（40分）');
      const totalCol = colWith(sheet, header, '合计');
      const commentCol = colWith(sheet, header, '评语');
      for (const entry of ENTRIES) {
        const score = entry.judges.find((j) => j.judgeId === judge.id)!;
        const r = rowWith(sheet, 1, entry.code);
        expect(cellText(sheet.getCell(r, 3))).toBe(entry.speaker);
        if (score.status === 'submitted') {
          CRITERIA.forEach((c, i) => expectNumber(sheet.getCell(r, critCol + i), score.criteria[c.key]!));
          expectNumber(sheet.getCell(r, totalCol), score.total!);
          expect(cellText(sheet.getCell(r, commentCol))).toBe(score.comment);
        } else {
          expect(sheet.getCell(r, totalCol).value).toBe(score.status === 'removed' ? '已移除' : '未评');
        }
      }
      expect(allText(wb)).toContain('评委签名：＿＿＿＿　日期：＿＿＿＿');
      expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1 });
    }
  });

  it('lists only the entries a judge was assigned', async () => {
    const entries = ENTRIES.map((e, i) =>
      i === 0 ? { ...e, judges: e.judges.filter((j) => j.judgeId !== 'j5') } : e,
    );
    const wb = await load(await judgeSheets(fixture({ entries })));
    const sheet = wb.getWorksheet('陈静')!;
    const codes: string[] = [];
    sheet.getColumn(1).eachCell((cell) => codes.push(cellText(cell)));
    expect(codes).not.toContain('K7Q2M9');
    expect(codes).toEqual(expect.arrayContaining(['P3X8N2', 'W5T1R6']));
  });

  it('leaves speaker and unit out entirely in a blind round', async () => {
    const wb = await load(await judgeSheets(fixture({ blind: true })));
    expect(sheetNames(wb)).toHaveLength(JUDGES.length);
    const text = allText(wb);
    for (const entry of ENTRIES) {
      for (const secret of [entry.speaker, entry.unit]) {
        expect(text.filter((t) => t.includes(secret))).toEqual([]);
      }
      expect(text).toContain(entry.code);
    }
    expect(text).not.toContain('宣讲人');
    expect(text).not.toContain('单位');
  });

  it('gives judges whose names sanitise alike unique, valid sheet names', async () => {
    const long = '欧阳'.repeat(20);
    const judges = [
      { id: 'a', name: '王[芳]' },
      { id: 'b', name: '王芳' },
      { id: 'c', name: 'wang/fang:*?' },
      { id: 'd', name: 'WANGFANG' },
      { id: 'e', name: long },
      { id: 'f', name: long },
      { id: 'g', name: "'History'" },
    ];
    const wb = await load(await judgeSheets(fixture({ judges })));
    const names = sheetNames(wb);
    expect(names).toHaveLength(judges.length);
    expect(names.slice(0, 4)).toEqual(['王芳', '王芳(2)', 'wangfang', 'WANGFANG(2)']);
    expect(names[4]).toBe(long.slice(0, 31));
    expect(names[5]).toBe(`${long.slice(0, 28)}(2)`);
    expect(names[6]).toBe('History(2)');
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
    }
  });
});

describe('supervisorSummary', () => {
  /** Value next to a fact label (label over A:B, value over C:G). */
  const fact = (sheet: ExcelJS.Worksheet, label: string) =>
    cellText(sheet.getCell(rowWith(sheet, 1, label), 3));

  it('holds the round facts, counts and hashes', async () => {
    const wb = await load(await supervisorSummary(fixture()));
    expect(sheetNames(wb)).toEqual(['监督汇总']);
    const sheet = wb.getWorksheet('监督汇总')!;
    expect(fact(sheet, '评审轮次')).toBe('复赛评审');
    expect(fact(sheet, '阶段')).toBe('复赛');
    expect(fact(sheet, '评审方式')).toBe('实名');
    expect(fact(sheet, '每件评委数')).toBe('5');
    expect(fact(sheet, '去掉最高分')).toBe('1 个');
    expect(fact(sheet, '去掉最低分')).toBe('1 个');
    expect(fact(sheet, '保留小数位')).toBe('2 位');
    expect(fact(sheet, '作品数')).toBe('3');
    expect(fact(sheet, '评委数')).toBe('5');
    // 15 assignments, 1 removed: 14 due, 13 submitted (1 missing).
    expect(fact(sheet, '已提交评分数 / 应提交数')).toBe('13 / 14');
    expect(fact(sheet, '评分记录链头哈希')).toBe(CHAIN_HEAD);
    expect(fact(sheet, '结果封存哈希')).toBe(RESULTS_HASH);
  });

  it('lists the ranking, the sign-offs and a signature line', async () => {
    const wb = await load(await supervisorSummary(fixture()));
    const sheet = wb.getWorksheet('监督汇总')!;
    const header = rowWith(sheet, 1, '排名');
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => cellText(sheet.getCell(header, c)))).toEqual([
      '排名',
      '作品编号',
      '标题',
      '宣讲人',
      '单位',
      '最后得分',
      '晋级',
    ]);
    ENTRIES.forEach((entry, i) => {
      const r = header + 1 + i;
      expect(sheet.getCell(r, 1).value).toBe(entry.rank);
      expect(cellText(sheet.getCell(r, 2))).toBe(entry.code);
      expect(cellText(sheet.getCell(r, 4))).toBe(entry.speaker);
      const score = sheet.getCell(r, 6);
      expect((score.value as number).toFixed(formatDecimals(score.numFmt))).toBe(entry.score);
      expect(sheet.getCell(r, 7).value).toBe(ADVANCEMENT[entry.advancement]);
    });
    const signoff = rowWith(sheet, 1, '监督员');
    expect(cellText(sheet.getCell(signoff, 3))).toBe('时间');
    expect(cellText(sheet.getCell(signoff, 4))).toBe('意见');
    expect(cellText(sheet.getCell(signoff + 1, 1))).toBe('周监督');
    expect(cellText(sheet.getCell(signoff + 1, 3))).toBe('2026年9月20日 13:00');
    expect(cellText(sheet.getCell(signoff + 1, 4))).toBe('评审过程规范，同意结果');
    expect(allText(wb)).toContain('监督员签名：＿＿＿＿');
  });

  it('says when the results are not sealed yet', async () => {
    const wb = await load(await supervisorSummary(fixture({ resultsHash: null, signoffs: [] })));
    const sheet = wb.getWorksheet('监督汇总')!;
    expect(fact(sheet, '结果封存哈希')).toBe('尚未封存');
    expect(allText(wb)).toContain('（暂无）');
  });
});

describe('ties and the chain head on paper', () => {
  const PENDING = '与 W5T1R6 同分并列第 2 名，只剩 1 个晋级名额，待组织者裁定同分名次';
  const TIE_BREAK = '同分，按去分前平均分区分';
  /** Entry 2 and 3 tied across the cut (undecided); entry 1 separated from a neighbour by the tie rule. */
  const tied = () =>
    fixture({
      entries: [
        { ...ENTRIES[0]!, note: TIE_BREAK },
        { ...ENTRIES[1]!, rank: 2, advancement: 'pending', advancementNote: PENDING, note: null },
        { ...ENTRIES[2]!, rank: 2, advancement: 'pending', advancementNote: PENDING, note: null },
      ],
    });

  it('shows an undecided tie at the cut as 待定 with the reason, and how the tie rule decided', async () => {
    const full = (await load(await fullScoreSheet(tied()))).getWorksheet('评分总表')!;
    const col = colWith(full, 2, '是否晋级');
    const noteCol = colWith(full, 2, '备注');
    for (const code of ['P3X8N2', 'W5T1R6']) {
      expect(full.getCell(rowWith(full, 2, code), col).value).toBe('待定');
      expect(cellText(full.getCell(rowWith(full, 2, code), noteCol))).toContain(PENDING);
    }
    expect(cellText(full.getCell(rowWith(full, 2, 'K7Q2M9'), noteCol))).toBe(TIE_BREAK);

    const summary = (await load(await supervisorSummary(tied()))).getWorksheet('监督汇总')!;
    const header = rowWith(summary, 1, '排名');
    expect(cellText(summary.getCell(header, 8))).toBe('说明');
    const row = (code: string) => rowWith(summary, 2, code);
    expect(summary.getCell(row('W5T1R6'), 7).value).toBe('待定');
    expect(cellText(summary.getCell(row('W5T1R6'), 8))).toBe(PENDING);
    expect(cellText(summary.getCell(row('K7Q2M9'), 8))).toBe(TIE_BREAK);
  });

  it('prints the head and record count the signatures pin on every sheet, and marks a lapsed sign-off', async () => {
    const line = `评分记录：共 42 条；链头哈希：${CHAIN_HEAD}`;
    for (const build of [fullScoreSheet, judgeSheets, supervisorSummary]) {
      const wb = await load(await build(fixture()));
      wb.eachSheet((sheet) => {
        const text = allText({
          eachSheet: (f: (s: ExcelJS.Worksheet) => void) => f(sheet),
        } as ExcelJS.Workbook);
        expect(text, `${build.name} / ${sheet.name}`).toContain(line);
      });
    }
    const lapsed = fixture({
      signoffs: [{ name: '周监督', at: new Date('2026-09-20T05:00:00Z'), comment: '同意', current: false }],
    });
    const summary = (await load(await supervisorSummary(lapsed))).getWorksheet('监督汇总')!;
    const signoff = rowWith(summary, 1, '监督员');
    expect(cellText(summary.getCell(signoff + 1, 4))).toBe('【已失效：签字后评分结果有变动】同意');
  });
});

describe('exportFileName', () => {
  it('names the three files after the round', () => {
    expect(exportFileName(fixture(), 'full')).toBe('复赛评审-评分总表.xlsx');
    expect(exportFileName(fixture(), 'judges')).toBe('复赛评审-评委评分表.xlsx');
    expect(exportFileName(fixture(), 'summary')).toBe('复赛评审-监督汇总.xlsx');
  });

  it('drops characters unsafe in file names', () => {
    expect(exportFileName(fixture({ roundName: '复赛/评审:第"1"轮?<>|\n' }), 'full')).toBe(
      '复赛评审第1轮-评分总表.xlsx',
    );
    expect(exportFileName(fixture({ roundName: '///' }), 'summary')).toBe('评审-监督汇总.xlsx');
  });
});
