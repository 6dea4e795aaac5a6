import { z } from 'zod';
import { multilineText, text } from './text.ts';
import { idSchema, type Gender } from './org.ts';
import { beijingDateSchema } from './campaign-dates.ts';
import { settingsKeySchema } from './campaign-schema.ts';
import type { MaterialKey, MaterialRequirement } from './campaign-labels.ts';

/**
 * Entries (参赛作品 / 作品报送): one speaker's lecture for one stage of a campaign, with its materials
 * and the unit's recommendation. Shared by the API (validation) and the web forms.
 */

export const entryStates = ['draft', 'submitted', 'recommended', 'returned', 'withdrawn'] as const;
export const entryStateSchema = z.enum(entryStates, { message: '作品状态无效' });
export type EntryState = z.infer<typeof entryStateSchema>;
export const entryStateLabels: Record<EntryState, string> = {
  draft: '草稿',
  submitted: '已提交',
  recommended: '已推荐',
  returned: '已退回',
  withdrawn: '已撤回',
};

/** The files an entry carries; the stamped 推荐表 scan answers the campaign's `recommendationForm`. */
export const entryMaterialKinds = ['video', 'manuscript', 'courseware', 'recommendation_scan'] as const;
export const entryMaterialKindSchema = z.enum(entryMaterialKinds, { message: '材料类型无效' });
export type EntryMaterialKind = z.infer<typeof entryMaterialKindSchema>;
export const entryMaterialLabels: Record<EntryMaterialKind, string> = {
  video: '宣讲视频',
  manuscript: '讲稿',
  courseware: '课件',
  recommendation_scan: '推荐表（盖章扫描件）',
};
/** Which campaign material requirement each kind answers. */
export const materialRequirementKey: Record<EntryMaterialKind, MaterialKey> = {
  video: 'video',
  manuscript: 'manuscript',
  courseware: 'courseware',
  recommendation_scan: 'recommendationForm',
};
/** What to pick in a file dialog (the server checks the content, not the name). */
export const entryMaterialAccept: Record<EntryMaterialKind, { accept: string; hint: string }> = {
  video: { accept: 'video/*,.mp4,.mov,.mkv,.webm', hint: 'MP4 视频（手机拍摄的 MOV 也可以，系统自动转换）' },
  manuscript: { accept: '.docx,.doc,.pdf', hint: 'Word（DOCX/DOC）或 PDF' },
  courseware: { accept: '.pptx,.ppt,.pdf', hint: 'PowerPoint（PPTX/PPT）或 PDF' },
  recommendation_scan: { accept: '.pdf,.jpg,.jpeg,.png', hint: 'PDF 或 JPG/PNG 图片' },
};

const title = text({ message: '请填写作品标题' })
  .min(1, '请填写作品标题')
  .max(60, '作品标题不能超过 60 个字');
const outline = multilineText({ message: '讲稿提纲应为文字' }).max(2000, '讲稿提纲不能超过 2000 个字');
const categoryKey = settingsKeySchema.describe('宣讲类别');

export const entryCreateSchema = z.object({
  stageKey: settingsKeySchema,
  /** Omitted: the signed-in member enters themself. A unit admin names the member. */
  memberId: idSchema.optional(),
  title,
  categoryKey,
  outline: outline.default(''),
});
export type EntryCreate = z.input<typeof entryCreateSchema>;

export const entryUpdateSchema = z.object({
  title: title.optional(),
  categoryKey: categoryKey.optional(),
  outline: outline.optional(),
});
export type EntryUpdate = z.infer<typeof entryUpdateSchema>;

export const entryReturnSchema = z.object({
  reason: multilineText({ message: '请填写退回原因' })
    .min(2, '请写明退回原因，方便宣讲人修改')
    .max(500, '退回原因不能超过 500 个字'),
});

export const deadlineExtensionSchema = z.object({
  stageKey: settingsKeySchema,
  unitId: idSchema,
  until: beijingDateSchema,
  reason: multilineText({ message: '请填写延期原因' })
    .min(2, '请填写延期原因')
    .max(500, '延期原因不能超过 500 个字'),
});
export type DeadlineExtensionInput = z.infer<typeof deadlineExtensionSchema>;

