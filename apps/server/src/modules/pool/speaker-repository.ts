import { sql } from 'kysely';
import type { PoolSpeakerEventAction, PoolSpeakerStatus } from '../../db/types.ts';
import type { Db } from './repository.ts';

/** Speakers of a pool and their history (SQL only; re-exported by repository.ts). */

const speakerColumns = [
  's.id',
  's.pool_id',
  's.member_id',
  's.name',
  's.gender',
  's.unit_title',
  's.phone',
  's.specialties',
  's.audiences',
  's.bio',
  's.availability',
  's.source',
  's.source_entry_id',
  's.source_note',
  's.status',
  's.status_reason',
  's.political_status',
  's.photo_file_id',
  's.photo_thumb_file_id',
  's.nominated_by_org_id',
  's.created_by',
  's.joined_at',
  's.created_at',
] as const;

function selectSpeakers(db: Db) {
  return db
    .selectFrom('pool_speakers as s')
    .leftJoin('orgs as n', 'n.id', 's.nominated_by_org_id')
    .select(speakerColumns)
    .select(['n.name as nominated_by_name', 'n.path as nominated_by_path']);
}
export type SpeakerRow = NonNullable<Awaited<ReturnType<typeof findSpeakerRow>>>;

export function findSpeakerRow(db: Db, id: string) {
  return selectSpeakers(db).where('s.id', '=', id).executeTakeFirst();
}

export function lockSpeaker(db: Db, id: string) {
  return db
    .selectFrom('pool_speakers')
    .select(['id', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export interface SpeakerFilter {
  status?: PoolSpeakerStatus;
  audience?: string;
  specialty?: string;
  q?: string;
}

export function listSpeakers(db: Db, poolId: string, f: SpeakerFilter = {}) {
  let q = selectSpeakers(db).where('s.pool_id', '=', poolId);
  if (f.status) q = q.where('s.status', '=', f.status);
  if (f.audience) q = q.where(sql<boolean>`${f.audience} = ANY(s.audiences)`);
  if (f.specialty)
    q = q.where(
      sql<boolean>`EXISTS (SELECT 1 FROM unnest(s.specialties) AS x WHERE strpos(x, ${f.specialty}) > 0)`,
    );
  if (f.q) q = q.where(sql<boolean>`strpos(s.name, ${f.q}) > 0`);
  return q
    .orderBy(sql`CASE s.status WHEN 'nominated' THEN 0 WHEN 'active' THEN 1 ELSE 2 END`)
    .orderBy('s.id')
    .execute();
}

/** The member's open (nominated or active) row in the pool, if any. */
export function openRowOfMember(db: Db, poolId: string, memberId: string) {
  return db
    .selectFrom('pool_speakers')
    .select(['id', 'status'])
    .where('pool_id', '=', poolId)
    .where('member_id', '=', memberId)
    .where('status', 'in', ['nominated', 'active'])
    .executeTakeFirst();
}

export type SpeakerInsert = {
  poolId: string;
  memberId: string | null;
  name: string;
  gender: 'male' | 'female' | null;
  unitTitle: string;
  phone: string | null;
  politicalStatus: string | null;
  specialties: string[];
  audiences: string[];
  bio: string;
  availability: string;
  source: 'contest' | 'nomination' | 'direct';
  sourceEntryId: string | null;
  sourceNote: string;
  status: 'nominated' | 'active';
  nominatedByOrgId: string | null;
  createdBy: string | null;
  now: Date;
};

export async function insertSpeaker(db: Db, s: SpeakerInsert) {
  const row = await db
    .insertInto('pool_speakers')
    .values({
      pool_id: s.poolId,
      member_id: s.memberId,
      name: s.name,
      gender: s.gender,
      unit_title: s.unitTitle,
      phone: s.phone,
      political_status: s.politicalStatus,
      specialties: s.specialties,
      audiences: s.audiences,
      bio: s.bio,
      availability: s.availability,
      source: s.source,
      source_entry_id: s.sourceEntryId,
      source_note: s.sourceNote,
      status: s.status,
      nominated_by_org_id: s.nominatedByOrgId,
      created_by: s.createdBy,
      joined_at: s.status === 'active' ? s.now : null,
      created_at: s.now,
      updated_at: s.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function updateSpeaker(
  db: Db,
  id: string,
  set: Partial<{
    specialties: string[];
    audiences: string[];
    bio: string;
    availability: string;
    status: PoolSpeakerStatus;
    status_reason: string | null;
    decided_by: string;
    decided_at: Date;
    joined_at: Date;
    left_at: Date;
    photo_file_id: string | null;
    photo_thumb_file_id: string | null;
  }>,
  now: Date,
) {
  return db
    .updateTable('pool_speakers')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export function insertEvent(
  db: Db,
  e: {
    speakerId: string;
    action: PoolSpeakerEventAction;
    reason: string | null;
    actor: { userId: string; displayName: string };
    now: Date;
  },
) {
  return db
    .insertInto('pool_speaker_events')
    .values({
      speaker_id: e.speakerId,
      action: e.action,
      reason: e.reason,
      actor_user_id: e.actor.userId,
      actor_name: e.actor.displayName,
      created_at: e.now,
    })
    .execute();
}

export function eventsOf(db: Db, speakerId: string) {
  return db
    .selectFrom('pool_speaker_events')
    .select(['id', 'action', 'reason', 'actor_name', 'created_at'])
    .where('speaker_id', '=', speakerId)
    .orderBy('id')
    .execute();
}

/** Whether the member was in the pool before and left or was retired. */
export async function hasLeft(db: Db, poolId: string, memberId: string) {
  const row = await db
    .selectFrom('pool_speakers')
    .select('id')
    .where('pool_id', '=', poolId)
    .where('member_id', '=', memberId)
    .where('status', 'in', ['left', 'retired'])
    .executeTakeFirst();
  return !!row;
}
