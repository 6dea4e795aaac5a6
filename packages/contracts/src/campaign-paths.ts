import type { z } from 'zod';

/** Chinese names of settings fields, for messages that must say which field is wrong. */
const fieldLabels: Record<string, string> = {
  title: '活动名称',
  theme: '活动主题',
  description: '说明',
  startsOn: '开始日期',
  endsOn: '结束日期',
  eligibility: '参加条件',
  note: '说明',
  materials: '报送材料',
  video: '宣讲视频',
  manuscript: '讲稿',
  courseware: '课件',
  recommendationForm: '推荐表',
  mediaSpec: '视频规格',
  container: '封装格式',
  videoCodec: '视频编码',
  width: '宽度',
  height: '高度',
  frameRate: '帧率',
  bitRateMbps: '码率',
  'duration.targetSeconds': '目标时长',
  'duration.softMinSeconds': '建议时长下限',
  'duration.softMaxSeconds': '建议时长上限',
  'duration.hardMaxSeconds': '时长上限',
  duration: '时长',
  key: '编码',
  name: '名称',
  kind: '类型',
  submissionDeadline: '报送截止日期',
  runBy: '组织层级',
  quota: '推荐名额',
  'quota.min': '名额下限',
  'quota.max': '名额上限',
  advanceCount: '晋级人数',
  stageKey: '所属阶段',
  total: '总分',
  max: '满分',
  judgesPerEntry: '每件作品的评委人数',
  dropHighest: '去掉最高分个数',
  dropLowest: '去掉最低分个数',
  decimals: '保留小数位数',
  tieRule: '同分规则',
  criterionKey: '比较的评分项',
  timePenalty: '超时扣分',
  limitSeconds: '限时',
  graceSeconds: '宽限时间',
  per: '计时单位',
  points: '每次扣分',
  maxPoints: '最多扣分',
  places: '名额',
  speakerPool: '师资库',
  targetPerCounty: '每个县市区师资库人数目标',
  lecturePlan: '宣讲计划',
  'lecturePlan.required': '是否要求填报宣讲计划',
  'lecturePlan.dueOn': '宣讲计划截止日期',
};

/** Names of list items: stages.2 → 第 3 个阶段. */
const itemLabels: Record<string, string> = {
  participatingOrgIds: '参与组织',
  categories: '宣讲类别',
  positions: '职务',
  partyStatuses: '党员身份',
  stages: '阶段',
  rubrics: '评分标准',
  criteria: '评分项',
  roundRules: '评审规则',
  awardTiers: '奖项',
  orgAwards: '组织奖',
};

/** ['stages', 2, 'endsOn'] → 第 3 个阶段的结束日期 */
export function describeSettingsPath(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let previousKey: string | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = String(path[i]);
    const next = path[i + 1];
    if (typeof next === 'number') {
      parts.push(`第 ${next + 1} 个${itemLabels[seg] ?? fieldLabels[seg] ?? seg}`);
      previousKey = undefined;
      i++;
      continue;
    }
    const combined = previousKey ? fieldLabels[`${previousKey}.${seg}`] : undefined;
    if (combined) parts[parts.length - 1] = combined;
    else parts.push(itemLabels[seg] ?? fieldLabels[seg] ?? seg);
    previousKey = seg;
  }
  return parts.join('的') || '活动设置';
}

/**
 * Chinese wording for the issues the schema does not word itself (wrong types, unknown options),
 * naming the field. Pass as the per-parse `error` option.
 */
export const settingsErrorMap = (issue: z.core.$ZodRawIssue): string => {
  const label = describeSettingsPath(issue.path ?? []);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return `请填写${label}`;
      if (issue.expected === 'number' || issue.expected === 'int') return `${label}应为数字`;
      if (issue.expected === 'string') return `${label}应为文字`;
      if (issue.expected === 'array') return `${label}应为列表`;
      return `${label}格式不正确`;
    case 'too_small':
      return issue.origin === 'array' ? `${label}至少 ${issue.minimum} 项` : `${label}太小`;
    case 'too_big':
      return issue.origin === 'array' ? `${label}最多 ${issue.maximum} 项` : `${label}太大`;
    case 'invalid_value':
      return `${label}的取值无效`;
    case 'not_multiple_of':
      return `${label}应为 ${String(issue.divisor)} 的整数倍`;
    case 'unrecognized_keys':
      return `${label}含有无法识别的字段：${issue.keys.join('、')}`;
    case 'invalid_format':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return `${label}格式不正确`;
  }
};
