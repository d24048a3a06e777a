/** The ports the domain and the methods talk to; store/, notify/ and directory/ implement them. */
import type { ExpiryReminderStore } from "./password-expiry/expiry-reminder-ports.js";
import type { ApiTokenStore } from "./admin/api-token-ports.js";
import type { Clock } from "../lib/clock.js";
import type { Random } from "../lib/random.js";
import type { AuditEvent, StoredAuditEvent } from "./audit-events.js";
import type { ResetFlow } from "./flows/reset/reset-flow.js";
import type { MessageChannel, TemplateId } from "./messages.js";
import type { MethodId } from "./methods.js";
import type { SsprPolicy } from "./policies/sspr-policy.js";
import type {
  AccountState,
  AdminRole,
  DirectoryEntry,
  DirectoryReference,
  DirectoryUser,
  Language,
  UserAccount,
} from "./users.js";
import type { DirectoryAdminStore } from "./admin/admin-ports.js";
import type {
  MethodHistoryStore,
  RecoveryCodeStore,
  RegistrationChallengeStore,
} from "./registration/registration-ports.js";
import type { NotMeLinkStore } from "./not-me/not-me-ports.js";
import type { AccessPassStore } from "./access-pass/access-pass-ports.js";
import type { RoleHolderStore } from "./role-holders.js";

export type { Clock, Random };

/** Flows, persisted with optimistic versions. */
export interface FlowStore {
  create(flow: ResetFlow): Promise<void>;
  findById(id: string): Promise<ResetFlow | null>;
  /** Saves when the stored version is `expectedVersion` and bumps it; false when another request won. */
  saveIfVersion(flow: ResetFlow, expectedVersion: number): Promise<boolean>;
  /** Ends every other open flow of the user with `reason`; returns how many. */
  cancelOpenFlowsOfUser(userRef: string, exceptFlowId: string | null, reason: string, now: Date): Promise<number>;
  /** The flow issued this support code (the newest, should two ever share one), or null: the helpdesk's lookup. */
  findBySupportCode(supportCode: string): Promise<ResetFlow | null>;
  /** The user's newest `limit` flows, newest first (the troubleshooter's check 13). */
  listRecentOfUser(userRef: string, limit: number): Promise<ResetFlow[]>;
}

export interface Challenge {
  readonly id: string;
  readonly flowId: string;
  readonly gate: number;
  readonly method: MethodId;
  /** HMAC of `id:code`; null for a challenge nobody can meet (inert flow, unmatched contact). */
  readonly codeHmac: Uint8Array | null;
  /** The verified method the code went to (for resends); null when nothing was sent. */
  readonly targetRef: string | null;
  readonly keyId: string;
  readonly attempts: number;
  readonly expiresAt: Date;
  readonly consumedAt: Date | null;
  readonly voidedAt: Date | null;
  readonly createdAt: Date;
}

/** One-time codes: count, compare, consume. */
export interface ChallengeStore {
  create(challenge: Challenge): Promise<void>;
  /** The newest unvoided challenge of a flow's gate. */
  findCurrent(flowId: string, gate: number): Promise<Challenge | null>;
  /** How many challenges (sends) a flow's gate has had. */
  countSends(flowId: string, gate: number): Promise<number>;
  /**
   * Counts one attempt on the gate's current challenge, in one statement, when it is unspent, unexpired at `now` and
   * has had fewer than `maxAttempts`: the challenge as counted (its `attempts` include this one). Otherwise nothing
   * is counted and the refusal says why: `missing` (none, or spent) or `expired` or `exhausted` (the cap reached).
   */
  takeAttempt(input: {
    flowId: string;
    gate: number;
    maxAttempts: number;
    now: Date;
  }): Promise<{ taken: Challenge } | { refused: "missing" | "expired" | "exhausted" }>;
  /** Marks it used. However many callers race, only one of them sees true. */
  consume(challengeId: string, now: Date): Promise<boolean>;
  /** Voids every unspent challenge of a flow's gate (a new send voids the previous code). */
  voidForGate(flowId: string, gate: number, now: Date): Promise<void>;
  /** Voids every unspent challenge of the user's flows. */
  voidForUser(userRef: string, now: Date): Promise<void>;
}

