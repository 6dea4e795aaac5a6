import { z } from 'zod';
import { beijingDateSchema } from './campaign-dates.ts';
import { idSchema } from './org.ts';
import { lectureOccasionSchema, type LectureOccasion, type LectureRecordStatus } from './season.ts';
import { multilineText, text } from './text.ts';

/**
 * Lecture records (宣讲记录) API (apps/server/src/modules/lectures): a lecture given in a branch,
 * recorded on a phone by the branch secretary (or an admin over the branch), confirmed or returned
 * by the unit, corrected with a logged reason once confirmed.
 */

/** How many files a record may carry, by kind. */
export const LECTURE_FILE_LIMITS = { photo: 12, video: 1, manuscript: 1 } as const;
export type LectureFileKind = keyof typeof LECTURE_FILE_LIMITS;
export const lectureFileKinds = Object.keys(LECTURE_FILE_LIMITS) as LectureFileKind[];
export const lectureFileKindLabels: Record<LectureFileKind, string> = {
  photo: '照片',
  video: '视频',
  manuscript: '讲稿',
};
/** Largest upload per kind, in MB (the server says the same in its refusal). */
export const LECTURE_FILE_MAX_MB: Record<LectureFileKind, number> = { photo: 20, video: 300, manuscript: 30 };
/** Photos are stored with their long side at most this many pixels. */
export const LECTURE_PHOTO_MAX_SIDE = 2048;
export const HEIC_REFUSAL = '暂不支持 HEIC 格式照片，请在手机相机设置中选择"兼容性最佳"，或截图后上传';

/** A file name or browser type that says HEIC/HEIF (checked in the browser and on the server). */
export function looksLikeHeic(name: string | undefined, type: string | undefined): boolean {
  return /\.(heic|heif)$/i.test(name ?? '') || /^image\/hei[cf]/i.test(type ?? '');
}

export const lectureSpeakerSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('member'), memberId: idSchema }),
    z.object({
      kind: z.literal('guest'),
      name: text({ message: '请填写特邀宣讲人姓名' })
        .min(1, '请填写特邀宣讲人姓名')
        .max(30, '宣讲人姓名最多 30 个字'),
    }),
  ],
  { message: '请选择宣讲人' },
);
export type LectureSpeakerInput = z.infer<typeof lectureSpeakerSchema>;

/** The fields a record's author fills in (create, edit, and a correction's new values). */
export const lectureRecordFieldsSchema = z.object({
  heldOn: beijingDateSchema,
  occasion: lectureOccasionSchema,
  topic: text({ message: '请填写宣讲主题' }).min(1, '请填写宣讲主题').max(100, '宣讲主题最多 100 个字'),
  categoryKey: z.string({ message: '请选择宣讲类别' }).min(1, '请选择宣讲类别').max(40),
  speaker: lectureSpeakerSchema,
  attendance: z
    .number({ message: '请填写参加人数' })
    .int('参加人数应为整数')
    .min(1, '参加人数至少为 1')
    .max(100000, '参加人数过大'),
  /** Optionally who was present: members of the branch. */
  attendeeMemberIds: z.array(idSchema).max(5000).default([]),
  summary: multilineText().max(500, '内容摘要最多 500 个字').default(''),
  /** lecture_record_files ids from the uploads (new ones) and those already on the record (kept). */
  fileIds: z.array(idSchema).max(20, '附件过多').default([]),
  /** The plan line it fulfils (宣讲计划条目), when the branch links one. */
  planLineId: idSchema.nullable().default(null),
});
export type LectureRecordFields = z.infer<typeof lectureRecordFieldsSchema>;

export const lectureRecordCreateSchema = lectureRecordFieldsSchema.extend({
  campaignId: idSchema,
  orgId: idSchema,
  /** Made on the phone once per form: a submit retried after a dropped connection saves once. */
  clientKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '提交标识格式不正确'),
});
export type LectureRecordCreate = z.infer<typeof lectureRecordCreateSchema>;

