import type { OrgType } from '@jiangtai/contracts';
import type { Random } from './people.ts';

/**
 * The invented demo city 「演示市」 as an in-memory tree, parents before children.
 * Shaped like the notices' cities: 市委 → 市直机关工委 → ~50 市直单位, and 4 县市区,
 * each with 党委/党工委/党总支 above ~300 党支部.
 */

export type OrgTag = 'root' | 'organs' | 'education' | 'finance';

export interface PlannedOrg {
  index: number;
  parentIndex: number | null;
  name: string;
  type: OrgType;
  sortOrder: number;
  /** Members to create directly in this org (branches only). */
  memberCount: number;
  tag?: OrgTag;
}

export const ROOT_NAME = '中共演示市委';
export const ORGANS_NAME = '市直机关工委';
export const EDUCATION_NAME = '市教育局';
export const FINANCE_NAME = '市财政局';

// prettier-ignore
const UNITS = [
  '市委办公室', '市政府办公室', '市人大常委会机关', '市政协机关', '市纪委监委机关', '市委组织部',
  '市委宣传部', '市委统战部', '市委政法委', '市发展和改革委员会', EDUCATION_NAME, '市科学技术局',
  '市工业和信息化局', '市公安局', '市民政局', '市司法局', FINANCE_NAME, '市人力资源和社会保障局',
  '市自然资源和规划局', '市生态环境局', '市住房和城乡建设局', '市交通运输局', '市水利局', '市农业农村局',
  '市商务局', '市文化旅游广电局', '市卫生健康委员会', '市退役军人事务局', '市应急管理局', '市审计局',
  '市国有资产监督管理委员会', '市市场监督管理局', '市体育局', '市统计局', '市医疗保障局', '市林业局',
  '市城市管理局', '市信访局', '市机关事务管理局', '市行政审批服务局', '市总工会', '团市委', '市妇联',
  '市科协', '市文联', '市税务局', '市气象局', '市档案馆', '市融媒体中心', '市中心医院',
];

/** Large units have a 党委 with 党总支 for their subordinate bodies. */
const LARGE_UNITS: Record<string, string[]> = {
  [EDUCATION_NAME]: ['机关', '市第一中学', '市第二中学', '市实验小学'],
  市公安局: ['机关', '治安支队', '交警支队', '刑侦支队'],
  市卫生健康委员会: ['机关', '市疾病预防控制中心', '市妇幼保健院'],
  市税务局: ['机关', '第一税务分局', '第二税务分局'],
  市中心医院: ['行政后勤', '内科', '外科', '医技'],
};

const COUNTIES: { name: string; towns: { name: string; type: OrgType }[] }[] = [
  {
    name: '中共青山区委',
    towns: [
      { name: '城东街道党工委', type: 'working_committee' },
      { name: '城西街道党工委', type: 'working_committee' },
      { name: '青山镇党委', type: 'party_committee' },
    ],
  },
  {
    name: '中共临湖县委',
    towns: [
      { name: '临湖镇党委', type: 'party_committee' },
      { name: '白鹭乡党委', type: 'party_committee' },
      { name: '湖滨镇党委', type: 'party_committee' },
    ],
  },
  {
    name: '中共东岭县委',
    towns: [
      { name: '东岭镇党委', type: 'party_committee' },
      { name: '松坪乡党委', type: 'party_committee' },
      { name: '石门镇党委', type: 'party_committee' },
    ],
  },
  {
    name: '中共西江市委',
    towns: [
      { name: '江口街道党工委', type: 'working_committee' },
      { name: '西江镇党委', type: 'party_committee' },
      { name: '沙洲镇党委', type: 'party_committee' },
    ],
  },
];

