/**
 * Housekeeping: deletes rows whose purpose has passed, in small batches, and on PGlite refreshes the planner's
 * statistics and reclaims dead rows. PGlite is a standalone backend with no autovacuum: without this its tables grow
 * forever and the planner, with no statistics, scans tables it could reach by index (docs/benchmarks.md measured one
 * such scan at 8 ms of a reset's 13.5 ms of SQL). PostgreSQL's autovacuum does the second part there.
 */
import { type Kysely, type RawBuilder, sql } from "kysely";
import { ACCOUNT_LIMITS, CODES_PER_RECIPIENT, IDENTIFY_PER_IP } from "../domain/policies/attempt-policy.js";
import { COUNTER_RESET_SECONDS } from "../domain/flows/sign-in/lockout-policy.js";
import { secondsBefore } from "../lib/time.js";
import type { DatabaseHandle } from "./connect.js";
import type { Database } from "./database.js";
import type { Random } from "../lib/random.js";
import { endStuckImports, endStuckWrites } from "./stuck-writes.js";
import { endExpiredAccessPasses } from "./expired-access-passes.js";
import { purgeExpiredAuditEvents } from "./audit-retention.js";

const DAY_SECONDS = 86_400;

/** The longest window any throttle counts over; hits older than it can never matter again. */
const LONGEST_THROTTLE_WINDOW_SECONDS = Math.max(
  ...Object.values(ACCOUNT_LIMITS).map((limit) => limit.windowSeconds),
  ...CODES_PER_RECIPIENT.map((limit) => limit.windowSeconds),
  IDENTIFY_PER_IP.blockWindowSeconds,
);

/** How long each kind of row outlives its purpose (seconds after it ended, expired or was last used). */
export const RETENTION_SECONDS = {
  /** Kept a day past the longest window, so a clock step or a slow run never drops a hit that still counts. */
  throttleHits: LONGEST_THROTTLE_WINDOW_SECONDS + DAY_SECONDS,
  /** Ended or expired reset flows (their challenges go with them): a week for the helpdesk's support-code lookups. */
  flows: 7 * DAY_SECONDS,
  /** Expired or revoked sessions: a week, then their IP address and client go too. */
  sessions: 7 * DAY_SECONDS,
  /** Messages sent or abandoned (their bodies are already cleared). */
  messages: 7 * DAY_SECONDS,
  /** Heartbeats of workers that stopped. */
  heartbeats: DAY_SECONDS,
  /** Sign-in lockout records a day without a failure are empty by definition (SPEC §8.3). */
  signInLockouts: COUNTER_RESET_SECONDS,
  /** "This wasn't me" links, a week after they expired or were used (the audit event keeps the support code). */
  notMeLinks: 7 * DAY_SECONDS,
} as const;

/** Rows per delete statement: small enough that PGlite's one connection is never held for long. */
const BATCH_ROWS = 500;

/** Tables whose statistics matter to the hot paths, refreshed on PGlite. */
const ANALYSED_TABLES = [
  "reset_flow",
  "challenge",
  "throttle_hit",
  "throttle_block",
  "session",
  "signin_lockout",
  "spent_captcha",
  "outbox_message",
  "verified_method",
  "registration_challenge",
  "directory_user",
  "account",
  "group_member",
  "password_history",
  "audit_event",
  "not_me_link",
] as const;

/** What one run did. */
export interface HousekeepingReport {
  /** Rows deleted, per kind. */
  readonly deleted: Readonly<Record<PurgeName, number>>;
  /** Flows ended because they were stuck in WRITING (see stuck-writes.ts). */
  readonly stuckWritesEnded: number;
  /** CSV import jobs marked failed because the process running them stopped (see stuck-writes.ts). */
  readonly stuckImportsEnded: number;
  /** Temporary access passes that expired unused, closed and audited (see expired-access-passes.ts). */
  readonly accessPassesExpired: number;
  /** Audit events deleted because they outlived the policy's `audit.retentionDays`; null when not due this run. */
  readonly auditEventsPurged: number | null;
  /** True when statistics were refreshed and dead rows reclaimed (PGlite). */
  readonly vacuumed: boolean;
}

/** One kind of row that expires: its table, primary key columns, and the condition under which a row may go at `now`. */
interface Purge {
  readonly table: string;
  readonly key: string;
  readonly expired: (now: Date) => RawBuilder<unknown>;
}

