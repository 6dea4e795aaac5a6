import { z } from 'zod';
import { multilineText, text } from './text.ts';
import { idSchema } from './org.ts';
import { timePenaltySchema } from './campaign-schema.ts';

/**
 * Live final (现场决赛): a review round whose config carries `live` settings. The organiser sets it
 * up from the 复赛 results, the order of speakers is drawn (抽签) or entered, the MC (主持人) runs the
 * evening, judges score each speaker on their phones as they finish, the big screen (大屏) and the
 * audience view follow by server push, the supervisor (监督员) confirms each result and signs the
 * whole. Scores go into the round's hash-chained score log like any review round.
 *
 * This file is the contract between the server, the MC console, the judges' phones and the screens.
 */

const int = (what: string, min: number, max: number) =>
  z
    .number({ message: `请填写${what}` })
    .int(`${what}应为整数`)
    .min(min, `${what}不能小于 ${min}`)
    .max(max, `${what}不能大于 ${max}`);

/** How judges appear on the big screen once a speaker's scores are in. */
export const judgeDisplayModes = ['named', 'numbered', 'hidden'] as const;
export type JudgeDisplayMode = (typeof judgeDisplayModes)[number];
export const judgeDisplayModeLabels: Record<JudgeDisplayMode, string> = {
  named: '显示评委姓名和各自分数',
  numbered: '显示「评委1…N」和各自分数',
  hidden: '只显示最后得分',
};

/** Whether a speaker's result goes on the screens as soon as all judges have scored, or only once the supervisor confirmed it. */
export const announceModes = ['after_confirm', 'before_confirm'] as const;
export type AnnounceMode = (typeof announceModes)[number];
export const announceModeLabels: Record<AnnounceMode, string> = {
  after_confirm: '监督员确认后公布',
  before_confirm: '评委全部提交后立即公布，监督员随后确认',
};

/**
 * A live round's own settings (in the round config as `live`). The time penalty comes from the
 * campaign's round rules for the stage (`timePenalty`: limit, grace, step, points, cap) and is copied
 * into `timePenalty` here so it is part of the round's recorded rules; null = no penalty.
 */
export const liveSettingsSchema = z.object({
  /** Speaking-time limit shown on the timer (岳阳 ≈ 8 分钟, 焦作 ≤ 6 分钟). */
  speakingSeconds: int('限时（秒）', 30, 7200),
  /** The timer warns this many seconds before the limit (e.g. 还剩 1 分钟). */
  warnSeconds: int('提醒时间（秒）', 0, 600),
  judgeDisplay: z.enum(judgeDisplayModes, { message: '评委分数显示方式无效' }),
  announce: z.enum(announceModes, { message: '公布方式无效' }),
  /** Copied from the campaign's round rules for the stage; null = no time penalty. */
  timePenalty: timePenaltySchema.nullable().default(null),
});
export type LiveSettings = z.infer<typeof liveSettingsSchema>;

/** Where a speaker stands in the evening. */
export const liveSlotStatuses = [
  'waiting', // 候场
  'speaking', // 正在宣讲 (timer may be paused)
  'scoring', // 评委评分中
  'scored', // 全部评委已提交，待监督员确认
  'confirmed', // 监督员已确认
  'no_show', // 缺席（跳过，有原因）
  'withdrawn', // 抽签前退出（有原因）
] as const;
export type LiveSlotStatus = (typeof liveSlotStatuses)[number];
export const liveSlotStatusLabels: Record<LiveSlotStatus, string> = {
  waiting: '候场',
  speaking: '宣讲中',
  scoring: '评分中',
  scored: '待确认',
  confirmed: '已确认',
  no_show: '缺席',
  withdrawn: '已退出',
};

/** The evening as a whole. */
export const liveStates = ['setup', 'drawn', 'running', 'finished', 'signed'] as const;
export type LiveState = (typeof liveStates)[number];
export const liveStateLabels: Record<LiveState, string> = {
  setup: '准备中',
  drawn: '出场顺序已确定',
  running: '比赛进行中',
  finished: '全部选手已完成',
  signed: '监督员已签字确认',
};

// ---------- requests ----------

