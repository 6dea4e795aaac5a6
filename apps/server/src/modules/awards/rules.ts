import { randomInt } from 'node:crypto';
import type { OrgAwardRule } from '@jiangtai/contracts';

/**
 * The pure rules of awards: tiers from a ranking by places, with a tie on a tier boundary flagged
 * for the organiser (never broken silently), and the 组织奖 points rule for units.
 */

/** One ranked thing (an entry or a unit) in ranking order; equal ranks are ties nothing separated. */
export interface RankedItem {
  id: string;
  /** null: not ranked (no counted score) — never awarded. */
  rank: number | null;
}

export interface TierSpec {
  name: string;
  places: number;
}

/** The organiser's order for a group of tied items (best first), with the reason. */
export interface TieOrder {
  ids: readonly string[];
  reason: string;
}

export interface Awarded {
  id: string;
  tier: string;
  /** 1-based place in the ranking the award counts from. */
  position: number;
  /** The reason of the organiser's tie decision that placed this item, if one did. */
  decidedBy: string | null;
}

export interface BoundaryFlag {
  /** The tied items, which get no award until the organiser orders them. */
  ids: string[];
  /** The tiers the group straddles, best first; null stands for "no award". */
  tiers: (string | null)[];
  /** The places the group takes, 1-based, inclusive. */
  from: number;
  to: number;
}

