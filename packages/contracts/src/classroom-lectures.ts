import { z } from 'zod';
import { idSchema } from './org.ts';
import { multilineText, text } from './text.ts';

/**
 * 网上微课堂, the publishing side (apps/server/src/modules/classroom): an organiser proposes a lecture
 * from an entry's processed video, the speaker consents (in the app, or the organiser records it on their
 * behalf), the organiser publishes it inside the platform or to the public, edits, unpublishes with a
 * reason and republishes.
 */

export const classroomLectureStates = [
  'awaiting_consent',
  'consent_declined',
  'consented',
  'published',
  'unpublished',
] as const;
export type ClassroomLectureStateName = (typeof classroomLectureStates)[number];
export const classroomLectureStateLabels: Record<ClassroomLectureStateName, string> = {
  awaiting_consent: '待本人同意',
  consent_declined: '本人不同意',
  consented: '已同意，待发布',
  published: '已发布',
  unpublished: '已下架',
};

export const classroomVisibilities = ['internal', 'public'] as const;
export type ClassroomVisibility = (typeof classroomVisibilities)[number];
export const classroomVisibilitySchema = z.enum(classroomVisibilities, { message: '请选择发布范围' });
export const classroomVisibilityLabels: Record<ClassroomVisibility, string> = {
  internal: '平台内（发布单位及下级单位的党员）',
  public: '公开（无需登录，可分享、嵌入单位网站）',
};

export const classroomActions = [
  'propose',
  'consent',
  'decline',
  'publish',
  'edit',
  'unpublish',
  'republish',
] as const;
export type ClassroomAction = (typeof classroomActions)[number];
export const classroomActionLabels: Record<ClassroomAction, string> = {
  propose: '推荐到微课堂',
  consent: '本人同意',
  decline: '本人不同意',
  publish: '发布',
  edit: '修改信息',
  unpublish: '下架',
  republish: '重新发布',
};

const tagSchema = text().min(1, '标签不能为空').max(12, '每个标签最多 12 个字');
const reason = (what: string) =>
  multilineText({ message: `请填写${what}` })
    .min(1, `请填写${what}`)
    .max(300, `${what}最多 300 个字`);

const lectureFields = {
  title: text({ message: '请填写课程标题' }).min(1, '请填写课程标题').max(60, '标题最多 60 个字'),
  category: text().max(30, '类别最多 30 个字').default(''),
  tags: z.array(tagSchema).max(8, '最多 8 个标签').default([]),
  summary: multilineText().max(500, '内容简介最多 500 个字').default(''),
  visibility: classroomVisibilitySchema,
};

export const lectureProposeSchema = z.object({
  entryId: idSchema,
  orgId: idSchema,
  ...lectureFields,
});
export type LectureProposeInput = z.input<typeof lectureProposeSchema>;

export const lectureEditSchema = z
  .object({
    title: lectureFields.title.optional(),
    category: text().max(30, '类别最多 30 个字').optional(),
    tags: z.array(tagSchema).max(8, '最多 8 个标签').optional(),
    summary: multilineText().max(500, '内容简介最多 500 个字').optional(),
    visibility: classroomVisibilitySchema.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: '没有要修改的内容' });
export type LectureEditInput = z.infer<typeof lectureEditSchema>;

/** The speaker's own answer: 同意, or 不同意 with a reason. */
export const lectureConsentSchema = z
  .object({
    agree: z.boolean({ message: '请选择同意或不同意' }),
    reason: multilineText().max(300).optional(),
  })
  .refine((v) => v.agree || !!v.reason, { message: '请填写不同意的原因', path: ['reason'] });
export type LectureConsentInput = z.infer<typeof lectureConsentSchema>;

/** Recorded by a manager for a speaker without an account, with a note (e.g. 书面授权书已存档). */
export const lectureOnBehalfSchema = z.object({
  agree: z.boolean({ message: '请选择同意或不同意' }),
  note: reason('说明（如：书面授权书已存档）'),
});
export type LectureOnBehalfInput = z.infer<typeof lectureOnBehalfSchema>;

export const lectureUnpublishSchema = z.object({ reason: reason('下架原因') });

export const lectureManageQuerySchema = z.object({
  state: z.enum(classroomLectureStates, { message: '状态不正确' }).optional(),
});

/** The share code of a public lecture, in its page's and embed's address. */
export const shareCodeSchema = z.string().regex(/^[a-z0-9]{8,32}$/, '链接不正确');

/** What a proposal starts from: the entry's facts and the orgs the proposer may publish under. */
export interface LectureProposalDefaults {
  entryId: string;
  title: string;
  speakerName: string;
  speakerUnit: string;
  category: string;
  hasAccount: boolean;
  videoReady: boolean;
  videoProblem: string | null;
  durationSeconds: number | null;
  manuscriptName: string | null;
  coursewareName: string | null;
  orgs: { id: string; name: string }[];
  /** A lecture of this entry that is still live (not declined, not unpublished). */
  existing: { id: string; state: ClassroomLectureStateName } | null;
}

export interface LectureDocument {
  kind: 'manuscript' | 'courseware';
  name: string;
  /** The platform's PDF of it, once made (pending / failed say so). */
  previewStatus: 'pending' | 'processing' | 'ready' | 'failed' | 'none';
  previewUrl: string | null;
  /** The original file (signed-in viewers only). */
  downloadUrl: string | null;
}

export interface LectureEvent {
  id: string;
  action: string;
  actionLabel: string;
  fromState: string | null;
  toState: string;
  reason: string | null;
  actorName: string | null;
  at: string;
}

/** A lecture as its page shows it; the managers' and speaker's parts only to them. */
export interface LectureDetail {
  id: string;
  title: string;
  speakerName: string;
  speakerUnit: string;
  category: string;
  tags: string[];
  summary: string;
  durationSeconds: number;
  visibility: ClassroomVisibility;
  state: ClassroomLectureStateName;
  stateLabel: string;
  orgName: string;
  publishedAt: string | null;
  /** null: the video is not available to this viewer now (unpublished for a former viewer). */
  video: { masterUrl: string; posterUrl: string | null } | null;
  documents: LectureDocument[];
  unpublishReason: string | null;
  unpublishedAt: string | null;
  /** Share link path (/p/classroom/…) of a published public lecture, for its managers. */
  sharePath: string | null;
  embedPath: string | null;
  canManage: boolean;
  isSpeaker: boolean;
  /** The speaker's own consent question is open. */
  mayAnswerConsent: boolean;
  /** A manager may record consent for a speaker without an account. */
  mayRecordConsent: boolean;
  speakerHasAccount: boolean;
  consent: { at: string; onBehalf: boolean; note: string | null; byName: string | null } | null;
  sourceEntryId: string | null;
  nextAction: string | null;
  events: LectureEvent[];
}

export interface LectureManageItem {
  id: string;
  title: string;
  speakerName: string;
  speakerUnit: string;
  orgName: string;
  visibility: ClassroomVisibility;
  state: ClassroomLectureStateName;
  stateLabel: string;
  nextAction: string | null;
  proposedAt: string;
  publishedAt: string | null;
}

/** A public lecture's page (no login): nothing but what was published. */
export interface PublicLecture {
  title: string;
  speakerName: string;
  speakerUnit: string;
  category: string;
  tags: string[];
  summary: string;
  durationSeconds: number;
  publishedAt: string | null;
  video: { masterUrl: string; posterUrl: string | null };
  documents: LectureDocument[];
}
