import { z } from 'zod';

/** What a stage of the season is for. Contest kinds review and score entries; the others run alongside. */
export const stageKinds = [
  'launch',
  'preliminary',
  'semifinal',
  'final',
  'selection',
  'dispatch',
  'classroom',
] as const;
export const stageKindSchema = z.enum(stageKinds, { message: '阶段类型无效' });
export type StageKind = z.infer<typeof stageKindSchema>;
export const stageKindLabels: Record<StageKind, string> = {
  launch: '启动（人人上讲台）',
  preliminary: '初赛',
  semifinal: '复赛',
  final: '决赛',
  selection: '评选',
  dispatch: '送党课进基层',
  classroom: '微课堂',
};
/** Stages in which judges score entries: only these may have a rubric, round rules, quotas and advancement. */
export const contestStageKinds: readonly StageKind[] = ['preliminary', 'semifinal', 'final', 'selection'];
export const isContestStage = (kind: StageKind) => contestStageKinds.includes(kind);

/** The level of the organisation tree that runs a stage. */
export const runByLevels = ['branch', 'unit', 'county', 'city'] as const;
export const runByLevelSchema = z.enum(runByLevels, { message: '组织层级无效' });
export type RunByLevel = z.infer<typeof runByLevelSchema>;
export const runByLevelLabels: Record<RunByLevel, string> = {
  branch: '各党支部',
  unit: '各单位',
  county: '各县市区 / 系统',
  city: '市级',
};

/** The materials an entry may carry. */
export const materialKeys = ['video', 'manuscript', 'courseware', 'recommendationForm'] as const;
export type MaterialKey = (typeof materialKeys)[number];
export const materialLabels: Record<MaterialKey, string> = {
  video: '宣讲视频',
  manuscript: '讲稿',
  courseware: '课件',
  recommendationForm: '推荐表',
};

export const materialRequirements = ['required', 'optional', 'unused'] as const;
export const materialRequirementSchema = z.enum(materialRequirements, {
  message: '请选择必交、选交或不需要',
});
export type MaterialRequirement = z.infer<typeof materialRequirementSchema>;
export const materialRequirementLabels: Record<MaterialRequirement, string> = {
  required: '必交',
  optional: '选交',
  unused: '不需要',
};

export const mediaContainers = ['mp4', 'mov'] as const;
export const mediaContainerSchema = z.enum(mediaContainers, { message: '视频封装格式无效' });
export type MediaContainer = z.infer<typeof mediaContainerSchema>;
export const mediaContainerLabels: Record<MediaContainer, string> = { mp4: 'MP4', mov: 'MOV（QuickTime）' };

export const videoCodecs = ['h264', 'h265'] as const;
export const videoCodecSchema = z.enum(videoCodecs, { message: '视频编码无效' });
export type VideoCodec = z.infer<typeof videoCodecSchema>;
export const videoCodecLabels: Record<VideoCodec, string> = { h264: 'H.264', h265: 'H.265（HEVC）' };

/**
 * How equal final scores are ordered. Whatever the rule, a tie that remains is flagged for the
 * organiser, never broken silently.
 */
export const tieRuleKinds = ['untrimmed_mean_then_criterion', 'untrimmed_mean', 'criterion', 'flag'] as const;
export type TieRuleKind = (typeof tieRuleKinds)[number];
export const tieRuleKindLabels: Record<TieRuleKind, string> = {
  untrimmed_mean_then_criterion: '先比全部评委的平均分（不去分），再比指定评分项得分',
  untrimmed_mean: '比全部评委的平均分（不去分）',
  criterion: '比指定评分项得分',
  flag: '不自动区分，提示组织者处理',
};

/** The step in which overtime is counted in a live round; a started step counts in full. */
export const penaltyUnits = ['minute', 'half_minute'] as const;
export const penaltyUnitSchema = z.enum(penaltyUnits, { message: '扣分计时单位无效' });
export type PenaltyUnit = z.infer<typeof penaltyUnitSchema>;
export const penaltyUnitLabels: Record<PenaltyUnit, string> = {
  minute: '每超出 1 分钟（不足 1 分钟按 1 分钟计）',
  half_minute: '每超出 30 秒（不足 30 秒按 30 秒计）',
};
export const penaltyUnitSeconds: Record<PenaltyUnit, number> = { minute: 60, half_minute: 30 };

export const campaignStatuses = ['draft', 'published', 'closed'] as const;
export const campaignStatusSchema = z.enum(campaignStatuses, { message: '活动状态无效' });
export type CampaignStatus = z.infer<typeof campaignStatusSchema>;
export const campaignStatusLabels: Record<CampaignStatus, string> = {
  draft: '草稿',
  published: '已发布',
  closed: '已结束',
};

export const stageStates = ['done', 'current', 'upcoming'] as const;
export type StageState = (typeof stageStates)[number];
export const stageStateLabels: Record<StageState, string> = {
  done: '已结束',
  current: '进行中',
  upcoming: '未开始',
};

export const campaignPresetKeys = ['yueyang', 'jiaozuo'] as const;
export const campaignPresetKeySchema = z.enum(campaignPresetKeys, { message: '没有这个活动预设' });
export type CampaignPresetKey = z.infer<typeof campaignPresetKeySchema>;
