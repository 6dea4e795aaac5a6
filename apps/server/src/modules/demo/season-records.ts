import type { Insertable, Transaction } from 'kysely';
import { daysBetween, shiftDateDays, type LectureOccasion } from '@jiangtai/contracts';
import type { DB, LectureRecordsTable, LectureRecordStatus } from '../../db/types.ts';
import { insertAttendeesBulk, insertRecordsBulk } from '../lectures/repository.ts';
import {
  beijingAt,
  hoursAfter,
  isLeader,
  isSecretary,
  type SeasonAccount,
  type SeasonBranch,
  type SeasonContext,
  type SeasonMember,
} from './season-context.ts';
import type { SeededLine } from './season-plans.ts';
import {
  DELETE_REASONS,
  GUESTS,
  pickOccasion,
  pickTopic,
  RECORD_RETURN_REASONS,
  SUMMARIES,
} from './season-text.ts';

/** A lecture drawn for the season, before it is inserted. */
export interface DrawnRecord {
  key: string;
  branch: SeasonBranch;
  row: Insertable<LectureRecordsTable>;
  /** Who was present, listed for the demo member's branch only (the list is optional). */
  attendees: string[];
  /** Gets generated photos (see season-photos.ts). */
  photos: number;
}

export interface SeededRecord extends DrawnRecord {
  id: string;
}

/**
 * The season's lecture records (宣讲记录) across the campaign's branches, from its start to today:
 * planned lectures given (linked to their plan line), secretaries first and most of them (书记先讲),
 * committee members often, ordinary members by their unit's zeal, now and then a guest. Mostly
 * confirmed, the last days' still 待确认, a few returned with a reason and two deleted with one.
 */
export async function seedRecords(
  tx: Transaction<DB>,
  ctx: SeasonContext,
  branches: SeasonBranch[],
  lines: SeededLine[],
): Promise<SeededRecord[]> {
  const drawn: DrawnRecord[] = [];
  const linesOf = new Map<string, SeededLine[]>();
  for (const l of lines) linesOf.set(l.orgId, [...(linesOf.get(l.orgId) ?? []), l]);
  for (const branch of branches) {
    const own = linesOf.get(branch.id) ?? [];
    if (branch.id === ctx.memberBranchId) drawn.push(...memberBranchRecords(ctx, branch, own, drawn.length));
    else {
      // A 市教育局 branch that has not filed its plan is slow all round: its 书记 has not lectured yet
      // either, so the unit admin meets the 书记未宣讲 check on 人人上讲台.
      const slow = branch.unitTag === 'education' && own.length === 0;
      drawn.push(...branchRecords(ctx, branch, own, drawn.length, slow));
    }
  }
  drawDeletions(ctx, drawn);
  const inserted = await insertRecordsBulk(
    tx,
    drawn.map((d) => d.row),
  );
  const idByKey = new Map(inserted.map((r) => [r.client_key, r.id]));
  const records = drawn.map((d) => ({ ...d, id: idByKey.get(d.key)! }));
  await insertAttendeesBulk(
    tx,
    records.flatMap((r) => r.attendees.map((member_id) => ({ record_id: r.id, member_id }))),
  );
  return records;
}

interface Lecture {
  heldOn: string;
  occasion: LectureOccasion;
  topic: string;
  categoryKey: string;
  speaker: SeasonMember | null;
  guest: string | null;
  line: SeededLine | null;
}

