/**
 * Generates a city-scale org tree with members in an embedded (PGlite) data directory, for benchmarks:
 * 1 city committee → 12 counties (14 town party committees × 22 branches each)
 *                  + 60 city units (4 general branches × 12 branches each)  ≈ 7,000 orgs,
 * and ~300,000 members in the branches. Names are drawn from surname × given-name characters with a
 * seeded PRNG (the same data every run; not real people); phones are unique by construction.
 *
 *   npm run gen:city -- [--data-dir ./bench/.data/city] [--members 300000] [--force]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { migrate, openDatabase } from '../db/database.ts';
import type { NewMember, NewOrg, OrgType } from '../db/types.ts';
import { prng } from '../lib/prng.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const DEFAULT_CITY_DIR = path.join(repoRoot, 'bench/.data/city');

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红玉梅文亮成林云峰辉鹏宇浩凯晨欣悦婷雪琳晶颖佳俊博然志宏海波斌鑫宁丹萍倩瑶璐琪慧莉燕红凤翠珍春秋冬阳光荣辰思远航帆新晓雨露清泉山川松柏翔瑞祥和安康乐嘉诚德仁义礼智信忠孝勤俭朴实',
];
const COUNTIES = [
  '城关区',
  '东湖区',
  '西山区',
  '南岸区',
  '北塘区',
  '青石县',
  '临江县',
  '平川县',
  '石门县',
  '清河县',
  '云台市',
  '高新区',
];
const TOWN_HEADS = [...'东西南北中新青白金石桃李柳松竹梅兰杏枫槐河湖江山岭坪桥湾'];
const TOWN_TAILS = ['镇', '乡', '街道'];
const UNIT_NAMES = [
  '教育局',
  '财政局',
  '公安局',
  '民政局',
  '司法局',
  '人社局',
  '自然资源局',
  '生态环境局',
  '住建局',
  '交通运输局',
  '水利局',
  '农业农村局',
  '商务局',
  '文旅局',
  '卫健委',
  '退役军人事务局',
  '应急管理局',
  '审计局',
  '市场监管局',
  '统计局',
  '医保局',
  '林业局',
  '信访局',
  '机关事务局',
  '城管局',
  '体育局',
  '发改委',
  '工信局',
  '科技局',
  '国资委',
  '税务局',
  '气象局',
  '供销社',
  '总工会',
  '团市委',
  '妇联',
  '科协',
  '文联',
  '残联',
  '红十字会',
  '人民医院',
  '中医院',
  '妇幼保健院',
  '第一中学',
  '第二中学',
  '实验中学',
  '职业技术学院',
  '广播电视台',
  '日报社',
  '图书馆',
  '博物馆',
  '档案馆',
  '党校',
  '社科联',
  '侨联',
  '工商联',
  '公积金中心',
  '数据局',
  '粮食和储备局',
  '人防办',
];
const PHONE_PREFIXES = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '156',
  '158',
  '159',
  '176',
  '177',
  '180',
  '181',
  '185',
  '186',
  '187',
  '188',
  '189',
  '199',
];

interface GenOrg extends NewOrg {
  id: string;
  path: string;
}

export function buildCityOrgs(): { orgs: GenOrg[]; branches: GenOrg[] } {
  const orgs: GenOrg[] = [];
  let nextId = 1;
  const add = (parent: GenOrg | null, name: string, type: OrgType, sortOrder: number): GenOrg => {
    const id = String(nextId++);
    const org: GenOrg = {
      id,
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? ''}${id}.`,
      depth: parent ? parent.depth + 1 : 0,
      name,
      type,
      code: `C${id.padStart(5, '0')}`,
      sort_order: sortOrder,
    };
    orgs.push(org);
    return org;
  };
  const root = add(null, '演示市委', 'committee', 0);
  const branches: GenOrg[] = [];
  COUNTIES.forEach((county, c) => {
    const countyOrg = add(root, `${county}委`, 'county', c + 1);
    for (let t = 0; t < 14; t++) {
      const tail = TOWN_TAILS[t % 3]!;
      const town = add(
        countyOrg,
        `${TOWN_HEADS[(c * 7 + t) % TOWN_HEADS.length]}${TOWN_HEADS[(c + t * 3) % TOWN_HEADS.length]}${tail}${tail === '街道' ? '党工委' : '党委'}`,
        tail === '街道' ? 'working_committee' : 'party_committee',
        t + 1,
      );
      for (let b = 0; b < 22; b++)
        branches.push(add(town, b < 16 ? `第${b + 1}村党支部` : `机关第${b - 15}党支部`, 'branch', b + 1));
    }
  });
  UNIT_NAMES.forEach((unit, u) => {
    const unitOrg = add(root, `市${unit}`, 'unit', COUNTIES.length + u + 1);
    for (let g = 0; g < 4; g++) {
      const general = add(unitOrg, `第${g + 1}党总支`, 'general_branch', g + 1);
      for (let b = 0; b < 12; b++) branches.push(add(general, `第${g * 12 + b + 1}党支部`, 'branch', b + 1));
    }
  });
  return { orgs, branches };
}

/** Phone i: a prefix plus an 8-digit suffix from a bijection on 0..10^8-1, so phones never repeat. */
export const cityPhone = (i: number) =>
  `${PHONE_PREFIXES[i % PHONE_PREFIXES.length]}${String((i * 37_139_213 + 12_345_678) % 100_000_000).padStart(8, '0')}`;

