import { sql, type Kysely } from 'kysely';
import { AUDIT_ACTIONS, auditEntityLabel, describeAudit, isAuditAction } from '@jiangtai/contracts';
import type { DB } from '../../db/types.ts';

type AuditRow = {
  id: string;
  at: Date;
  actor_user_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
};

const NUMERIC = /^\d{1,18}$/;

/** Ids of one entity type on the page, numeric only (entity_id is text; table ids are bigint). */
function idsOf(rows: AuditRow[], type: string): string[] {
  const ids = new Set<string>();
  for (const r of rows)
    if (r.entity_type === type && r.entity_id && NUMERIC.test(r.entity_id)) ids.add(r.entity_id);
  return [...ids];
}

async function lookup(ids: string[], run: (ids: string[]) => Promise<{ id: string; name: string }[]>) {
  if (ids.length === 0) return new Map<string, string>();
  return new Map((await run(ids)).map((r) => [String(r.id), r.name]));
}

/**
 * The current names of the people and records a page of audit rows mentions: one query per kind of
 * record, never one per row. Entries of a review round are named by their anonymous code only (taken
 * from the row), so the log says nothing more about an entrant than the round's own pages do.
 */
export async function auditNames(db: Kysely<DB>, rows: AuditRow[]) {
  const actorIds = [...new Set(rows.map((r) => r.actor_user_id).filter((v): v is string => !!v))];
  const [actors, users, orgs, members, campaigns, entries, rounds, pools, speakers] = await Promise.all([
    lookup(actorIds, (ids) =>
      db.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', ids).execute(),
    ),
    lookup(idsOf(rows, 'user'), (ids) =>
      db.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', ids).execute(),
    ),
    lookup(idsOf(rows, 'org'), (ids) =>
      db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', ids).execute(),
    ),
    lookup(idsOf(rows, 'member'), (ids) =>
      db.selectFrom('members').select(['id', 'name']).where('id', 'in', ids).execute(),
    ),
    lookup(idsOf(rows, 'campaign'), (ids) =>
      db.selectFrom('campaigns').select(['id', 'title as name']).where('id', 'in', ids).execute(),
    ),
    lookup(idsOf(rows, 'entry'), (ids) =>
      db.selectFrom('entries').select(['id', 'title as name']).where('id', 'in', ids).execute(),
    ),
    lookup(idsOf(rows, 'review_round'), (ids) =>
      db
        .selectFrom('review_rounds as r')
        .innerJoin('campaigns as c', 'c.id', 'r.campaign_id')
        .select([
          'r.id',
          sql<string>`coalesce(r.config->>'name', '评审') || '（' || c.title || '）'`.as('name'),
        ])
        .where('r.id', 'in', ids)
        .execute(),
    ),
    lookup(idsOf(rows, 'speaker_pool'), (ids) =>
      db.selectFrom('speaker_pools').select(['id', 'name']).where('id', 'in', ids).execute(),
    ),
    lookup(idsOf(rows, 'pool_speaker'), (ids) =>
      db.selectFrom('pool_speakers').select(['id', 'name']).where('id', 'in', ids).execute(),
    ),
  ]);
  const byType: Record<string, Map<string, string>> = {
    user: users,
    org: orgs,
    member: members,
    campaign: campaigns,
    entry: entries,
    review_round: rounds,
    speaker_pool: pools,
    pool_speaker: speakers,
  };
  return { actors, byType };
}

type Names = Awaited<ReturnType<typeof auditNames>>;

/** A name kept in the row itself, for a record deleted since (e.g. an account's username at login). */
function snapshotName(r: AuditRow): string | null {
  for (const v of [r.after, r.before]) {
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of ['displayName', 'name', 'title', 'username'])
        if (typeof o[k] === 'string' && o[k]) return o[k];
    }
  }
  return null;
}

/** One row as the log page shows it: Chinese labels, current names and a sentence. */
export function presentAudit(r: AuditRow, names: Names) {
  const def = isAuditAction(r.action) ? AUDIT_ACTIONS[r.action] : null;
  const entityLabel = auditEntityLabel(r.entity_type);
  const kept = r.entity_type === 'review_round' ? null : snapshotName(r);
  const entityName =
    (r.entity_id && names.byType[r.entity_type]?.get(r.entity_id)) ||
    kept ||
    (r.entity_id ? `${r.entity_id} 号` : null);
  const object = entityName ? `${entityLabel}「${entityName}」` : entityLabel;
  const selfActing = !!def && 'selfActing' in def && def.selfActing;
  let actorName = (r.actor_user_id && names.actors.get(r.actor_user_id)) || r.actor_name;
  let actorId = r.actor_user_id;
  if (!actorId && selfActing && r.entity_type === 'user') {
    actorName = entityName;
    actorId = r.entity_id;
  }
  const after = r.after && typeof r.after === 'object' ? (r.after as Record<string, unknown>) : {};
  const code = typeof after.code === 'string' ? after.code : null;
  return {
    id: r.id,
    at: r.at,
    actorId,
    actorName,
    action: r.action,
    actionLabel: def?.label ?? '其他操作',
    area: def?.area ?? null,
    entityType: r.entity_type,
    entityLabel,
    entityId: r.entity_id,
    entityName,
    summary: describeAudit({ action: r.action, actorName, object, code }),
    before: r.before,
    after: r.after,
    ip: r.ip,
  };
}
