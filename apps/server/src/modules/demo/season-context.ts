import type { CampaignSettings } from '@jiangtai/contracts';
import type { Random } from './people.ts';

/** What the parts of the demo season (plans, records, photos, notices) share. */

export interface SeasonMember {
  id: string;
  name: string;
  positions: string[];
}

export interface SeasonAccount {
  id: string;
  name: string;
}

export interface SeasonBranch {
  id: string;
  path: string;
  name: string;
  /** Active members, secretary first (by position), then by id. */
  members: SeasonMember[];
  /** How keen the branch's unit is this season (0–1): the share of ordinary members who lecture. */
  zeal: number;
  /** Who records lectures and files the plan for the branch: the demo member for their own branch,
   * otherwise the admin over it (the other secretaries have no accounts in the demo). */
  recorder: SeasonAccount;
  /** The admin over the branch who accepts plans and confirms records (教育局 / 财政局 / the city). */
  decider: SeasonAccount;
  /** Tagged units: 市教育局 gets a fixed mix of plan states, so its admin sees each one. */
  unitTag: string | null;
}

export interface SeasonContext {
  random: Random;
  campaignId: string;
  settings: CampaignSettings;
  now: Date;
  /** Today in Beijing; nothing happens after it. */
  today: string;
  /** The first day lectures can be held: the campaign's start. */
  startsOn: string;
  categoryKeys: string[];
  /** The demo member's branch, whose season is set by hand rather than drawn. */
  memberBranchId: string;
}

/** A moment on a Beijing calendar day, `minutes` after its midnight, never after `now`. */
export function beijingAt(date: string, minutes: number, now: Date): Date {
  const at = new Date(Date.parse(`${date}T00:00:00+08:00`) + minutes * 60_000);
  return at > now ? now : at;
}

/** `hours` after `from`, never after `now`. */
export function hoursAfter(from: Date, hours: number, now: Date): Date {
  const at = new Date(from.getTime() + hours * 3_600_000);
  return at > now ? now : at;
}

export const isSecretary = (m: SeasonMember) => m.positions.includes('书记');
export const isLeader = (m: SeasonMember) => m.positions.some((p) => p !== '党员');