/**
 * SPEC §8's counters; I3 counts failed sign-ins per IP (the password-spraying defence). `I1-org` counts every
 * identify submission under one key (§6.2's surge rule); an `I1-pow` block keeps an IP's proof-of-work ×10 for an hour.
 * `P1` counts the new-password pages' live checks per flow or session (§6.7: 30 per minute). `R2` counts texts and
 * calls per number (keys `sms:` and `voice:` apart); `O1` the organisation's texts plus calls (and, under the key
 * `alert`, the hourly alert to Global admins when it drops one); `R3` private explanation emails per account. `H1`
 * and `H2` count messages sent through the helpdesk contact form (SPEC §6.9), per IP and per typed user ID; SPEC
 * names neither. `T1` counts admin API requests per token (ADR 0020's amendment: 600 a minute), `T2` refused API
 * tokens per client IP (20 in 10 minutes).
 */
export type CounterId =
  | "A1"
  | "A2"
  | "A3"
  | "A4"
  | "I1"
  | "I1-org"
  | "I1-pow"
  | "I2"
  | "I3"
  | "R1"
  | "R2"
  | "R3"
  | "O1"
  | "P1"
  | "H1"
  | "H2"
  | "T1"
  | "T2"
  /** Caller verifications (SPEC §10) sent to one user's methods: 5 per hour, whoever asks. */
  | "C1";

/** An active block: the counter that set it and when it ends. */
export interface ActiveBlock {
  readonly counter: CounterId;
  readonly until: Date;
}

/** One count-and-decide's reads and writes, done by `ThrottleStore.hitAndCount` in one statement. */
export interface HitAndCount {
  /** The hits to record, all at `now`. */
  readonly hits: readonly { readonly counter: CounterId; readonly key: string }[];
  readonly now: Date;
  /** The keys whose active block is read (latest end first), before anything is recorded. */
  readonly blockKeys: readonly string[];
  /** When true and a block is found, nothing is recorded. */
  readonly skipHitsWhenBlocked: boolean;
  /** The counter whose hits since `since` are counted (at most `atMost`), the ones recorded here included. */
  readonly counted: {
    readonly counter: CounterId;
    readonly key: string;
    readonly since: Date;
    readonly atMost: number;
  };
}

/** Rolling-window counters and blocks (SPEC §8), shared by every instance. */
export interface ThrottleStore {
  /**
   * Holds (counter, key) until the enclosing transaction ends, so a count-and-decide on it runs one at a time on every
   * instance: the next holder's count sees this one's hits. Call inside `UnitOfWork.inTransaction`, before the first
   * count or hit of the key, and take keys in one order (see gate-throttles.ts) so two holders never wait on each other.
   */
  serialise(counter: CounterId, key: string): Promise<void>;
  /** Records one hit. */
  hit(counter: CounterId, key: string, now: Date): Promise<void>;
  /**
   * Reads the active block, records the hits and counts, in one round trip: the hot path of a count-and-decide
   * (ADR 0013) pays for one statement besides its lock instead of four.
   */
  hitAndCount(input: HitAndCount): Promise<{ block: ActiveBlock | null; count: number }>;
  /**
   * `serialise(lock)` and `hitAndCount(input)` as one statement. Called outside a transaction (the hot path), the
   * lock is held for that statement only and its hits are committed when it ends: a whole count-and-decide in one
   * round trip. A decision that must write under the lock (a block) takes it again in a transaction.
   */
  serialisedHitAndCount(
    lock: { counter: CounterId; key: string },
    input: HitAndCount,
  ): Promise<{ block: ActiveBlock | null; count: number }>;
  /**
   * Hits of `counter` for `key` since `since`. With `atMost`, counting stops there, so asking "more than N?" of a
   * busy key reads at most `atMost` rows.
   */
  count(counter: CounterId, key: string, since: Date, atMost?: number): Promise<number>;
  /** Time of the newest hit, if any. */
  lastHit(counter: CounterId, key: string): Promise<Date | null>;
  block(counter: CounterId, key: string, until: Date): Promise<void>;
  /** The longest active block on any of `keys`. */
  activeBlock(keys: readonly string[], now: Date): Promise<ActiveBlock | null>;
  /** Takes back the newest `count` hits, default 1 (provisional failures that turned out not to be ones). */
  removeNewestHit(counter: CounterId, key: string, count?: number): Promise<void>;
  /** Forgets the hits and blocks of `counters` for `key`. */
  clear(counters: readonly CounterId[], key: string): Promise<void>;
}

