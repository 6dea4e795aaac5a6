import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

import type { AssignmentStatus, OrgType, RoleName, RoundConfig, RoundState } from '@jiangtai/contracts';
import type { LiveSlotStatus, LiveState } from '@jiangtai/contracts';

/** What the MC's 撤销 takes back (live_rounds.undo). */
export type LiveUndo =
  | { kind: 'call'; entryId: string; previousEntryId: string | null }
  | { kind: 'stop'; entryId: string; elapsedMs: number }
  | { kind: 'skip'; entryId: string; previousStatus: 'waiting' | 'speaking'; previousEntryId: string | null }
  /** Opening scoring and announcing keep the undo before them, restored when they are taken back. */
  | { kind: 'open'; entryId: string; previous: LiveUndo | null }
  | { kind: 'announce'; entryId: string; previous: LiveUndo | null };
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
  /** Password checks under way (migration 026), and when the last one began. */
  login_checks: Generated<number>;
  login_checks_at: Timestamp | null;
  /** Bumped on every reissue of the initial password (migration 022): the code derives from it. */
  code_issue: Generated<number>;
  code_issued_at: Timestamp | null;
  /** When the person set their own password; null = not yet activated. */
  activated_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A bulk creation of member accounts (migration 022); see modules/accounts/member-accounts-job.ts. */
