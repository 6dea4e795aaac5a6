import { describe, expect, it } from 'vitest';
import { daysBetween, isContestStage, validateCampaignSettings } from '@jiangtai/contracts';
import { buildPresetSettings } from '../campaigns/presets.ts';
import { demoSeason } from './campaigns.ts';

describe('demoSeason', () => {
  for (const preset of ['yueyang', 'jiaozuo'] as const) {
    for (const today of ['2026-11-23', '2027-02-28', '2028-07-01']) {
      it(`puts ${preset}'s first contest stage a week in on ${today}, keeping every stage's length`, () => {
        const original = buildPresetSettings(preset, { year: Number(today.slice(0, 4)) });
        const moved = demoSeason(original, today);
        const first = moved.stages.find((s) => isContestStage(s.kind))!;
        expect(daysBetween(first.startsOn, today)).toBe(7);
        expect(first.endsOn >= today).toBe(true);
        moved.stages.forEach((stage, i) => {
          const was = original.stages[i]!;
          expect(daysBetween(stage.startsOn, stage.endsOn)).toBe(daysBetween(was.startsOn, was.endsOn));
        });
        expect(validateCampaignSettings(moved).success).toBe(true);
      });
    }
  }
});