/** The sign-in smart-lockout record of one typed ID (SPEC §8.3). */
export interface SignInLockout {
  readonly key: string;
  readonly failures: number;
  readonly lockLevel: number;
  readonly lockedUntil: Date | null;
  readonly lastFailureAt: Date | null;
  /** Keyed HMACs (hex) of the last 3 distinct wrong passwords. */
  readonly recentWrong: readonly string[];
}

export interface SignInLockoutStore {
  find(key: string): Promise<SignInLockout | null>;
  save(lockout: SignInLockout): Promise<void>;
  clear(key: string): Promise<void>;
}

export interface Session {
  readonly id: string;
  readonly secretHash: Uint8Array;
  readonly userRef: string;
  /** "access_pass": the helpdesk's one-time temporary access pass (SPEC §18). */
  readonly signedInWith: "password" | "passkey" | "access_pass";
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
  readonly ip: string;
  readonly client: string;
  /** When the session last passed a step-up (SPEC §5.1); null when it never did. */
  readonly steppedUpAt?: Date | null;
  /**
   * When the session last passed one of the user's registered non-question methods (SPEC §2's admin sign-in); null
   * when it never did. A password given again or a method added in the session sets `steppedUpAt`, never this.
   */
  readonly secondFactorAt?: Date | null;
}

export interface SessionStore {
  create(session: Session): Promise<void>;
  /** A live (not revoked) session. */
  findLive(id: string): Promise<Session | null>;
  touch(id: string, now: Date): Promise<void>;
  revoke(id: string, now: Date): Promise<void>;
  /** The user's sessions that are neither revoked nor past their absolute end at `now` (idleness is the caller's). */
  listLive(userRef: string, now: Date): Promise<Session[]>;
  /** Revokes the user's sessions signed in with one of `kinds`, except `exceptId` when given; returns how many. */
  revokeForUser(
    userRef: string,
    kinds: readonly Session["signedInWith"][],
    now: Date,
    exceptId?: string,
  ): Promise<number>;
  /** Records a passed step-up on the session; `secondFactor` when it was a registered non-question method. */
  markSteppedUp(id: string, now: Date, proof?: { readonly secondFactor: boolean }): Promise<void>;
}

/** A message waiting in the outbox. `data` carries the template's model (codes included) until sent. */
export interface OutboxDraft {
  /** The channel it travels by; the worker delivers it through its channel of that kind, or not at all. */
  readonly channel: MessageChannel;
  readonly template: TemplateId;
  readonly recipient: string;
  readonly lang: Language;
  readonly data: Readonly<Record<string, string | number>>;
  readonly notAfter: Date;
  readonly userRef: string | null;
  readonly flowId: string | null;
}

export interface Outbox {
  enqueue(drafts: readonly OutboxDraft[], now: Date): Promise<void>;
}

export interface AuditLog {
  append(events: readonly AuditEvent[]): Promise<void>;
}

/**
 * What an audit read keeps: each field given narrows it. `from` is inclusive and `to` exclusive, so a day is
 * `[midnight, next midnight)` in whatever zone the caller counts days in.
 */
export interface AuditFilter {
  /** Events whose actor or target is this user. */
  readonly userId?: string;
  readonly activity?: string;
  /** The actor's user ID, or the id of an actor without one (a token, `console`, a worker). */
  readonly actor?: string;
  readonly targetUserId?: string;
  readonly result?: "success" | "failure";
  readonly from?: Date;
  readonly to?: Date;
}

/** Reads the audit log back, for the people SPEC §2 lets read it. */
export interface AuditReader {
  /**
   * The newest `limit` events the filter keeps after skipping the `offset` newest, oldest first (`offset` pages back
   * through the log).
   */
  recent(options: AuditFilter & { readonly limit: number; readonly offset?: number }): Promise<StoredAuditEvent[]>;
}

/**
 * A user's verified method (kept apart from directory contact data). A mobile phone is stored under `sms` and serves
 * SMS and voice alike (one number, SPEC §4.1); an office phone under `voice_office`.
 */
