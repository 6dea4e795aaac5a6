import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { buildCity, countsDrift, readXlsx, upload, xlsx, type City } from './test-support.ts';

let t: TestContext;
let c: City;

beforeAll(async () => {
  t = await createTestContext();
  c = await buildCity(t);
  await t.factories.member(c.edu1, { name: '张书记', phone: '13912345678', positions: ['书记'] });
  await t.factories.member(c.fin1, { name: '财政党员', phone: '13611112222' });
});
afterAll(async () => t.close());

/** Row counts and a checksum of everything an import could touch. */
async function snapshot() {
  const { rows } = await sql<{ s: string }>`
    SELECT (SELECT count(*) FROM orgs) || '/' || (SELECT count(*) FROM members) || '/' ||
      (SELECT md5(string_agg(id || name || path || type || code || sort_order, ',' ORDER BY id)) FROM orgs) || '/' ||
      (SELECT md5(string_agg(id || name || org_path || coalesce(phone, '') || party_status || array_to_string(positions, '、'), ',' ORDER BY id)) FROM members) AS s`.execute(
    t.db,
  );
  return rows[0]!.s;
}

const orgByCode = (code: string) =>
  t.db.selectFrom('orgs').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
const memberByPhone = (phone: string) =>
  t.db
    .selectFrom('members')
    .selectAll()
    .select(sql<string>`joined_on::text`.as('joined'))
    .where('phone', '=', phone)
    .executeTakeFirstOrThrow();

describe('the template', () => {
  it('is a real .xlsx with 组织, 党员 and 说明 sheets, headers and example rows', async () => {
    const res = await c.as.eduAdmin.get('/api/org-import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''%E7%BB%84%E7%BB%87");
    const { workbook, rows } = await readXlsx(res.rawPayload);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['组织', '党员', '说明']);
    expect(rows('组织')[0]).toEqual(['组织编码', '组织名称', '组织类型', '上级组织编码', '排序']);
    expect(rows('党员')[0]).toEqual([
      '姓名',
      '性别',
      '手机号',
      '党员状态',
      '职务',
      '所属组织编码',
      '入党日期',
    ]);
    expect(rows('组织')[1]).toEqual(['示例001', '（示例）机关党总支', '党总支', 'EDU', '1']);
    expect(rows('说明').join('\n')).toContain('正式党员');
    expect((await t.anonymous.get('/api/org-import/template')).statusCode).toBe(401);
    expect((await c.as.member.get('/api/org-import/template')).statusCode).toBe(403);
  });

  it('refuses its own example rows when uploaded unchanged', async () => {
    const template = (await c.as.eduAdmin.get('/api/org-import/template')).rawPayload;
    const res = await upload(c.as.eduAdmin, template);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { sheet: string; row: number }) => `${e.sheet}${e.row}`)).toEqual([
      '组织2',
      '组织3',
      '党员2',
      '党员3',
    ]);
  });
});

