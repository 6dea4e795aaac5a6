import {
  formatCampaignDate,
  LECTURE_FILE_LIMITS,
  lectureFileKindLabels,
  type LectureFileKind,
  type LectureRecordFields,
  type LectureRecordStatus,
} from '@jiangtai/contracts';
import type { FieldIssue } from '../../lib/errors.ts';

/**
 * The rules of a lecture record, as pure functions (the service loads the facts, these decide).
 * Each returns the problems found, field by field, in plain Chinese; none means the record is good.
 */

export interface CampaignFacts {
  title: string;
  status: 'draft' | 'published' | 'closed';
  startsOn: string;
  endsOn: string;
  categories: { key: string; name: string }[];
  /** The branch lies in one of the campaign's participating subtrees. */
  branchTakesPart: boolean;
}

export interface BranchFacts {
  /** Active members of the branch, by id. */
  activeMemberIds: ReadonlySet<string>;
}

export interface FileFacts {
  id: string;
  kind: LectureFileKind;
  /** Already on this record, or uploaded for this branch by the person saving and not yet attached. */
  usable: boolean;
}

export function campaignProblems(c: CampaignFacts): FieldIssue[] {
  if (c.status !== 'published')
    return [{ path: 'campaignId', message: `活动「${c.title}」未在进行中，不能登记宣讲记录` }];
  if (!c.branchTakesPart)
    return [{ path: 'campaignId', message: `本支部不在活动「${c.title}」的参与范围内` }];
  return [];
}

/** The date: inside the campaign's dates, and not after today (Beijing). */
export function dateProblems(heldOn: string, c: Pick<CampaignFacts, 'startsOn' | 'endsOn'>, today: string) {
  if (heldOn > today)
    return [{ path: 'heldOn', message: `宣讲日期（${formatCampaignDate(heldOn)}）不能晚于今天` }];
  if (heldOn < c.startsOn || heldOn > c.endsOn)
    return [
      {
        path: 'heldOn',
        message: `宣讲日期（${formatCampaignDate(heldOn)}）不在活动时间内（${formatCampaignDate(c.startsOn)}至${formatCampaignDate(c.endsOn)}）`,
      },
    ];
  return [];
}

export function categoryProblems(categoryKey: string, c: Pick<CampaignFacts, 'categories'>): FieldIssue[] {
  if (c.categories.some((k) => k.key === categoryKey)) return [];
  return [
    {
      path: 'categoryKey',
      message: `宣讲类别不在本活动的类别中（可选：${c.categories.map((k) => k.name).join('、')}）`,
    },
  ];
}

/** A member speaker must be an active member of the branch; a guest is named, never a member. */
export function speakerProblems(speaker: LectureRecordFields['speaker'], b: BranchFacts): FieldIssue[] {
  if (speaker.kind === 'guest') return [];
  if (!b.activeMemberIds.has(speaker.memberId))
    return [
      {
        path: 'speaker',
        message: '宣讲人不是本支部的在册党员；支部以外的宣讲人请选择「特邀宣讲人」并填写姓名',
      },
    ];
  return [];
}

/** The number present is at most the branch's active members; the named attendees are among them. */
export function attendanceProblems(
  f: Pick<LectureRecordFields, 'attendance' | 'attendeeMemberIds'>,
  b: BranchFacts,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const members = b.activeMemberIds.size;
  if (f.attendance > members)
    issues.push({
      path: 'attendance',
      message: `参加人数（${f.attendance}）超过本支部在册党员人数（${members}）`,
    });
  const named = new Set(f.attendeeMemberIds);
  if (named.size !== f.attendeeMemberIds.length)
    issues.push({ path: 'attendeeMemberIds', message: '参加人员有重复' });
  if ([...named].some((id) => !b.activeMemberIds.has(id)))
    issues.push({ path: 'attendeeMemberIds', message: '参加人员中有不属于本支部的党员' });
  else if (named.size > f.attendance)
    issues.push({
      path: 'attendeeMemberIds',
      message: `勾选的参加人员（${named.size} 人）多于参加人数（${f.attendance}）`,
    });
  return issues;
}

export function fileProblems(fileIds: string[], files: FileFacts[]): FieldIssue[] {
  const byId = new Map(files.map((f) => [f.id, f]));
  if (new Set(fileIds).size !== fileIds.length) return [{ path: 'fileIds', message: '附件有重复' }];
  if (fileIds.some((id) => !byId.get(id)?.usable))
    return [{ path: 'fileIds', message: '有附件不存在或不属于这条记录，请重新上传' }];
  const issues: FieldIssue[] = [];
  for (const [kind, limit] of Object.entries(LECTURE_FILE_LIMITS) as [LectureFileKind, number][]) {
    const count = fileIds.filter((id) => byId.get(id)!.kind === kind).length;
    if (count > limit)
      issues.push({
        path: 'fileIds',
        message: `${lectureFileKindLabels[kind]}最多 ${limit} 个（现有 ${count} 个）`,
      });
  }
  return issues;
}

/** What may happen to a record in each state (deleted records take no change at all). */
export const mayEditInState = (s: LectureRecordStatus) => s === 'recorded' || s === 'returned';
export const mayDecideInState = (s: LectureRecordStatus) => s === 'recorded';
export const mayCorrectInState = (s: LectureRecordStatus) => s === 'confirmed';
/** A secretary deletes before confirmation; an admin at any time (with a reason). */
export const secretaryMayDeleteInState = (s: LectureRecordStatus) => s !== 'confirmed';