export interface VerifiedMethod {
  readonly id: string;
  readonly userRef: string;
  readonly method: MethodId;
  /** Normalised value used for matching: an email address, an E.164 number; "" for kinds without one. */
  readonly value: string;
  readonly label: string | null;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  /** When it was verified (every stored method was; null only for rows from before verification was recorded). */
  readonly verifiedAt?: Date | null;
  /** A sealed TOTP secret, or a passkey's public key. */
  readonly secret?: Uint8Array | null;
  readonly credentialId?: string | null;
  /** TOTP: the last accepted time step; passkey: the signature counter. */
  readonly counter?: number;
  /** Office phone: the extension dialled after the call connects. */
  readonly extension?: string | null;
  /** Method-specific data that is no secret in itself (phone metadata, passkey transports, answer hashes). */
  readonly details?: Readonly<Record<string, unknown>> | null;
}

export interface MethodStore {
  listForUser(userRef: string): Promise<VerifiedMethod[]>;
  /** The user's own method `id`, or null (another user's id finds nothing). */
  findForUser(userRef: string, id: string): Promise<VerifiedMethod | null>;
  /** The passkey with this credential id, whoever owns it. */
  findByCredentialId(credentialId: string): Promise<VerifiedMethod | null>;
  add(method: VerifiedMethod): Promise<void>;
  /** Deletes the user's method `id`; false when the user has no such method. */
  remove(userRef: string, id: string): Promise<boolean>;
  markUsed(id: string, now: Date): Promise<void>;
  /**
   * Raises the counter to `value` if it is below it; false when it is not (a TOTP step accepted already, a passkey
   * counter that did not move forward). Atomic, so two requests with the same step cannot both pass.
   */
  advanceCounter(id: string, value: number): Promise<boolean>;
  /** Renames the user's method `id`. */
  setLabel(userRef: string, id: string, label: string | null): Promise<boolean>;
}

export interface PolicyVersion {
  readonly version: number;
  readonly policy: SsprPolicy;
  readonly createdAt: Date;
  readonly createdBy: string;
}

export interface PolicyStore {
  current(): Promise<PolicyVersion | null>;
  /** Saves a new version; keeps the last 50. */
  save(policy: SsprPolicy, createdBy: string, now: Date): Promise<PolicyVersion>;
  /** The versions kept, newest first (at most 50). */
  list(): Promise<PolicyVersion[]>;
  /** One kept version, or null when it never existed or was dropped. */
  get(version: number): Promise<PolicyVersion | null>;
}

/** Spent proof-of-work solutions, kept until they expire so each works once on every instance. */
export interface CaptchaStore {
  /** Records the signature as spent; false when it was spent already. */
  spend(signature: string, expiresAt: Date, now: Date): Promise<boolean>;
}

/** The proof-of-work check of the identify step (SPEC §6.2); each solution works once. */
export interface HumanCheck {
  verify(payload: string | undefined): Promise<"ok" | "missing" | "invalid" | "expired" | "spent">;
}

/** What a directory can do besides reads and password writes; the flows and the admin pages ask before offering. */
export interface DirectoryCapabilities {
  /** Sandi may create, edit, enable and disable users. */
  readonly manageUsers: boolean;
  /** Sandi may create groups and change their members. */
  readonly manageGroups: boolean;
  /** The directory itself refuses a recent password (Sandi's own history check is then moot). */
  readonly keepsHistory: boolean;
  /** The directory has a lockout of its own that `lockState` reports and `unlock` lifts. */
  readonly canUnlock: boolean;
}

/** What the caller of `setPassword` knows that the directory may need. */
export interface PasswordWriteContext {
  /** How many earlier passwords the new one must differ from (SPEC §7). */
  readonly historyDepth: number;
  /** Why the password changes: a reset keeps must-change off, an admin's temporary password turns it on. */
  readonly cause: "self_reset" | "self_change" | "admin_set";
  readonly now: Date;
}

/**
 * Why a directory did not take a password: in history (SND-506), same as the current one (SND-508), changed too
 * recently (SND-511), refused by the directory's own policy (SND-510, `rule` says which when known), or the
 * directory could not be reached (SND-401; nothing was written).
 */
export type PasswordWriteRefusal =
  | { readonly ok: false; readonly reason: "SND-506" | "SND-508" | "SND-401" }
  | { readonly ok: false; readonly reason: "SND-511"; readonly notBefore: Date }
  | { readonly ok: false; readonly reason: "SND-510"; readonly rule: string | null };

export type PasswordWriteResult = { readonly ok: true } | PasswordWriteRefusal;

