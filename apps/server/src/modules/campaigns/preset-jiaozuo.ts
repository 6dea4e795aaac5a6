import type { CampaignSettings } from '@jiangtai/contracts';
import { defaultRubric, defaultTieRule, fullHdMp4 } from './preset-defaults.ts';

/** Seed notice 002 焦作 2018「弘扬焦裕禄精神 争做出彩焦作人」微型党课系列活动, as settings in the notice's own year. */
export function jiaozuoSettings(): CampaignSettings {
  return {
    title: '“弘扬焦裕禄精神 争做出彩焦作人”微型党课系列活动',
    theme: '弘扬焦裕禄精神 争做出彩焦作人',
    description:
      '以微型党课为基本形式，以党员人人参与为基本要求：以身边人讲述身边事，用小故事诠释大道理，用小话题撬动大主题。深化“领导干部讲党课，党员人人上讲台”；评选全市微型党课十佳宣讲员；组建宣讲员师资库，开展“送党课进基层”；开办网上党员教育微课堂。活动资料（文字、照片、视频）及时报送市委宣传部党教科。',
    participatingOrgIds: [],
    startsOn: '2018-07-01',
    endsOn: '2018-12-31',
    categories: [
      { key: 'theory', name: '党的创新理论' },
      { key: 'reform', name: '改革开放40年' },
      { key: 'insights', name: '学习心得' },
      { key: 'stories', name: '焦作故事' },
    ],
    eligibility: {
      positions: [],
      partyStatuses: ['full', 'probationary'],
      note: '中共党员（含预备党员），有丰富的基层宣讲经验',
    },
    materials: {
      video: 'optional',
      manuscript: 'optional',
      courseware: 'required',
      recommendationForm: 'optional',
    },
    mediaSpec: {
      ...fullHdMp4,
      duration: { targetSeconds: 300, softMinSeconds: 240, softMaxSeconds: 360, hardMaxSeconds: 360 },
    },
    stages: [
      {
        key: 'everyone',
        name: '党员人人上讲台',
        kind: 'launch',
        startsOn: '2018-07-01',
        endsOn: '2018-12-31',
        submissionDeadline: null,
        runBy: 'branch',
        description: '以党支部为基本单位，领导干部带头讲党课，党员人人上讲台，形成讲党课全员覆盖的良好局面。',
        quota: null,
        advanceCount: null,
      },
      {
        key: 'local_contest',
        name: '县市区、市直单位微型党课比赛',
        kind: 'preliminary',
        startsOn: '2018-07-16',
        endsOn: '2018-08-31',
        submissionDeadline: null,
        runBy: 'county',
        description:
          '各县市区、市直各单位组织本地、本系统的微型党课比赛，评选出本地本系统的十佳宣讲员；每个县市区、市委市直机关工委、市教育局、市国资委各推荐 2 名选手参加全市评选。',
        quota: { min: 2, max: 2 },
        advanceCount: null,
      },
      {
        key: 'city_final',
        name: '全市十佳宣讲员比赛',
        kind: 'final',
        startsOn: '2018-09-01',
        endsOn: '2018-09-30',
        submissionDeadline: null,
        runBy: 'city',
        description:
          '市委宣传部举行微型党课全市十佳宣讲员比赛评选；参赛人员必须使用多媒体课件辅助教学，授课时间为 6 分钟以内。',
        quota: null,
        advanceCount: 10,
      },
      {
        key: 'dispatch',
        name: '送党课进基层',
        kind: 'dispatch',
        startsOn: '2018-10-01',
        endsOn: '2018-12-31',
        submissionDeadline: null,
        runBy: 'county',
        description:
          '各县市区建立 20 人以上的微型党课宣讲员师资库，市委宣传部择优建立市级师资库；组织优秀宣讲员进企业、进农村、进机关、进校园、进社区，开展对象化、分众化、互动化的微党课宣讲。',
        quota: null,
        advanceCount: null,
      },
      {
        key: 'classroom',
        name: '网上党员教育微课堂',
        kind: 'classroom',
        startsOn: '2018-10-01',
        endsOn: '2018-12-31',
        submissionDeadline: null,
        runBy: 'county',
        description:
          '开通党员教育网络微课堂、手机微课堂，展播优秀微型党课，让基层党员干部群众随时、随地、随手上党课、学理论。',
        quota: null,
        advanceCount: null,
      },
    ],
    rubrics: [defaultRubric('city_final')],
    roundRules: [
      {
        stageKey: 'city_final',
        judgesPerEntry: 7,
        dropHighest: 1,
        dropLowest: 1,
        decimals: 2,
        tieRule: defaultTieRule,
        timePenalty: { limitSeconds: 360, graceSeconds: 0, per: 'half_minute', points: 0.5, maxPoints: 5 },
      },
    ],
    awardTiers: [{ name: '十佳宣讲员', places: 10 }],
    orgAwards: [{ name: '优秀组织单位', places: null }],
    speakerPool: { targetPerCounty: 20 },
    // 人人上讲台 asks for no written plan; a branch may still file one.
    lecturePlan: { required: false, dueOn: null },
  };
}
