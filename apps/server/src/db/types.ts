import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

import type { OrgType, RoleName } from '@jiangtai/contracts';
export type { OrgType, RoleName };

export interface OrgsTable {
  id: Generated<string>;
  parent_id: string | null;
  /** Materialised path of ids, e.g. "1.5.23." — a subtree is `path LIKE '1.5.%'` on a text_pattern_ops index. */
  path: string;
  depth: number;
  name: string;
  type: OrgType;
  code: string | null;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembersTable {
  id: Generated<string>;
  org_id: string;
  /** Copy of the org's path so subtree listings need no join. Kept in step by the org service. */
  org_path: string;
  name: string;
  gender: 'male' | 'female';
  phone: string | null;
  party_status: 'full' | 'probationary';
  positions: ColumnType<string[], string[] | undefined, string[]>;
  joined_on: ColumnType<string | null, string | null | undefined, string | null>;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  phone: string | null;
  display_name: string;
  member_id: string | null;
  password_hash: string;
  must_change_password: Generated<boolean>;
  is_demo: Generated<boolean>;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoleGrantsTable {
  id: Generated<string>;
  user_id: string;
  role: RoleName;
  org_id: string;
  org_path: string;
  created_at: Timestamp;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_user_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  /** Org path the change belongs to, so admins see only their subtree's log. */
  org_path: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  ip: string | null;
}

export interface CampaignsTable {
  id: Generated<string>;
  title: string;
  organiser_org_id: string;
  organiser_org_path: string;
  status: Generated<'draft' | 'published' | 'closed'>;
  preset_key: string | null;
  copied_from_id: string | null;
  settings: Json<unknown>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** What a file's bytes are, by their content (magic bytes), whatever its name says. */
export type DetectedFileType =
  'mp4' | 'mov' | 'mkv' | 'webm' | 'avi' | 'pdf' | 'docx' | 'pptx' | 'doc' | 'ppt' | 'jpeg' | 'png';

export interface StoredFilesTable {
  id: Generated<string>;
  detected_type: DetectedFileType;
  mime: string;
  size_bytes: ColumnType<string, string | number, string | number>;
  sha256: string;
  original_name: string;
  storage: 'local' | 's3';
  /** Path relative to DATA_DIR/files, or the object key in the bucket. */
  storage_key: string;
  uploaded_by: string | null;
  created_at: Generated<Date>;
}

export interface DB {
  orgs: OrgsTable;
  members: MembersTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  campaigns: CampaignsTable;
  stored_files: StoredFilesTable;
}

export type Org = Selectable<OrgsTable>;
export type NewOrg = Insertable<OrgsTable>;
export type OrgUpdate = Updateable<OrgsTable>;
export type Member = Selectable<MembersTable>;
export type NewMember = Insertable<MembersTable>;
export type User = Selectable<UsersTable>;
export type RoleGrant = Selectable<RoleGrantsTable>;
export type Campaign = Selectable<CampaignsTable>;
export type StoredFile = Selectable<StoredFilesTable>;
