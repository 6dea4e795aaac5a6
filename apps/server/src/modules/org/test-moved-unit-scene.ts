import type { RoundConfig } from '@jiangtai/contracts';
import type { TestContext } from '../../test/harness.ts';
import { buildPresetSettings } from '../campaigns/presets.ts';
import { insertCampaign } from '../campaigns/repository.ts';
import { createEntry } from '../entries/test-scene.ts';
import { insertJob } from '../jobs/repository.ts';

/**
 * The report's city, before the move:
 *   市委 ─ 甲县 ─ 县教育局 (unit) ─ 县教育局机关党支部
 *        └ 乙县
 * A published campaign of 市委 with 甲县, 乙县 and 县教育局 taking part; 县教育局 has an entry (by its own
 * admin, for a speaker in its branch), its own 初赛 round with a judge from its branch on the panel, a
 * media job, a submitted 活动统计表, and a campaign of its own. Every stored copy of 县教育局's path has a row here.
 * `p` keeps codes and user names apart when a test file builds the scene twice.
 */
export async function movedUnitScene(t: TestContext, p: string) {
  const f = t.factories;
  const city = await f.org({ name: '市委', type: 'committee', code: `${p}-CITY` });
  const jia = await f.org({ name: '甲县', type: 'county', parent: city, code: `${p}-JIA` });
  const yi = await f.org({ name: '乙县', type: 'county', parent: city, code: `${p}-YI` });
  const unit = await f.org({ name: '县教育局', type: 'unit', parent: jia, code: `${p}-XJY` });
  const branch = await f.org({
    name: '县教育局机关党支部',
    type: 'branch',
    parent: unit,
    code: `${p}-XJY-1`,
  });

  const account = async (
    suffix: string,
    role: 'platform_admin' | 'unit_admin',
    org: { id: string; path: string },
  ) => {
    const u = await f.user([{ role, org }], { username: `${p}_${suffix}` });
    return { id: u.id, client: await t.login(`${p}_${suffix}`) };
  };
  const admin = await account('admin', 'platform_admin', city);
  const jiaAdmin = await account('jia', 'unit_admin', jia);
  const yiAdmin = await account('yi', 'unit_admin', yi);
  const unitAdmin = await account('unit', 'unit_admin', unit);

  const settings = buildPresetSettings('yueyang', { year: 2026 });
  const campaignId = await insertCampaign(t.db, {
    settings: { ...settings, participatingOrgIds: [jia.id, yi.id, unit.id] },
    organiserOrgId: city.id,
    organiserOrgPath: city.path,
    status: 'published',
    presetKey: 'yueyang',
    copiedFromId: null,
    createdBy: null,
    now: new Date(),
  });
  const ownCampaignId = await insertCampaign(t.db, {
    settings: { ...settings, title: '县教育局微宣讲', participatingOrgIds: [] },
    organiserOrgId: unit.id,
    organiserOrgPath: unit.path,
    status: 'draft',
    presetKey: 'yueyang',
    copiedFromId: null,
    createdBy: null,
    now: new Date(),
  });

  const speaker = await f.member(branch, { name: '张老师', positions: ['书记'] });
  const entry = await createEntry(unitAdmin.client, campaignId, { memberId: speaker.id });

  const defaults = await unitAdmin.client.get(
    `/api/campaigns/${campaignId}/round-defaults?stageKey=preliminary&scopeOrgId=${unit.id}`,
  );
  if (defaults.statusCode !== 200) throw new Error(`round defaults: ${defaults.statusCode} ${defaults.body}`);
  const opened = await unitAdmin.client.post(`/api/campaigns/${campaignId}/rounds`, {
    ...defaults.json<RoundConfig>(),
    stageKey: 'preliminary',
    scopeOrgId: unit.id,
  });
  if (opened.statusCode !== 201) throw new Error(`open round: ${opened.statusCode} ${opened.body}`);
  const roundId = opened.json<{ round: { id: string } }>().round.id;

  // An expert invited by the unit admin with 所在单位 stated as the unit's branch: the panel keeps
  // that stated unit (its path is a copy that must follow the move).
  const added = await unitAdmin.client.post(`/api/rounds/${roundId}/judges/invite`, {
    displayName: '李评委',
    username: `${p}_judge`,
    unitOrgId: branch.id,
  });
  if (added.statusCode !== 201 && added.statusCode !== 200)
    throw new Error(`invite judge: ${added.statusCode} ${added.body}`);
  const judge = await t.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', `${p}_judge`)
    .executeTakeFirstOrThrow();

  // A job type no runner handles, due far away: it stays queued for the whole test.
  const jobId = await insertJob(t.db, {
    type: 'test.untouched',
    payload: {},
    orgPath: unit.path,
    runAt: new Date('2099-01-01T00:00:00Z'),
    now: new Date(),
  });

  // A lecture the branch recorded in its season (the lectures module's own API comes with its feature;
  // a row is enough for the path guard).
  const lecture = await t.db
    .insertInto('lecture_records')
    .values({
      campaign_id: campaignId,
      org_id: branch.id,
      org_path: branch.path,
      held_on: '2026-07-15',
      occasion: 'theme_day',
      topic: '学习身边的榜样',
      category_key: settings.categories[0]!.key,
      speaker_member_id: speaker.id,
      attendance: 12,
      created_by: unitAdmin.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // The branch's lecture plan for the campaign (modules/plans), whose org_path follows the branch;
  // submitted, so the dashboard's season rollups (migration 041) hold rows under the branch too.
  const plan = await t.db
    .insertInto('lecture_plans')
    .values({
      campaign_id: campaignId,
      org_id: branch.id,
      org_path: branch.path,
      created_by: unitAdmin.id,
      status: 'submitted',
      submitted_at: new Date('2026-07-08T02:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // The unit's own speaker pool (师资库).
  await t.db
    .insertInto('speaker_pools')
    .values({ org_id: unit.id, org_path: unit.path, name: '县教育局师资库' })
    .execute();

  // A lecture the unit published in its online classroom (网上微课堂).
  const video = await t.db
    .insertInto('stored_files')
    .values({
      detected_type: 'mp4',
      mime: 'video/mp4',
      size_bytes: 1,
      sha256: '0'.repeat(64),
      original_name: 'lecture.mp4',
      storage: 'local',
      storage_key: `scene/${unit.id}/lecture.mp4`,
      uploaded_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const classroomLecture = await t.db
    .insertInto('classroom_lectures')
    .values({
      org_id: unit.id,
      org_path: unit.path,
      video_file_id: video.id,
      duration_seconds: 300,
      title: '微党课',
      speaker_name: '张老师',
      visibility: 'internal',
      state: 'published',
      proposed_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // A study task (学习任务) the unit assigned to its subtree with that lecture.
  const task = await t.db
    .insertInto('learning_tasks')
    .values({
      org_id: unit.id,
      org_path: unit.path,
      title: '学习微党课',
      due_on: '2026-12-31',
      created_by: unitAdmin.id,
      created_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('learning_task_lectures')
    .values({ task_id: task.id, lecture_id: classroomLecture.id, position: 0 })
    .execute();
  // The unit's 活动统计表 as submitted upwards (报表报送), its file the classroom video's stand-in.
  await t.db
    .insertInto('annex_submissions')
    .values({
      org_id: unit.id,
      org_path: unit.path,
      campaign_id: campaignId,
      kind: 'activity',
      period_from: '2026-03-01',
      period_to: '2026-06-30',
      snapshot: '{}',
      file_id: video.id,
      submitted_by: unitAdmin.id,
      submitted_at: new Date(),
    })
    .execute();

  return {
    city,
    jia,
    yi,
    unit,
    branch,
    admin,
    jiaAdmin,
    yiAdmin,
    unitAdmin,
    campaignId,
    ownCampaignId,
    entryId: entry.id,
    roundId,
    judgeId: judge.id,
    jobId,
    lectureId: lecture.id,
    planId: plan.id,
  };
}

export type MovedUnitScene = Awaited<ReturnType<typeof movedUnitScene>>;
