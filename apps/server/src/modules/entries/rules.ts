import {
  entryMaterialKinds,
  entryMaterialLabels,
  entryStateLabels,
  formatCampaignDate,
  isContestStage,
  materialRequirementKey,
  partyStatusLabels,
  endOfBeijingDay,
  type CampaignStage,
  type Completeness,
  type CompletenessItem,
  type EntryMaterialKind,
  type EntryState,
  type Eligibility,
  type MaterialFinding,
  type MaterialsRequirement,
  type PartyStatus,
  type Quota,
} from '@jiangtai/contracts';
import { AppError, conflict } from '../../lib/errors.ts';

/**
 * The rules of 作品报送, as pure functions over settings and rows so they are tested without a
 * database: who may enter, what "complete" means, when the deadline is, how many a unit may
 * recommend, and which state changes are allowed.
 */

// ---------- eligibility ----------

export interface MemberFacts {
  name: string;
  partyStatus: PartyStatus;
  positions: readonly string[];
  active: boolean;
}

export interface EligibilityProblem {
  /** The full sentence (422 NOT_ELIGIBLE on create). */
  message: string;
  /** The short mark a member picker shows beside the name: 「不符合参赛条件：须为书记/副书记」. */
  mark: string;
}

/**
 * The one eligibility rule: null when the member may enter; otherwise why not, as a sentence for the
 * refusal and as a short mark for pickers (both come from the same check, so they never disagree).
 */
export function checkEligibility(rule: Eligibility, m: MemberFacts): EligibilityProblem | null {
  if (!m.active)
    return {
      message: `${m.name}已停用（不在党员名册中），不能报送作品`,
      mark: '已停用，不能报送',
    };
  if (!rule.partyStatuses.includes(m.partyStatus)) {
    const wanted = rule.partyStatuses.map((s) => partyStatusLabels[s]);
    return {
      message: `${m.name}是${partyStatusLabels[m.partyStatus]}，本活动只接受${wanted.join('或')}报名`,
      mark: `不符合参赛条件：须为${wanted.join('/')}`,
    };
  }
  if (rule.positions.length > 0 && !rule.positions.some((p) => m.positions.includes(p))) {
    const has = m.positions.length ? m.positions.join('、') : '未填写';
    return {
      message: `${m.name}的职务为${has}，本活动要求职务为${rule.positions.join('或')}；如职务有变化，请先在党员信息中更新`,
      mark: `不符合参赛条件：须为${rule.positions.join('/')}`,
    };
  }
  return null;
}

/** Null when the member may enter; otherwise the Chinese reason (shown as 422 NOT_ELIGIBLE). */
export function eligibilityProblem(rule: Eligibility, m: MemberFacts): string | null {
  return checkEligibility(rule, m)?.message ?? null;
}

export function assertEligible(rule: Eligibility, m: MemberFacts) {
  const problem = eligibilityProblem(rule, m);
  if (problem) throw new AppError('NOT_ELIGIBLE', problem);
}

// ---------- stages and deadlines ----------

/** Entries are made for contest stages (初赛、复赛、决赛、评选) only. */
export function entryStage(stages: readonly CampaignStage[], key: string): CampaignStage {
  const stage = stages.find((s) => s.key === key);
  if (!stage || !isContestStage(stage.kind)) {
    throw new AppError('VALIDATION_FAILED', '该阶段不接受作品报送，请选择初赛、复赛、决赛或评选阶段', {
      issues: [{ path: 'stageKey', message: '该阶段不接受作品报送' }],
    });
  }
  return stage;
}

export interface Deadline {
  /** The last Beijing day on which changes are accepted. */
  date: string;
  at: Date;
  extended: boolean;
}

/**
 * Materials are due by the end of the stage's submission deadline day, or of its last day; an
 * organiser's extension for the unit moves it later (never earlier).
 */
export function effectiveDeadline(
  stage: Pick<CampaignStage, 'endsOn' | 'submissionDeadline'>,
  extensionsUntil: readonly string[],
): Deadline {
  const base = stage.submissionDeadline ?? stage.endsOn;
  const latest = extensionsUntil.reduce((a, b) => (b > a ? b : a), base);
  return { date: latest, at: endOfBeijingDay(latest), extended: latest > base };
}

export const isLate = (now: Date, deadline: Deadline) => now.getTime() >= deadline.at.getTime();

/** 409 ENTRY_LATE: what closed when, and who can help. */
export function assertNotLate(now: Date, deadline: Deadline, doing: string) {
  if (!isLate(now, deadline)) return;
  throw new AppError(
    'ENTRY_LATE',
    `本阶段作品报送已于${formatCampaignDate(deadline.date)}截止，不能再${doing}；如确需延期，请联系活动组织者为本单位延长截止时间`,
  );
}

// ---------- quota ----------

export function quotaText(q: Pick<Quota, 'min' | 'max'>): string {
  return q.min === q.max || q.min === 0 ? `${q.max} 名` : `${q.min}–${q.max} 名`;
}

/** Null when one more may be recommended; otherwise 「本单位本阶段已推荐 2 名，名额为 2 名，不能再推荐」. */
export function quotaProblem(quota: Quota | null | undefined, recommended: number): string | null {
  if (!quota || recommended < quota.max) return null;
  return `本单位本阶段已推荐 ${recommended} 名，名额为 ${quotaText(quota)}，不能再推荐；如需更换，请先将已推荐的作品退回`;
}

export function assertQuota(quota: Quota | null | undefined, recommended: number) {
  const problem = quotaProblem(quota, recommended);
  if (problem) throw new AppError('QUOTA_FULL', problem);
}

