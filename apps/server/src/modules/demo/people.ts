/**
 * Deterministic generators for demo people: the same seed gives the same city on every machine,
 * so screenshots, e2e journeys and bug reports refer to the same names.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: tiny, fast and good enough for test data (not for anything secret). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
    chance: (p) => next() < p,
  };
}

// Common surnames, the most frequent first and repeated so they come up more often, as in life.
const FREQUENT_SURNAMES = '王李张刘陈杨黄赵吴周';
const SURNAMES =
  FREQUENT_SURNAMES.repeat(3) +
  '徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const MALE_CHARS =
  '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳建国志文海峰成东亮晨振兴立新永庆春德松毅';
const FEMALE_CHARS = '芳娜敏静丽艳娟霞燕玲婷慧琳颖洁雪倩萍红梅兰琴英丹蕾佳欣怡悦月晶璐秀珍凤云琼薇晓茜';

export function chineseName(random: Random, gender: 'male' | 'female'): string {
  const chars = gender === 'male' ? MALE_CHARS : FEMALE_CHARS;
  const surname = random.pick([...SURNAMES]);
  const first = random.pick([...chars]);
  if (random.chance(0.35)) return surname + first;
  let second = random.pick([...chars]);
  if (second === first && random.chance(0.7)) second = random.pick([...chars]);
  return surname + first + second;
}

const PHONE_SPACE = 100_000_000; // eight digits after the 170 prefix
const PHONE_STRIDE = 61_803_399; // coprime with 10^8, so n ↦ n·stride mod 10^8 never repeats
const PHONE_OFFSET = 3_141_592;

/**
 * The n-th demo phone number: 170 (a virtual-operator range) and eight digits that look random
 * but are unique for every n below 10^8.
 */
export function demoPhone(n: number): string {
  const tail = (PHONE_OFFSET + n * PHONE_STRIDE) % PHONE_SPACE;
  return `170${String(tail).padStart(8, '0')}`;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** A join date: probationary members joined within the last year; full members years ago. */
export function joinDate(random: Random, today: Date, probationary: boolean): string {
  const day = 86_400_000;
  if (probationary) return isoDate(new Date(today.getTime() - random.int(30, 360) * day));
  const year = today.getUTCFullYear() - random.int(2, 45);
  return isoDate(new Date(Date.UTC(year, random.int(0, 11), random.int(1, 28))));
}

export type PositionName = '书记' | '副书记' | '组织委员' | '宣传委员' | '纪检委员' | '党员';

/**
 * Positions of a branch's members, in order: one secretary always, a deputy often,
 * the three committee members in branches big enough to have a committee, the rest ordinary members.
 */
export function branchPositions(random: Random, size: number): PositionName[] {
  const out: PositionName[] = ['书记'];
  if (size >= 5 && random.chance(0.65)) out.push('副书记');
  if (size >= 7) out.push('组织委员', '宣传委员', '纪检委员');
  while (out.length < size) out.push('党员');
  return out.slice(0, size);
}
