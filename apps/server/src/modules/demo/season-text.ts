import type { LectureOccasion } from '@jiangtai/contracts';
import type { Random } from './people.ts';

/** The words of the demo season: topics by the 岳阳-style campaign's categories, summaries, reasons. */

// prettier-ignore
export const TOPICS: Record<string, string[]> = {
  theory: [
    '新思想里的民生温度', '读懂“以人民为中心”', '从“两个确立”看担当', '高质量发展就在身边',
    '新发展理念的基层实践', '理论学习的“小切口”', '共同富裕怎么干', '学思想 强党性 重实践',
  ],
  regulations: [
    '把党章学在经常', '廉洁自律从点滴做起', '中央八项规定精神再学习', '党员的权利和义务',
    '严守政治纪律和政治规矩', '“三会一课”怎么开好', '纪律处分条例中的红线', '党费里的党性',
  ],
  history: [
    '从“半条被子”看初心', '红船精神永放光芒', '一封家书的力量', '湘江战役的启示',
    '延安整风与作风建设', '从西柏坡到新时代', '身边的革命遗址', '长征路上的支部',
  ],
  models: [
    '身边的螺丝钉', '向时代楷模学什么', '一名老党员的坚守', '窗口岗位上的党员先锋',
    '扎根基层的“小巷总理”', '讲讲我们支部的好榜样', '平凡岗位上的不平凡', '抗洪一线的党员突击队',
  ],
};

export const SUMMARIES = [
  '结合本单位工作实际，讲了一个身边的小故事，大家围绕怎么学、怎么做作了交流发言。',
  '宣讲约 8 分钟，配合课件讲解，会后支部书记作了点评，党员谈了学习体会。',
  '以“小切口”讲“大道理”，联系岗位职责谈认识，与会党员反响较好。',
  '围绕主题讲清来龙去脉，结合近期工作提出三点倡议，现场进行了互动问答。',
  '宣讲后开展了讨论，大家表示要把学习成果转化为做好本职工作的实际行动。',
];

/** Guests invited to lecture in a branch (名字连同单位，不超过 30 个字). */
export const GUESTS = [
  '周明华（市委党校教授）',
  '陈立新（市委宣传部宣讲团成员）',
  '李秀英（全国劳动模范）',
  '黄建国（老党员、退休教师）',
  '刘志强（市党史研究室研究员）',
];

export const PLAN_RETURN_REASONS = [
  '每月至少安排一次宣讲，请补充下个月的安排',
  '请由支部书记带头讲第一课，并把书记的安排放在最前面',
  '宣讲人不能都是支委，请安排普通党员参与',
];

export const RECORD_RETURN_REASONS = [
  '请补充会场照片',
  '参加人数与签到表不符，请核对后重新提交',
  '内容摘要过于简单，请补充宣讲的主要内容',
  '宣讲日期与支部活动记录不一致，请核实',
];

export const DELETE_REASONS = ['与另一条记录重复，保留先登记的一条', '误录入：这次活动不是本支部组织的'];

/** The occasions, the most common first: a 主题党日 or a 党课 are where most micro-lectures are given. */
const OCCASION_WEIGHTS: [LectureOccasion, number][] = [
  ['theme_day', 34],
  ['party_lecture', 26],
  ['branch_assembly', 20],
  ['party_group', 14],
  ['branch_committee', 6],
];

export function pickOccasion(random: Random): LectureOccasion {
  let r = random.next() * 100;
  for (const [occasion, weight] of OCCASION_WEIGHTS) {
    if (r < weight) return occasion;
    r -= weight;
  }
  return 'theme_day';
}

export function pickTopic(random: Random, categoryKeys: readonly string[]) {
  const categoryKey = random.pick(categoryKeys);
  return { categoryKey, topic: random.pick(TOPICS[categoryKey] ?? TOPICS.theory!) };
}