// ---------- completeness ----------

export interface CurrentMaterial {
  material: EntryMaterialKind;
  findings: readonly MaterialFinding[];
}

/**
 * Which materials the campaign requires and what the entry has: missing required ones make it
 * incomplete; warn findings (soft limits) are shown but do not.
 */
export function completeness(
  required: MaterialsRequirement,
  current: readonly CurrentMaterial[],
): Completeness {
  const items: CompletenessItem[] = entryMaterialKinds.map((material) => {
    const requirement = required[materialRequirementKey[material]];
    const have = current.find((c) => c.material === material);
    const warnings = (have?.findings ?? []).filter((f) => f.severity === 'warn').map((f) => f.message);
    const status = have
      ? warnings.length
        ? 'warn'
        : 'ok'
      : requirement === 'required'
        ? 'missing'
        : 'not_required';
    return { material, requirement, status, warnings };
  });
  const missing = items.filter((i) => i.status === 'missing').map((i) => entryMaterialLabels[i.material]);
  const warned = items.filter((i) => i.status === 'warn');
  const parts = [
    missing.length ? `还缺：${missing.join('、')}` : '',
    ...warned.map((i) => `${entryMaterialLabels[i.material]}有 ${i.warnings.length} 条不合规提示`),
  ].filter(Boolean);
  return {
    complete: missing.length === 0,
    items,
    summary: parts.length ? parts.join('；') : '材料齐全',
  };
}

/**
 * Submitting needs the speaker's own materials; the stamped 推荐表 is the unit's (uploaded any time
 * from the entry's creation until the deadline), so it does not block submission.
 */
export function assertReadyToSubmit(c: Completeness) {
  const missing = c.items
    .filter((i) => i.status === 'missing' && i.material !== 'recommendation_scan')
    .map((i) => entryMaterialLabels[i.material]);
  if (missing.length) {
    throw new AppError('ENTRY_INCOMPLETE', `还缺少${missing.join('、')}，请上传后再提交`);
  }
}

/**
 * A unit recommends an entry only with the stamped 推荐表 scan when the campaign requires it (the
 * notice has the recommending unit send the 推荐表 with the lecture; the speaker's files were checked
 * on 提交). 422 says what is missing and where to upload it.
 */
export function assertReadyToRecommend(c: Completeness, title: string) {
  const scan = c.items.find((i) => i.material === 'recommendation_scan');
  if (scan?.status !== 'missing') return;
  throw new AppError(
    'ENTRY_INCOMPLETE',
    `「${title}」还缺少推荐表（盖章扫描件），本活动要求推荐前上传；请打开作品页面，在「推荐表」栏下载推荐表（Word），核对、盖章后扫描上传，再推荐`,
  );
}

/** Entries on which the unit may put the stamped 推荐表: from creation until it is withdrawn. */
export const scanStates: readonly EntryState[] = ['draft', 'submitted', 'returned', 'recommended'];

// ---------- state machine ----------

export type EntryAction = 'submit' | 'recommend' | 'return' | 'withdraw' | 'edit';

const allowed: Record<EntryAction, { from: readonly EntryState[]; to: EntryState | null }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  recommend: { from: ['submitted'], to: 'recommended' },
  return: { from: ['submitted', 'recommended'], to: 'returned' },
  withdraw: { from: ['draft', 'submitted', 'returned', 'recommended'], to: 'withdrawn' },
  /** Title, category, outline and the speaker's files change only before submission or after a return. */
  edit: { from: ['draft', 'returned'], to: null },
};

const actionNames: Record<EntryAction, string> = {
  submit: '提交',
  recommend: '推荐',
  return: '退回',
  withdraw: '撤回',
  edit: '修改',
};

export const canTransition = (state: EntryState, action: EntryAction) => allowed[action].from.includes(state);

/** The next state, or 409 naming the current state. */
export function nextState(state: EntryState, action: EntryAction): EntryState {
  if (!canTransition(state, action)) {
    const hint =
      action === 'edit' || (action === 'submit' && state === 'submitted')
        ? state === 'submitted' || state === 'recommended'
          ? '；如需修改，请联系单位管理员退回'
          : ''
        : '';
    throw conflict(`作品当前为「${entryStateLabels[state]}」，不能${actionNames[action]}${hint}`);
  }
  return allowed[action].to ?? state;
}

// ---------- the entry's unit ----------

export interface OrgPathRef {
  id: string;
  path: string;
}

/**
 * The participating unit an entry belongs to (its quota, its unit admin, its 推荐表): for a stage run
 * by branches, the speaker's own org; otherwise the listed participating org containing the speaker,
 * or — when the whole organiser subtree takes part — the organiser org's child on the speaker's path
 * (市直单位 under 市直机关工委, 县市区 under 市委). Null when the speaker is outside the campaign.
 */
export function resolveUnit(
  memberOrgPath: string,
  opts: { organiser: OrgPathRef; participating: readonly OrgPathRef[]; runBy: CampaignStage['runBy'] },
): OrgPathRef | null {
  const roots = opts.participating.length ? opts.participating : [opts.organiser];
  const root = roots
    .filter((r) => memberOrgPath.startsWith(r.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!root) return null;
  const ids = memberOrgPath.split('.').filter(Boolean);
  if (opts.runBy === 'branch') return { id: ids[ids.length - 1]!, path: memberOrgPath };
  if (opts.participating.length) return root;
  const below = memberOrgPath.slice(root.path.length).split('.').filter(Boolean);
  if (below.length === 0) return root;
  return { id: below[0]!, path: `${root.path}${below[0]}.` };
}
