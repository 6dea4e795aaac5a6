import { sql } from 'kysely';
import type { LectureRecordStatus } from '../../db/types.ts';
import type { TestContext } from '../../test/harness.ts';
import { buildPresetSettings } from '../campaigns/presets.ts';
import { insertCampaign } from '../campaigns/repository.ts';

type Db = TestContext['db'];

/**
 * Test factory for lecture records: inserts the row straight into lecture_records (the lectures
 * module's own API is built separately), which is all the coverage rollups see.
 */
export async function lecture(
  t: TestContext,
  r: {
    campaignId: string;
    org: { id: string; path: string };
    speaker?: { id: string } | null;
    guest?: string;
    status?: LectureRecordStatus;
    deleted?: boolean;
    createdBy: string;
  },
) {
  const row = await t.db
    .insertInto('lecture_records')
    .values({
      campaign_id: r.campaignId,
      org_id: r.org.id,
      org_path: r.org.path,
      held_on: '2026-07-15',
      occasion: 'theme_day',
      topic: '学习身边的榜样',
      category_key: 'theory',
      speaker_member_id: r.speaker?.id ?? null,
      guest_speaker_name: r.speaker ? null : (r.guest ?? '外请专家'),
      attendance: 10,
      status: r.status ?? 'recorded',
      created_by: r.createdBy,
      deleted_at: r.deleted ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A published 岳阳-style campaign organised by `org`, optionally limited to participating orgs. */
export async function coverageCampaign(
  t: TestContext,
  org: { id: string; path: string },
  participatingOrgIds: string[] = [],
  status: 'draft' | 'published' = 'published',
) {
  const settings = buildPresetSettings('yueyang', { year: 2026 });
  return insertCampaign(t.db, {
    settings: { ...settings, participatingOrgIds },
    organiserOrgId: org.id,
    organiserOrgPath: org.path,
    status,
    presetKey: 'yueyang',
    copiedFromId: null,
    createdBy: null,
    now: new Date(),
  });
}

const COUNTING = sql`l.speaker_member_id IS NOT NULL AND l.status <> 'returned' AND l.deleted_at IS NULL`;
const GROUP = sql`(CASE WHEN '书记' = ANY (m.positions) THEN 1 WHEN '副书记' = ANY (m.positions) THEN 2
  WHEN m.positions && ARRAY['组织委员','宣传委员','纪检委员'] THEN 3 ELSE 0 END)`;

/**
 * Every rollup row that differs from a recount over the raw rows (members, lecture_records), written
 * independently of the triggers: an empty list means the three tables are exactly right. Each active
 * member counts in every ancestor path of their org below the top level (subtree columns) and in their
 * own path (own columns); a path whose numbers are all zero has no row.
 */
export async function rollupDrift(db: Db): Promise<string[]> {
  const diff = async (name: string, stored: ReturnType<typeof sql>, recount: ReturnType<typeof sql>) => {
    const { rows } = await sql<Record<string, unknown>>`
      (SELECT 'stored' AS side, * FROM (${stored} EXCEPT ${recount}) a)
      UNION ALL (SELECT 'recount', * FROM (${recount} EXCEPT ${stored}) b)`.execute(db);
    return rows.map((r) => `${name} ${JSON.stringify(r)}`);
  };
  /** (key, member, g) rows → per (key, ancestor path) the six numbers. */
  const expand = (members: ReturnType<typeof sql>, key: ReturnType<typeof sql>) => sql`
    SELECT ${key} prefix, count(DISTINCT id) FILTER (WHERE deep)::int,
      (count(DISTINCT id) FILTER (WHERE deep AND g = 1))::int, (count(DISTINCT id) FILTER (WHERE deep AND g = 2))::int,
      (count(DISTINCT id) FILTER (WHERE deep AND g = 3))::int, (count(DISTINCT id) FILTER (WHERE own))::int,
      (count(DISTINCT id) FILTER (WHERE own AND g = 1))::int, (count(DISTINCT id) FILTER (WHERE own AND g = 2))::int,
      (count(DISTINCT id) FILTER (WHERE own AND g = 3))::int
    FROM (
      SELECT x.*, left(x.org_path, i) AS prefix, strpos(left(x.org_path, i), '.') < i AS deep,
             i = length(x.org_path) AS own
        FROM (${members}) x CROSS JOIN LATERAL generate_series(1, length(x.org_path)) AS i
       WHERE substr(x.org_path, i, 1) = '.') y
    GROUP BY ${key} prefix HAVING bool_or(deep OR own)`;
  return [
    ...(await diff(
      'member_counts',
      sql`SELECT org_path::text, members, secretaries, deputies, committee, own_members, own_secretaries,
            own_deputies, own_committee FROM coverage_member_counts`,
      expand(sql`SELECT m.id, m.org_path, ${GROUP} AS g FROM members m WHERE m.active`, sql``),
    )),
    ...(await diff(
      'speakers',
      sql`SELECT campaign_id, member_id, lectures FROM coverage_speakers`,
      sql`SELECT l.campaign_id, l.speaker_member_id, count(*)::int FROM lecture_records l WHERE ${COUNTING}
          GROUP BY l.campaign_id, l.speaker_member_id`,
    )),
    ...(await diff(
      'counts',
      sql`SELECT campaign_id, org_path::text, members, secretaries, deputies, committee, own_members, own_secretaries,
            own_deputies, own_committee FROM coverage_counts`,
      expand(
        sql`SELECT l.campaign_id, m.id, m.org_path, ${GROUP} AS g
              FROM lecture_records l JOIN members m ON m.id = l.speaker_member_id AND m.active WHERE ${COUNTING}`,
        sql`campaign_id,`,
      ),
    )),
  ];
}