// prettier-ignore
const VILLAGES = [
  '柳塘', '石桥', '枫林', '桃花', '新河', '白沙', '荷塘', '杨家湾', '高坪', '樟树',
  '龙泉', '黄土岭', '清溪', '马鞍', '凤凰', '金山', '团结', '大屋场', '月塘', '双港',
];
const COMMUNITIES = ['东风', '滨湖', '建设', '解放', '向阳', '和平', '人民', '青年', '光明', '新华'];
const COUNTY_BODIES = [
  '教育局',
  '财政局',
  '卫生健康局',
  '公安局',
  '农业农村局',
  '住房和城乡建设局',
  '市场监督管理局',
];
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function planCity(random: Random): PlannedOrg[] {
  const orgs: PlannedOrg[] = [];
  const childCounts = new Map<number | null, number>();
  const add = (parent: PlannedOrg | null, name: string, type: OrgType, extra: Partial<PlannedOrg> = {}) => {
    const parentIndex = parent?.index ?? null;
    const sortOrder = (childCounts.get(parentIndex) ?? 0) + 1;
    childCounts.set(parentIndex, sortOrder);
    const org: PlannedOrg = {
      index: orgs.length,
      parentIndex,
      name,
      type,
      sortOrder,
      memberCount: 0,
      ...extra,
    };
    orgs.push(org);
    return org;
  };
  const branch = (parent: PlannedOrg, name: string, min: number, max: number) =>
    add(parent, name, 'branch', { memberCount: random.int(min, max) });
  const numberedBranches = (parent: PlannedOrg, prefix: string, count: number) => {
    for (let i = 0; i < count; i++) branch(parent, `${prefix}第${NUMERALS[i]}党支部`, 6, 24);
  };

  const root = add(null, ROOT_NAME, 'committee', { tag: 'root' });
  const organs = add(root, ORGANS_NAME, 'committee', { tag: 'organs' });

  for (const unitName of UNITS) {
    const tag = unitName === EDUCATION_NAME ? 'education' : unitName === FINANCE_NAME ? 'finance' : undefined;
    const unit = add(organs, unitName, 'unit', tag ? { tag } : {});
    const bodies = LARGE_UNITS[unitName];
    if (bodies) {
      const committee = add(unit, `${unitName}党委`, 'party_committee');
      for (const body of bodies) {
        // 机关 or 内科 alone would be ambiguous across units; schools and centres have names of their own.
        const prefix = body.startsWith('市') ? body : `${unitName}${body}`;
        const general = add(committee, `${prefix}党总支`, 'general_branch');
        numberedBranches(general, prefix, random.int(2, 4));
      }
      continue;
    }
    const count = random.int(2, 5);
    const parent = add(
      unit,
      `${unitName}${count >= 4 ? '机关党委' : '机关党总支'}`,
      count >= 4 ? 'party_committee' : 'general_branch',
    );
    numberedBranches(parent, `${unitName}机关`, count - 1);
    branch(parent, `${unitName}离退休干部党支部`, 8, 26);
  }

  let village = 0;
  for (const county of COUNTIES) {
    const countyOrg = add(root, county.name, 'county');
    const countyShort = county.name.replace(/^中共/, '').replace(/委$/, '');
    const organsOfCounty = add(countyOrg, `${countyShort}直机关工委`, 'working_committee');
    for (const body of COUNTY_BODIES.slice(0, random.int(4, 7)))
      branch(organsOfCounty, `${body}党支部`, 6, 20);
    for (const town of county.towns) {
      const townOrg = add(countyOrg, town.name, town.type);
      const townName = town.name.replace(/(党委|党工委)$/, '');
      const isStreet = town.type === 'working_committee';
      branch(townOrg, `${townName}机关党支部`, 8, 18);
      for (let i = random.int(4, 6); i > 0; i--) {
        const place = isStreet
          ? `${COMMUNITIES[village % COMMUNITIES.length]}社区`
          : `${VILLAGES[village % VILLAGES.length]}村`;
        village++;
        branch(townOrg, `${townName}${place}党支部`, 10, 32);
      }
    }
  }
  return orgs;
}
