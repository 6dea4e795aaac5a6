import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { seedPublishedLecture } from '../classroom/demo-seed.ts';
import { seedLearningTask } from '../learning/demo-seed.ts';
import { FINALIST_VIDEO_SECONDS } from './finalist-media.ts';

interface OrgRef {
  id: string;
  path: string;
  tag?: string;
}

/** Which 复赛 finalists go to the classroom, and how. The first is the one anyone may watch. */
const LECTURES = [
  {
    title: '把党章学在经常',
    visibility: 'public' as const,
    tags: ['党章', '经常性教育'],
    summary: '从一名支部书记随身带的党章讲起，谈怎样把学党章变成每天的习惯。',
  },
  {
    title: '从“半条被子”看初心',
    visibility: 'internal' as const,
    tags: ['党史', '初心'],
    summary: '重温“半条被子”的故事，讲共产党人与人民群众的鱼水深情。',
  },
  {
    title: '身边的螺丝钉',
    visibility: 'internal' as const,
    tags: ['先进典型', '岗位奉献'],
    summary: '讲述身边普通党员在平凡岗位上几十年如一日的坚守。',
  },
];

/**
 * The 网上微课堂 of the demo city: three of the 复赛 finalists' lectures published by the 市委 (one
 * public, two inside the city), each speaker's consent recorded by the organiser (the speakers have no
 * accounts), and a 学习任务 from 市教育局 to all its members with one of them, due in a month. Only when
 * the finalists have videos (ffmpeg was there); the rows are written by the classroom and learning
 * modules' seed functions.
 */
export async function seedDemoClassroom(
  tx: Transaction<DB>,
  deps: Pick<AppDeps, 'config'>,
  { orgs, userIds, now }: { orgs: OrgRef[]; userIds: Map<string, string>; now: Date },
): Promise<{ lectures: number; tasks: number }> {
  const root = orgs.find((o) => o.tag === 'root');
  const education = orgs.find((o) => o.tag === 'education');
  const organiser = userIds.get('organiser');
  const unitAdmin = userIds.get('unitadmin');
  if (!root || !education || !organiser || !unitAdmin) return { lectures: 0, tasks: 0 };
  const entries = await tx
    .selectFrom('entries as e')
    .innerJoin('campaigns as c', 'c.id', 'e.campaign_id')
    .innerJoin('entry_materials as m', 'm.entry_id', 'e.id')
    .select(['e.id', 'e.title'])
    .where('c.preset_key', '=', 'yueyang')
    .where('m.material', '=', 'video')
    .where(
      'e.title',
      'in',
      LECTURES.map((l) => l.title),
    )
    .execute();
  const ids: string[] = [];
  for (const l of LECTURES) {
    const entry = entries.find((e) => e.title === l.title);
    if (!entry) continue;
    const { id } = await seedPublishedLecture(tx, deps, {
      entryId: entry.id,
      org: root,
      by: { userId: organiser, displayName: '演示组织者' },
      visibility: l.visibility,
      tags: l.tags,
      summary: l.summary,
      consentNote: '宣讲人暂无平台账号，已当面征得本人同意',
      durationSeconds: FINALIST_VIDEO_SECONDS,
      now,
    });
    ids.push(id);
  }
  const assigned = ids[2] ?? ids[0];
  if (!assigned) return { lectures: 0, tasks: 0 };
  await seedLearningTask(tx, {
    org: education,
    by: { userId: unitAdmin, displayName: '教育局管理员' },
    title: '学习微党课《身边的螺丝钉》',
    note: '请各支部组织党员在截止日期前看完。',
    lectureIds: [assigned],
    dueInDays: 30,
    now,
  });
  return { lectures: ids.length, tasks: 1 };
}
