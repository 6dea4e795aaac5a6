import { beijingDate } from '@jiangtai/contracts';
import { audit } from '../audit/service.ts';
import type { Db } from './repository.ts';
import * as tasks from './task-repository.ts';

/**
 * A 学习任务 for the demo city, in the seed's transaction: the rows and audit entry the task service
 * writes, without its own transaction and session checks (the seed decides what is assigned).
 */
export async function seedLearningTask(
  tx: Db,
  input: {
    org: { id: string; path: string };
    by: { userId: string; displayName: string };
    title: string;
    note: string;
    lectureIds: string[];
    dueInDays: number;
    now: Date;
  },
): Promise<string> {
  const dueOn = beijingDate(new Date(input.now.getTime() + input.dueInDays * 86_400_000));
  const id = await tasks.insertTask(tx, {
    orgId: input.org.id,
    orgPath: input.org.path,
    title: input.title,
    note: input.note,
    dueOn,
    lectureIds: input.lectureIds,
    createdBy: input.by.userId,
    now: input.now,
  });
  await audit(
    tx,
    { actor: input.by },
    {
      action: 'learning.task_created',
      entityType: 'learning_task',
      entityId: id,
      orgPath: input.org.path,
      after: { title: input.title, dueOn, lectureIds: input.lectureIds },
    },
  );
  return id;
}