/** One spec-check finding kept on a material ('warn'; 'reject' findings refuse the upload). */
export interface MaterialFinding {
  code: string;
  severity: 'reject' | 'warn';
  message: string;
  found: string;
  required: string;
}

export interface EntryMaterial {
  id: string;
  material: EntryMaterialKind;
  fileId: string;
  fileName: string;
  detectedType: string;
  mime: string;
  sizeBytes: number;
  findings: MaterialFinding[];
  current: boolean;
  uploadedBy: string | null;
  createdAt: string;
}

export type CompletenessStatus = 'ok' | 'warn' | 'missing' | 'not_required';

export interface CompletenessItem {
  material: EntryMaterialKind;
  requirement: MaterialRequirement;
  status: CompletenessStatus;
  /** Warnings of the current file, in Chinese. */
  warnings: string[];
}

export interface Completeness {
  /** Every required material is there (warnings do not make an entry incomplete). */
  complete: boolean;
  items: CompletenessItem[];
  /** "还缺：宣讲视频、讲稿；视频有 1 条提示" — one line for lists. */
  summary: string;
}

export interface EntryListItem {
  id: string;
  campaignId: string;
  campaignTitle: string;
  stageKey: string;
  stageName: string;
  memberId: string;
  speakerName: string;
  unitId: string;
  unitName: string;
  title: string;
  categoryKey: string;
  categoryName: string;
  state: EntryState;
  returnReason: string | null;
  completeness: Completeness;
  /** Effective deadline (ISO instant): the stage's, or this unit's extension. */
  deadline: string;
  updatedAt: string;
}

export interface UnitQuota {
  stageKey: string;
  unitId: string;
  unitName: string;
  recommended: number;
  min: number | null;
  max: number | null;
  deadline: string;
  /** Entries of the unit in this stage that are not withdrawn. */
  entries: number;
  /** Recommended entries still missing a required material: not complete until it is there. */
  recommendedIncomplete: number;
  /** …of which the stamped 推荐表 scan is missing. */
  recommendedMissingScan: number;
}

export interface EntryListResponse {
  items: EntryListItem[];
  /** Per unit and stage seen in the list: how many recommended of the quota. */
  quotas: UnitQuota[];
  /** The viewer may download zips / extend deadlines (organiser, platform admin). */
  canManage: boolean;
  /** The org whose subtree the list was narrowed to (`orgId`), if any. */
  org: { id: string; name: string } | null;
}

export interface EntryPermissions {
  edit: boolean;
  submit: boolean;
  withdraw: boolean;
  recommend: boolean;
  return: boolean;
  /** Upload or remove the speaker's materials (video, manuscript, courseware). */
  uploadMaterials: boolean;
  /** Download the 推荐表 and upload its stamped scan. */
  recommendationForm: boolean;
}

export interface EntryDetail extends EntryListItem {
  outline: string;
  speaker: {
    name: string;
    gender: Gender;
    /** Full number only for the speaker, unit admins and organisers of this entry. */
    phone: string | null;
    orgName: string;
    positions: string[];
  };
  stageDeadlinePassed: boolean;
  materials: EntryMaterial[];
  categories: { key: string; name: string }[];
  materialRequirements: Record<MaterialKey, MaterialRequirement>;
  can: EntryPermissions;
  createdAt: string;
}

export interface EntryEvent {
  id: string;
  fromState: EntryState | null;
  toState: EntryState;
  actorName: string | null;
  reason: string | null;
  at: string;
}

export interface DeadlineExtension {
  id: string;
  stageKey: string;
  unitId: string;
  unitName: string;
  until: string;
  reason: string;
  grantedBy: string | null;
  at: string;
}

/** The result of a finished 'entry-material' upload. */
export interface MaterialUploadResult {
  materialId: string;
  findings: MaterialFinding[];
}

/**
 * A member a unit admin may pick as the speaker for one stage, marked by the same rules the server
 * applies on 创建作品: `mark` says why not (「不符合参赛条件：须为书记/副书记」「已有作品」).
 */
export interface EntryCandidate {
  id: string;
  name: string;
  orgName: string;
  positions: string[];
  eligible: boolean;
  mark: string | null;
}
