import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportNotice } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { MEMBER_COLUMNS, MEMBER_SHEET } from './excel/layout.ts';
import { buildCity, readXlsx, upload, xlsx, type City } from './test-support.ts';

/**
 * What the import tells the uploader besides errors: a title row above the header, cells it
 * normalised, columns it ignored, formulas it took by their value; and a phone masked by an export.
 */
let t: TestContext;
let c: City;

beforeAll(async () => {
  t = await createTestContext();
  c = await buildCity(t);
  await t.factories.member(c.edu1, { name: '张书记', phone: '13912345678', positions: ['书记'] });
});
afterAll(async () => t.close());

const memberHeader = MEMBER_COLUMNS.map((col) => col.header);
const phoneOf = async (name: string) =>
  (await t.db.selectFrom('members').select('phone').where('name', '=', name).executeTakeFirst())?.phone;

/** A 党员 sheet laid out by hand: rows exactly as given (title rows, stray columns, formulas). */
async function memberSheet(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(MEMBER_SHEET);
  rows.forEach((r, i) => {
    r.forEach((value, j) => {
      if (value !== null) ws.getCell(i + 1, j + 1).value = value;
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('the header row', () => {
  it('is found below a title row and a blank row, and the uploader is told', async () => {
    const file = await memberSheet([
      ['市教育局党员花名册（2026年）'],
      [],
      memberHeader,
      ['标题行党员', '男', '13700000001', '正式党员', '党员', 'EDU-1', ''],
    ]);
    const res = await upload(c.as.eduAdmin, file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ membersCreated: 1, noticeCount: 1 });
    expect(res.json().notices).toEqual([
      {
        kind: 'header',
        sheet: '党员',
        row: 3,
        column: '',
        message: '表头在第 3 行，已跳过上面 2 行（如标题），从第 4 行开始导入',
      },
    ]);
    expect(await phoneOf('标题行党员')).toBe('13700000001');
  });

  it('missing altogether gives one error saying it belongs in row 1, not one per column', async () => {
    const res = await upload(
      c.as.eduAdmin,
      await memberSheet([['花名册'], ['张三', '男', '13700000009', '正式党员', '党员', 'EDU-1']]),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      {
        sheet: '党员',
        row: 1,
        column: '',
        reason:
          '没有找到表头：表头应在第 1 行，包含「姓名」「性别」「手机号」「党员状态」「职务」「所属组织编码」（前 10 行中都没有找到），请使用下载的导入模板',
      },
    ]);
  });
});

describe('normalised cells and ignored columns', () => {
  it('imports full-width digits, spaces and dashes in phones and numbers, and lists every change', async () => {
    const file = await xlsx({
      orgs: [['EDU-4', '教育局第四党支部', '党支部', 'EDU', '３']],
      members: [
        ['全角党员', '女', '１３７０００００００２', '正式党员', '党员', 'EDU-1', '２０１０年７月１日'],
        ['短横党员', '男', '137-0000-0003', '预备党员', '', 'EDU-4', ''],
      ],
    });
    const res = await upload(c.as.eduAdmin, file);
    expect(res.statusCode).toBe(200);
    const notices = res.json().notices as ImportNotice[];
    expect(notices.map((n) => `${n.sheet} ${n.row} ${n.column}: ${n.message}`)).toEqual([
      '组织 2 排序: 「３」已规范为「3」',
      '党员 2 手机号: 「１３７０００００００２」已规范为「13700000002」',
      '党员 2 入党日期: 「２０１０年７月１日」已规范为「2010年7月1日」',
      '党员 3 手机号: 「137-0000-0003」已规范为「13700000003」',
    ]);
    expect(notices.every((n) => n.kind === 'normalised')).toBe(true);
    expect(await phoneOf('全角党员')).toBe('13700000002');
    expect(await phoneOf('短横党员')).toBe('13700000003');
    const org = await t.db
      .selectFrom('orgs')
      .select(['sort_order'])
      .where('code', '=', 'EDU-4')
      .executeTakeFirst();
    expect(org?.sort_order).toBe(3);
  });

  it('leaves org codes as written: a full-width code is a real code, not a typo', async () => {
    await t.factories.org({ name: '全角编码支部', parent: c.edu, code: 'ＦＷ１' });
    await t.factories.org({ name: '半角编码支部', parent: c.edu, code: 'FW1' });
    const res = await upload(
      c.as.eduAdmin,
      await xlsx({ orgs: [['ＦＷ１', '全角编码支部（改）', '党支部', 'EDU', '']] }),
    );
    expect(res.json()).toMatchObject({ orgsUpdated: 1, orgsCreated: 0, noticeCount: 0 });
    const names = await t.db
      .selectFrom('orgs')
      .select(['code', 'name'])
      .where('code', 'in', ['ＦＷ１', 'FW1'])
      .execute();
    expect(Object.fromEntries(names.map((o) => [o.code, o.name]))).toEqual({
      FW1: '半角编码支部',
      ＦＷ１: '全角编码支部（改）',
    });
  });

  it('names the columns that are not in the template and were not imported', async () => {
    const file = await xlsx({
      members: [['备注党员', '男', '13700000004', '正式党员', '党员', 'EDU-1', '', '调入', '18']],
      memberHeader: [...memberHeader, '备注', '姓名'],
    });
    const res = await upload(c.as.eduAdmin, file);
    expect(res.statusCode).toBe(200);
    expect(res.json().notices).toEqual([
      {
        kind: 'ignored_column',
        sheet: '党员',
        row: 1,
        column: '备注',
        message: '「备注」不是导入模板中的列，这一列的内容未导入',
      },
      {
        kind: 'ignored_column',
        sheet: '党员',
        row: 1,
        column: '姓名',
        message: '「姓名」列重复，只导入了左边第一列，这一列的内容未导入',
      },
    ]);
  });
});

describe('formula cells', () => {
  it('are imported as the value Excel saved, with a warning naming row and column', async () => {
    const file = await memberSheet([
      memberHeader,
      ['公式党员', '女', { formula: '"1370000"&"0005"', result: '13700000005' }, '正式党员', '党员', 'EDU-1'],
    ]);
    const res = await upload(c.as.eduAdmin, file);
    expect(res.statusCode).toBe(200);
    expect(res.json().notices).toEqual([
      {
        kind: 'formula',
        sheet: '党员',
        row: 2,
        column: '手机号',
        message: '该单元格是公式（="1370000"&"0005"），已按显示值「13700000005」导入',
      },
    ]);
    expect(await phoneOf('公式党员')).toBe('13700000005');
  });

  it('without a saved result (or with an error value) refuse the file', async () => {
    const file = await memberSheet([
      memberHeader,
      ['无值党员', '女', { formula: 'A1&"x"' } as ExcelJS.CellValue, '正式党员', '党员', 'EDU-1'],
      ['错值党员', '女', { formula: '1/0', result: { error: '#DIV/0!' } }, '正式党员', '党员', 'EDU-1'],
    ]);
    const res = await upload(c.as.eduAdmin, file);
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .errors.map(
          (e: { row: number; column: string; reason: string }) => `${e.row} ${e.column}: ${e.reason}`,
        ),
    ).toEqual([
      '2 手机号: 该单元格是公式（=A1&"x"），文件中没有保存计算结果；请在 Excel 中打开并保存后重新上传，或直接填写内容',
      '3 手机号: 该单元格的公式（=1/0）结果为错误值 #DIV/0!，请改正后重新上传',
    ]);
    expect(await phoneOf('无值党员')).toBeUndefined();
  });
});

describe('phones in exports', () => {
  it('a masked export (organiser, supervisor) says in 说明 that it cannot be imported, and the import says why', async () => {
    for (const who of [c.as.organiser, c.as.supervisor]) {
      const res = await who.get(`/api/orgs/${c.edu.id}/export`);
      expect(res.statusCode).toBe(200);
      const { rows } = await readXlsx(res.rawPayload);
      expect(rows('党员').map((r) => r[2])).toContain('139****5678');
      expect(rows('党员').map((r) => r[2])).not.toContain('13912345678');
      const help = rows('说明')
        .map((r) => r[0])
        .join('\n');
      expect(help).toContain('隐藏了中间四位');
      expect(help).toContain('不能用于导入');
      expect(help).not.toContain('可以修改后直接导入');
    }
    const log = (await c.as.admin.get(`/api/audit?action=org.exported&entityId=${c.edu.id}`)).json().items;
    expect(log[0]).toMatchObject({ after: { fullPhones: false } });

    const masked = (await c.as.organiser.get(`/api/orgs/${c.edu.id}/export`)).rawPayload;
    const res = await upload(c.as.eduAdmin, masked);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toContainEqual(
      expect.objectContaining({
        sheet: '党员',
        column: '手机号',
        reason:
          '手机号「139****5678」是隐藏了中间四位的号码（来自只能查看的导出文件），不能用于导入；请填写完整的 11 位手机号',
      }),
    );
  });

  it('a full export (admin over the subtree) is audited and its 说明 says it re-imports and is personal data', async () => {
    const res = await c.as.eduAdmin.get(`/api/orgs/${c.edu.id}/export`);
    const { rows } = await readXlsx(res.rawPayload);
    expect(rows('党员').map((r) => r[2])).toContain('13912345678');
    const help = rows('说明')
      .map((r) => r[0])
      .join('\n');
    expect(help).toContain('可以修改后直接导入');
    expect(help).toContain('个人信息');
    expect(help).toContain('已记入操作日志');
    expect(help).not.toContain('示例'); // the template's example rows are not in an export
    const log = (await c.as.admin.get(`/api/audit?action=org.exported&entityId=${c.edu.id}`)).json().items;
    expect(log[0]).toMatchObject({ actorName: '教育局管理员', after: { fullPhones: true } });
    expect((await upload(c.as.eduAdmin, res.rawPayload)).statusCode).toBe(200);
  });
});

/** The template still describes itself as the template. */
it('the template keeps its own 说明 (example rows, importable)', async () => {
  const { rows } = await readXlsx((await c.as.eduAdmin.get('/api/org-import/template')).rawPayload);
  const help = rows('说明').map((r) => r[0] ?? '');
  expect(help.join('\n')).toContain('示例');
  const numbers = help.filter((l) => /^\d+\. /.test(l)).map((l) => Number(l.split('.')[0]));
  expect(numbers).toEqual(numbers.map((_, i) => i + 1)); // numbered 1, 2, 3… without gaps
});
