import { z } from 'zod';
import { text } from './text.ts';

// ---- 网上微课堂 catalogue: home page, lists and search (apps/server/src/modules/classroom) ----

/** Longest search the box accepts: a title or a phrase, not a paragraph. */
export const CLASSROOM_QUERY_MAX = 50;
export const CLASSROOM_PAGE_SIZE = 20;

export const classroomListQuerySchema = z.object({
  q: text().max(CLASSROOM_QUERY_MAX, `搜索内容不能超过 ${CLASSROOM_QUERY_MAX} 个字`).optional(),
  category: text().max(20, '分类不能超过 20 个字').optional(),
  tag: text().max(20, '专题不能超过 20 个字').optional(),
  page: z.coerce
    .number({ error: '页码必须是数字' })
    .int('页码必须是整数')
    .min(1, '页码从 1 开始')
    .max(500, '页码不能超过 500')
    .optional(),
});
export type ClassroomListQuery = z.infer<typeof classroomListQuerySchema>;

/** A piece of shown text; `hit` marks what matched the search (the page emphasises it). Never HTML. */
export const highlightSegmentSchema = z.object({ text: z.string(), hit: z.boolean() });
export type HighlightSegment = z.infer<typeof highlightSegmentSchema>;

export const classroomLectureCardSchema = z.object({
  id: z.string(),
  title: z.string(),
  titleSegments: z.array(highlightSegmentSchema),
  /** From the summary, or the manuscript around the first match when the summary has none. */
  snippet: z.array(highlightSegmentSchema),
  speakerName: z.string(),
  speakerUnit: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  durationSeconds: z.number(),
  visibility: z.enum(['internal', 'public']),
  publishedAt: z.string().nullable(),
});
export type ClassroomLectureCard = z.infer<typeof classroomLectureCardSchema>;

export const classroomListSchema = z.object({
  items: z.array(classroomLectureCardSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type ClassroomList = z.infer<typeof classroomListSchema>;

export const classroomHomeSchema = z.object({
  newest: z.array(classroomLectureCardSchema),
  categories: z.array(z.object({ name: z.string(), count: z.number() })),
  tags: z.array(z.object({ name: z.string(), count: z.number() })),
});
export type ClassroomHome = z.infer<typeof classroomHomeSchema>;
