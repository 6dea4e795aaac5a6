import type {
  PoolSpeakerDetail,
  SpeakerDecision,
  SpeakerDetails,
  SpeakerDirect,
  SpeakerNominate,
} from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { canView as canViewEntry } from '../entries/policy.ts';
import { speakerOrderSummary } from '../orders/speaker-summary.ts';
import {
  assertManagesPool,
  assertMayChange,
  assertMayNominate,
  assertReadsPool,
  assertReadsSpeaker,
  managesPool,
} from './policy.ts';
import { noticeDecided, noticeNominated } from './notify.ts';
import { speakerRow } from './present.ts';
import * as repo from './repository.ts';
import { cleanList, memberPoliticalStatus } from './rules.ts';

const ALREADY = (name: string, status: string) =>
  conflict(status === 'nominated' ? `${name}已被推荐入库，正在等待审核` : `${name}已在此师资库中`);

/** A member's 单位及职务: their org's name and positions (书记、委员…) where they hold any. */
const unitTitleOf = (orgName: string, positions: string[]) =>
  [orgName, positions.filter((p) => p !== '党员').join('、')].filter(Boolean).join(' ');

/** Speakers of a pool: entering (比赛推选, 推荐入库, 直接入库), decisions, edits, leaving and 退库. */
export function speakerService(deps: AppDeps) {
  const { db, clock } = deps;

  async function loadPool(actor: Actor, poolId: string) {
    const pool = await repo.findPool(db, poolId);
    if (!pool) throw notFound('师资库');
    assertReadsPool(actor, pool);
    return pool;
  }

  /** The speaker and their pool, read in `tx` with the row locked when `lock`. */
  async function loadSpeaker(actor: Actor, id: string, tx: repo.Db = db, lock = false) {
    if (lock && !(await repo.lockSpeaker(tx, id))) throw notFound('宣讲员');
    const s = await repo.findSpeakerRow(tx, id);
    if (!s) throw notFound('宣讲员');
    const pool = (await repo.findPool(tx, s.pool_id))!;
    assertReadsSpeaker(actor, pool, s.member_id);
    return { s, pool };
  }

  async function insert(
    actor: Actor,
    who: AuditWho,
    pool: repo.PoolRow,
    row: Omit<repo.SpeakerInsert, 'poolId' | 'createdBy' | 'now'>,
    reason: string | null,
  ) {
    const now = clock.now();
    return db.transaction().execute(async (tx) => {
      await repo.lockPool(tx, pool.id);
      if (row.memberId) {
        const open = await repo.openRowOfMember(tx, pool.id, row.memberId);
        if (open) throw ALREADY(row.name, open.status);
      }
      const id = await repo.insertSpeaker(tx, { ...row, poolId: pool.id, createdBy: actor.userId, now });
      const nominated = row.status === 'nominated';
      // Back after leaving or being retired: a new row (the old one keeps its history), marked so.
      const returning = !nominated && !!row.memberId && (await repo.hasLeft(tx, pool.id, row.memberId));
      await repo.insertEvent(tx, {
        speakerId: id,
        action: nominated ? 'nominated' : returning ? 'rejoined' : 'added',
        reason,
        actor,
        now,
      });
      await audit(tx, who, {
        action: nominated ? 'pool.speaker_nominated' : 'pool.speaker_added',
        entityType: 'pool_speaker',
        entityId: id,
        orgPath: pool.org_path,
        after: { poolId: pool.id, name: row.name, source: row.source, entryId: row.sourceEntryId },
      });
      if (nominated) await noticeNominated(tx, pool, row, reason ?? '', actor, now);
      return id;
    });
  }

  const details = (d: SpeakerDetails) => ({
    specialties: cleanList(d.specialties),
    audiences: cleanList(d.audiences),
    bio: d.bio ?? '',
    availability: d.availability ?? '',
  });

  async function addDirect(actor: Actor, poolId: string, input: SpeakerDirect, who: AuditWho) {
    const pool = await loadPool(actor, poolId);
    assertManagesPool(actor, pool);
    const id = await insert(
      actor,
      who,
      pool,
      {
        memberId: null,
        name: input.name,
        gender: input.gender ?? null,
        unitTitle: input.unitTitle,
        phone: input.phone ?? null,
        politicalStatus: input.politicalStatus ?? null,
        ...details(input),
        source: 'direct',
        sourceEntryId: null,
        sourceNote: '',
        status: 'active',
        nominatedByOrgId: null,
      },
      null,
    );
    return get(actor, id);
  }

  /** 比赛推选: an entry of a campaign the actor may see, its member copied into a pool they manage. */
  async function addFromEntry(actor: Actor, poolId: string, entryId: string, who: AuditWho) {
    const pool = await loadPool(actor, poolId);
    assertManagesPool(actor, pool);
    const e = await repo.findEntryForPool(db, entryId);
    if (
      !e ||
      !canViewEntry(actor, {
        memberId: e.member_id,
        unitPath: e.unit_org_path,
        organiserOrgPath: e.organiser_org_path,
      })
    )
      throw notFound('作品');
    const id = await insert(
      actor,
      who,
      pool,
      {
        memberId: e.member_id,
        name: e.name,
        gender: e.gender,
        unitTitle: unitTitleOf(e.unit_name, e.positions),
        phone: e.phone,
        politicalStatus: memberPoliticalStatus(e.party_status),
        specialties: [],
        audiences: [],
        bio: '',
        availability: '',
        source: 'contest',
        sourceEntryId: e.id,
        sourceNote: `${e.campaign_title}《${e.title}》`.slice(0, 200),
        status: 'active',
        nominatedByOrgId: null,
      },
      null,
    );
    return get(actor, id);
  }

  /** 推荐入库: a unit admin below the pool's org puts forward one of their members, with a reason. */
  async function nominate(actor: Actor, poolId: string, input: SpeakerNominate, who: AuditWho) {
    const pool = await loadPool(actor, poolId);
    const found = await repo.findMember(db, input.memberId);
    assertMayNominate(actor, pool, found?.active ? found.org_path : null);
    const m = found!;
    const org = (await repo.orgName(db, m.org_id))!;
    const unit = actor.grants
      .filter((g) => g.role === 'unit_admin' && m.org_path.startsWith(g.orgPath))
      .sort((a, b) => b.orgPath.length - a.orgPath.length)[0]!;
    const id = await insert(
      actor,
      who,
      pool,
      {
        memberId: m.id,
        name: m.name,
        gender: m.gender,
        unitTitle: input.unitTitle || unitTitleOf(org.name, m.positions),
        phone: m.phone,
        politicalStatus: memberPoliticalStatus(m.party_status),
        ...details(input),
        source: 'nomination',
        sourceEntryId: null,
        sourceNote: input.reason.slice(0, 200),
        status: 'nominated',
        nominatedByOrgId: unit.orgId,
      },
      input.reason,
    );
    return get(actor, id);
  }

  /** A state change of one speaker, under its row lock, with its event and audit row. */
  async function change(
    actor: Actor,
    id: string,
    who: AuditWho,
    step: (
      s: repo.SpeakerRow,
      pool: repo.PoolRow,
    ) => {
      set: Parameters<typeof repo.updateSpeaker>[2];
      event: 'approved' | 'declined' | 'left' | 'retired' | 'edited';
      reason: string | null;
      action:
        | 'pool.speaker_approved'
        | 'pool.speaker_declined'
        | 'pool.speaker_left'
        | 'pool.speaker_retired'
        | 'pool.speaker_updated';
    },
  ) {
    const now = clock.now();
    await db.transaction().execute(async (tx) => {
      const { s, pool } = await loadSpeaker(actor, id, tx, true);
      const c = step(s, pool);
      await repo.updateSpeaker(tx, id, c.set, now);
      await repo.insertEvent(tx, { speakerId: id, action: c.event, reason: c.reason, actor, now });
      await audit(tx, who, {
        action: c.action,
        entityType: 'pool_speaker',
        entityId: id,
        orgPath: pool.org_path,
        before: { status: s.status },
        after: { ...c.set, reason: c.reason },
      });
      if (c.event === 'approved' || c.event === 'declined')
        await noticeDecided(tx, pool, { ...s, id }, c.event === 'approved', c.reason, actor, now);
    });
    return get(actor, id);
  }

  const decide = (actor: Actor, id: string, input: SpeakerDecision, who: AuditWho) =>
    change(actor, id, who, (s, pool) => {
      assertMayChange(actor, pool);
      if (s.status !== 'nominated') throw conflict('此推荐已经审核过了');
      const reason = input.reason?.trim() || null;
      if (!input.approve && (!reason || reason.length < 2))
        throw invalid('不通过时请写明原因', [
          { path: 'reason', message: '请写明不通过的原因（至少 2 个字）' },
        ]);
      const now = clock.now();
      return input.approve
        ? {
            set: {
              status: 'active',
              status_reason: reason,
              decided_by: actor.userId,
              decided_at: now,
              joined_at: now,
            },
            event: 'approved',
            reason,
            action: 'pool.speaker_approved',
          }
        : {
            set: { status: 'declined', status_reason: reason, decided_by: actor.userId, decided_at: now },
            event: 'declined',
            reason,
            action: 'pool.speaker_declined',
          };
    });

  /** 退出: the speaker themself or a manager; 退库: a manager. Both from the active list only. */
  const leave = (actor: Actor, id: string, reason: string, who: AuditWho, kind: 'left' | 'retired') =>
    change(actor, id, who, (s, pool) => {
      const self = !!s.member_id && actor.memberId === s.member_id;
      if (kind === 'retired' || !self) assertMayChange(actor, pool);
      if (s.status !== 'active')
        throw conflict(`${s.name}不在库中，无需${kind === 'left' ? '退出' : '退库'}`);
      return {
        set: {
          status: kind,
          status_reason: reason,
          decided_by: actor.userId,
          decided_at: clock.now(),
          left_at: clock.now(),
        },
        event: kind,
        reason,
        action: kind === 'left' ? 'pool.speaker_left' : 'pool.speaker_retired',
      };
    });

  const update = (actor: Actor, id: string, input: SpeakerDetails, who: AuditWho) =>
    change(actor, id, who, (s, pool) => {
      assertMayChange(actor, pool);
      if (s.status !== 'active' && s.status !== 'nominated') throw conflict(`${s.name}已不在库中，不能修改`);
      const set = {
        ...(input.specialties !== undefined ? { specialties: cleanList(input.specialties) } : {}),
        ...(input.audiences !== undefined ? { audiences: cleanList(input.audiences) } : {}),
        ...(input.bio !== undefined ? { bio: input.bio } : {}),
        ...(input.availability !== undefined ? { availability: input.availability } : {}),
      };
      return { set, event: 'edited', reason: null, action: 'pool.speaker_updated' };
    });

  async function get(actor: Actor, id: string): Promise<PoolSpeakerDetail> {
    const { s, pool } = await loadSpeaker(actor, id);
    const manages = managesPool(actor, pool);
    // The 点单 record (ratings among it) is the managers' to read, as full phones are.
    const [events, entry, orderRecord] = await Promise.all([
      repo.eventsOf(db, id),
      s.source_entry_id ? repo.entryRef(db, s.source_entry_id) : undefined,
      manages ? speakerOrderSummary(db, id) : null,
    ]);
    const isSelf = !!s.member_id && actor.memberId === s.member_id;
    return {
      ...speakerRow(s, manages || isSelf),
      pool: { id: pool.id, name: pool.name, orgName: pool.org_name },
      bio: s.bio,
      availability: s.availability,
      politicalStatus: s.political_status,
      statusReason: s.status_reason,
      sourceEntry: entry ? { id: entry.id, title: entry.title, campaignTitle: entry.campaign_title } : null,
      events: events.map((e) => ({
        id: e.id,
        action: e.action,
        reason: e.reason,
        actorName: e.actor_name,
        at: e.created_at.toISOString(),
      })),
      manages,
      isSelf,
      orderRecord,
    };
  }

  return { addDirect, addFromEntry, nominate, decide, leave, update, get };
}
