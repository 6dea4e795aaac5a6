import { z } from 'zod';
import { idSchema } from './org.ts';
import { beijingDateSchema } from './campaign-dates.ts';

/** What the season's archive (活动档案) holds, in the order of its folders. */
export const archiveCategories = [
  'plan',
  'lecture',
  'entry',
  'result',
  'certificate',
  'pool',
  'order',
] as const;
export type ArchiveCategory = (typeof archiveCategories)[number];

/** Folder names inside the zip and the timeline's filter labels. */
export const archiveCategoryLabels: Record<ArchiveCategory, string> = {
  plan: '宣讲计划',
  lecture: '宣讲记录',
  entry: '参赛作品',
  result: '评审结果',
  certificate: '获奖证书',
  pool: '师资库',
  order: '送课记录',
};

export const archiveScopeQuery = z.object({
  orgId: idSchema,
  campaignId: idSchema,
});

export const archiveTimelineQuery = archiveScopeQuery.extend({
  category: z.enum(archiveCategories, { message: '类别无效' }).optional(),
  from: beijingDateSchema.optional(),
  to: beijingDateSchema.optional(),
  page: z.coerce.number().int('页码无效').min(1, '页码无效').max(10_000, '页码无效').default(1),
  pageSize: z.coerce
    .number()
    .int('每页条数无效')
    .min(1, '每页条数无效')
    .max(100, '每页最多 100 条')
    .default(30),
});
export type ArchiveTimelineQuery = z.infer<typeof archiveTimelineQuery>;

/** A file of a timeline item; `url` is the owning module's own download route. */
export interface ArchiveFileRef {
  name: string;
  kind: string;
  sizeBytes: number;
  url: string;
  thumbUrl: string | null;
}

export interface ArchiveTimelineItem {
  key: string;
  category: ArchiveCategory;
  /** Beijing date, YYYY-MM-DD. */
  date: string;
  orgName: string;
  title: string;
  detail: string;
  files: ArchiveFileRef[];
}

export interface ArchiveTimeline {
  org: { id: string; name: string };
  campaign: { id: string; title: string };
  items: ArchiveTimelineItem[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}