describe('a good file', () => {
  it('creates orgs and members, parents listed after children, in one transaction with one audit row', async () => {
    const file = await xlsx({
      orgs: [
        ['EDU-3-1', '第三支部第一党小组', '党支部', 'EDU-3', 2],
        ['EDU-3', '教育局第三党总支', '党总支', 'EDU', 1],
      ],
      members: [
        ['刘一', '男', '13500000001', '正式党员', '书记、组织委员', 'EDU-3', '2001-07-01'],
        ['陈二', '女', 13500000002, '预备党员', '', 'EDU-3-1', new Date(Date.UTC(2025, 5, 30))],
        ['周三', '女', '', '正式', '党员，宣传委员', 'EDU-1', 36342],
      ],
    });
    const res = await upload(c.as.eduAdmin, file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      orgsCreated: 2,
      orgsUpdated: 0,
      orgsUnchanged: 0,
      membersCreated: 3,
      membersUpdated: 0,
      membersUnchanged: 0,
      notices: [],
      noticeCount: 0,
    });
    const general = await orgByCode('EDU-3');
    const group = await orgByCode('EDU-3-1');
    expect(general).toMatchObject({
      parent_id: c.edu.id,
      path: `${c.edu.path}${general.id}.`,
      depth: 2,
      type: 'general_branch',
      sort_order: 1,
    });
    expect(group).toMatchObject({ parent_id: general.id, path: `${general.path}${group.id}.`, depth: 3 });
    expect(await memberByPhone('13500000001')).toMatchObject({
      org_path: general.path,
      positions: ['书记', '组织委员'],
      joined: '2001-07-01',
    });
    expect(await memberByPhone('13500000002')).toMatchObject({
      org_id: group.id,
      party_status: 'probationary',
      positions: ['党员'],
      joined: '2025-06-30',
    });
    const zhou = await t.db
      .selectFrom('members')
      .select(['org_id', sql<string>`joined_on::text`.as('joined'), 'positions'])
      .where('name', '=', '周三')
      .executeTakeFirstOrThrow();
    expect(zhou).toEqual({ org_id: c.edu1.id, joined: '1999-07-01', positions: ['宣传委员', '党员'] });
    const log = (await c.as.admin.get('/api/audit?action=org.imported')).json().items;
    expect(log).toHaveLength(1);
    expect(log[0].after).toMatchObject({ fileName: '导入.xlsx', orgsCreated: 2, membersCreated: 3 });
    expect(await countsDrift(t)).toEqual([]);
    expect((await c.as.eduAdmin.get(`/api/orgs/${general.id}`)).json().memberCount).toBe(2);
  });

  it('updates orgs matched by code and members matched by phone (or org + name without a phone)', async () => {
    const file = await xlsx({
      orgs: [['EDU-3', '教育局第三党总支（改）', '党总支', 'EDU', '']],
      members: [
        ['刘一', '男', '13500000001', '正式党员', '副书记', 'EDU-1', ''],
        ['周三', '女', '', '预备党员', '', 'EDU-1', ''],
      ],
    });
    const res = await upload(c.as.eduAdmin, file);
    expect(res.json()).toEqual({
      orgsCreated: 0,
      orgsUpdated: 1,
      orgsUnchanged: 0,
      membersCreated: 0,
      membersUpdated: 2,
      membersUnchanged: 0,
      notices: [],
      noticeCount: 0,
    });
    expect((await orgByCode('EDU-3')).sort_order).toBe(1);
    expect(await memberByPhone('13500000001')).toMatchObject({
      org_id: c.edu1.id,
      positions: ['副书记'],
      joined: '2001-07-01',
    });
    const zhou = await t.db
      .selectFrom('members')
      .select(['party_status'])
      .where('name', '=', '周三')
      .execute();
    expect(zhou).toEqual([{ party_status: 'probationary' }]);
  });

  it('moves an existing org with its database subtree when its parent code changes', async () => {
    const group = await orgByCode('EDU-3-1');
    const res = await upload(
      c.as.eduAdmin,
      await xlsx({ orgs: [['EDU-3', '教育局第三党总支', '党总支', 'EDU-2', 1]] }),
    );
    expect(res.statusCode).toBe(200);
    const general = await orgByCode('EDU-3');
    expect(general.path).toBe(`${c.edu2.path}${general.id}.`);
    expect(
      await t.db
        .selectFrom('orgs')
        .select(['path', 'depth'])
        .where('id', '=', group.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ path: `${general.path}${group.id}.`, depth: 4 });
    expect((await memberByPhone('13500000002')).org_path).toBe(`${general.path}${group.id}.`);
    expect(await countsDrift(t)).toEqual([]);
  });
});