const PURGES = {
  throttleHits: {
    table: "throttle_hit",
    key: "id",
    expired: (now) => sql`at < ${secondsBefore(now, RETENTION_SECONDS.throttleHits)}`,
  },
  throttleBlocks: { table: "throttle_block", key: "counter, key", expired: (now) => sql`until < ${now}` },
  // Challenges go with their flow (on delete cascade).
  flows: {
    table: "reset_flow",
    key: "id",
    expired: (now) => {
      const cutoff = secondsBefore(now, RETENTION_SECONDS.flows);
      return sql`(ended_at < ${cutoff} or expires_at < ${cutoff})`;
    },
  },
  sessions: {
    table: "session",
    key: "id",
    expired: (now) => {
      const cutoff = secondsBefore(now, RETENTION_SECONDS.sessions);
      return sql`(expires_at < ${cutoff} or revoked_at < ${cutoff})`;
    },
  },
  spentCaptchas: { table: "spent_captcha", key: "signature", expired: (now) => sql`expires_at < ${now}` },
  messages: {
    table: "outbox_message",
    key: "id",
    expired: (now) =>
      sql`status in ('sent', 'abandoned') and finished_at < ${secondsBefore(now, RETENTION_SECONDS.messages)}`,
  },
  // An unfinished verification is dropped after 10 minutes (SPEC §5.1); a consumed one has done its work.
  registrationChallenges: {
    table: "registration_challenge",
    key: "id",
    expired: (now) => sql`(drop_at < ${now} or consumed_at is not null)`,
  },
  heartbeats: {
    table: "worker_heartbeat",
    key: "instance",
    expired: (now) => sql`beat_at < ${secondsBefore(now, RETENTION_SECONDS.heartbeats)}`,
  },
  // A running lock stays, whatever its age: the record is what keeps the account locked.
  signInLockouts: {
    table: "signin_lockout",
    key: "key",
    expired: (now) =>
      sql`last_failure_at < ${secondsBefore(now, RETENTION_SECONDS.signInLockouts)} and (locked_until is null or locked_until < ${now})`,
  },
  notMeLinks: {
    table: "not_me_link",
    key: "token_hash",
    expired: (now) => {
      const cutoff = secondsBefore(now, RETENTION_SECONDS.notMeLinks);
      return sql`(expires_at < ${cutoff} or used_at < ${cutoff})`;
    },
  },
} as const satisfies Record<string, Purge>;

type PurgeName = keyof typeof PURGES;

/** Deletes the expired rows of one kind, `BATCH_ROWS` per statement, until a batch comes back short. */
async function purgeAll(db: Kysely<Database>, purge: Purge, now: Date): Promise<number> {
  const table = sql.raw(purge.table);
  const key = sql.raw(purge.key);
  let total = 0;
  for (;;) {
    const result = await sql`delete from ${table} where (${key}) in
      (select ${key} from ${table} where ${purge.expired(now)} limit ${BATCH_ROWS})`.execute(db);
    const count = Number(result.numAffectedRows ?? 0n);
    total += count;
    if (count < BATCH_ROWS) return total;
  }
}

/**
 * One housekeeping run at `now`; each statement is short, so requests interleave with it. `stamp` (random ids and
 * this host's name) is for the audit events of flows ended in WRITING. `auditRetentionDays` is the policy's
 * `audit.retentionDays` when the daily audit purge is due (audit-retention.ts), else null.
 */
export async function runHousekeeping(
  handle: DatabaseHandle,
  now: Date,
  stamp: { random: Random; instance: string; auditRetentionDays: number | null },
): Promise<HousekeepingReport> {
  const stuckWritesEnded = await endStuckWrites(handle.db, now, stamp);
  const stuckImportsEnded = await endStuckImports(handle.db, now);
  const accessPassesExpired = await endExpiredAccessPasses(handle.db, now, stamp);
  const deleted = {} as Record<PurgeName, number>;
  for (const name of Object.keys(PURGES) as PurgeName[]) deleted[name] = await purgeAll(handle.db, PURGES[name], now);
  const retentionDays = stamp.auditRetentionDays;
  const auditEventsPurged =
    retentionDays === null ? null : await purgeExpiredAuditEvents(handle.db, { now, retentionDays });
  const report = { deleted, stuckWritesEnded, stuckImportsEnded, accessPassesExpired, auditEventsPurged };
  if (handle.engine !== "pglite") return { ...report, vacuumed: false };
  // One table per statement, so the connection is handed to waiting requests between them.
  for (const table of ANALYSED_TABLES) await sql`vacuum (analyze) ${sql.raw(table)}`.execute(handle.db);
  return { ...report, vacuumed: true };
}
