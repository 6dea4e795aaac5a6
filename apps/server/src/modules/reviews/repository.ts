import { sql, type Kysely, type Transaction } from 'kysely';
import type { AssignmentStatus, CampaignSettings, RoundConfig, RoundState } from '@jiangtai/contracts';
import type { DB, ScoreLogAction } from '../../db/types.ts';
import type { StoredScoreRecord } from './hash-chain.ts';
import { pathCopy } from '../../db/path-copies.ts';

export type Db = Kysely<DB> | Transaction<DB>;

// ---------- rounds ----------

function selectRounds(db: Db) {
  return db
    .selectFrom('review_rounds as r')
    .innerJoin('campaigns as c', 'c.id', 'r.campaign_id')
    .innerJoin('orgs as o', 'o.id', 'r.scope_org_id')
    .selectAll('r')
    .select([
      'c.title as campaign_title',
      'c.settings as campaign_settings',
      'c.organiser_org_path',
      'c.organiser_org_id',
      'o.name as scope_org_name',
    ])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('score_log as sl')
            .select('sl.id')
            .whereRef('sl.round_id', '=', 'r.id')
            .where('sl.action', 'in', ['draft', 'submit']),
        )
        .as('has_scores'),
    );
}

export type RoundRow = Omit<
  NonNullable<Awaited<ReturnType<ReturnType<typeof selectRounds>['executeTakeFirst']>>>,
  'campaign_settings' | 'config' | 'state'
> & { campaign_settings: CampaignSettings; config: RoundConfig; state: RoundState };

const typed = (row: unknown) => row as RoundRow;

export async function findRound(db: Db, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = selectRounds(db).where('r.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('r');
  const row = await q.executeTakeFirst();
  return row ? typed(row) : undefined;
}

export async function listRoundsOfCampaign(db: Db, campaignId: string) {
  // A rehearsal (彩排) of a live final is never listed: it is reached from the live console only.
  const rows = await selectRounds(db)
    .where('r.campaign_id', '=', campaignId)
    .where('r.rehearsal', '=', false)
    .orderBy('r.id')
    .execute();
  return rows.map(typed);
}

/** Rounds in which the user sits on the panel (active or not). */
export async function listRoundsOfJudge(db: Db, userId: string) {
  const rows = await selectRounds(db)
    .innerJoin('round_judges as j', 'j.round_id', 'r.id')
    .where('j.user_id', '=', userId)
    .where('j.active', '=', true)
    .where('r.rehearsal', '=', false)
    .orderBy('r.id', 'desc')
    .execute();
  return rows.map(typed);
}

/** Rounds whose 公示 is (or was) published: the public notice board. */
/** A published (or sealed) round by the random code of its public 公示 address. */
export async function findPublishedRoundByNoticeCode(db: Db, code: string) {
  const row = await selectRounds(db)
    .where('r.notice_code', '=', code)
    .where('r.rehearsal', '=', false)
    .where('r.state', 'in', ['publicised', 'final'])
    .executeTakeFirst();
  return row ? typed(row) : undefined;
}

export async function listPublishedRounds(db: Db) {
  const rows = await selectRounds(db)
    .where('r.rehearsal', '=', false)
    .where('r.state', 'in', ['publicised', 'final'])
    .orderBy('r.published_at', 'desc')
    .execute();
  return rows.map(typed);
}

export async function insertRound(
  db: Db,
  r: {
    campaignId: string;
    stageKey: string;
    scope: { id: string; path: string };
    config: RoundConfig;
    chainHead: string;
    createdBy: string;
    now: Date;
    rehearsal?: boolean;
  },
): Promise<string> {
  const row = await db
    .insertInto('review_rounds')
    .values({
      campaign_id: r.campaignId,
      stage_key: r.stageKey,
      scope_org_id: r.scope.id,
      scope_org_path: r.scope.path,
      config: JSON.stringify(r.config),
      chain_head: r.chainHead,
      created_by: r.createdBy,
      created_at: r.now,
      updated_at: r.now,
      rehearsal: r.rehearsal ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateRound(
  db: Db,
  id: string,
  patch: Partial<{
    config: RoundConfig;
    state: RoundState;
    chain_head: string;
    score_count: number;
    closed_at: Date | null;
    confirmed_at: Date | null;
    published_at: Date | null;
    notice_ends_on: string | null;
    sealed_at: Date | null;
    seal_hash: string | null;
    notice_code: string;
  }>,
  now: Date,
) {
  const { config, ...rest } = patch;
  await db
    .updateTable('review_rounds')
    .set({ ...rest, ...(config ? { config: JSON.stringify(config) } : {}), updated_at: now })
    .where('id', '=', id)
    .execute();
}

// ---------- the entries of a round ----------

/**
 * Entries recommended into a stage within a scope: for the first contest stage, those submitted to
 * (or recommended by) their unit; for a later one, those the unit recommended at the stage before,
 * those entered directly and recommended at this stage, and those that advanced from a confirmed
 * round of the stage before.
 */
export async function poolEntryIds(
  db: Db,
  q: { campaignId: string; stageKey: string; previousStageKey: string | null; scopePath: string },
): Promise<string[]> {
  let query = db
    .selectFrom('entries as e')
    .select('e.id')
    .where('e.campaign_id', '=', q.campaignId)
    .where('e.unit_org_path', 'like', `${q.scopePath}%`);
  const prev = q.previousStageKey;
  if (prev === null) {
    query = query.where('e.stage_key', '=', q.stageKey).where('e.state', 'in', ['submitted', 'recommended']);
  } else {
    // A later stage takes only entries still 已推荐: one withdrawn or returned since (or whose
    // recommendation was taken back) has left the contest, whatever an earlier round decided.
    query = query.where('e.state', '=', 'recommended');
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('e.stage_key', '=', prev), eb('e.state', '=', 'recommended')]),
        eb.and([eb('e.stage_key', '=', q.stageKey), eb('e.state', '=', 'recommended')]),
        eb(
          'e.id',
          'in',
          eb
            .selectFrom('round_entries as re')
            .innerJoin('review_rounds as rr', 'rr.id', 're.round_id')
            .select('re.entry_id')
            .where('rr.campaign_id', '=', q.campaignId)
            .where('rr.stage_key', '=', prev)
            .where('rr.rehearsal', '=', false)
            .where('rr.state', 'in', ['confirmed', 'publicised', 'final'])
            .where('re.advanced', '=', true)
            .where('re.left_at', 'is', null),
        ),
      ]),
    );
  }
  return (await query.orderBy('e.id').execute()).map((r) => r.id);
}

