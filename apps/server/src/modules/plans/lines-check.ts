import { formatCampaignDate, monthsBetween, type PlanLineInput } from '@jiangtai/contracts';
import { invalid, type FieldIssue } from '../../lib/errors.ts';
import type { Db } from '../org/tables.ts';
import type { PlanContext } from './context.ts';
import * as repo from './repository.ts';
import type { LineRow } from './repository.ts';

const monthLabel = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;

/**
 * The lines' rules against the campaign and the branch: a month of the campaign, one of its
 * categories, a speaker who is an active member of the branch (or one the line already had, so a line
 * whose speaker has since moved can still be saved unchanged), keys not repeated. Every problem is
 * reported with its line number; nothing is saved when one is found.
 */
export async function checkLines(tx: Db, ctx: PlanContext, lines: PlanLineInput[], existing: LineRow[]) {
  const issues: FieldIssue[] = [];
  const months = new Set(monthsBetween(ctx.settings.startsOn, ctx.settings.endsOn));
  const categories = new Set(ctx.settings.categories.map((c) => c.key));
  const members = new Set((await repo.branchMembers(tx, ctx.branch.id)).map((m) => m.id));
  const kept = new Map(existing.map((l) => [l.client_key, l.speaker_member_id]));
  const seen = new Set<string>();
  const period = `${formatCampaignDate(ctx.settings.startsOn)}至${formatCampaignDate(ctx.settings.endsOn)}`;
  lines.forEach((l, i) => {
    const at = `第 ${i + 1} 条`;
    if (seen.has(l.key)) issues.push({ path: `lines.${i}.key`, message: `${at}与前面的条目重复` });
    seen.add(l.key);
    if (!months.has(l.month))
      issues.push({
        path: `lines.${i}.month`,
        message: `${at}的月份（${monthLabel(l.month)}）不在活动期间（${period}）`,
      });
    if (!categories.has(l.categoryKey))
      issues.push({ path: `lines.${i}.categoryKey`, message: `${at}的宣讲类别不是本活动设置的类别` });
    if (l.speakerMemberId && !members.has(l.speakerMemberId) && kept.get(l.key) !== l.speakerMemberId)
      issues.push({
        path: `lines.${i}.speakerMemberId`,
        message: `${at}的宣讲人不是本支部的在册党员；支部以外的宣讲人请填写为特邀宣讲人`,
      });
  });
  if (issues.length > 0) throw invalid(issues[0]!.message, issues);
}
