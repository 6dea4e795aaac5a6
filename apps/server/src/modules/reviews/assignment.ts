import { conflictsOf, entryLabel, judgeLabel, type EntryRef, type JudgeRef } from './conflicts.ts';
import { seededRandom } from './seeded-random.ts';

/**
 * Automatic judge assignment for a review round (issue 5, "Judges and conflicts").
 *
 * Goals, in order: every entry gets exactly `perEntry` conflict-free judges; judges' loads within one
 * of each other where the conflicts allow it; each judge's categories as even as possible.
 *
 * Judges have no load cap, so the first goal is feasible exactly when every entry has enough
 * conflict-free judges, and we can say up front which entries are not. Then:
 *  1. greedy: entries with the fewest eligible judges first, each takes the least-loaded eligible
 *     judges (ties: fewest of that category, then seeded random);
 *  2. balance: move assignments along augmenting paths (judge A hands entry e to B, B hands f to C,
 *     ...) from a judge to one carrying at least two fewer. Each move lowers the sum of squared loads,
 *     and when no such path exists the loads are as even as the conflicts permit, so any imbalance
 *     left is reported, not hidden;
 *  3. categories: swap pairs of assignments between two judges (loads unchanged) while that evens
 *     their category counts.
 * Pairs given in `existing` are locked: they count towards entries and loads but are never moved,
 * which is what redistribution and later top-ups need (scored work stays where it is).
 */

export type Assignments = Record<string, string[]>;
export type AssignmentsInput = Readonly<Record<string, readonly string[]>>;

export interface AssignInput {
  entries: readonly EntryRef[];
  judges: readonly JudgeRef[];
  perEntry: number;
  /** Pairs already made (kept as they are). Judges not in `judges` may appear (e.g. one who dropped out after scoring). */
  existing?: AssignmentsInput;
  seed?: string | number;
}

export type AssignResult =
  | { ok: true; assignments: Assignments; loads: Record<string, number>; warnings: string[] }
  | { ok: false; errors: string[]; uncovered: string[] };

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

class State {
  readonly onEntry = new Map<string, Set<string>>();
  readonly onJudge = new Map<string, Set<string>>();
  readonly load = new Map<string, number>();
  readonly cats = new Map<string, Map<string, number>>();
  private readonly movable = new Set<string>();

  constructor(
    readonly judgeIds: readonly string[],
    readonly categoryOf: ReadonlyMap<string, string>,
  ) {
    for (const j of judgeIds) {
      this.onJudge.set(j, new Set());
      this.load.set(j, 0);
      this.cats.set(j, new Map());
    }
  }

  judgesOf(entryId: string): Set<string> {
    let s = this.onEntry.get(entryId);
    if (!s) this.onEntry.set(entryId, (s = new Set()));
    return s;
  }

  catCount(judgeId: string, cat: string) {
    return this.cats.get(judgeId)?.get(cat) ?? 0;
  }

  isMovable(entryId: string, judgeId: string) {
    return this.movable.has(`${entryId}\u0000${judgeId}`);
  }

  add(entryId: string, judgeId: string, locked: boolean) {
    this.judgesOf(entryId).add(judgeId);
    if (!locked) this.movable.add(`${entryId}\u0000${judgeId}`);
    const mine = this.onJudge.get(judgeId);
    if (!mine) return; // a judge outside the panel: counts towards the entry only
    mine.add(entryId);
    this.load.set(judgeId, (this.load.get(judgeId) ?? 0) + 1);
    const cat = this.categoryOf.get(entryId);
    if (cat !== undefined) this.cats.get(judgeId)!.set(cat, this.catCount(judgeId, cat) + 1);
  }

  remove(entryId: string, judgeId: string) {
    this.judgesOf(entryId).delete(judgeId);
    this.movable.delete(`${entryId}\u0000${judgeId}`);
    const mine = this.onJudge.get(judgeId);
    if (!mine?.delete(entryId)) return;
    this.load.set(judgeId, this.load.get(judgeId)! - 1);
    const cat = this.categoryOf.get(entryId);
    if (cat !== undefined) this.cats.get(judgeId)!.set(cat, this.catCount(judgeId, cat) - 1);
  }

  move(entryId: string, from: string, to: string) {
    this.remove(entryId, from);
    this.add(entryId, to, false);
  }
}