/**
 * A judge's live score. `key` is made on the phone before the first attempt and sent with every
 * retry: the server stores the outcome under it, so a retry whose first attempt was committed (but
 * whose answer was lost on the hall's Wi-Fi) is answered with the same outcome and counted once.
 */
export const liveScoreSchema = z.object({
  key: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '提交编号无效，请刷新页面后重试'),
  entryId: idSchema,
  scores: z.record(z.string(), z.number({ message: '分数应为数字' })),
});
export type LiveScoreInput = z.infer<typeof liveScoreSchema>;

export const liveReasonSchema = z.object({
  reason: multilineText({ message: '请填写原因' })
    .min(2, '请写明原因（至少 2 个字）')
    .max(500, '原因不能超过 500 个字'),
});

/** The MC's timer buttons. */
export const timerActions = ['start', 'pause', 'resume', 'stop'] as const;
export type TimerAction = (typeof timerActions)[number];
export const timerActionSchema = z.object({ action: z.enum(timerActions, { message: '计时操作无效' }) });

/** A hand-drawn order entered by the organiser: entry ids, first speaker first. */
export const manualOrderSchema = z.object({
  order: z.array(idSchema).min(1, '请排列全部选手'),
  note: text().max(200, '说明不能超过 200 个字').default(''),
});

/** A contribution to the draw's seed, made after the commitment (supervisor, finalists on the day). */
export const drawContributionSchema = z.object({
  value: text({ message: '请输入随机数' }).min(4, '请输入至少 4 个字符').max(64, '不超过 64 个字符'),
  /** Whose value it is (「监督员 王某」「3号选手 张三」): shown on the public page with the value. */
  label: text({ message: '请填写这份随机数是谁给出的' })
    .min(1, '请填写这份随机数是谁给出的')
    .max(30, '说明不超过 30 个字'),
});

// ---------- what the screens receive ----------

/** A speaker as every screen shows them (the final is open review: names are shown). */
export interface LiveSpeaker {
  entryId: string;
  /** 出场顺序, from 1. */
  position: number;
  speakerName: string;
  unitName: string;
  title: string;
  status: LiveSlotStatus;
}

/** One judge's total for the big screen; `label` is the name or 评委N as configured. */
export interface LiveJudgeScore {
  label: string;
  total: string;
  /** Struck through on the screen: one of the k highest / k lowest dropped. */
  dropped: 'high' | 'low' | null;
}

export interface LiveResult {
  entryId: string;
  position: number;
  speakerName: string;
  unitName: string;
  title: string;
  /** Empty when the round hides judges' scores. */
  judges: LiveJudgeScore[];
  /** The trimmed mean before the penalty, as a decimal string. */
  average: string;
  overtimeSeconds: number;
  penalty: string;
  /** Final score, rounded once (half up) to the round's decimals. */
  score: string;
  confirmed: boolean;
}

export interface LiveRankRow {
  rank: number;
  entryId: string;
  speakerName: string;
  unitName: string;
  score: string;
}

/**
 * The public state of a live round: what the big screen, the ranking screen and the audience view
 * show. Sent whole on connect and after every change (it is small: tens of speakers).
 * Scores appear only once every judge has submitted (and, with announce = after_confirm, once the
 * supervisor confirmed).
 */
export interface LiveSnapshot {
  roundId: string;
  /** Increases with every change of the round; a screen ignores a snapshot older than its own. */
  version: number;
  campaignTitle: string;
  roundName: string;
  rehearsal: boolean;
  state: LiveState;
  /** Server clock when the snapshot was made, for the timer's offset. */
  serverNow: string;
  speakers: LiveSpeaker[];
  currentEntryId: string | null;
  nextEntryId: string | null;
  timer: {
    running: boolean;
    /** Elapsed speaking time at `serverNow`. */
    elapsedMs: number;
    limitSeconds: number;
    warnSeconds: number;
  };
  /** Progress of the current speaker's scoring (counts only, never values). */
  scoring: { open: boolean; submitted: number; judges: number } | null;
  /** The latest announced result (what the big screen shows after a speaker). */
  lastResult: LiveResult | null;
  /** Announced results ranked, best first (ties share a rank until the organiser decides). */
  ranking: LiveRankRow[];
  judgeDisplay: JudgeDisplayMode;
}
