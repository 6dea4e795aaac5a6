import {
  EXAMPLE_CODE_PREFIX,
  genderLabels,
  orgTypeLabels,
  partyStatusLabels,
  positions,
  type Gender,
  type OrgType,
  type PartyStatus,
} from '@jiangtai/contracts';

/**
 * The one description of the Excel format: the template, the export and the import all read it,
 * so an exported file can always be imported again.
 */
export const ORG_SHEET = '组织';
export const MEMBER_SHEET = '党员';
export const HELP_SHEET = '说明';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ColumnSpec<K extends string> {
  key: K;
  header: string;
  width: number;
  /** The header must be present (a blank cell may still be allowed, see validate.ts). */
  required: boolean;
  /** Stored as text so Excel keeps leading zeros and long digit strings. */
  text?: boolean;
}

export type OrgColumn = 'code' | 'name' | 'type' | 'parentCode' | 'sortOrder';
export type MemberColumn = 'name' | 'gender' | 'phone' | 'partyStatus' | 'positions' | 'orgCode' | 'joinedOn';

export const ORG_COLUMNS: ColumnSpec<OrgColumn>[] = [
  { key: 'code', header: '组织编码', width: 16, required: true, text: true },
  { key: 'name', header: '组织名称', width: 30, required: true },
  { key: 'type', header: '组织类型', width: 16, required: true },
  { key: 'parentCode', header: '上级组织编码', width: 16, required: true, text: true },
  { key: 'sortOrder', header: '排序', width: 8, required: false },
];

export const MEMBER_COLUMNS: ColumnSpec<MemberColumn>[] = [
  { key: 'name', header: '姓名', width: 12, required: true },
  { key: 'gender', header: '性别', width: 8, required: true },
  { key: 'phone', header: '手机号', width: 16, required: true, text: true },
  { key: 'partyStatus', header: '党员状态', width: 12, required: true },
  { key: 'positions', header: '职务', width: 22, required: true },
  { key: 'orgCode', header: '所属组织编码', width: 16, required: true, text: true },
  { key: 'joinedOn', header: '入党日期', width: 14, required: false },
];

export const headerOf = <K extends string>(columns: ColumnSpec<K>[], key: K) =>
  columns.find((c) => c.key === key)!.header;

const invert = <K extends string>(labels: Record<K, string>) =>
  new Map(Object.entries(labels).map(([k, v]) => [v as string, k as K]));

export const orgTypeByLabel = invert<OrgType>(orgTypeLabels);
export const genderByLabel = invert<Gender>(genderLabels);
export const partyStatusByLabel = new Map<string, PartyStatus>([
  ...invert<PartyStatus>(partyStatusLabels),
  ['正式', 'full'],
  ['预备', 'probationary'],
]);
export const ORG_TYPE_CHOICES = Object.values(orgTypeLabels).join('、');
export const POSITION_CHOICES = positions.join('、');

/** 职务 cells list several positions separated by 、 or commas (either width), semicolons or spaces. */
export const splitPositions = (cell: string) => cell.split(/[、,，;；\s]+/).filter(Boolean);
export const joinPositions = (list: readonly string[]) => list.join('、');

export const isExampleCode = (code: string) => code.startsWith(EXAMPLE_CODE_PREFIX);

/**
 * What the 说明 sheet says about the file it is in: the template, an export with full phones (an
 * admin over the subtree) or an export with masked phones (everyone else who may view it).
 */
export type HelpVariant = 'template' | 'export_full' | 'export_masked';

const IMPORTABLE =
  '文件须为 .xlsx 格式（Excel 2007 及以后版本），不超过 20 MB；系统管理员或单位管理员导出的含完整手机号的文件可以修改后直接导入。';

const HELP_FILE_ITEMS: Record<HelpVariant, string[]> = {
  template: [
    `两个工作表的第 2、3 行是示例（编码以「${EXAMPLE_CODE_PREFIX}」开头），导入前请删除，或改成真实数据。`,
    IMPORTABLE,
  ],
  export_full: [
    IMPORTABLE,
    '本文件含党员的完整手机号，属于个人信息（《个人信息保护法》）：请妥善保管，不要转发，用完请删除。这次导出已记入操作日志。',
  ],
  export_masked: [
    '文件须为 .xlsx 格式（Excel 2007 及以后版本），不超过 20 MB。',
    '注意：本文件中的手机号已按个人信息保护要求隐藏了中间四位（例如 139****5678），只能用于查看和统计，不能用于导入——导入时隐藏的号码会被逐行拒绝。需要修改后重新导入时，请由系统管理员或本单位的单位管理员导出含完整手机号的文件。',
  ],
};

export function helpLines(variant: HelpVariant): string[] {
  const items = [
    `「${ORG_SHEET}」工作表每行一个组织，按「组织编码」匹配：系统中已有这个编码的组织会被更新（名称、类型、上级组织、排序），没有的会新建。`,
    '「上级组织编码」填上级组织的编码：可以是本文件中的组织（先后顺序不限），也可以是系统中已有、且在您管理范围内的组织。只有最上级组织可以不填。',
    `「组织类型」可选：${ORG_TYPE_CHOICES}。「排序」填整数，数字小的排在前面，可不填。`,
    `「${MEMBER_SHEET}」工作表每行一名党员，按「手机号」匹配：系统中已有这个手机号的党员会被更新，没有的会新建；没有手机号的党员按「所属组织 + 姓名」匹配。`,
    `「性别」填 男 或 女；「党员状态」填 正式党员 或 预备党员；「职务」可填多个，用顿号「、」或逗号分隔，可选：${POSITION_CHOICES}，不填视为「党员」。`,
    '「入党日期」写成 YYYY-MM-DD（例如 2010-07-01），也可以用 Excel 的日期格式；可不填。',
    '必填：组织编码、组织名称、组织类型、上级组织编码；姓名、性别、党员状态、所属组织编码。手机号为 11 位数字，同一手机号只能登记一名党员；全角数字、空格和短横线（如 138-0000-0001）会自动规范，并在导入结果中列出。',
    '表头应在第 1 行（上方有标题行时，系统会在前 10 行中找到表头并提示）；模板以外的列不会导入；公式单元格按 Excel 保存的显示值导入，并在导入结果中提示。',
    '文件中只要有一处错误，就不会导入任何数据；请按提示的工作表、行号、列名和原因修改后重新上传。',
    '导入不会删除任何组织或党员；已停用的组织和党员只更新信息，不会因导入而重新启用。',
    ...HELP_FILE_ITEMS[variant],
  ];
  return ['组织与党员导入说明', '', ...items.map((line, i) => `${i + 1}. ${line}`)];
}