export function autoAssign(input: AssignInput): AssignResult {
  const { perEntry } = input;
  if (!Number.isInteger(perEntry) || perEntry < 1)
    throw new RangeError('perEntry must be a positive integer');
  // Sorted copies: the result depends on the seed, not on the order rows came from the database.
  const entries = [...input.entries].sort(byId);
  const judges = [...input.judges].sort(byId);
  const random = seededRandom(input.seed ?? 0);
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const categoryOf = new Map(entries.map((e) => [e.id, e.categoryKey]));
  const state = new State(
    judges.map((j) => j.id),
    categoryOf,
  );

  const eligible = new Map<string, Set<string>>();
  for (const e of entries) {
    eligible.set(e.id, new Set(judges.filter((j) => conflictsOf(j, e).length === 0).map((j) => j.id)));
  }

  for (const [entryId, judgeIds] of Object.entries(input.existing ?? {})) {
    for (const j of judgeIds) state.add(entryId, j, true);
  }

  const uncovered = entries.filter((e) => {
    const assigned = state.judgesOf(e.id);
    const free = [...eligible.get(e.id)!].filter((j) => !assigned.has(j)).length;
    return perEntry - assigned.size > free;
  });
  if (uncovered.length > 0)
    return {
      ok: false,
      errors: coverageErrors(entries, judges, uncovered, perEntry),
      uncovered: uncovered.map((e) => e.id),
    };

  greedy(entries, eligible, state, perEntry, random);
  balance(eligible, state);
  spreadCategories(entries, eligible, state);

  const assignments: Assignments = {};
  for (const [entryId, judgeIds] of Object.entries(input.existing ?? {})) {
    if (!entryById.has(entryId)) assignments[entryId] = [...judgeIds];
  }
  for (const e of entries) assignments[e.id] = [...state.judgesOf(e.id)].sort();
  const loads = Object.fromEntries(state.load);
  return { ok: true, assignments, loads, warnings: imbalanceWarnings(judges, state.load) };
}

/**
 * Why the seats cannot be filled, naming the judges in the way: first any judge who conflicts with
 * every entry (usually a unit recorded wrongly), then each short entry with the judges it must avoid
 * and why, so the organiser knows whom to replace or correct.
 */
function coverageErrors(
  entries: readonly EntryRef[],
  judges: readonly JudgeRef[],
  uncovered: readonly EntryRef[],
  perEntry: number,
): string[] {
  const errors: string[] = [];
  if (entries.length > 1) {
    for (const j of judges) {
      if (entries.every((e) => conflictsOf(j, e).length > 0))
        errors.push(
          `评委 ${judgeLabel(j)} 与本轮全部 ${entries.length} 件作品都有回避关系，请核对其所在单位或回避声明`,
        );
    }
  }
  for (const e of uncovered) {
    const avoiding = judges
      .map((j) => ({ j, reasons: conflictsOf(j, e) }))
      .filter((x) => x.reasons.length > 0)
      .map((x) => `${judgeLabel(x.j)}（${x.reasons.map((r) => r.message).join('，')}）`);
    const free = judges.length - avoiding.length;
    errors.push(
      `作品 ${entryLabel(e)} 只有 ${free} 位无回避关系的评委，少于每件 ${perEntry} 位` +
        (avoiding.length ? `，需回避的评委：${avoiding.join('、')}` : ''),
    );
  }
  return errors;
}

function greedy(
  entries: readonly EntryRef[],
  eligible: ReadonlyMap<string, Set<string>>,
  state: State,
  perEntry: number,
  random: () => number,
) {
  const order = entries
    .map((e) => ({ e, size: eligible.get(e.id)!.size, r: random() }))
    .sort((a, b) => a.size - b.size || a.r - b.r);
  for (const { e } of order) {
    const assigned = state.judgesOf(e.id);
    const need = perEntry - assigned.size;
    if (need <= 0) continue;
    const candidates = [...eligible.get(e.id)!]
      .filter((j) => !assigned.has(j))
      .map((j) => ({ j, load: state.load.get(j)!, cat: state.catCount(j, e.categoryKey), r: random() }))
      .sort((a, b) => a.load - b.load || a.cat - b.cat || a.r - b.r);
    for (const c of candidates.slice(0, need)) state.add(e.id, c.j, false);
  }
}

interface Step {
  entryId: string;
  from: string;
  to: string;
}

/** Breadth-first search for a chain of movable assignments from `start` to a judge with load ≤ `target`. */
function findPath(
  start: string,
  target: number,
  eligible: ReadonlyMap<string, Set<string>>,
  state: State,
): Step[] | null {
  const via = new Map<string, Step | null>([[start, null]]);
  const queue = [start];
  for (let qi = 0; qi < queue.length; qi++) {
    const u = queue[qi]!;
    for (const entryId of state.onJudge.get(u)!) {
      if (!state.isMovable(entryId, u)) continue;
      const onEntry = state.judgesOf(entryId);
      for (const v of eligible.get(entryId) ?? []) {
        if (via.has(v) || onEntry.has(v)) continue;
        via.set(v, { entryId, from: u, to: v });
        if (state.load.get(v)! <= target) {
          const path: Step[] = [];
          for (let s = via.get(v); s; s = via.get(s.from)) path.push(s);
          return path;
        }
        queue.push(v);
      }
    }
  }
  return null;
}