export function* cityMembers(branches: GenOrg[], total: number, seed = 20260701): Generator<NewMember> {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  // Uneven branch sizes (10–80 weight), scaled to the requested total.
  const weights = branches.map(() => 10 + rand() * 70);
  const scale = total / weights.reduce((a, b) => a + b, 0);
  let made = 0;
  for (const [i, branch] of branches.entries()) {
    const size =
      i === branches.length - 1 ? total - made : Math.min(total - made, Math.round(weights[i]! * scale));
    for (let k = 0; k < size; k++) {
      const given = rand() < 0.6 ? pick(GIVEN) + pick(GIVEN) : pick(GIVEN);
      const position =
        k === 0
          ? ['书记']
          : k === 1
            ? ['副书记']
            : k === 2
              ? ['组织委员']
              : k === 3
                ? ['宣传委员', '纪检委员']
                : ['党员'];
      const year = 1965 + Math.floor(rand() * 60);
      yield {
        org_id: branch.id,
        org_path: branch.path,
        name: pick(SURNAMES) + given,
        gender: rand() < 0.55 ? 'male' : 'female',
        phone: cityPhone(made),
        party_status: year >= 2025 || rand() < 0.03 ? 'probationary' : 'full',
        positions: position,
        joined_on: `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
      };
      made++;
    }
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      members: { type: 'string', default: '300000' },
      force: { type: 'boolean', default: false },
    },
  });
  const base = process.env.INIT_CWD ?? process.cwd();
  const dataDir = values['data-dir'] ? path.resolve(base, values['data-dir']) : DEFAULT_CITY_DIR;
  const total = Number(values.members);
  if (!Number.isInteger(total) || total < 1) throw new Error('--members 应为正整数');
  if (fs.existsSync(path.join(dataDir, 'pglite'))) {
    if (!values.force) {
      console.log(`数据目录 ${dataDir} 已有数据；如需重新生成，请加 --force`);
      return;
    }
    fs.rmSync(path.join(dataDir, 'pglite'), { recursive: true, force: true });
  }
  const started = Date.now();
  const database = await openDatabase({ dataDir });
  try {
    const { db } = database;
    await migrate(db);
    const { orgs, branches } = buildCityOrgs();
    for (let i = 0; i < orgs.length; i += 2000)
      await db
        .insertInto('orgs')
        .values(orgs.slice(i, i + 2000))
        .execute();
    await sql`SELECT setval(pg_get_serial_sequence('orgs', 'id'), (SELECT max(id) FROM orgs))`.execute(db);
    console.log(
      `组织 ${orgs.length} 个（支部 ${branches.length} 个），${((Date.now() - started) / 1000).toFixed(1)} 秒`,
    );
    let batch: NewMember[] = [];
    let done = 0;
    for (const m of cityMembers(branches, total)) {
      batch.push(m);
      if (batch.length === 5000) {
        await db.insertInto('members').values(batch).execute();
        done += batch.length;
        batch = [];
        if (done % 50_000 === 0)
          console.log(`  党员 ${done} 名，${((Date.now() - started) / 1000).toFixed(1)} 秒`);
      }
    }
    if (batch.length) await db.insertInto('members').values(batch).execute();
    // No autovacuum in embedded PGlite: gather planner statistics now, or the first queries plan blind.
    await sql`ANALYZE`.execute(db);
    const { n } = await db
      .selectFrom('members')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    console.log(
      `完成：组织 ${orgs.length} 个，党员 ${n} 名，数据目录 ${dataDir}，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
    );
  } finally {
    await database.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
