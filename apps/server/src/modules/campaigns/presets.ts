import {
  daysBetween,
  fillStageDatePlaceholders,
  shiftCampaignDays,
  shiftCampaignYears,
  type CampaignPresetKey,
  type CampaignPresetSummary,
  type CampaignSettings,
} from '@jiangtai/contracts';
import { jiaozuoSettings } from './preset-jiaozuo.ts';
import { yueyangSettings } from './preset-yueyang.ts';

export { defaultRubricCriteria } from './preset-defaults.ts';

/**
 * The two seed notices (seeds/000 岳阳 2020, seeds/002 焦作 2018) as campaign settings. Dates are the
 * notices' own; `startsOn` lays the season out from a given day (the notices' order and stage lengths
 * kept), `year` moves it to the same days of another year. Organisers edit everything after creating.
 */

const presets: Record<
  CampaignPresetKey,
  {
    seedYear: number;
    build: () => CampaignSettings;
    summary: Omit<CampaignPresetSummary, 'key' | 'seedYear' | 'title'>;
  }
> = {
  yueyang: {
    seedYear: 2020,
    build: yueyangSettings,
    summary: {
      summary:
        '支部书记（副书记）微宣讲：启动（7月）→ 单位初赛推荐 1–2 人（8月）→ 专家复赛定 20 人（9月，9月15日前报送视频、讲稿、推荐表）→ 现场决赛（10月中下旬）；一等奖 2、二等奖 4、三等奖 6、优秀奖 8，另设组织奖若干。',
      source:
        '中共岳阳市直属机关工作委员会《关于在市直机关开展“大学习 走在前·千名支部书记微宣讲”活动的通知》（2020年）',
    },
  },
  jiaozuo: {
    seedYear: 2018,
    build: jiaozuoSettings,
    summary: {
      summary:
        '全体党员（含预备党员）人人上讲台；县市区、市直单位比赛各推荐 2 人参加全市十佳宣讲员比赛（9月，多媒体课件、6分钟以内）；师资库每县 20 人以上，送党课进基层，网上微课堂。',
      source:
        '焦作市委宣传部等《关于在全市组织开展“弘扬焦裕禄精神 争做出彩焦作人”微型党课系列活动的通知》（2018年）',
    },
  },
};

/**
 * The settings of a preset: starting on `startsOn` (moved by whole days, so every stage keeps its
 * length and its distance from the others), or else dated in `year` (default: the notice's own).
 * Stage descriptions then name the dates they were given, not the notice's.
 */
export function buildPresetSettings(
  key: CampaignPresetKey,
  opts: { year?: number; startsOn?: string } = {},
): CampaignSettings {
  const preset = presets[key];
  const notice = preset.build();
  const dated = opts.startsOn
    ? shiftCampaignDays(notice, daysBetween(notice.startsOn, opts.startsOn))
    : shiftCampaignYears(notice, (opts.year ?? preset.seedYear) - preset.seedYear);
  return {
    ...dated,
    stages: dated.stages.map((stage) => ({
      ...stage,
      description: fillStageDatePlaceholders(stage.description, stage),
    })),
  };
}

export const campaignPresets: CampaignPresetSummary[] = (Object.keys(presets) as CampaignPresetKey[]).map(
  (key) => ({
    key,
    title: presets[key].build().title,
    seedYear: presets[key].seedYear,
    ...presets[key].summary,
  }),
);