function branchRecords(
  ctx: SeasonContext,
  branch: SeasonBranch,
  lines: SeededLine[],
  n: number,
  slowSecretary = false,
) {
  const { random, today, startsOn } = ctx;
  const lectures: Lecture[] = [];
  const spoke = new Set<string>();
  const byId = new Map(branch.members.map((m) => [m.id, m]));
  const seasonDays = daysBetween(startsOn, today);
  // Planned lectures of the months begun so far, most of them given on a day of their month.
  for (const line of lines) {
    const from = line.month === startsOn.slice(0, 7) ? startsOn : `${line.month}-01`;
    const last = line.month === today.slice(0, 7) ? today : lastDayOf(line.month);
    if (from > today || last < startsOn || !random.chance(0.7)) continue;
    const speaker = line.speakerMemberId ? (byId.get(line.speakerMemberId) ?? null) : null;
    if (line.speakerMemberId && !speaker) continue;
    if (speaker) spoke.add(speaker.id);
    lectures.push({
      heldOn: shiftDateDays(from, random.int(0, daysBetween(from, last))),
      occasion: line.occasion,
      topic: line.topic,
      categoryKey: line.categoryKey,
      speaker,
      guest: line.guestSpeakerName,
      line,
    });
  }
  // Unplanned lectures: the secretary early in the season, leaders often, members by the unit's zeal.
  for (const member of branch.members) {
    if (slowSecretary && isSecretary(member)) continue;
    const chance = isSecretary(member)
      ? 0.88
      : isLeader(member)
        ? Math.min(0.85, branch.zeal + 0.3)
        : branch.zeal;
    const times = spoke.has(member.id)
      ? isSecretary(member) && random.chance(0.2)
        ? 1
        : 0
      : random.chance(chance)
        ? 1
        : 0;
    for (let i = 0; i < times; i++) {
      const early = isSecretary(member) ? Math.floor(seasonDays * 0.6) : seasonDays;
      const occasion = isSecretary(member) && random.chance(0.5) ? 'party_lecture' : pickOccasion(random);
      lectures.push({
        heldOn: shiftDateDays(startsOn, random.int(0, early)),
        occasion,
        ...pickTopic(random, ctx.categoryKeys),
        speaker: member,
        guest: null,
        line: null,
      });
    }
  }
  if (random.chance(0.05))
    lectures.push({
      heldOn: shiftDateDays(startsOn, random.int(0, seasonDays)),
      occasion: 'party_lecture',
      ...pickTopic(random, ctx.categoryKeys),
      speaker: null,
      guest: random.pick(GUESTS),
      line: null,
    });
  lectures.sort((a, b) => a.heldOn.localeCompare(b.heldOn));
  return lectures.map((l, i) => {
    const age = daysBetween(l.heldOn, today);
    const r = random.next();
    const status: LectureRecordStatus =
      r < 0.03 ? 'returned' : r < (age <= 3 ? 0.7 : 0.1) ? 'recorded' : 'confirmed';
    return record(ctx, branch, l, { n: n + i, status, by: branch.recorder, photos: 0 });
  });
}

/**
 * The demo member's own branch, set by hand: the member (its 书记) gave the first planned lecture, with
 * photos; three members followed; one record waits to be confirmed and one came back with a reason
 * (the member recorded them all, so the return's notice reaches them and they can fix it).
 */
function memberBranchRecords(ctx: SeasonContext, branch: SeasonBranch, lines: SeededLine[], n: number) {
  const { random, today, startsOn } = ctx;
  const secretary = branch.members.find(isSecretary)!;
  const others = branch.members.filter((m) => m !== secretary);
  const other = (i: number) => others[i % others.length]!;
  const first = lines.find((l) => l.speakerMemberId === secretary.id) ?? null;
  const day = (d: number) => {
    const at = shiftDateDays(startsOn, d);
    return at > today ? today : at;
  };
  const lecture = (heldOn: string, speaker: SeasonMember, line: SeededLine | null = null): Lecture => ({
    heldOn,
    occasion: line?.occasion ?? pickOccasion(random),
    ...(line ? { topic: line.topic, categoryKey: line.categoryKey } : pickTopic(random, ctx.categoryKeys)),
    speaker,
    guest: null,
    line,
  });
  const plan: [Lecture, LectureRecordStatus, number][] = [
    [lecture(day(3), secretary, first), 'confirmed', 2],
    [lecture(day(9), other(0)), 'confirmed', 0],
    [lecture(day(9), other(1)), 'confirmed', 0],
    [lecture(day(16), other(2)), 'confirmed', 0],
    [lecture(day(20), other(3)), 'returned', 0],
    [lecture(shiftDateDays(today, -1), other(4)), 'recorded', 1],
  ];
  return plan.map(([l, status, photos], i) => {
    const drawn = record(ctx, branch, l, { n: n + i, status, by: branch.recorder, photos });
    const present = [l.speaker!.id, ...others.filter((m) => m !== l.speaker).map((m) => m.id)];
    const attendance = Number(drawn.row.attendance);
    drawn.attendees = (l.speaker === secretary ? present : [secretary.id, ...present]).slice(0, attendance);
    return drawn;
  });
}