/** The directory's own lockout of an entry (LDAP `pwdAccountLockedTime`, AD `lockoutTime`). */
export type DirectoryLockState = { readonly locked: false } | { readonly locked: true; readonly until: Date | null };

/**
 * Where people and passwords live: the built-in tables, later LDAP or Active Directory. Every method may do I/O
 * over the network and is called outside any database transaction of the caller; `setPassword` in particular
 * hashes or sends the plaintext and may take up to the directory timeout (10 s, SPEC §13).
 */
export interface Directory {
  /** Stable id of this directory, the `directoryId` of the accounts whose entries live here. */
  readonly id: string;
  readonly kind: "builtin" | "ldap" | "test";
  readonly capabilities: DirectoryCapabilities;
  findEntryByUserId(userId: string): Promise<DirectoryEntry | null>;
  findEntryById(entryId: string): Promise<DirectoryEntry | null>;
  /** Checks a password; for unknown users call `hasher.verifyDummy` instead, so timing tells nothing. */
  verifyPassword(entry: DirectoryEntry, password: string): Promise<boolean>;
  /** Makes `plaintext` the entry's password, or says why not; the directory's checks (history, age) are its own. */
  setPassword(entry: DirectoryEntry, plaintext: string, context: PasswordWriteContext): Promise<PasswordWriteResult>;
  /** The directory's own lockout of the entry (always unlocked when `capabilities.canUnlock` is false). */
  lockState(entry: DirectoryEntry): Promise<DirectoryLockState>;
  /** Lifts the directory's own lockout; "unsupported" when `capabilities.canUnlock` is false. */
  unlock(entry: DirectoryEntry): Promise<"unlocked" | "not_locked" | "unsupported">;
}

/** Sandi's own per-person record (AccountState), apart from the directory. */
export interface AccountStore {
  findByRef(ref: string): Promise<AccountState | null>;
  findByDirectoryReference(reference: DirectoryReference): Promise<AccountState | null>;
  /** The account of a directory entry, created (unlocked, no hold, no roles) the first time Sandi meets it. */
  findOrCreate(reference: DirectoryReference, now: Date): Promise<AccountState>;
  /** Sets or lifts the admin lock (also SPEC §8.3's hard lock); setting keeps an earlier lock time. */
  setAdminLock(ref: string, locked: boolean, now: Date): Promise<void>;
  /** Sets or releases the security hold ("This wasn't me", SPEC §9.3). */
  setSecurityHold(ref: string, held: boolean, now: Date): Promise<void>;
  /**
   * Sets or lifts must-change; either way a new password was set, so the compromised mark and the temporary
   * password mark go.
   */
  setMustChangePassword(ref: string, mustChange: boolean): Promise<void>;
  /** Marks the password as an admin's temporary one set at `at` (SPEC §10: it expires unused), or clears the mark. */
  markTemporaryPassword(ref: string, at: Date | null): Promise<void>;
  /** Evidence of compromise (SPEC §18): must-change on, with its reason; false when the mark was there already. */
  markPasswordCompromised(ref: string, now: Date): Promise<boolean>;
  /** Stores the user's language for pages and messages. */
  setPreferredLanguage(ref: string, lang: Language): Promise<void>;
  /**
   * The user chose their own new password in `lang` (a self-service reset): what setMustChangePassword(ref, false)
   * and setPreferredLanguage(ref, lang) do, in one write.
   */
  recordOwnPasswordChosen(ref: string, lang: Language): Promise<void>;
  /** Notes the first registration interrupt (kept once set: the skip deadline counts from it). */
  noteRegistrationPrompt(ref: string, now: Date): Promise<void>;
  /** The user confirmed their security info: reconfirmation counts from `now`; a forced re-registration ends. */
  confirmRegistration(ref: string, now: Date): Promise<void>;
  /** Sets the registration state; true when the account reached "registered" for the first time. */
  setRegistrationState(ref: string, state: "none" | "registered", now: Date): Promise<boolean>;
  /** An administrator requires re-registration (SPEC §10), or null to lift it. */
  setRegistrationForced(ref: string, at: Date | null): Promise<void>;
}

