import {
  formatSeconds,
  penaltyUnitSeconds,
  tieRuleKindLabels,
  type CampaignStatus,
  type DurationSpec,
  type MediaSpec,
  type Quota,
  type Rubric,
  type RoundRules,
  type TimePenalty,
} from '@jiangtai/contracts';

const containerShort = { mp4: 'MP4', mov: 'MOV' } as const;
const codecShort = { h264: 'H.264', h265: 'H.265' } as const;

/** 约8分钟（不超过10分钟） / 不超过6分钟 */
export function describeDuration(d: DurationSpec): string {
  const hard = `不超过${formatSeconds(d.hardMaxSeconds)}`;
  if (d.targetSeconds === d.hardMaxSeconds) return hard;
  return `约${formatSeconds(d.targetSeconds)}（${hard}）`;
}

const trimNumber = (n: number) => String(Number(n.toFixed(2)));

/** MP4 · H.264 · 1920×1080 · 25fps · 8 Mbps · 约8分钟（不超过10分钟） */
export function describeMediaSpec(m: MediaSpec): string {
  return [
    containerShort[m.container],
    codecShort[m.videoCodec],
    `${m.width}×${m.height}`,
    `${trimNumber(m.frameRate)}fps`,
    `${trimNumber(m.bitRateMbps)} Mbps`,
    describeDuration(m.duration),
  ].join(' · ');
}

export function describeQuota(q: Quota | null | undefined): string {
  if (!q) return '—';
  return q.min === q.max ? `每单位 ${q.max} 名` : `每单位 ${q.min}–${q.max} 名`;
}

export function rubricSum(r: Pick<Rubric, 'criteria'>): number {
  return r.criteria.reduce((acc, c) => acc + (Number(c?.max) || 0), 0);
}

export function describeDrop(r: RoundRules): string {
  if (r.dropHighest === 0 && r.dropLowest === 0) return '不去分，取全部评委平均分';
  return `去掉 ${r.dropHighest} 个最高分和 ${r.dropLowest} 个最低分后取平均`;
}

export function describeTieRule(r: RoundRules, criterionName: (key: string) => string): string {
  const t = r.tieRule;
  if (t.kind === 'criterion' || t.kind === 'untrimmed_mean_then_criterion') {
    return `${tieRuleKindLabels[t.kind]}（${criterionName(t.criterionKey)}）；仍相同时提示组织者处理`;
  }
  return t.kind === 'flag' ? tieRuleKindLabels.flag : `${tieRuleKindLabels[t.kind]}；仍相同时提示组织者处理`;
}

export function describePenalty(p: TimePenalty | null | undefined): string {
  if (!p) return '不扣分';
  const step = penaltyUnitSeconds[p.per] === 60 ? '1 分钟' : '30 秒';
  const grace = p.graceSeconds > 0 ? `，宽限 ${formatSeconds(p.graceSeconds)}` : '';
  return `限时 ${formatSeconds(p.limitSeconds)}${grace}；超时每 ${step}（不足按 ${step}计）扣 ${trimNumber(p.points)} 分，最多扣 ${trimNumber(p.maxPoints)} 分`;
}

export const statusColors: Record<CampaignStatus, string> = {
  draft: 'default',
  published: 'red',
  closed: 'gray',
};
