/** Every table's row type, for Kysely. SQL is snake_case; repos map rows to domain types by hand. */
import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date, Date>;
type Json<T> = ColumnType<T, string, string>;

export interface OrganisationTable {
  id: string;
  name: string;
  domain: string;
  default_lang: string;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
}

export interface SecretKeyTable {
  id: string;
  purpose: string;
  key: Uint8Array;
  created_at: Timestamp;
}

export interface DirectoryUserTable {
  ref: string;
  user_id: string;
  email: string | null;
  display_name: string;
  first_name: string;
  last_name: string;
  enabled: Generated<boolean>;
  password_hash: string | null;
  password_changed_at: Timestamp | null;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  /** Contact numbers an admin keeps for the person (LDAP's `mobile` and `telephoneNumber`). */
  mobile_phone: ColumnType<string | null, string | null | undefined, string | null>;
  office_phone: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Sandi's own per-person state, keyed by the directory reference (directory id + entry id). */
export interface AccountTable {
  ref: string;
  directory_id: string;
  entry_id: string;
  admin_locked_at: Timestamp | null;
  security_hold_at: Timestamp | null;
  must_change_password: Generated<boolean>;
  preferred_lang: string | null;
  registration_state: Generated<string>;
  created_at: Timestamp;
  /** When a sign-in found the password in the global banned list (SPEC §18); cleared by any new password. */
  password_compromised_at: Timestamp | null;
  /** The first registration interrupt shown (SPEC §5.2: the skip deadline counts from it). */
  registration_first_prompt_at: Timestamp | null;
  /** When the user last confirmed their security info ("Looks right", or registering). */
  registration_confirmed_at: Timestamp | null;
  /** An administrator required re-registration (SPEC §10): the interrupt shows with no skip. */
  registration_forced_at: Timestamp | null;
  /** The first time the user reached Registered (the audit event is written once). */
  registered_at: Timestamp | null;
  /** An admin-set temporary password not used yet (SPEC §10: it expires after 72 h); cleared by use or a new password. */
  temporary_password_at: Timestamp | null;
}

export interface PasswordHistoryTable {
  id: Generated<string>;
  user_ref: string;
  password_hash: string;
  created_at: Timestamp;
}

export interface DirectoryGroupTable {
  name: string;
  description: Generated<string>;
  created_at: Timestamp;
}

export interface GroupMemberTable {
  group_name: string;
  user_ref: string;
}

export interface AdminRoleTable {
  user_ref: string;
  role: string;
  granted_at: Timestamp;
  /** The group the role is limited to (nested members count); null: unscoped. */
  scope_group: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The admin API's bearer tokens (ADR 0020): the secret's SHA-256 only. */
export interface ApiTokenTable {
  id: string;
  name: string;
  secret_hash: string;
  role: string;
  scope_group: string | null;
  owner_ref: string | null;
  created_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  last_used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  last_used_ip: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface VerifiedMethodTable {
  id: string;
  user_ref: string;
  method: string;
  value: string;
  label: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  /** A sealed secret (TOTP) or a passkey's public key. */
  secret: Uint8Array | null;
  credential_id: string | null;
  /** TOTP: the last accepted time step; passkey: the signature counter. bigint arrives as a string from pg. */
  counter: ColumnType<string | number, number | undefined, number>;
  extension: string | null;
  details: Json<unknown> | null;
  verified_at: Timestamp | null;
}

export interface RecoveryCodeTable {
  method_id: string;
  lookup: string;
  secret_hash: Uint8Array;
  key_id: string;
  used_at: Timestamp | null;
}

export interface RegistrationChallengeTable {
  id: string;
  user_ref: string;
  session_id: string;
  purpose: string;
  method: string;
  target: string | null;
  replaces_id: string | null;
  code_hmac: Uint8Array | null;
  key_id: string | null;
  payload: Json<unknown>;
  attempts: Generated<number>;
  sends: Generated<number>;
  code_expires_at: Timestamp | null;
  drop_at: Timestamp;
  consumed_at: Timestamp | null;
  created_at: Timestamp;
}

export interface MethodEventTable {
  id: string;
  user_ref: string;
  method_ref: string;
  method: string;
  action: string;
  masked: string;
  actor: string;
  ip: string;
  client: string;
  at: Timestamp;
}

export interface SsprPolicyTable {
  version: number;
  document: Json<unknown>;
  created_by: string;
  created_at: Timestamp;
}

export interface SessionTable {
  id: string;
  secret_hash: Uint8Array;
  user_ref: string;
  signed_in_with: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string;
  client: string;
  stepped_up_at: Timestamp | null;
  second_factor_at: Timestamp | null;
}

export interface SignInLockoutTable {
  key: string;
  failures: number;
  lock_level: number;
  locked_until: Timestamp | null;
  last_failure_at: Timestamp | null;
  recent_wrong: Json<string[]>;
}

export interface ResetFlowTable {
  id: string;
  secret_hash: Uint8Array;
  support_code: string;
  state: string;
  action: string;
  typed_user_id: string;
  user_ref: string | null;
  inert_reason: string | null;
  methods_passed: Json<string[]>;
  current_method: string | null;
  gate_step: string | null;
  password_submissions: number;
  issued_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
  end_reason: string | null;
  lang: string;
  ip: string;
  version: number;
  /** When the flow entered WRITING; null in every other state. */
  writing_since: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The current gate step's public data (JSON); null outside a gate. */
  step_data: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface GroupNestingTable {
  parent_name: string;
  child_name: string;
}

export interface ChallengeTable {
  id: string;
  flow_id: string;
  gate: number;
  method: string;
  code_hmac: Uint8Array | null;
  target_ref: string | null;
  key_id: string;
  attempts: Generated<number>;
  expires_at: Timestamp;
  consumed_at: Timestamp | null;
  voided_at: Timestamp | null;
  created_at: ColumnType<Date, Date, never>;
}

export interface SpentCaptchaTable {
  signature: string;
  expires_at: Timestamp;
}

export interface ThrottleHitTable {
  id: Generated<string>;
  counter: string;
  key: string;
  at: Timestamp;
}

export interface ThrottleBlockTable {
  counter: string;
  key: string;
  until: Timestamp;
}

export interface OutboxMessageTable {
  id: string;
  channel: string;
  template: string;
  recipient: string;
  lang: string;
  data: Json<Record<string, string | number>> | null;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  lease_until: Timestamp | null;
  not_after: Timestamp;
  user_ref: string | null;
  flow_id: string | null;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface DevMailboxTable {
  id: Generated<string>;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  created_at: Timestamp;
}

export interface AuditEventTable {
  id: string;
  seq: Generated<string>;
  time: Timestamp;
  activity: string;
  category: string;
  result: string;
  reason: string | null;
  actor_type: string;
  actor_id: string | null;
  actor_user_id: string | null;
  target_ref: string | null;
  target_user_id: string | null;
  flow_id: string | null;
  support_code: string | null;
  ip: string | null;
  client: string | null;
  method: string | null;
  masked_target: string | null;
  lang: string | null;
  instance: string;
  changes: Json<unknown> | null;
}

/** A "This wasn't me" link (SPEC §9.3): only SHA-256 of its token, the event it is about, its incident's support code. */
export interface NotMeLinkTable {
  token_hash: Uint8Array;
  user_ref: string;
  about: string;
  about_at: Timestamp;
  support_code: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** The last expiry reminder sent to an account for its current password (SPEC §15.5); one row per account. */
export interface ExpiryReminderTable {
  user_ref: string;
  password_changed_at: Timestamp;
  threshold_days: number;
  sent_at: Timestamp;
}

/** The helpdesk's temporary access passes (SPEC §18): only a hash of each, one open per account. */
export interface TemporaryAccessPassTable {
  id: string;
  user_ref: string;
  pass_hash: string;
  issued_by: string;
  issued_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
  end_reason: string | null;
}

export interface WorkerHeartbeatTable {
  instance: string;
  beat_at: Timestamp;
}

/** A draft policy evaluated beside the live one (evaluation mode, issue 12 item 4). */
export interface PolicyEvaluationTable {
  id: string;
  draft: Json<unknown>;
  started_by: string;
  started_at: Timestamp;
  ends_at: Timestamp;
  stopped_by: string | null;
  stopped_at: Timestamp | null;
  end_reason: string | null;
}

/** What the live policy and the draft decided at one eligibility check of one reset flow. */
export interface PolicyEvaluationDecisionTable {
  id: Generated<string>;
  evaluation_id: string;
  flow_id: string;
  step: string;
  live_reason: string | null;
  draft_reason: string | null;
  at: Timestamp;
}

/** One CSV import of users (dry run or real), updated as it runs. */
export interface UserImportJobTable {
  id: string;
  created_by: string;
  created_at: Timestamp;
  dry_run: boolean;
  state: string;
  total_rows: number;
  processed_rows: Generated<number>;
  created_users: Generated<number>;
  row_errors: Json<unknown>;
  finished_at: Timestamp | null;
}

export interface Database {
  organisation: OrganisationTable;
  secret_key: SecretKeyTable;
  directory_user: DirectoryUserTable;
  account: AccountTable;
  password_history: PasswordHistoryTable;
  directory_group: DirectoryGroupTable;
  group_member: GroupMemberTable;
  admin_role: AdminRoleTable;
  api_token: ApiTokenTable;
  verified_method: VerifiedMethodTable;
  recovery_code: RecoveryCodeTable;
  registration_challenge: RegistrationChallengeTable;
  method_event: MethodEventTable;
  sspr_policy: SsprPolicyTable;
  session: SessionTable;
  signin_lockout: SignInLockoutTable;
  group_nesting: GroupNestingTable;
  reset_flow: ResetFlowTable;
  challenge: ChallengeTable;
  spent_captcha: SpentCaptchaTable;
  throttle_hit: ThrottleHitTable;
  throttle_block: ThrottleBlockTable;
  outbox_message: OutboxMessageTable;
  dev_mailbox: DevMailboxTable;
  audit_event: AuditEventTable;
  worker_heartbeat: WorkerHeartbeatTable;
  not_me_link: NotMeLinkTable;
  policy_evaluation: PolicyEvaluationTable;
  policy_evaluation_decision: PolicyEvaluationDecisionTable;
  temporary_access_pass: TemporaryAccessPassTable;
  user_import_job: UserImportJobTable;
  expiry_reminder: ExpiryReminderTable;
}