export const lectureReasonSchema = z.object({
  reason: multilineText({ message: '请填写原因' }).min(1, '请填写原因').max(300, '原因最多 300 个字'),
});
export const lectureDeleteSchema = z.object({
  reason: multilineText().max(300, '原因最多 300 个字').default(''),
});
export const lectureCorrectionSchema = lectureRecordFieldsSchema.extend(lectureReasonSchema.shape);

export const lectureListQuerySchema = z.object({
  /** One branch's own records. */
  orgId: idSchema.optional(),
  /** Records of the branches in an org's subtree (it must lie in the viewer's scope). */
  underOrgId: idSchema.optional(),
  campaignId: idSchema.optional(),
  /** `counted`: 待确认 and 已确认, the records the dashboard counts (not returned, not deleted). */
  status: z.enum(['recorded', 'confirmed', 'returned', 'deleted', 'counted']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type LectureListQuery = z.infer<typeof lectureListQuerySchema>;

// ---- answers ----

export interface LectureFileView {
  id: string;
  kind: LectureFileKind;
  name: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  /** The file (inline), and for photos a small thumbnail. */
  url: string;
  thumbUrl: string | null;
}

export interface LectureRecordSummary {
  id: string;
  campaignId: string;
  campaignTitle: string;
  orgId: string;
  orgName: string;
  heldOn: string;
  occasion: LectureOccasion;
  topic: string;
  categoryKey: string;
  categoryName: string;
  speakerName: string;
  isGuest: boolean;
  attendance: number;
  status: LectureRecordStatus;
  deleted: boolean;
  photoCount: number;
  createdAt: string;
}

export interface LectureCorrectionView {
  id: string;
  reason: string;
  before: Record<string, string>;
  after: Record<string, string>;
  correctedBy: string;
  correctedAt: string;
}

/** A page of the records list; `org` is the subtree it was narrowed to (underOrgId), if any. */
export interface LectureRecordList {
  items: LectureRecordSummary[];
  total: number;
  page: number;
  pageSize: number;
  org: { id: string; name: string } | null;
}

export interface LectureRecordDetail extends LectureRecordSummary {
  speakerMemberId: string | null;
  guestSpeakerName: string | null;
  summary: string;
  attendees: { id: string; name: string }[];
  files: LectureFileView[];
  planLineId: string | null;
  returnReason: string | null;
  recordedBy: string;
  decidedBy: string | null;
  decidedAt: string | null;
  deletedAt: string | null;
  deleteReason: string | null;
  corrections: LectureCorrectionView[];
  /** What the viewer may do now. */
  can: { edit: boolean; decide: boolean; correct: boolean; delete: boolean; deleteNeedsReason: boolean };
}

/** A line of the branch's 宣讲计划 offered on the record form; choosing it fills the form's fields. */
export interface LecturePlanLineChoice {
  id: string;
  /** 「2026-07 · 主题党日 · 学习身边的榜样（王书记）」 */
  label: string;
  topic: string;
  categoryKey: string;
  occasion: LectureOccasion;
  speakerMemberId: string | null;
  speakerName: string;
}

export interface LectureFormOptions {
  branch: { id: string; name: string };
  activeMemberCount: number;
  members: { id: string; name: string; positions: string[] }[];
  campaigns: {
    id: string;
    title: string;
    startsOn: string;
    endsOn: string;
    categories: { key: string; name: string }[];
    /** The branch's plan lines in this campaign, to say which one a lecture fulfils (optional). */
    planLines: LecturePlanLineChoice[];
  }[];
  /** The viewer's own member id when they are a member of this branch (the default speaker). */
  selfMemberId: string | null;
  today: string;
}

/** Labels of the fields a correction may change, for its before/after table. */
export const lectureFieldLabels: Record<string, string> = {
  heldOn: '宣讲日期',
  occasion: '宣讲场合',
  topic: '宣讲主题',
  category: '宣讲类别',
  speaker: '宣讲人',
  attendance: '参加人数',
  attendees: '参加人员',
  summary: '内容摘要',
  files: '附件',
  planLineId: '对应计划',
};
