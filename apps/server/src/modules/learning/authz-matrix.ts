import { only, rows, type MatrixEntry, type Scene, type Side } from '../../test/authz-scene.ts';
import { classroomLecture, learningTask } from './test-learning-support.ts';

const inside = ['ok', 'deny'] as const;
const managers = only({ platform_admin: inside, organiser: inside, unit_admin: inside });
const readers = only({ platform_admin: inside, organiser: inside, unit_admin: inside, supervisor: inside });

async function taskOn(s: Scene, side: Side) {
  const unit = s.side[side].unit;
  return learningTask(s.t.db, unit, [await classroomLecture(s.t.db, unit)]);
}

/** A session of a member of the side's branch (only that member's own account may report to it). */
async function sessionOn(s: Scene, side: Side) {
  const branch = s.side[side].branch;
  const member = await s.t.factories.member(branch, { phone: null });
  const lectureId = await classroomLecture(s.t.db, branch);
  const now = new Date();
  const row = await s.t.db
    .insertInto('learning_sessions')
    .values({ member_id: member.id, lecture_id: lectureId, started_at: now, last_report_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Progress is a member account's own (the matrix's role accounts have no member record, so every one
 * is refused; members are covered in learning-api.test.ts). Study tasks: managers over the task's org
 * assign and cancel, readers see percentages, the names of the unfinished only a branch secretary
 * (tasks-api.test.ts).
 */
export const learningMatrix: MatrixEntry[] = [
  {
    route: 'POST /api/learning/lectures/:id/sessions',
    request: async (s, side) => ({
      method: 'POST',
      url: `/api/learning/lectures/${await classroomLecture(s.t.db, s.side[side].unit)}/sessions`,
      payload: {},
    }),
    expect: rows.nobody,
  },
  {
    route: 'POST /api/learning/sessions/:id/reports',
    request: async (s, side) => ({
      method: 'POST',
      url: `/api/learning/sessions/${await sessionOn(s, side)}/reports`,
      payload: { intervals: [[0, 5]], rate: 1, visible: true, muted: false },
    }),
    expect: rows.nobody,
  },
  {
    route: 'GET /api/learning/lectures/:id/progress',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/learning/lectures/${await classroomLecture(s.t.db, s.side[side].unit)}/progress`,
    }),
    expect: rows.nobody,
  },
  {
    route: 'POST /api/learning/tasks',
    request: async (s, side, n) => {
      const unit = s.side[side].unit;
      return {
        method: 'POST',
        url: '/api/learning/tasks',
        payload: {
          orgId: unit.id,
          title: `矩阵学习任务${n}`,
          dueOn: '2026-12-31',
          lectureIds: [await classroomLecture(s.t.db, unit)],
        },
      };
    },
    expect: managers,
  },
  {
    route: 'GET /api/learning/tasks',
    request: () => ({ method: 'GET', url: '/api/learning/tasks' }),
    expect: only({
      platform_admin: ['ok', 'ok'],
      organiser: ['ok', 'ok'],
      unit_admin: ['ok', 'ok'],
      supervisor: ['ok', 'ok'],
    }),
  },
  {
    // Narrowed to an org (the dashboard's 学习任务完成): only an org of the reader's scope.
    route: 'GET /api/learning/tasks',
    request: (s, side) => ({ method: 'GET', url: `/api/learning/tasks?orgId=${s.side[side].unit.id}` }),
    expect: readers,
  },
  {
    route: 'GET /api/learning/assignable-lectures',
    request: (s, side) => ({
      method: 'GET',
      url: `/api/learning/assignable-lectures?orgId=${s.side[side].unit.id}`,
    }),
    expect: managers,
  },
  {
    route: 'GET /api/learning/tasks/mine',
    request: () => ({ method: 'GET', url: '/api/learning/tasks/mine' }),
    expect: rows.nobody,
  },
  {
    route: 'GET /api/learning/tasks/:id',
    request: async (s, side) => ({ method: 'GET', url: `/api/learning/tasks/${await taskOn(s, side)}` }),
    expect: readers,
  },
  {
    route: 'GET /api/learning/tasks/:id/unfinished',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/learning/tasks/${await taskOn(s, side)}/unfinished`,
    }),
    expect: rows.nobody,
  },
  {
    route: 'POST /api/learning/tasks/:id/cancel',
    request: async (s, side) => ({
      method: 'POST',
      url: `/api/learning/tasks/${await taskOn(s, side)}/cancel`,
      payload: { reason: '矩阵撤销' },
    }),
    expect: managers,
  },
];
