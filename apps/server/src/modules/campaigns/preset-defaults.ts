import type { RubricCriterion } from '@jiangtai/contracts';

/** Neither notice gives a rubric; this default (100 points) is what organisers start from. */
export const defaultRubricCriteria: RubricCriterion[] = [
  {
    key: 'content',
    name: '内容主题',
    max: 40,
    description: '主题鲜明，政治方向正确；内容充实、观点准确，紧扣活动主题，理论联系实际，以小切口讲大道理',
  },
  {
    key: 'language',
    name: '语言表达',
    max: 25,
    description: '普通话标准，表达流畅，生动感人，富有感染力，通俗易懂，贴近基层',
  },
  {
    key: 'courseware',
    name: '课件制作',
    max: 15,
    description: '课件与讲稿内容契合，图文音像运用恰当，简洁美观，辅助效果好',
  },
  { key: 'presence', name: '仪表风范', max: 10, description: '着装得体，仪态大方，精神饱满，肢体语言自然' },
  { key: 'timing', name: '时间把控', max: 10, description: '在规定时间内完成宣讲，详略得当，节奏合理' },
];

export const defaultRubric = (stageKey: string) => ({
  stageKey,
  total: 100,
  criteria: defaultRubricCriteria.map((c) => ({ ...c })),
});

/** The 岳阳 notice's MP4 1080/25p/8Mbps; 焦作 names no format, so it starts from the same. */
export const fullHdMp4 = {
  container: 'mp4',
  videoCodec: 'h264',
  width: 1920,
  height: 1080,
  frameRate: 25,
  bitRateMbps: 8,
} as const;

/** Equal trimmed means: compare the untrimmed mean, then 内容主题; a remaining tie is flagged. */
export const defaultTieRule = { kind: 'untrimmed_mean_then_criterion', criterionKey: 'content' } as const;
