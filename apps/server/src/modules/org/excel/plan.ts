import type { Gender, OrgType, PartyStatus } from '@jiangtai/contracts';

/**
 * The import's data model between validate.ts (file + database → plan or issues) and apply.ts
 * (plan → database).
 */

/** What the database knows about the orgs and members a file mentions (loaded by the service). */
export interface KnownOrg {
  id: string;
  parentId: string | null;
  path: string;
  name: string;
  type: OrgType;
  code: string;
  active: boolean;
  sortOrder: number;
}

export interface KnownMember {
  id: string;
  orgId: string;
  orgPath: string;
  orgName: string;
  name: string;
  gender: Gender;
  phone: string | null;
  partyStatus: PartyStatus;
  positions: string[];
  joinedOn: string | null;
  active: boolean;
}

export interface ImportContext {
  orgsByCode: Map<string, KnownOrg>;
  membersByPhone: Map<string, KnownMember>;
  /** Members without a phone in existing orgs, by `${orgId}|${name}`. */
  phonelessMembers: Map<string, KnownMember[]>;
  canEdit(path: string): boolean;
  canRestructure(parentPath: string | null): boolean;
  canCreateTopLevel: boolean;
  /** Today in Beijing, YYYY-MM-DD: the latest acceptable 入党日期. */
  today: string;
}

export type OrgRef = { kind: 'existing'; id: string } | { kind: 'new'; code: string } | { kind: 'none' };

export interface PlannedOrg {
  row: number;
  code: string;
  name: string;
  type: OrgType;
  /** null: keep the current order (or 0 for a new org). */
  sortOrder: number | null;
  parent: OrgRef;
  existing: KnownOrg | null;
}

export interface PlannedMember {
  row: number;
  existing: KnownMember | null;
  org: Exclude<OrgRef, { kind: 'none' }>;
  name: string;
  gender: Gender;
  phone: string | null;
  partyStatus: PartyStatus;
  /** null: blank cell, keep the current positions (党员 for a new member). */
  positions: string[] | null;
  /** null: blank cell, keep the current date (none for a new member). */
  joinedOn: string | null;
}

export interface ImportPlan {
  orgs: PlannedOrg[];
  members: PlannedMember[];
}