/** The stores a transaction hands its callback; use only these inside it (PGlite has one connection). */
export interface TransactionStores {
  readonly flows: FlowStore;
  readonly challenges: ChallengeStore;
  readonly throttles: ThrottleStore;
  readonly sessions: SessionStore;
  readonly outbox: Outbox;
  readonly audit: AuditLog;
  readonly methods: MethodStore;
  readonly recoveryCodes: RecoveryCodeStore;
  readonly registrationChallenges: RegistrationChallengeStore;
  readonly methodHistory: MethodHistoryStore;
  readonly accounts: AccountStore;
  readonly signInLockouts: SignInLockoutStore;
  /** User, group, role and organisation management (the admin services' writes). */
  readonly directoryAdmin: DirectoryAdminStore;
  readonly policy: PolicyStore;
  /** "This wasn't me" links (SPEC §9.3), issued with each security notice. */
  readonly notMeLinks: NotMeLinkStore;
  /** Who holds admin roles, for the alerts queued in the transaction (SPEC §8.2 O1, §9.3, §9.4). */
  readonly roleHolders: RoleHolderStore;
  /** The helpdesk's temporary access passes (SPEC §18), hashes only. */
  readonly accessPasses: AccessPassStore;
  /** The admin API's tokens (ADR 0020), created and revoked with their audit events. */
  readonly apiTokens: ApiTokenStore;
  /** What the daily expiry reminder sent, recorded with its messages (SPEC §15.5). */
  readonly expiryReminders: ExpiryReminderStore;
}

export interface UnitOfWork {
  inTransaction<T>(work: (stores: TransactionStores) => Promise<T>): Promise<T>;
}

/** Server keys for code HMACs, kept in the database and shared by every instance. */
export interface CodeKeys {
  readonly currentId: string;
  get(keyId: string): Uint8Array;
}

export type { AccountState, AdminRole, DirectoryEntry, DirectoryReference, DirectoryUser, Language, UserAccount };

/** A message the worker has leased for delivery. */
export interface ClaimedMessage {
  readonly id: string;
  readonly channel: MessageChannel;
  /** As the row holds it: the worker renders only a template it knows (TEMPLATE_IDS), and abandons the rest. */
  readonly template: string;
  readonly recipient: string;
  readonly lang: Language;
  readonly data: Readonly<Record<string, string | number>>;
  readonly attempts: number;
  readonly notAfter: Date;
  readonly userRef: string | null;
  readonly flowId: string | null;
  readonly createdAt: Date;
}

export type DispatchResult =
  | { readonly status: "sent" }
  | { readonly status: "failed"; readonly error: string; readonly retryAt: Date }
  | { readonly status: "abandoned"; readonly reason: string };

/** The worker's side of the outbox: lease due rows (FOR UPDATE SKIP LOCKED), record outcomes. */
export interface OutboxWorkerStore {
  claimDueMessages(options: { limit: number; leaseSeconds: number; now: Date }): Promise<ClaimedMessage[]>;
  /** Records the outcome; a sent or abandoned message has its data (codes included) cleared. */
  recordDispatch(messageId: string, result: DispatchResult, now: Date): Promise<void>;
  /** Messages waiting, and the creation time of the oldest. */
  pendingStats(): Promise<{ depth: number; oldestCreatedAt: Date | null }>;
  heartbeat(instance: string, now: Date): Promise<void>;
  /** The newest heartbeat of any worker. */
  lastHeartbeat(): Promise<Date | null>;
}

export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** An email in the development mailbox. */
export interface DevMailboxEmail extends RenderedEmail {
  readonly id: string;
  readonly recipient: string;
  readonly createdAt: Date;
}

/**
 * A message that was not delivered, for /dev/outbox: `suppressed` (a send limit dropped it silently, `reason` is
 * `SND-213:R1` or `SND-213:I2`, the recipient is masked), `abandoned` (the worker gave up, `reason` as it recorded)
 * or `retrying` (the last try failed; `reason` is the error).
 */
export interface UndeliveredMessage {
  readonly status: "suppressed" | "abandoned" | "retrying";
  readonly recipient: string;
  /** The template id, or for a suppressed code the method it was for. */
  readonly about: string;
  readonly reason: string;
  readonly time: Date;
}

/** The development mailbox behind /dev/outbox. */
export interface DevMailbox {
  deliver(recipient: string, email: RenderedEmail, now: Date): Promise<void>;
  list(limit: number): Promise<DevMailboxEmail[]>;
  /** One email by id, or null. */
  find(id: string): Promise<DevMailboxEmail | null>;
  /** The newest messages that were not delivered, newest first. */
  undelivered(limit: number): Promise<UndeliveredMessage[]>;
}