function balance(eligible: ReadonlyMap<string, Set<string>>, state: State) {
  for (;;) {
    const byLoad = [...state.judgeIds].sort(
      (a, b) => state.load.get(b)! - state.load.get(a)! || (a < b ? -1 : 1),
    );
    const min = state.load.get(byLoad[byLoad.length - 1]!) ?? 0;
    let moved = false;
    for (const h of byLoad) {
      const load = state.load.get(h)!;
      if (load < min + 2) break;
      const path = findPath(h, load - 2, eligible, state);
      if (!path) continue;
      // Applying every step at once is valid: steps have distinct sources and distinct targets, and
      // an entry moved twice on one path moves between four different judges (see findPath's checks).
      for (const s of path) state.move(s.entryId, s.from, s.to);
      moved = true;
      break;
    }
    if (!moved) return;
  }
}

/**
 * Swap entry e (category X, on judge a) with entry f (category Y, on judge b) when it lowers the sum of
 * squared per-judge category counts: loads stay put, and the counts drift towards each judge's share.
 * That sum drops by 2·((aX − aY) + (bY − bX)) − 4, so a swap pays when that difference is ≥ 3.
 */
function spreadCategories(
  entries: readonly EntryRef[],
  eligible: ReadonlyMap<string, Set<string>>,
  state: State,
) {
  const categories = [...new Set(entries.map((e) => e.categoryKey))].sort();
  if (categories.length < 2) return;
  const judges = state.judgeIds;
  const pick = (from: string, to: string, cat: string): string | undefined => {
    for (const entryId of state.onJudge.get(from)!) {
      if (state.categoryOf.get(entryId) !== cat || !state.isMovable(entryId, from)) continue;
      if (eligible.get(entryId)?.has(to) && !state.judgesOf(entryId).has(to)) return entryId;
    }
    return undefined;
  };
  // Bounded so a pathological panel cannot spin; each swap strictly improves, so this rarely binds.
  for (let round = 0; round < 50; round++) {
    let swapped = false;
    for (const a of judges) {
      for (const b of judges) {
        if (a >= b) continue;
        for (const x of categories) {
          for (const y of categories) {
            if (x === y) continue;
            const gain =
              state.catCount(a, x) - state.catCount(a, y) + state.catCount(b, y) - state.catCount(b, x);
            if (gain < 3) continue;
            const e = pick(a, b, x);
            const f = e && pick(b, a, y);
            if (!e || !f) continue;
            state.move(e, a, b);
            state.move(f, b, a);
            swapped = true;
          }
        }
      }
    }
    if (!swapped) return;
  }
}

export function imbalanceWarnings(judges: readonly JudgeRef[], loads: ReadonlyMap<string, number>): string[] {
  if (judges.length < 2) return [];
  const sorted = [...judges].sort((a, b) => loads.get(b.id)! - loads.get(a.id)!);
  const most = sorted[0]!;
  const least = sorted[sorted.length - 1]!;
  const spread = loads.get(most.id)! - loads.get(least.id)!;
  if (spread <= 1) return [];
  return [
    `评委工作量不均衡：${judgeLabel(most)} ${loads.get(most.id)} 件，${judgeLabel(least)} ${loads.get(least.id)} 件，相差 ${spread} 件（回避关系不允许进一步调整）`,
  ];
}

export interface AssignmentRef {
  entryId: string;
  judgeId: string;
}

/**
 * Release some pairs and fill the gaps by the same rules; every other pair stays exactly where it is.
 * Used when a judge drops out and when a judge declares a conflict while judging.
 */
export function reassign(
  input: Omit<AssignInput, 'existing'> & { assignments: AssignmentsInput; release: readonly AssignmentRef[] },
): AssignResult {
  const released = new Set(input.release.map((r) => `${r.entryId}\u0000${r.judgeId}`));
  const existing: Assignments = {};
  for (const [entryId, judgeIds] of Object.entries(input.assignments)) {
    existing[entryId] = judgeIds.filter((j) => !released.has(`${entryId}\u0000${j}`));
  }
  return autoAssign({ ...input, existing });
}

/**
 * A judge drops out: their open (unscored) assignments go to the rest of the panel; the entries they
 * already scored keep that score (it counts towards the entry's panel), and nobody else's work moves.
 */
export function redistribute(
  assignments: AssignmentsInput,
  droppedJudgeId: string,
  input: Omit<AssignInput, 'existing'> & { scored: readonly AssignmentRef[] },
): AssignResult {
  const scored = new Set(input.scored.map((s) => `${s.entryId}\u0000${s.judgeId}`));
  const release: AssignmentRef[] = [];
  for (const [entryId, judgeIds] of Object.entries(assignments)) {
    if (judgeIds.includes(droppedJudgeId) && !scored.has(`${entryId}\u0000${droppedJudgeId}`)) {
      release.push({ entryId, judgeId: droppedJudgeId });
    }
  }
  return reassign({
    entries: input.entries,
    judges: input.judges.filter((j) => j.id !== droppedJudgeId),
    perEntry: input.perEntry,
    seed: input.seed,
    assignments,
    release,
  });
}
