import type { DetectedFileType } from '../../db/types.ts';
import type { TestContext } from '../../test/harness.ts';
import { coverageCampaign, lecture } from '../coverage/test-coverage-support.ts';
import { insertEntry } from '../entries/repository.ts';
import { insertPlatformFile, writePlatformBytes } from '../uploads/platform-files.ts';

/**
 *   市委 ─ 甲县 ─ 东镇 ─ 一支部: a plan, a lecture with a photo, an entry with a video, a pool speaker, an order
 *        └ 乙县 ─ 三支部: a lecture with its own photo (never in 甲县's archive)
 * A published campaign of 市委 (season 2026-07-13 … 2026-10-31); accounts: the platform admin of 市委,
 * the unit admin of 甲县 and a judge.
 */
export async function archiveScene(t: TestContext, p: string) {
  const f = t.factories;
  const city = await f.org({ name: '市委', type: 'committee' });
  const jia = await f.org({ name: '甲县', type: 'county', parent: city });
  const yi = await f.org({ name: '乙县', type: 'county', parent: city });
  const town = await f.org({ name: '东镇', type: 'party_committee', parent: jia });
  const b1 = await f.org({ name: '一支部', type: 'branch', parent: town });
  const b3 = await f.org({ name: '三支部', type: 'branch', parent: yi });
  const zhao = await f.member(b1, { name: '老赵', positions: ['书记'], phone: null });
  await f.member(b1, { name: '小李', positions: ['党员'], phone: null });
  const admin = await f.user([{ role: 'platform_admin', org: city }], { username: `${p}_admin` });
  await f.user([{ role: 'unit_admin', org: jia }], { username: `${p}_jia` });
  await f.user([{ role: 'judge', org: city }], { username: `${p}_judge` });
  await f.user([{ role: 'supervisor', org: city }], { username: `${p}_sup` });
  const campaignId = await coverageCampaign(t, city);

  const file = async (bytes: Buffer, type: DetectedFileType, mime: string) => {
    const key = await writePlatformBytes(t.deps, 'local', { bytes, mime });
    return insertPlatformFile(
      t.db,
      { storage: 'local', key, uploadedBy: admin.id },
      { bytes, name: `x.${type}`, mime, detectedType: type },
    );
  };
  const photo = async (recordId: string, org: { id: string }, bytes: Buffer) =>
    t.db
      .insertInto('lecture_record_files')
      .values({
        record_id: recordId,
        org_id: org.id,
        kind: 'photo',
        file_id: await file(bytes, 'jpeg', 'image/jpeg'),
        thumb_file_id: await file(Buffer.from('thumb'), 'jpeg', 'image/jpeg'),
        uploaded_by: admin.id,
      })
      .execute();

  const l1 = await lecture(t, { campaignId, org: b1, speaker: zhao, createdBy: admin.id });
  await photo(l1, b1, Buffer.from('JIA-PHOTO-BYTES'));
  const l3 = await lecture(t, { campaignId, org: b3, guest: '乙县专家', createdBy: admin.id });
  await photo(l3, b3, Buffer.from('YI-PHOTO-BYTES'));

  const plan = await t.db
    .insertInto('lecture_plans')
    .values({
      campaign_id: campaignId,
      org_id: b1.id,
      org_path: b1.path,
      status: 'submitted',
      created_by: admin.id,
      submitted_at: '2026-07-14T02:00:00Z',
      created_at: '2026-07-14T02:00:00Z',
      updated_at: '2026-07-14T02:00:00Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('lecture_plan_lines')
    .values({
      plan_id: plan.id,
      client_key: 'k1',
      month: '2026-08',
      topic: '计划主题',
      category_key: 'theory',
      speaker_member_id: zhao.id,
      occasion: 'theme_day',
      sort_order: 0,
      created_at: '2026-07-14T02:00:00Z',
      updated_at: '2026-07-14T02:00:00Z',
    })
    .execute();

  const entryId = await insertEntry(t.db, {
    campaignId,
    stageKey: 'preliminary',
    memberId: zhao.id,
    unit: { id: jia.id, path: jia.path },
    title: '初心如磐',
    categoryKey: 'theory',
    outline: '',
    createdBy: null,
    now: new Date('2026-07-20T02:00:00Z'),
  });
  await t.db.updateTable('entries').set({ state: 'submitted' }).where('id', '=', entryId).execute();
  await t.db
    .insertInto('entry_materials')
    .values({
      entry_id: entryId,
      material: 'video',
      file_id: await file(Buffer.alloc(4096, 7), 'mp4', 'video/mp4'),
      findings: '[]',
      created_at: '2026-07-20T02:00:00Z',
    })
    .execute();

  const pool = await t.db
    .insertInto('speaker_pools')
    .values({
      org_id: jia.id,
      org_path: jia.path,
      name: '甲县师资库',
      created_at: '2026-07-01T00:00:00Z',
      updated_at: '2026-07-01T00:00:00Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const speaker = await t.db
    .insertInto('pool_speakers')
    .values({
      pool_id: pool.id,
      member_id: zhao.id,
      name: '老赵',
      phone: '13800001111',
      source: 'direct',
      status: 'active',
      joined_at: '2026-07-21T02:00:00Z',
      created_at: '2026-07-21T02:00:00Z',
      updated_at: '2026-07-21T02:00:00Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('pool_speaker_events')
    .values({ speaker_id: speaker.id, action: 'added', created_at: '2026-07-21T02:00:00Z' })
    .execute();
  await t.db
    .insertInto('lecture_orders')
    .values({
      pool_id: pool.id,
      org_id: b1.id,
      topic: '送课主题',
      audience: 'community',
      preferred_dates: ['2026-08-01'],
      place: '会议室',
      audience_size: 30,
      contact_name: '联系人',
      contact_phone: '13900002222',
      state: 'delivered',
      speaker_id: speaker.id,
      delivered_on: '2026-08-01',
      attendance: 28,
      delivery_summary: '效果好',
      created_at: '2026-07-25T02:00:00Z',
      updated_at: '2026-08-01T02:00:00Z',
    })
    .execute();

  return {
    city,
    jia,
    yi,
    b1,
    b3,
    campaignId,
    admin: await t.login(`${p}_admin`),
    others: async () => ({
      jiaAdmin: await t.login(`${p}_jia`),
      judge: await t.login(`${p}_judge`),
      supervisor: await t.login(`${p}_sup`),
    }),
  };
}
