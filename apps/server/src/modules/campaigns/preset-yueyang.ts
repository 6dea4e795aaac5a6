import type { CampaignSettings } from '@jiangtai/contracts';
import { defaultRubric, defaultTieRule, fullHdMp4 } from './preset-defaults.ts';

/**
 * Seed notice 000 岳阳 2020「大学习 走在前·千名支部书记微宣讲」, as settings in the notice's own year. Dates in stage descriptions are placeholders ({deadline}, {start}, {end}) filled from the
 * configured dates, so the text never names a day the settings do not.
 */
export function yueyangSettings(): CampaignSettings {
  return {
    title: '“大学习 走在前·千名支部书记微宣讲”活动',
    theme: '大学习 走在前',
    description:
      '深入学习贯彻习近平新时代中国特色社会主义思想，弘扬支部书记讲党课的优良传统，练好支部书记讲好党课的基本功。每个支部制定微宣讲计划，每名支部书记主动参与，通过“三会一课”、主题党日定期为基层党员群众讲党课；通过“小切口”宣讲“大道理”，通过“身边事”解读“大政策”。评选出的优秀课件在报纸、电视台和机关党建网刊发传播。',
    participatingOrgIds: [],
    startsOn: '2020-07-13',
    endsOn: '2020-10-31',
    categories: [
      { key: 'theory', name: '政治理论' },
      { key: 'regulations', name: '党内法规' },
      { key: 'history', name: '党史国史' },
      { key: 'models', name: '先进典型' },
    ],
    eligibility: {
      positions: ['书记', '副书记'],
      partyStatuses: ['full', 'probationary'],
      note: '市直机关各单位、中央省驻岳有关单位党支部书记（副书记）',
    },
    materials: {
      video: 'required',
      manuscript: 'required',
      courseware: 'optional',
      recommendationForm: 'required',
    },
    mediaSpec: {
      ...fullHdMp4,
      duration: { targetSeconds: 480, softMinSeconds: 420, softMaxSeconds: 540, hardMaxSeconds: 600 },
    },
    stages: [
      {
        key: 'launch',
        name: '启动',
        kind: 'launch',
        startsOn: '2020-07-13',
        endsOn: '2020-07-31',
        submissionDeadline: null,
        runBy: 'branch',
        description:
          '各支部制定微宣讲计划；支部书记精心准备课件和讲稿，通过“三会一课”、主题党日活动开展微宣讲，并记录宣讲情况。',
        quota: null,
        advanceCount: null,
      },
      {
        key: 'preliminary',
        name: '初赛',
        kind: 'preliminary',
        startsOn: '2020-08-01',
        endsOn: '2020-08-31',
        submissionDeadline: null,
        runBy: 'unit',
        description:
          '各单位党组织自行对微宣讲讲稿和课件进行评审，向市直机关工委推荐 1–2 名优秀选手参加复赛。',
        quota: { min: 1, max: 2 },
        advanceCount: null,
      },
      {
        key: 'semifinal',
        name: '复赛',
        kind: 'semifinal',
        startsOn: '2020-09-01',
        endsOn: '2020-09-30',
        submissionDeadline: '2020-09-15',
        runBy: 'city',
        description:
          '{deadline}前，推荐单位报送微宣讲视频（MP4，1080/25p/8Mbps，8分钟左右）、讲稿（纸质版和电子版）及决赛推荐表；市直机关工委组织专家评审，确定进入决赛名单（20人）。',
        quota: null,
        advanceCount: 20,
      },
      {
        key: 'final',
        name: '决赛',
        kind: 'final',
        startsOn: '2020-10-11',
        endsOn: '2020-10-31',
        submissionDeadline: null,
        runBy: 'city',
        description:
          '{start}至{end}举行决赛，现场宣讲、评委现场评分；设一等奖、二等奖、三等奖、优秀奖和组织奖，颁发奖牌、证书。',
        quota: null,
        advanceCount: null,
      },
    ],
    rubrics: [defaultRubric('semifinal'), defaultRubric('final')],
    roundRules: [
      {
        stageKey: 'semifinal',
        judgesPerEntry: 5,
        dropHighest: 1,
        dropLowest: 1,
        decimals: 2,
        tieRule: defaultTieRule,
        timePenalty: null,
      },
      {
        stageKey: 'final',
        judgesPerEntry: 7,
        dropHighest: 1,
        dropLowest: 1,
        decimals: 2,
        tieRule: defaultTieRule,
        timePenalty: { limitSeconds: 480, graceSeconds: 60, per: 'half_minute', points: 0.5, maxPoints: 5 },
      },
    ],
    awardTiers: [
      { name: '一等奖', places: 2 },
      { name: '二等奖', places: 4 },
      { name: '三等奖', places: 6 },
      { name: '优秀奖', places: 8 },
    ],
    orgAwards: [{ name: '组织奖', places: null }],
    speakerPool: null,
    // 「各支部制定微宣讲计划」 at the launch: every branch files one by the end of the 启动 stage.
    lecturePlan: { required: true, dueOn: '2020-07-31' },
  };
}