export async function insertRoundEntries(db: Db, rows: { roundId: string; entryId: string; code: string }[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('round_entries')
    .values(rows.map((r) => ({ round_id: r.roundId, entry_id: r.entryId, code: r.code })))
    .execute();
}

/** The round's entries with what organisers see (speaker, unit) — never sent to judges of a blind round. */
export async function listRoundEntries(db: Db, roundId: string, only?: { entryId: string }) {
  let q = db
    .selectFrom('round_entries as re')
    .innerJoin('entries as e', 'e.id', 're.entry_id')
    .innerJoin('members as m', 'm.id', 'e.member_id')
    .innerJoin('orgs as u', 'u.id', 'e.unit_org_id')
    .select([
      're.entry_id',
      're.code',
      're.advanced',
      're.promoted',
      're.left_at',
      're.left_reason',
      'e.title',
      'e.category_key',
      'e.outline',
      'e.state',
      'e.stage_key',
      'e.unit_org_id',
      'e.unit_org_path',
      'e.member_id',
      'm.name as speaker_name',
      'm.phone as speaker_phone',
      'u.name as unit_name',
    ])
    .where('re.round_id', '=', roundId);
  if (only) q = q.where('re.entry_id', '=', only.entryId);
  return q.orderBy('re.entry_id').execute();
}
export type RoundEntryRow = Awaited<ReturnType<typeof listRoundEntries>>[number];

export async function findRoundEntryByCode(db: Db, roundId: string, code: string) {
  return db
    .selectFrom('round_entries')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function setAdvanced(db: Db, roundId: string, entryIds: readonly string[]) {
  await db.updateTable('round_entries').set({ advanced: false }).where('round_id', '=', roundId).execute();
  if (entryIds.length === 0) return;
  await db
    .updateTable('round_entries')
    .set({ advanced: true })
    .where('round_id', '=', roundId)
    .where('entry_id', 'in', [...entryIds])
    .execute();
}

// ---------- panel ----------

export async function listPanel(db: Db, roundId: string) {
  return db
    .selectFrom('round_judges as j')
    .innerJoin('users as u', 'u.id', 'j.user_id')
    .select([
      'j.user_id',
      'j.unit_org_path',
      'j.active',
      'j.left_reason',
      'j.added_at',
      'u.display_name',
      'u.username',
      'u.must_change_password',
    ])
    .where('j.round_id', '=', roundId)
    .orderBy('j.added_at')
    .orderBy('j.user_id')
    .execute();
}
export type PanelRow = Awaited<ReturnType<typeof listPanel>>[number];

export async function findPanelMember(db: Db, roundId: string, userId: string) {
  return db
    .selectFrom('round_judges')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/**
 * Puts a judge on the panel (again). `unitPath` is the org an organiser stated when inviting an
 * expert; left undefined, a returning judge keeps the one stated before.
 */
export async function upsertPanelMember(
  db: Db,
  row: { roundId: string; userId: string; unitPath?: string | null; now: Date },
) {
  await db
    .insertInto('round_judges')
    .values({
      round_id: row.roundId,
      user_id: row.userId,
      unit_org_path: row.unitPath ?? null,
      added_at: row.now,
    })
    .onConflict((oc) =>
      oc.columns(['round_id', 'user_id']).doUpdateSet({
        active: true,
        left_reason: null,
        ...(row.unitPath !== undefined ? { unit_org_path: row.unitPath } : {}),
      }),
    )
    .execute();
}

export async function deactivatePanelMember(db: Db, roundId: string, userId: string, reason: string) {
  await db
    .updateTable('round_judges')
    .set({ active: false, left_reason: reason })
    .where('round_id', '=', roundId)
    .where('user_id', '=', userId)
    .execute();
}

// ---------- assignments and conflicts ----------

export async function listAssignments(db: Db, roundId: string) {
  return db
    .selectFrom('round_assignments')
    .selectAll()
    .where('round_id', '=', roundId)
    .orderBy('entry_id')
    .orderBy('judge_user_id')
    .execute();
}
export type AssignmentRow = Awaited<ReturnType<typeof listAssignments>>[number];

export async function findAssignment(db: Db, roundId: string, entryId: string, judgeId: string) {
  return db
    .selectFrom('round_assignments')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('entry_id', '=', entryId)
    .where('judge_user_id', '=', judgeId)
    .executeTakeFirst();
}

export async function insertAssignments(
  db: Db,
  roundId: string,
  pairs: readonly { entryId: string; judgeId: string }[],
  now: Date,
) {
  if (pairs.length === 0) return;
  await db
    .insertInto('round_assignments')
    .values(
      pairs.map((p) => ({
        round_id: roundId,
        entry_id: p.entryId,
        judge_user_id: p.judgeId,
        created_at: now,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['round_id', 'entry_id', 'judge_user_id'])
        .doUpdateSet({ status: 'open', removed_reason: null }),
    )
    .execute();
}

/** Only pairs with nothing scored may disappear; scored work is removed with a reason instead. */
export async function deleteOpenAssignments(
  db: Db,
  roundId: string,
  pairs: readonly { entryId: string; judgeId: string }[],
) {
  for (const p of pairs) {
    await db
      .deleteFrom('round_assignments')
      .where('round_id', '=', roundId)
      .where('entry_id', '=', p.entryId)
      .where('judge_user_id', '=', p.judgeId)
      .where('status', '=', 'open')
      .execute();
  }
}

export async function setAssignmentStatus(
  db: Db,
  roundId: string,
  entryId: string,
  judgeId: string,
  status: AssignmentStatus,
  removedReason: string | null = null,
) {
  await db
    .updateTable('round_assignments')
    .set({ status, removed_reason: removedReason })
    .where('round_id', '=', roundId)
    .where('entry_id', '=', entryId)
    .where('judge_user_id', '=', judgeId)
    .execute();
}

export async function listConflicts(db: Db, roundId: string) {
  return db.selectFrom('judge_conflicts').selectAll().where('round_id', '=', roundId).execute();
}

export async function insertConflict(
  db: Db,
  c: { roundId: string; entryId: string; judgeId: string; reason: string; now: Date },
) {
  await db
    .insertInto('judge_conflicts')
    .values({
      round_id: c.roundId,
      entry_id: c.entryId,
      judge_user_id: c.judgeId,
      reason: c.reason,
      at: c.now,
    })
    .onConflict((oc) => oc.columns(['round_id', 'entry_id', 'judge_user_id']).doNothing())
    .execute();
}

// ---------- the score log ----------

export async function appendScore(db: Db, r: StoredScoreRecord) {
  await db
    .insertInto('score_log')
    .values({
      round_id: r.roundId,
      seq: r.seq,
      entry_id: r.entryId,
      judge_user_id: r.judgeId,
      action: r.action as ScoreLogAction,
      scores: JSON.stringify(r.scores),
      comment: r.comment ?? null,
      reason: r.reason ?? null,
      actor_user_id: r.actorId,
      created_at: r.createdAt,
      prev_hash: r.prevHash,
      hash: r.hash,
      data: r.data === undefined || r.data === null ? null : JSON.stringify(r.data),
    })
    .execute();
}

export async function listScoreLog(db: Db, roundId: string) {
  return db.selectFrom('score_log').selectAll().where('round_id', '=', roundId).orderBy('seq').execute();
}
export type ScoreLogRow = Awaited<ReturnType<typeof listScoreLog>>[number];

/** The newest record of each (entry, judge) pair: what the judge last saved, submitted or had reopened. */
export async function latestScores(
  db: Db,
  roundId: string,
  filter: { judgeId?: string; entryId?: string } = {},
) {
  let q = db
    .selectFrom('score_log')
    .selectAll()
    .distinctOn(['entry_id', 'judge_user_id'])
    .where('round_id', '=', roundId)
    .where('action', 'in', ['draft', 'submit', 'reopen'])
    // An entry that came back into the round is judged afresh: scores from before do not carry over.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('score_log as back')
            .select('back.seq')
            .whereRef('back.round_id', '=', 'score_log.round_id')
            .whereRef('back.entry_id', '=', 'score_log.entry_id')
            .where('back.action', '=', 'entry_rejoined')
            .whereRef('back.seq', '>', 'score_log.seq'),
        ),
      ),
    );
  if (filter.judgeId) q = q.where('judge_user_id', '=', filter.judgeId);
  if (filter.entryId) q = q.where('entry_id', '=', filter.entryId);
  return q.orderBy('entry_id').orderBy('judge_user_id').orderBy('seq', 'desc').execute();
}

// ---------- results: tie decisions, objections, sign-offs ----------

export async function listTieDecisions(db: Db, roundId: string) {
  return db.selectFrom('tie_decisions').selectAll().where('round_id', '=', roundId).orderBy('id').execute();
}

export async function insertTieDecision(
  db: Db,
  d: { roundId: string; entryIds: string[]; reason: string; decidedBy: string; now: Date },
) {
  await db
    .insertInto('tie_decisions')
    .values({
      round_id: d.roundId,
      entry_ids: d.entryIds,
      reason: d.reason,
      decided_by: d.decidedBy,
      at: d.now,
    })
    .execute();
}

export async function listObjections(db: Db, roundId: string) {
  return db
    .selectFrom('round_objections as o')
    .leftJoin('round_entries as re', (j) =>
      j.onRef('re.round_id', '=', 'o.round_id').onRef('re.entry_id', '=', 'o.entry_id'),
    )
    .leftJoin('entries as e', 'e.id', 'o.entry_id')
    .selectAll('o')
    .select(['re.code as entry_code', 'e.title as entry_title'])
    .where('o.round_id', '=', roundId)
    .orderBy('o.id')
    .execute();
}
export type ObjectionRow = Awaited<ReturnType<typeof listObjections>>[number];

export async function insertObjection(
  db: Db,
  o: {
    roundId: string;
    entryId: string | null;
    content: string;
    contactName: string;
    contactPhone: string;
    lodgedBy: string | null;
    lodgedIp?: string | null;
    now: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('round_objections')
    .values({
      round_id: o.roundId,
      entry_id: o.entryId,
      content: o.content,
      contact_name: o.contactName,
      contact_phone: o.contactPhone,
      lodged_by: o.lodgedBy,
      lodged_ip: o.lodgedIp ?? null,
      lodged_at: o.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function answerObjection(
  db: Db,
  a: { id: string; outcome: 'upheld' | 'dismissed'; answer: string; answeredBy: string; now: Date },
) {
  await db
    .updateTable('round_objections')
    .set({ outcome: a.outcome, answer: a.answer, answered_by: a.answeredBy, answered_at: a.now })
    .where('id', '=', a.id)
    .execute();
}

export async function listSignoffs(db: Db, roundId: string) {
  return db
    .selectFrom('round_signoffs as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('s')
    .select('u.display_name')
    .where('s.round_id', '=', roundId)
    .orderBy('s.id')
    .execute();
}

export async function insertSignoff(
  db: Db,
  s: { roundId: string; userId: string; comment: string; chainHead: string; records: number; now: Date },
) {
  await db
    .insertInto('round_signoffs')
    .values({
      round_id: s.roundId,
      user_id: s.userId,
      comment: s.comment,
      chain_head: s.chainHead,
      records: s.records,
      at: s.now,
    })
    .execute();
}

/** Display names of users, for the organiser's views of the panel and the log. */
export async function userNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Current files of the round's entries for the chosen materials (for judges' viewing). */
export async function currentMaterials(db: Db, entryId: string) {
  return db
    .selectFrom('entry_materials as m')
    .innerJoin('stored_files as f', 'f.id', 'm.file_id')
    .select([
      'm.id',
      'm.material',
      'm.file_id',
      'f.detected_type',
      'f.mime',
      'f.size_bytes',
      'f.storage',
      'f.storage_key',
    ])
    .where('m.entry_id', '=', entryId)
    .where('m.current', '=', true)
    .execute();
}

/**
 * A round's scope path decides who runs a unit's own round; a panel member's unit path decides their
 * conflicts of interest. Both follow their org when it moves, or the unit's admins lose their round and
 * a judge could be given their own unit's entries.
 */
export const reviewPathCopies = [
  pathCopy('review_rounds', 'scope_org_path'),
  pathCopy('round_judges', 'unit_org_path'),
];

/** Whether an account was ever given an entry of the round to score (any status, removed included). */
export async function hasJudged(db: Db, roundId: string, userId: string): Promise<boolean> {
  return (await roundsJudgedBy(db, userId, [roundId])).has(roundId);
}

/**
 * The rounds (of those given) an account is a judge of: an active panel seat, or any pair it was
 * given to score (a judge who left the panel keeps the scores they gave).
 */
export async function roundsJudgedBy(db: Db, userId: string, roundIds: readonly string[]) {
  if (roundIds.length === 0) return new Set<string>();
  const [seats, pairs] = await Promise.all([
    db
      .selectFrom('round_judges')
      .select('round_id')
      .where('user_id', '=', userId)
      .where('active', '=', true)
      .where('round_id', 'in', roundIds)
      .execute(),
    db
      .selectFrom('round_assignments')
      .select('round_id')
      .distinct()
      .where('judge_user_id', '=', userId)
      .where('round_id', 'in', roundIds)
      .execute(),
  ]);
  return new Set([...seats, ...pairs].map((x) => x.round_id));
}

/** One entry's row in a round: its code and whether (when) it left the contest. */
export function findRoundEntry(db: Db, roundId: string, entryId: string) {
  return db
    .selectFrom('round_entries')
    .select(['code', 'left_at'])
    .where('round_id', '=', roundId)
    .where('entry_id', '=', entryId)
    .executeTakeFirst();
}

/** Marks an entry as having left the round (with when and why), or as competing again (null). */
export async function setRoundEntryLeft(
  db: Db,
  roundId: string,
  entryId: string,
  left: { at: Date; reason: string } | null,
) {
  await db
    .updateTable('round_entries')
    .set({ left_at: left?.at ?? null, left_reason: left?.reason ?? null })
    .where('round_id', '=', roundId)
    .where('entry_id', '=', entryId)
    .execute();
}

/**
 * A campaign's rounds as the supervision dashboard sees them from a subtree: per round, the entries of
 * units in the subtree (their ids, so results can be cut to them) and their review tasks, assigned
 * (not removed) and submitted.
 */
export async function roundProgressUnder(db: Db, campaignId: string, path: string) {
  const { rows } = await sql<{
    id: string;
    stage_key: string;
    scope_org_id: string;
    scope_org_path: string;
    state: RoundState;
    entry_ids: string[] | null;
    assigned: number;
    submitted: number;
  }>`
    SELECT r.id, r.stage_key, r.scope_org_id, r.scope_org_path, r.state,
           (SELECT array_agg(re.entry_id ORDER BY re.entry_id) FROM round_entries re
              JOIN entries e ON e.id = re.entry_id
             WHERE re.round_id = r.id AND e.unit_org_path LIKE ${`${path}%`}) AS entry_ids,
           (SELECT count(*) FROM round_assignments a JOIN entries e ON e.id = a.entry_id
             WHERE a.round_id = r.id AND a.status <> 'removed' AND e.unit_org_path LIKE ${`${path}%`})::int AS assigned,
           (SELECT count(*) FROM round_assignments a JOIN entries e ON e.id = a.entry_id
             WHERE a.round_id = r.id AND a.status = 'submitted' AND e.unit_org_path LIKE ${`${path}%`})::int AS submitted
      FROM review_rounds r
     WHERE r.campaign_id = ${campaignId}
       AND (r.scope_org_path LIKE ${`${path}%`} OR ${path} LIKE r.scope_org_path || '%')
     ORDER BY r.created_at, r.id`.execute(db);
  return rows.map((r) => ({
    ...r,
    entryIds: r.entry_ids ?? [],
    assigned: Number(r.assigned),
    submitted: Number(r.submitted),
  }));
}