export interface TierResult {
  awarded: Awarded[];
  flags: BoundaryFlag[];
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/**
 * Ranked items as groups of ties (consecutive items sharing a rank); unranked items are left out.
 * A group the organiser has ordered (a decision naming exactly its members) becomes singletons in
 * that order. A decision naming other items (stale: the ranking has changed since) does nothing.
 */
export function tieGroups(ranked: readonly RankedItem[], decisions: readonly TieOrder[] = []) {
  const groups: { ids: string[]; decidedBy: string | null }[] = [];
  let current: RankedItem[] = [];
  const flush = () => {
    if (!current.length) return;
    const ids = current.map((x) => x.id);
    // The latest decision wins: the organiser may order a group again.
    const d = ids.length > 1 ? [...decisions].reverse().find((x) => sameSet(x.ids, ids)) : undefined;
    if (d) for (const id of d.ids) groups.push({ ids: [id], decidedBy: d.reason });
    else groups.push({ ids, decidedBy: null });
    current = [];
  };
  for (const item of ranked) {
    if (item.rank === null) continue;
    if (current.length && current[0]!.rank !== item.rank) flush();
    current.push(item);
  }
  flush();
  return groups;
}

/**
 * Assigns tiers in ranking order by places (岳阳 2/4/6/8: places 1–2 一等奖, 3–6 二等奖, …). A tied
 * group inside one tier shares it; a tied group across a tier boundary (or across the last awarded
 * place) is flagged and gets nothing until decided, while the places after it are assigned as usual.
 */
export function assignTiers(
  ranked: readonly RankedItem[],
  tiers: readonly TierSpec[],
  decisions: readonly TieOrder[] = [],
): TierResult {
  const slots: string[] = tiers.flatMap((t) => Array<string>(t.places).fill(t.name));
  const awarded: Awarded[] = [];
  const flags: BoundaryFlag[] = [];
  let pos = 0;
  for (const g of tieGroups(ranked, decisions)) {
    const names = g.ids.map((_, i) => slots[pos + i] ?? null);
    const distinct = [...new Set(names)];
    if (distinct.length > 1) {
      flags.push({ ids: g.ids, tiers: distinct, from: pos + 1, to: pos + g.ids.length });
    } else if (distinct[0]) {
      for (const id of g.ids)
        awarded.push({ id, tier: distinct[0], position: pos + 1, decidedBy: g.decidedBy });
    }
    pos += g.ids.length;
  }
  return { awarded, flags };
}

// ---------- 组织奖 ----------

export interface Finalist {
  entryId: string;
  unitId: string;
}

export interface UnitScore {
  unitId: string;
  points: number;
  finalists: number;
  /** How many of the unit's finalists won each tier. */
  awards: Record<string, number>;
}

/** Half points at most (the rule's step), so sums are exact in binary floating point. */
const sum = (a: number, b: number) => Math.round((a + b) * 2) / 2;

/**
 * Each unit's points: its winners' tier points plus the participation points per finalist (an
 * entry ranked in the round). Sorted by points, best first; equal points share a rank.
 */
export function unitScores(
  finalists: readonly Finalist[],
  awarded: readonly { id: string; tier: string }[],
  rule: Pick<OrgAwardRule, 'tierPoints' | 'participationPoints'>,
): (UnitScore & { rank: number })[] {
  const tierOf = new Map(awarded.map((a) => [a.id, a.tier]));
  const units = new Map<string, UnitScore>();
  for (const f of finalists) {
    const u = units.get(f.unitId) ?? { unitId: f.unitId, points: 0, finalists: 0, awards: {} };
    u.finalists += 1;
    u.points = sum(u.points, rule.participationPoints);
    const tier = tierOf.get(f.entryId);
    if (tier) {
      u.awards[tier] = (u.awards[tier] ?? 0) + 1;
      u.points = sum(u.points, rule.tierPoints[tier] ?? 0);
    }
    units.set(f.unitId, u);
  }
  const sorted = [...units.values()].sort(
    (a, b) => b.points - a.points || Number(BigInt(a.unitId) - BigInt(b.unitId)),
  );
  // Standard competition ranking: equal points take the rank of the first unit with them.
  const out: (UnitScore & { rank: number })[] = [];
  for (const [i, u] of sorted.entries())
    out.push({ ...u, rank: i > 0 && sorted[i - 1]!.points === u.points ? out[i - 1]!.rank : i + 1 });
  return out;
}

/**
 * How many places each 组织奖 has: the campaign's number, or for 若干 (null) the organiser's number
 * in the rule. An 组织奖 with neither is returned in `missing` (nothing can be awarded for it yet).
 */
export function orgAwardPlaces(
  orgAwards: readonly { name: string; places: number | null }[],
  rule: Pick<OrgAwardRule, 'places'>,
): { tiers: TierSpec[]; missing: string[] } {
  const tiers: TierSpec[] = [];
  const missing: string[] = [];
  for (const a of orgAwards) {
    const places = a.places ?? rule.places[a.name];
    if (places === undefined) missing.push(a.name);
    tiers.push({ name: a.name, places: places ?? 0 });
  }
  return { tiers, missing };
}

/**
 * The default rule for a campaign's tiers: the best tier counts most (… 4, 2 for the last two), one
 * point per finalist. An 组织奖 of 若干 places gets no number: the organiser must set it.
 */
export function defaultOrgRule(awardTiers: readonly { name: string }[]): OrgAwardRule {
  const n = awardTiers.length;
  return {
    tierPoints: Object.fromEntries(awardTiers.map((t, i) => [t.name, (n - i) * 2])),
    participationPoints: 1,
    places: {},
  };
}

export interface UnitOverride {
  unitId: string;
  tier: string | null;
  reason: string;
}

/**
 * The 组织奖 after the organiser's adjustments: an override gives a unit the named award or none,
 * whatever the rule said. A tie flag whose units are all overridden is settled by the overrides.
 */
export function applyUnitOverrides(result: TierResult, overrides: readonly UnitOverride[]) {
  const by = new Map(overrides.map((o) => [o.unitId, o]));
  const awarded: (Awarded & { adjustedReason: string | null })[] = result.awarded
    .filter((a) => !by.has(a.id))
    .map((a) => ({ ...a, adjustedReason: null }));
  for (const o of overrides)
    if (o.tier)
      awarded.push({ id: o.unitId, tier: o.tier, position: 0, decidedBy: null, adjustedReason: o.reason });
  const flags = result.flags.filter((f) => !f.ids.every((id) => by.has(id)));
  return { awarded, flags };
}

// ---------- numbers and codes ----------

/** 2026-12-0007: the year, the campaign, a sequence in the list; fixed when the list is published. */
export const certificateNumber = (year: string, campaignId: string, seq: number) =>
  `${year}-${campaignId}-${String(seq).padStart(4, '0')}`;

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A random public code (no ids in public addresses): 16 characters for a certificate, 12 for a notice. */
export function randomCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}