describe('a bad file', () => {
  it('with one bad row changes nothing and names sheet, row, column and reason', async () => {
    const before = await snapshot();
    const file = await xlsx({
      orgs: [['EDU-4', '教育局第四党支部', '党支部', 'EDU', 1]],
      members: [
        ['好人', '男', '13500000011', '正式党员', '党员', 'EDU-4', ''],
        ['坏号', '女', '1350000', '正式党员', '党员', 'EDU-4', ''],
      ],
    });
    const res = await upload(c.as.eduAdmin, file);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'IMPORT_FAILED',
      detail: '导入失败：共 1 处错误，未导入任何数据。请修改后重新上传。',
      errors: [
        {
          sheet: '党员',
          row: 3,
          column: '手机号',
          reason: '手机号「1350000」格式不正确，应为 11 位数字，以 1 开头',
        },
      ],
    });
    expect(await snapshot()).toBe(before);
  });

  it('reports every kind of problem at once', async () => {
    const before = await snapshot();
    const file = await xlsx({
      orgs: [
        ['', '无编码', '党支部', 'EDU', ''],
        ['X-1', '类型错', '小组', 'EDU', ''],
        ['X-2', '无上级', '党支部', 'NOPE', ''],
        ['X-2', '重复编码', '党支部', 'EDU', ''],
        ['X-3', '越权', '党支部', 'FIN', ''],
        ['X-4', '循环甲', '党支部', 'X-5', ''],
        ['X-5', '循环乙', '党支部', 'X-4', ''],
        ['EDU', '市教育局', '市直单位', 'EDU-1', ''],
        ['X-6', '排序错', '党支部', 'EDU', 'abc'],
      ],
      members: [
        ['', '男', '13500000021', '正式党员', '', 'EDU-1', ''],
        ['甲', '未知', '13500000022', '群众', '队长', 'EDU-1', '2020-13-01'],
        ['乙', '男', '13500000023', '正式党员', '', 'EDU-1', '2099-01-01'],
        ['丙', '男', '13500000023', '正式党员', '', 'EDU-1', ''],
        ['丁', '男', '13611112222', '正式党员', '', 'EDU-1', ''],
        ['戊', '男', '13500000024', '正式党员', '', 'NOWHERE', ''],
        ['己', '男', '13500000025', '正式党员', '', 'FIN-1', ''],
      ],
    });
    const res = await upload(c.as.eduAdmin, file);
    expect(res.statusCode).toBe(422);
    const errors = res.json().errors as { sheet: string; row: number; column: string; reason: string }[];
    const at = (sheet: string, row: number) =>
      errors.filter((e) => e.sheet === sheet && e.row === row).map((e) => `${e.column}:${e.reason}`);
    expect(at('组织', 2)).toEqual(['组织编码:必填项为空']);
    expect(at('组织', 3)[0]).toMatch(/^组织类型:组织类型「小组」无效，可选：市委\/机关工委、/);
    expect(at('组织', 4)).toEqual(['上级组织编码:上级组织编码「NOPE」在文件和系统中都不存在']);
    expect(at('组织', 5)).toEqual(['组织编码:组织编码「X-2」与第 4 行重复']);
    expect(at('组织', 6)).toEqual(['上级组织编码:上级组织「市财政局」不在您的管理范围内']);
    expect(at('组织', 7)).toEqual(['上级组织编码:上级组织关系形成循环：X-4 → X-5 → X-4']);
    expect(at('组织', 8)).toEqual(['上级组织编码:上级组织关系形成循环：X-4 → X-5 → X-4']);
    expect(at('组织', 9)).toEqual([
      '上级组织编码:您不能调整「市教育局」的上级组织（需要由它现在的上级组织的管理员操作）',
    ]);
    expect(at('组织', 10)).toEqual(['排序:排序应为 0 到 100000 之间的整数']);
    expect(at('党员', 2)).toEqual(['姓名:必填项为空']);
    expect(at('党员', 3)).toEqual([
      '性别:性别「未知」无效，请填 男 或 女',
      '党员状态:党员状态「群众」无效，请填 正式党员 或 预备党员',
      '职务:职务「队长」无效，可选：书记、副书记、组织委员、宣传委员、纪检委员、党员',
      '入党日期:入党日期「2020-13-01」无法识别，请写成 YYYY-MM-DD（例如 2010-07-01）或使用 Excel 日期格式',
    ]);
    expect(at('党员', 4)).toEqual(['入党日期:入党日期 2099-01-01 不在 1921-07-01 到今天之间']);
    expect(at('党员', 5)).toEqual(['手机号:手机号与第 4 行重复，同一手机号只能登记一名党员']);
    expect(at('党员', 6)).toEqual([
      '手机号:手机号 136****2222 已登记在您管理范围以外的党员名下，同一手机号不能登记两次；如确有误，请联系上级管理员核实',
    ]);
    expect(at('党员', 7)).toEqual(['所属组织编码:所属组织编码「NOWHERE」在文件和系统中都不存在']);
    expect(at('党员', 8)).toEqual(['所属组织编码:所属组织「财政局党支部」不在您的管理范围内']);
    expect(res.json().detail).toBe(
      `导入失败：共 ${errors.length} 处错误，未导入任何数据。请修改后重新上传。`,
    );
    expect(await snapshot()).toBe(before);
  });

  it('catches a cycle through the database: an org under its own descendant', async () => {
    const res = await upload(
      c.as.admin,
      await xlsx({ orgs: [['EDU', '市教育局', '市直单位', 'EDU-1', '']] }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({
      row: 2,
      column: '上级组织编码',
      reason: '不能把「市教育局」放到它自己的下级组织之下（上级组织关系形成循环）',
    });
  });

  it('reports missing headers and sheets', async () => {
    const noHeader = await upload(
      c.as.eduAdmin,
      await xlsx({ orgs: [['A', 'B']], orgHeader: ['组织编码', '名称'] }),
    );
    expect(noHeader.statusCode).toBe(422);
    expect(noHeader.json().errors).toEqual([
      {
        sheet: '组织',
        row: 1,
        column: '组织名称、组织类型、上级组织编码',
        reason:
          '第 1 行的表头缺少「组织名称」「组织类型」「上级组织编码」，请按下载的导入模板填写表头（表头应为「组织编码」「组织名称」「组织类型」「上级组织编码」）',
      },
    ]);
    const empty = await upload(c.as.eduAdmin, await xlsx({ orgs: [] }));
    expect(empty.json().errors[0].reason).toContain('没有数据');
  });

  it('answers 415 for files that are not .xlsx, 413 for too big, 400 without a file', async () => {
    const text = await upload(c.as.eduAdmin, Buffer.from('姓名,性别\n张三,男\n'), 'members.csv');
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('UNSUPPORTED_FILE');
    const xls = await upload(
      c.as.eduAdmin,
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(100)]),
      'old.xls',
    );
    expect(xls.json().detail).toContain('.xls');
    const zip = await upload(
      c.as.eduAdmin,
      Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]),
      'broken.xlsx',
    );
    expect(zip.statusCode).toBe(415);
    const big = await upload(c.as.eduAdmin, Buffer.alloc(20 * 1024 * 1024 + 10, 1), 'big.xlsx');
    expect(big.statusCode).toBe(413);
    expect((await c.as.eduAdmin.post('/api/org-import', { file: 'x' })).statusCode).toBe(415);
    const otherField = await upload(c.as.eduAdmin, await xlsx({ orgs: [] }), 'a.xlsx', 'attachment');
    expect(otherField.statusCode).toBe(400);
  });

  it('is open only to admins', async () => {
    const file = await xlsx({ members: [['某', '男', '13500000031', '正式党员', '', 'EDU-1', '']] });
    expect((await upload(c.as.supervisor, file)).statusCode).toBe(403);
    expect((await upload(c.as.organiser, file)).statusCode).toBe(403);
    expect((await upload(t.anonymous, file)).statusCode).toBe(401);
  });
});