function record(
  ctx: SeasonContext,
  branch: SeasonBranch,
  l: Lecture,
  o: { n: number; status: LectureRecordStatus; by: SeasonAccount; photos: number },
): DrawnRecord {
  const { random, now } = ctx;
  const size = branch.members.length;
  const share: Record<LectureOccasion, [number, number]> = {
    branch_assembly: [0.75, 1],
    theme_day: [0.65, 1],
    party_lecture: [0.6, 0.95],
    party_group: [0.3, 0.6],
    branch_committee: [0.2, 0.4],
  };
  const [lo, hi] = share[l.occasion];
  const attendance = Math.max(1, Math.min(size, Math.round(size * (lo + random.next() * (hi - lo)))));
  const createdAt = beijingAt(l.heldOn, random.int(17 * 60, 22 * 60) + random.int(0, 1) * 1440, now);
  const decided = o.status !== 'recorded';
  const decidedAt = decided ? hoursAfter(createdAt, random.int(2, 60), now) : null;
  const key = `demo-season-${o.n + 1}`;
  return {
    key,
    branch,
    attendees: [],
    photos: o.photos,
    row: {
      campaign_id: ctx.campaignId,
      org_id: branch.id,
      org_path: branch.path,
      held_on: l.heldOn,
      occasion: l.occasion,
      topic: l.topic,
      category_key: l.categoryKey,
      speaker_member_id: l.speaker?.id ?? null,
      guest_speaker_name: l.speaker ? null : l.guest,
      attendance,
      summary: random.pick(SUMMARIES),
      plan_line_id: l.line?.id ?? null,
      status: o.status,
      return_reason: o.status === 'returned' ? random.pick(RECORD_RETURN_REASONS) : null,
      client_key: key,
      created_by: o.by.id,
      created_at: createdAt,
      updated_at: decidedAt ?? createdAt,
      decided_by: decided ? branch.decider.id : null,
      decided_at: decidedAt,
      deleted_at: null,
      deleted_by: null,
      delete_reason: null,
    },
  };
}

/**
 * Two records deleted with a reason, the trace a deletion leaves: a 市教育局 lecture entered twice (its
 * admin sees the copy under 已删除) and a lecture recorded in the wrong branch elsewhere.
 */
function drawDeletions(ctx: SeasonContext, drawn: DrawnRecord[]) {
  const { random, now } = ctx;
  const elsewhere = (d: DrawnRecord) => d.branch.id !== ctx.memberBranchId;
  const twice = drawn.filter(
    (d) => elsewhere(d) && d.branch.unitTag === 'education' && d.row.status === 'confirmed',
  );
  const wrong = drawn.filter((d) => elsewhere(d) && d.branch.unitTag === null && d.row.status === 'recorded');
  const deleted = (d: DrawnRecord, reason: string): Insertable<LectureRecordsTable> => {
    const at = hoursAfter(new Date(d.row.created_at as Date), random.int(1, 30), now);
    return {
      ...d.row,
      deleted_at: at,
      deleted_by: d.branch.decider.id,
      delete_reason: reason,
      updated_at: at,
    };
  };
  if (twice.length) {
    const original = random.pick(twice);
    const key = `demo-season-${drawn.length + 1}`;
    const copy = {
      ...original.row,
      client_key: key,
      status: 'recorded' as const,
      decided_by: null,
      decided_at: null,
    };
    drawn.push({
      ...original,
      key,
      photos: 0,
      attendees: [],
      row: deleted({ ...original, row: copy }, DELETE_REASONS[0]!),
    });
  }
  if (wrong.length) {
    const victim = random.pick(wrong);
    victim.row = deleted(victim, DELETE_REASONS[1]!);
  }
}

function lastDayOf(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