export interface AccountRunsTable {
  id: Generated<string>;
  job_id: string | null;
  org_id: string;
  member_ids: string[] | null;
  requested_by: string | null;
  total: Generated<number>;
  processed: Generated<number>;
  created: Generated<number>;
  skipped_no_phone: Generated<number>;
  skipped_phone_taken: Generated<number>;
  skipped_has_account: Generated<number>;
  skipped_inactive: Generated<number>;
  last_member_id: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
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
  | 'mp4'
  | 'mov'
  | 'mkv'
  | 'webm'
  | 'avi'
  | 'pdf'
  | 'docx'
  | 'pptx'
  | 'doc'
  | 'ppt'
  | 'jpeg'
  | 'png'
  /** Only for tables the platform generates itself (annex submissions); never accepted as an upload. */
  | 'xlsx';

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

/** Entries (作品报送); see migration 006. */
export interface EntriesTable {
  id: Generated<string>;
  campaign_id: string;
  stage_key: string;
  member_id: string;
  unit_org_id: string;
  /** The participating unit's path: unit admins' scope and the quota's unit. */
  unit_org_path: string;
  title: string;
  category_key: string;
  outline: Generated<string>;
  state: Generated<'draft' | 'submitted' | 'recommended' | 'returned' | 'withdrawn'>;
  return_reason: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EntryMaterialsTable {
  id: Generated<string>;
  entry_id: string;
  material: 'video' | 'manuscript' | 'courseware' | 'recommendation_scan';
  file_id: string;
  findings: Json<unknown>;
  current: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface EntryEventsTable {
  id: Generated<string>;
  entry_id: string;
  from_state: string | null;
  to_state: string;
  actor_user_id: string | null;
  actor_name: string | null;
  reason: string | null;
  at: Timestamp;
}

export interface DeadlineExtensionsTable {
  id: Generated<string>;
  campaign_id: string;
  stage_key: string;
  unit_org_id: string;
  until: ColumnType<string, string, string>;
  reason: string;
  granted_by: string | null;
  at: Timestamp;
}

/** Review rounds (评审); see migration 007. */
export interface ReviewRoundsTable {
  id: Generated<string>;
  campaign_id: string;
  stage_key: string;
  scope_org_id: string;
  scope_org_path: string;
  config: Json<RoundConfig>;
  state: Generated<RoundState>;
  /** Hash of the last score_log row of the round (the genesis hash before any). */
  chain_head: string;
  score_count: Generated<number>;
  closed_at: Timestamp | null;
  confirmed_at: Timestamp | null;
  published_at: Timestamp | null;
  notice_ends_on: ColumnType<string | null, string | null | undefined, string | null>;
  sealed_at: Timestamp | null;
  seal_hash: string | null;
  /** Random code of the public 公示 address (migration 017); set when first published. */
  notice_code: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** False for rounds opened before migration 010: their removals and tie decisions are outside the log. */
  facts_chained: Generated<boolean>;
  /** False on rounds from before migration 021: their departures are read from round_entries. */
  departures_chained: Generated<boolean>;
  /** A rehearsal (彩排) of a live final (migration 024): left out of every list and result. */
  rehearsal: Generated<boolean>;
}

export interface RoundJudgesTable {
  round_id: string;
  user_id: string;
  /** The participating unit the judge belongs to (conflicts of interest); null for an outside expert. */
  unit_org_path: string | null;
  active: Generated<boolean>;
  left_reason: string | null;
  added_at: Timestamp;
}

export interface RoundEntriesTable {
  round_id: string;
  entry_id: string;
  /** Random code judges see in a blind round. */
  code: string;
  advanced: Generated<boolean>;
  /** This round's confirmation made the entry 已推荐 (undone when the list is withdrawn). */
  promoted: Generated<boolean>;
  /** The entry left the contest while in this round (已退赛): withdrawn, returned or no longer recommended. */
  left_at: Timestamp | null;
  left_reason: string | null;
}

export interface RoundAssignmentsTable {
  round_id: string;
  entry_id: string;
  judge_user_id: string;
  status: Generated<AssignmentStatus>;
  removed_reason: string | null;
  created_at: Timestamp;
}

export interface JudgeConflictsTable {
  round_id: string;
  entry_id: string;
  judge_user_id: string;
  reason: string;
  at: Timestamp;
}

export interface ScoreLogTable {
  id: Generated<string>;
  round_id: string;
  seq: number;
  /** null for a record about the whole round (a rule change, a tie decision). */
  entry_id: string | null;
  judge_user_id: string | null;
  action: ScoreLogAction;
  scores: Json<Record<string, string | null>>;
  comment: string | null;
  reason: string | null;
  actor_user_id: string;
  created_at: Timestamp;
  prev_hash: string;
  hash: string;
  /** The content of a fact record (migration 010); null on score records. */
  data: Json<unknown> | null;
}

/** What a score_log row records: a score, or a fact the results depend on (migration 010). */
export type ScoreLogAction =
  | 'draft'
  | 'submit'
  | 'reopen'
  | 'judge_removed'
  | 'conflict_declared'
  | 'judge_left'
  | 'tie_decided'
  | 'rules_set'
  | 'entry_left'
  | 'entry_rejoined'
  | 'time_recorded';

export interface TieDecisionsTable {
  id: Generated<string>;
  round_id: string;
  entry_ids: ColumnType<string[], string[], string[]>;
  reason: string;
  decided_by: string | null;
  at: Timestamp;
}

export interface RoundObjectionsTable {
  id: Generated<string>;
  round_id: string;
  entry_id: string | null;
  content: string;
  contact_name: string;
  contact_phone: string;
  /** null: lodged on the public 公示 page without an account (migration 017). */
  lodged_by: string | null;
  /** The client address of an objection lodged without an account. */
  lodged_ip: ColumnType<string | null, string | null | undefined, string | null>;
  lodged_at: Timestamp;
  outcome: 'upheld' | 'dismissed' | null;
  answer: string | null;
  answered_by: string | null;
  answered_at: Timestamp | null;
}

export interface RoundSignoffsTable {
  id: Generated<string>;
  round_id: string;
  user_id: string;
  comment: Generated<string>;
  chain_head: string;
  at: Timestamp;
  /** How many score_log records the signer saw (null before migration 010). */
  records: number | null;
}

/** A live final's draw of the speaking order (migration 023, modules/live/draw). */
export interface LiveDrawsTable {
  round_id: string;
  method: 'random' | 'manual';
  /** The published finalists list, [{entryId, speakerName, unitName, title}], in the order shuffled. */
  finalists: Json<unknown>;
  commitment: string | null;
  committed_at: Timestamp | null;
  committed_by: string | null;
  seed: string | null;
  revealed_at: Timestamp | null;
  revealed_by: string | null;
  final_seed: string | null;
  /** Entry ids, first speaker first; null until drawn. */
  order: Json<unknown> | null;
  manual_note: string | null;
  entered_by: string | null;
  entered_at: Timestamp | null;
}

export interface LiveDrawContributionsTable {
  id: Generated<string>;
  round_id: string;
  label: string;
  value: string;
  entered_by: string;
  entered_as: 'organiser' | 'supervisor';
  at: Timestamp;
}

/** The evening of a live final (migration 024, owned by live). */
export interface LiveRoundsTable {
  round_id: string;
  /** Set on a rehearsal: the real round it rehearses. */
  rehearsal_of: string | null;
  state: Generated<LiveState>;
  current_entry_id: string | null;
  timer_running: Generated<boolean>;
  timer_started_at: Timestamp | null;
  timer_elapsed_ms: Generated<number>;
  /** Bumped on every change; screens ignore an older snapshot. */
  version: Generated<number>;
  /** Random code of the public screens' address (/screen/<code>). */
  screen_code: string;
  /** A rehearsal reset (重置彩排): gone from every view. */
  discarded_at: Timestamp | null;
  /** The MC's last action that 撤销 can take back (see live/undo), null when none. */
  undo: Json<LiveUndo> | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LiveSlotsTable {
  round_id: string;
  entry_id: string;
  position: number;
  status: Generated<LiveSlotStatus>;
  spoken_ms: number | null;
  skip_reason: string | null;
  scoring_opened_at: Timestamp | null;
  scored_at: Timestamp | null;
  confirmed_by: string | null;
  confirmed_at: Timestamp | null;
  announced_at: Timestamp | null;
}

/** A judge's live submission key and the answer it got (idempotent retries). */
export interface LiveScoreKeysTable {
  key: string;
  round_id: string;
  judge_user_id: string;
  entry_id: string;
  request_hash: string;
  outcome: Json<unknown>;
  at: Timestamp;
}

/** 站内通知: a message to one account (migration 028, owned by notices). */
export interface UserNoticesTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  title: string;
  body: Generated<string>;
  /** A path inside the web app that the notice opens. */
  link: string | null;
  /** The org the notice is about (a reminder's branch), if any. */
  org_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export type LectureOccasion =
  'branch_assembly' | 'branch_committee' | 'party_group' | 'party_lecture' | 'theme_day';
export type LectureRecordStatus = 'recorded' | 'confirmed' | 'returned';

/** 宣讲记录: a lecture given in a branch (migration 028, owned by lectures). */
export interface LectureRecordsTable {
  id: Generated<string>;
  campaign_id: string;
  org_id: string;
  org_path: string;
  held_on: string;
  occasion: LectureOccasion;
  topic: string;
  category_key: string;
  speaker_member_id: string | null;
  guest_speaker_name: string | null;
  attendance: number;
  summary: Generated<string>;
  plan_line_id: string | null;
  status: Generated<LectureRecordStatus>;
  return_reason: string | null;
  client_key: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  deleted_at: Timestamp | null;
  deleted_by: string | null;
  delete_reason: string | null;
}

export type LecturePlanStatus = 'draft' | 'submitted' | 'returned' | 'accepted';
export type LecturePlanRevisionKind = 'submitted' | 'returned' | 'accepted' | 'changed';

/** 宣讲计划: a branch's plan of lectures for one campaign (migration 029, owned by plans). */
export interface LecturePlansTable {
  id: Generated<string>;
  campaign_id: string;
  org_id: string;
  org_path: string;
  status: Generated<LecturePlanStatus>;
  return_reason: string | null;
  version: Generated<number>;
  last_save_key: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_by: string | null;
  updated_at: Timestamp;
  submitted_by: string | null;
  submitted_at: Timestamp | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
}

/** One planned lecture; never deleted, removed_at marks one taken out of the plan. */
export interface LecturePlanLinesTable {
  id: Generated<string>;
  plan_id: string;
  client_key: string;
  month: string;
  topic: string;
  category_key: string;
  speaker_member_id: string | null;
  guest_speaker_name: string | null;
  occasion: LectureOccasion;
  sort_order: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  removed_at: Timestamp | null;
  removed_by: string | null;
}

/** A snapshot of a plan's lines at a submit, return, acceptance or change. */
export interface LecturePlanRevisionsTable {
  id: Generated<string>;
  plan_id: string;
  kind: LecturePlanRevisionKind;
  status_before: LecturePlanStatus;
  status_after: LecturePlanStatus;
  reason: string | null;
  lines: Json<unknown>;
  actor_user_id: string | null;
  actor_name: string;
  created_at: Timestamp;
}

/** A lecture record's photo, video or manuscript (migration 030, owned by lectures); no record yet while the form is open. */
export interface LectureRecordFilesTable {
  id: Generated<string>;
  record_id: string | null;
  org_id: string;
  kind: 'photo' | 'video' | 'manuscript';
  file_id: string;
  thumb_file_id: string | null;
  width: number | null;
  height: number | null;
  uploaded_by: string;
  created_at: Timestamp;
  removed_at: Timestamp | null;
}

/** Who was present at a lecture, when the branch lists them (migration 030, owned by lectures). */
export interface LectureRecordAttendeesTable {
  record_id: string;
  member_id: string;
}

/** A logged correction of a confirmed lecture record (migration 030, owned by lectures). */
export interface LectureRecordCorrectionsTable {
  id: Generated<string>;
  record_id: string;
  reason: string;
  before: Json<Record<string, unknown>>;
  after: Json<Record<string, unknown>>;
  corrected_by: string;
  corrected_at: Timestamp;
}

/**
 * 人人上讲台 coverage rollups (migration 031, owned by modules/coverage), kept by triggers on members and
 * lecture_records. Leader groups: 书记, else 副书记, else 委员 (组织委员/宣传委员/纪检委员).
 */
export interface CoverageSpeakersTable {
  campaign_id: string;
  member_id: string;
  /** Counting lecture records (not returned, not deleted) with this member as speaker; row kept while > 0. */
  lectures: number;
}

/**
 * Active members of the subtree of each org path below the top level, all and per leader group (the
 * coverage denominators), and the org's own members and 书记 (every path).
 */
export interface CoverageMemberCountsTable {
  org_path: string;
  members: number;
  secretaries: number;
  deputies: number;
  committee: number;
  own_members: number;
  own_secretaries: number;
  own_deputies: number;
  own_committee: number;
}

/** Of those, the members who have lectured in the campaign (same shape as coverage_member_counts). */
export interface CoverageCountsTable {
  campaign_id: string;
  org_path: string;
  members: number;
  secretaries: number;
  deputies: number;
  committee: number;
  own_members: number;
  own_secretaries: number;
  own_deputies: number;
  own_committee: number;
}

/** 督查看板 season rollups (migration 041, kept by triggers on lecture_plans and lecture_records). */
export interface SeasonPlanCountsTable {
  campaign_id: string;
  org_path: string;
  filed: number;
  accepted: number;
}

export interface SeasonLectureCountsTable {
  campaign_id: string;
  org_path: string;
  records: number;
  confirmed: number;
  attendance: ColumnType<string, never, never>;
  lectured_orgs: number;
  own_records: number;
}

export interface SeasonWeekCountsTable {
  campaign_id: string;
  org_path: string;
  week_ending: ColumnType<string, never, never>;
  plans_filed: number;
  lectures: number;
}

export interface OrgTreeVersionTable {
  id: number;
  version: ColumnType<string, never, never>;
}

/** Changes per (campaign, shard) that the cached branch laggard lists depend on (migration 044). */
export interface DashboardChangeCountsTable {
  campaign_id: string;
  shard: string;
  changes: ColumnType<string, never, never>;
}

export interface DashboardRemindersTable {
  id: Generated<string>;
  campaign_id: string;
  org_id: string;
  measure: 'plans' | 'lectures' | 'coverage' | 'learning';
  reminded_on: string;
  recipients: number;
  sent_by: string | null;
  created_at: Timestamp;
}

export type PoolSpeakerSource = 'contest' | 'nomination' | 'direct';
export type PoolSpeakerStatus = 'nominated' | 'active' | 'declined' | 'left' | 'retired';

/** 师资库: one speaker pool per org (migration 032, owned by pool). */
export interface SpeakerPoolsTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  name: string;
  /** The pool's own size target; null = the campaign's per-county target applies. */
  target: number | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A speaker in a pool: a member of the tree or an outside expert (migration 032, owned by pool). */
export interface PoolSpeakersTable {
  id: Generated<string>;
  pool_id: string;
  member_id: string | null;
  name: string;
  gender: 'male' | 'female' | null;
  unit_title: Generated<string>;
  phone: string | null;
  specialties: Generated<string[]>;
  /** 企业 / 农村 / 机关 / 校园 / 社区 keys the speaker suits. */
  audiences: Generated<string[]>;
  bio: Generated<string>;
  photo_file_id: string | null;
  /** The photo's 480 px thumbnail (migration 035). */
  photo_thumb_file_id: ColumnType<string | null, string | null | undefined, string | null>;
  availability: Generated<string>;
  source: PoolSpeakerSource;
  source_entry_id: string | null;
  source_note: Generated<string>;
  status: PoolSpeakerStatus;
  status_reason: string | null;
  nominated_by_org_id: string | null;
  created_by: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  joined_at: Timestamp | null;
  left_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** 政治面貌 (migration 033). */
  political_status: ColumnType<string | null, string | null | undefined, string | null>;
}

export type PoolSpeakerEventAction =
  'added' | 'nominated' | 'approved' | 'declined' | 'left' | 'retired' | 'edited' | 'rejoined';

/** A speaker's history in the pool (migration 033, owned by pool). */
export interface PoolSpeakerEventsTable {
  id: Generated<string>;
  speaker_id: string;
  action: PoolSpeakerEventAction;
  reason: string | null;
  actor_user_id: string | null;
  actor_name: string | null;
  created_at: Timestamp;
}

/** A lecture a pool offers on its menu (宣讲菜单; migration 034, owned by orders). */
export interface LectureMenuItemsTable {
  id: Generated<string>;
  pool_id: string;
  title: string;
  summary: Generated<string>;
  category: Generated<string>;
  speaker_ids: Generated<string[]>;
  duration_minutes: number;
  format: 'onsite' | 'online';
  audiences: Generated<string[]>;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The recording in the online classroom (migration 039; classroom_lectures is classroom's). */
  classroom_lecture_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export type LectureOrderState =
  'ordered' | 'dispatched' | 'declined' | 'accepted' | 'delivered' | 'rated' | 'cancelled';

/** A grassroots org's order (点单) to a pool (migration 034, owned by orders). */
export interface LectureOrdersTable {
  id: Generated<string>;
  pool_id: string;
  org_id: string;
  menu_item_id: string | null;
  topic: string;
  audience: string;
  preferred_dates: string[];
  place: string;
  audience_size: number;
  contact_name: string;
  contact_phone: string;
  note: Generated<string>;
  state: LectureOrderState;
  speaker_id: string | null;
  dispatched_at: Timestamp | null;
  reply_due_at: Timestamp | null;
  delivered_on: string | null;
  attendance: number | null;
  delivery_summary: string | null;
  rating_content: number | null;
  rating_delivery: number | null;
  rating_comment: string | null;
  cancel_reason: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One state change of an order, with who and why (migration 034, owned by orders). */
export interface LectureOrderEventsTable {
  id: Generated<string>;
  order_id: string;
  action: string;
  from_state: string | null;
  to_state: string;
  speaker_id: string | null;
  on_behalf: Generated<boolean>;
  reason: string | null;
  actor_user_id: string | null;
  actor_name: string | null;
  at: Timestamp;
}

/** 网上微课堂 lecture states (migration 036, owned by classroom). */
export type ClassroomLectureState =
  'awaiting_consent' | 'consent_declined' | 'consented' | 'published' | 'unpublished';

/** A lecture in the online classroom (migration 036, owned by classroom). */
export interface ClassroomLecturesTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  source_entry_id: string | null;
  video_file_id: string;
  duration_seconds: number;
  title: string;
  speaker_name: string;
  speaker_member_id: string | null;
  speaker_unit: Generated<string>;
  category: Generated<string>;
  tags: Generated<string[]>;
  summary: Generated<string>;
  manuscript_file_id: string | null;
  courseware_file_id: string | null;
  manuscript_text: Generated<string>;
  visibility: 'internal' | 'public';
  share_code: string | null;
  state: ClassroomLectureState;
  consent_user_id: string | null;
  consent_on_behalf: Generated<boolean>;
  consent_note: string | null;
  consent_at: Timestamp | null;
  proposed_by: string | null;
  proposed_at: Timestamp;
  published_by: string | null;
  published_at: Timestamp | null;
  unpublished_at: Timestamp | null;
  unpublish_reason: string | null;
  search_text: Generated<string>;
  search_tokens: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Normalised title, speaker and unit, tags, summary, separated by U+001F (migration 038). */
  search_head: Generated<string>;
  /** to_tsvector('simple', search_tokens), generated by the database (migration 038); never written. */
  search_words: Generated<string>;
}

/** One step of a classroom lecture (migration 036, owned by classroom). */
export interface ClassroomLectureEventsTable {
  id: Generated<string>;
  lecture_id: string;
  action: string;
  from_state: string | null;
  to_state: string;
  reason: string | null;
  actor_user_id: string | null;
  actor_name: string | null;
  at: Timestamp;
}

/** A photo of a delivered order (migration 035, owned by orders). */
export interface LectureOrderFilesTable {
  id: Generated<string>;
  order_id: string;
  file_id: string;
  thumb_file_id: string | null;
  width: number | null;
  height: number | null;
  uploaded_by: string | null;
  created_at: Timestamp;
  attached_at: Timestamp | null;
  removed_at: Timestamp | null;
}

/** A member's watched intervals of a classroom lecture (migration 037, owned by learning). */
export interface LearningProgressTable {
  member_id: string;
  lecture_id: string;
  intervals: Json<[number, number][]>;
  watched_seconds: Generated<number>;
  resume_seconds: Generated<number>;
  completed_at: Timestamp | null;
  updated_at: Timestamp;
}

/** One watching page; one active per member (migration 037, owned by learning). */
export interface LearningSessionsTable {
  id: Generated<string>;
  member_id: string;
  lecture_id: string;
  started_at: Timestamp;
  last_report_at: Timestamp;
  reports: Generated<number>;
  superseded_at: Timestamp | null;
}

/** A study task (学习任务) of an org for its subtree (migration 037, owned by learning). */
export interface LearningTasksTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  title: string;
  note: Generated<string>;
  due_on: string;
  created_by: string | null;
  created_at: Timestamp;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
}

export interface LearningTaskLecturesTable {
  task_id: string;
  lecture_id: string;
  position: number;
}

/**
 * 学习任务 completion rollups (migration 042, owned by learning), kept by triggers on learning_progress,
 * learning_task_lectures, classroom_lectures and members. A task's size: its still-published lectures.
 */
export interface LearningTaskSizesTable {
  task_id: string;
  lectures: number;
}

/** Of a task's still-published lectures, how many the member completed; row kept while > 0. */
export interface LearningTaskMembersTable {
  task_id: string;
  member_id: string;
  lectures: number;
}

/** Active members who completed the task: per path below the top level (subtree) and per own path. */
export interface LearningTaskCountsTable {
  task_id: string;
  org_path: string;
  members: number;
  own_members: number;
}

/** 报表报送: a unit's annex table as submitted upwards (migration 040, owned by annex). */
export interface AnnexSubmissionsTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  campaign_id: string;
  kind: 'activity';
  period_from: ColumnType<string, string, string>;
  period_to: ColumnType<string, string, string>;
  snapshot: Json<unknown>;
  file_id: string;
  submitted_by: string;
  submitted_at: Timestamp;
  note: Generated<string>;
}

export interface DB {
  learning_progress: LearningProgressTable;
  learning_sessions: LearningSessionsTable;
  learning_tasks: LearningTasksTable;
  learning_task_lectures: LearningTaskLecturesTable;
  learning_task_sizes: LearningTaskSizesTable;
  learning_task_members: LearningTaskMembersTable;
  learning_task_counts: LearningTaskCountsTable;
  classroom_lectures: ClassroomLecturesTable;
  classroom_lecture_events: ClassroomLectureEventsTable;
  pool_speaker_events: PoolSpeakerEventsTable;
  lecture_menu_items: LectureMenuItemsTable;
  lecture_orders: LectureOrdersTable;
  annex_submissions: AnnexSubmissionsTable;
  lecture_order_events: LectureOrderEventsTable;
  lecture_order_files: LectureOrderFilesTable;
  speaker_pools: SpeakerPoolsTable;
  pool_speakers: PoolSpeakersTable;
  lecture_plans: LecturePlansTable;
  lecture_plan_lines: LecturePlanLinesTable;
  lecture_plan_revisions: LecturePlanRevisionsTable;
  lecture_record_files: LectureRecordFilesTable;
  lecture_record_attendees: LectureRecordAttendeesTable;
  lecture_record_corrections: LectureRecordCorrectionsTable;
  coverage_speakers: CoverageSpeakersTable;
  coverage_member_counts: CoverageMemberCountsTable;
  coverage_counts: CoverageCountsTable;
  season_plan_counts: SeasonPlanCountsTable;
  season_lecture_counts: SeasonLectureCountsTable;
  season_week_counts: SeasonWeekCountsTable;
  dashboard_reminders: DashboardRemindersTable;
  org_tree_version: OrgTreeVersionTable;
  dashboard_change_counts: DashboardChangeCountsTable;
  user_notices: UserNoticesTable;
  lecture_records: LectureRecordsTable;
  live_rounds: LiveRoundsTable;
  live_slots: LiveSlotsTable;
  live_score_keys: LiveScoreKeysTable;
  orgs: OrgsTable;
  members: MembersTable;
  users: UsersTable;
  account_runs: AccountRunsTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  campaigns: CampaignsTable;
  stored_files: StoredFilesTable;
  upload_sessions: UploadSessionsTable;
  entries: EntriesTable;
  entry_materials: EntryMaterialsTable;
  entry_events: EntryEventsTable;
  deadline_extensions: DeadlineExtensionsTable;
  jobs: JobsTable;
  media_assets: MediaAssetsTable;
  document_previews: DocumentPreviewsTable;
  review_rounds: ReviewRoundsTable;
  round_judges: RoundJudgesTable;
  round_entries: RoundEntriesTable;
  round_assignments: RoundAssignmentsTable;
  judge_conflicts: JudgeConflictsTable;
  score_log: ScoreLogTable;
  tie_decisions: TieDecisionsTable;
  round_objections: RoundObjectionsTable;
  round_signoffs: RoundSignoffsTable;
  live_draws: LiveDrawsTable;
  live_draw_contributions: LiveDrawContributionsTable;
  login_failures: LoginFailuresTable;
  upload_locks: UploadLocksTable;
  rate_limits: RateLimitsTable;
  award_lists: AwardListsTable;
  award_tie_decisions: AwardTieDecisionsTable;
  award_unit_adjustments: AwardUnitAdjustmentsTable;
  award_items: AwardItemsTable;
  award_objections: AwardObjectionsTable;
  award_certificate_numbers: AwardCertificateNumbersTable;
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

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** The durable job queue (migration 004): see modules/jobs. */
export interface JobsTable {
  id: Generated<string>;
  type: string;
  payload: Json<unknown>;
  /** Org the job belongs to, for who may see and retry it; null for system jobs. */
  org_path: string | null;
  status: Generated<JobStatus>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_at: Timestamp;
  locked_by: string | null;
  lease_until: Date | null;
  progress: Generated<number>;
  last_error: string | null;
  result: Json<unknown> | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Date | null;
}

export type MediaAssetStatus = 'pending' | 'processing' | 'ready' | 'failed';

/** HLS renditions of an uploaded video (migration 004): see modules/media/assets*.ts. */
export interface MediaAssetsTable {
  id: Generated<string>;
  file_id: string;
  status: Generated<MediaAssetStatus>;
  mode: 'remux' | 'ladder' | null;
  renditions: Json<unknown>;
  poster: string | null;
  duration_seconds: number | null;
  job_id: string | null;
  error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type DocumentPreviewStatus = 'pending' | 'processing' | 'ready' | 'failed';

/** A PDF preview of an Office document (migration 008): see modules/previews. */
export interface DocumentPreviewsTable {
  file_id: string;
  status: Generated<DocumentPreviewStatus>;
  error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type Job = Selectable<JobsTable>;
export type MediaAsset = Selectable<MediaAssetsTable>;

export type UploadSessionStatus = 'uploading' | 'finishing' | 'complete';

/** A tus upload in progress or just finished (migration 005): see modules/uploads. */
export interface UploadSessionsTable {
  /** The tus upload id (the last segment of its URL). */
  id: string;
  user_id: string;
  purpose: string;
  meta: Json<Record<string, string>>;
  size_bytes: ColumnType<string, string | number, string | number>;
  status: Generated<UploadSessionStatus>;
  file_id: string | null;
  /** What the purpose's onComplete returned, sent again if the final request is retried. */
  result: Json<unknown> | null;
  created_at: Timestamp;
  expires_at: Date;
}

export type UploadSession = Selectable<UploadSessionsTable>;

/** Failed sign-ins for names that match no active account (migration 013, owned by accounts). */
export interface LoginFailuresTable {
  /** SHA-256 of the lower-cased login name. */
  login_key: string;
  failures: number;
  locked_until: Timestamp | null;
  updated_at: Timestamp;
}

/** A lease on one tus upload, shared by all app instances (migration 018): see modules/uploads/locker.ts. */
export interface UploadLocksTable {
  upload_id: string;
  holder: string;
  lock_until: Date;
  release_requested: Generated<boolean>;
}

/** A rate-limit counter shared by all app instances (migration 018): see lib/rate-limit-store.ts. */
export interface RateLimitsTable {
  /** Route and client key, e.g. "POST /api/auth/login|203.0.113.5". */
  key: string;
  count: number;
  window_until: Date;
}

export type AwardListState = 'draft' | 'publicised' | 'final';
export type AwardKind = 'person' | 'unit';

/** A round's 表彰名单 (migration 025): see modules/awards. */
export interface AwardListsTable {
  id: Generated<string>;
  round_id: string;
  campaign_id: string;
  state: Generated<AwardListState>;
  /** The 组织奖 rule (contracts' orgAwardRuleSchema). */
  org_rule: Json<unknown>;
  /** The issuing organisation printed on certificates, e.g. 中共××市委宣传部. */
  issuer: string;
  /** The date printed on certificates (Beijing date); null = the day the list was published. */
  issued_on: ColumnType<string | null, string | null | undefined, string | null>;
  notice_working_days: number;
  notice_code: string | null;
  notice_ends_on: ColumnType<string | null, string | null | undefined, string | null>;
  published_at: Timestamp | null;
  finalised_at: Timestamp | null;
  seal_image: Buffer | null;
  seal_mime: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AwardTieDecisionsTable {
  id: Generated<string>;
  list_id: string;
  kind: AwardKind;
  ids: ColumnType<string[], string[], string[]>;
  reason: string;
  decided_by: string | null;
  at: Timestamp;
}

/** The organiser's change to a unit's 组织奖 (tier null: not awarded), with the reason. */
export interface AwardUnitAdjustmentsTable {
  list_id: string;
  org_id: string;
  tier: string | null;
  reason: string;
  decided_by: string | null;
  at: Timestamp;
}

/** An award as published: frozen with its certificate number and public verify code. */
export interface AwardItemsTable {
  id: Generated<string>;
  list_id: string;
  kind: AwardKind;
  entry_id: string | null;
  org_id: string;
  tier: string;
  position: number;
  rank: number | null;
  points: string | null;
  adjusted_reason: string | null;
  certificate_no: string;
  verify_code: string;
  created_at: Timestamp;
}

/** The last certificate number given in a campaign and year (numbers are never given twice). */
export interface AwardCertificateNumbersTable {
  campaign_id: string;
  year: string;
  last_no: number;
}

/** An objection to a 表彰名单 during its 公示, from a signed-in user; the organiser answers it. */
export interface AwardObjectionsTable {
  id: Generated<string>;
  list_id: string;
  content: string;
  contact_name: string;
  contact_phone: string;
  lodged_by: string;
  lodged_at: Timestamp;
  outcome: 'upheld' | 'dismissed' | null;
  answer: string | null;
  answered_by: string | null;
  answered_at: Timestamp | null;
}