describe('export', () => {
  it('exports a subtree in the template format, full phones for admins, with an audit row', async () => {
    const res = await c.as.eduAdmin.get(`/api/orgs/${c.edu.id}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="org-\d+-\d{8}\.xlsx"; filename\*=UTF-8''%E5%B8%82%E6%95%99%E8%82%B2%E5%B1%80-/,
    );
    const { workbook, rows } = await readXlsx(res.rawPayload);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['组织', '党员', '说明']);
    const orgs = rows('组织');
    expect(orgs[1]).toEqual(['EDU', '市教育局', '市直单位', 'CITY', '0']);
    expect(orgs.map((r) => r[0])).toEqual(expect.arrayContaining(['EDU-1', 'EDU-2', 'EDU-3', 'EDU-3-1']));
    expect(orgs.map((r) => r[0])).not.toContain('FIN');
    expect(rows('党员').map((r) => r[2])).toContain('13912345678');
    // 入党日期 are Excel dates shown the app's way (2010年7月1日), so they import back unchanged.
    const joined: { value: unknown; numFmt: string }[] = [];
    workbook.getWorksheet('党员')!.eachRow((row, n) => {
      const cell = row.getCell(7);
      if (n > 1 && cell.value) joined.push({ value: cell.value, numFmt: cell.numFmt });
    });
    expect(joined.length).toBeGreaterThan(0);
    for (const j of joined) {
      expect(j.value).toBeInstanceOf(Date);
      expect(j.numFmt).toBe('yyyy"年"m"月"d"日"');
    }
    const log = (await c.as.admin.get(`/api/audit?action=org.exported&entityId=${c.edu.id}`)).json().items;
    expect(log[0]).toMatchObject({ actorName: '教育局管理员', after: { fullPhones: true } });
  });

  it('masks phones for viewers who may not see them, and keeps others out', async () => {
    const { rows } = await readXlsx((await c.as.supervisor.get(`/api/orgs/${c.edu.id}/export`)).rawPayload);
    expect(rows('党员').map((r) => r[2])).toContain('139****5678');
    expect((await c.as.eduAdmin.get(`/api/orgs/${c.fin.id}/export`)).statusCode).toBe(403);
    expect((await c.as.admin.get('/api/orgs/99999999/export')).statusCode).toBe(404);
    expect((await c.as.admin.get('/api/orgs/nope/export')).statusCode).toBe(400);
    expect((await t.anonymous.get(`/api/orgs/${c.edu.id}/export`)).statusCode).toBe(401);
  });

  it('round-trips: re-importing an export changes nothing; an edited export updates', async () => {
    const exported = (await c.as.admin.get(`/api/orgs/${c.city.id}/export`)).rawPayload;
    const before = await snapshot();
    const again = await upload(c.as.admin, exported, '导出.xlsx');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      orgsCreated: 0,
      orgsUpdated: 0,
      membersCreated: 0,
      membersUpdated: 0,
    });
    expect(again.json().orgsUnchanged).toBeGreaterThan(5);
    expect(await snapshot()).toBe(before);

    const { workbook } = await readXlsx(exported);
    const sheet = workbook.getWorksheet('党员')!;
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(3).text === '13912345678') row.getCell(5).value = '书记、纪检委员';
    });
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(c.as.admin, edited);
    expect(res.json()).toMatchObject({ membersUpdated: 1, membersCreated: 0, orgsCreated: 0 });
    expect((await memberByPhone('13912345678')).positions).toEqual(['书记', '纪检委员']);
  });
});
