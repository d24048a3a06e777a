/** Housekeeping: each kind of row goes only after its retention; live rows and running locks stay; PGlite gets statistics. */
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HousekeepingReport, RETENTION_SECONDS, runHousekeeping } from "../../src/store/housekeeping.js";
import { createKyselyAuditLog } from "../../src/store/repos/kysely-audit-log.js";
import { STUCK_IMPORT_SECONDS, STUCK_WRITE_SECONDS, WRITE_TIMED_OUT_REASON } from "../../src/store/stuck-writes.js";
import { createKyselyImportJobs } from "../../src/store/repos/kysely-import-jobs.js";
import { createKyselyCaptchaStore } from "../../src/store/repos/kysely-captcha-store.js";
import { createKyselyChallengeStore } from "../../src/store/repos/kysely-challenge-store.js";
import { createKyselyFlowStore } from "../../src/store/repos/kysely-flow-store.js";
import { createKyselyOutbox } from "../../src/store/repos/kysely-outbox.js";
import { createKyselySessionStore } from "../../src/store/repos/kysely-session-store.js";
import { createKyselySignInLockoutStore } from "../../src/store/repos/kysely-signin-lockout-store.js";
import { createKyselyThrottleStore } from "../../src/store/repos/kysely-throttle-store.js";
import type { TestDatabase, TestDatabaseHandle } from "../support/test-databases.js";
import { at, insertUser, random, sampleFlow, unique } from "./store-fixtures.js";

const DAY = 86_400;
/**
 * Ids and host name for the audit events of flows ended in WRITING, and the audit retention: SPEC's longest
 * (3,650 days), so the other tests' year-old events stay; the retention tests set their own.
 */
const STAMP = { random, instance: "test:1", auditRetentionDays: 3650 };
/** The instant housekeeping runs at: 30 days after T0, so "old" rows sit near T0 and "fresh" ones near NOW. */
const NOW_SECONDS = 30 * DAY;
const NOW = at(NOW_SECONDS);
/** `seconds` before NOW. */
const before = (seconds: number): Date => at(NOW_SECONDS - seconds);

async function countRows(handle: TestDatabaseHandle, table: string): Promise<number> {
  const result = await sql<{ n: string }>`select count(*) as n from ${sql.raw(table)}`.execute(handle.db);
  return Number(result.rows[0]?.n);
}

async function seedFlows(handle: TestDatabaseHandle): Promise<void> {
  const flows = createKyselyFlowStore(handle.db);
  const challenges = createKyselyChallengeStore(handle.db);
  const old = before(RETENTION_SECONDS.flows + 60);
  const ended = sampleFlow({
    issuedAt: old,
    expiresAt: old,
    endedAt: old,
    state: "done",
    endReason: "succeeded:reset",
  });
  const expired = sampleFlow({ issuedAt: old, expiresAt: old });
  const recent = sampleFlow({ issuedAt: before(3600), expiresAt: before(2700), endedAt: before(3000) });
  for (const flow of [ended, expired, recent]) {
    await flows.create(flow);
    await challenges.create({
      id: unique("challenge"),
      flowId: flow.id,
      gate: 1,
      method: "email",
      codeHmac: null,
      targetRef: null,
      keyId: "k1",
      attempts: 0,
      expiresAt: flow.expiresAt,
      consumedAt: null,
      voidedAt: null,
      createdAt: flow.issuedAt,
    });
  }
}

async function seedSessions(handle: TestDatabaseHandle): Promise<void> {
  const sessions = createKyselySessionStore(handle.db);
  const userRef = await insertUser(handle.db);
  const session = (createdAt: Date, expiresAt: Date) => ({
    id: unique("session"),
    secretHash: new Uint8Array(randomBytes(32)),
    userRef,
    signedInWith: "password" as const,
    createdAt,
    lastSeenAt: createdAt,
    expiresAt,
    ip: "192.0.2.1",
    client: "test",
  });
  const longAgo = before(RETENTION_SECONDS.sessions + 2 * DAY);
  await sessions.create(session(longAgo, before(RETENTION_SECONDS.sessions + DAY)));
  const revoked = session(longAgo, at(NOW_SECONDS + DAY));
  await sessions.create(revoked);
  await sessions.revoke(revoked.id, before(RETENTION_SECONDS.sessions + 60));
  await sessions.create(session(before(3600), at(NOW_SECONDS + 3600)));
  const recentlyRevoked = session(before(7200), at(NOW_SECONDS + 3600));
  await sessions.create(recentlyRevoked);
  await sessions.revoke(recentlyRevoked.id, before(3600));
}

async function seedCounters(handle: TestDatabaseHandle): Promise<void> {
  const throttles = createKyselyThrottleStore(handle.db);
  const key = unique("ip");
  await throttles.hit("I1", key, before(RETENTION_SECONDS.throttleHits + 60));
  await throttles.hit("I1", key, before(DAY));
  await throttles.block("I1", key, before(60));
  await throttles.block("A1", key, at(NOW_SECONDS + 60));
  const lockouts = createKyselySignInLockoutStore(handle.db);
  const stale = before(RETENTION_SECONDS.signInLockouts + 60);
  const lockout = { failures: 3, lockLevel: 0, lockedUntil: null, lastFailureAt: stale, recentWrong: [] };
  await lockouts.save({ ...lockout, key: unique("stale") });
  await lockouts.save({ ...lockout, key: unique("fresh"), lastFailureAt: before(3600) });
  // A lock still running at NOW stays, however old its last failure.
  await lockouts.save({ ...lockout, key: unique("locked"), lockLevel: 9, lockedUntil: at(NOW_SECONDS + 600) });
  const captcha = createKyselyCaptchaStore(handle.db);
  await captcha.spend(unique("sig"), at(NOW_SECONDS + 300), NOW);
}

async function seedMessages(handle: TestDatabaseHandle): Promise<void> {
  const outbox = createKyselyOutbox(handle.db, random);
  const draft = {
    channel: "email" as const,
    template: "reset-code" as const,
    recipient: "someone@example.com",
    lang: "en" as const,
    data: {},
    notAfter: at(NOW_SECONDS + DAY),
    userRef: null,
    flowId: null,
  };
  await outbox.enqueue([draft, draft, draft], before(RETENTION_SECONDS.messages + DAY));
  const claimed = await outbox.claimDueMessages({
    limit: 2,
    leaseSeconds: 60,
    now: before(RETENTION_SECONDS.messages + DAY),
  });
  const [sentLongAgo, sentRecently] = claimed;
  if (sentLongAgo === undefined || sentRecently === undefined) throw new Error("two messages should be claimed");
  await outbox.recordDispatch(sentLongAgo.id, { status: "sent" }, before(RETENTION_SECONDS.messages + 60));
  await outbox.recordDispatch(sentRecently.id, { status: "sent" }, before(3600));
  await outbox.heartbeat("gone:1", before(RETENTION_SECONDS.heartbeats + 60));
  await outbox.heartbeat("alive:2", before(30));
}

/** Audit events a year old: older than anything housekeeping purges, yet the log is not its to prune. */
async function seedAuditEvents(handle: TestDatabaseHandle): Promise<void> {
  const audit = createKyselyAuditLog(handle.db, { instance: "host-a", random });
  const time = before(365 * DAY);
  await audit.append([
    { activity: "sspr.flow.progress", result: "success", reason: "old", actor: { type: "anonymous" }, time },
    { activity: "sspr.blocked", result: "success", reason: "old", actor: { type: "anonymous" }, time },
  ]);
}

/**
 * Threat: a flow left in WRITING forever (the process died, or the directory never answered), which the user can
 * neither finish nor restart from and the helpdesk cannot read. Housekeeping ends it; a write in flight stays.
 */
function describeStuckWrites(database: TestDatabase): void {
  describe("flows stuck in WRITING", () => {
    let handle: TestDatabaseHandle;
    beforeAll(async () => {
      handle = await database.open();
    });
    afterAll(async () => handle.drop());

    it("end as FAILED with SND-410 and an audit event after the directory timeout and a margin; a write in flight stays", async () => {
      const flows = createKyselyFlowStore(handle.db);
      const userRef = await insertUser(handle.db);
      const recentStart = before(3600);
      const stuck = sampleFlow({ userRef, issuedAt: recentStart, expiresAt: before(2700) });
      const inFlight = sampleFlow({ userRef, issuedAt: recentStart, expiresAt: before(2700) });
      for (const flow of [stuck, inFlight]) await flows.create({ ...flow, state: "password" });
      expect(
        await flows.saveIfVersion({ ...stuck, state: "writing", writingSince: before(STUCK_WRITE_SECONDS + 1) }, 0),
      ).toBe(true);
      expect(await flows.saveIfVersion({ ...inFlight, state: "writing", writingSince: before(5) }, 0)).toBe(true);
      const report = await runHousekeeping(handle, NOW, STAMP);
      expect(report.stuckWritesEnded).toBe(1);
      expect(await flows.findById(stuck.id)).toMatchObject({
        state: "failed",
        endedAt: NOW,
        endReason: WRITE_TIMED_OUT_REASON,
        version: 2,
      });
      expect((await flows.findById(stuck.id))?.writingSince).toBeUndefined();
      expect(await flows.findById(inFlight.id)).toMatchObject({
        state: "writing",
        writingSince: before(5),
        version: 1,
      });
      const events = await handle.db.selectFrom("audit_event").select(["flow_id", "reason", "result"]).execute();
      expect(events).toEqual([{ flow_id: stuck.id, reason: WRITE_TIMED_OUT_REASON, result: "failure" }]);
      expect((await runHousekeeping(handle, NOW, STAMP)).stuckWritesEnded).toBe(0);
    });
  });
}

/** An import job whose process stopped: marked failed after STUCK_IMPORT_SECONDS; a job still in its hour stays. */
function describeStuckImports(database: TestDatabase): void {
  describe(`${database.name}: import jobs left running by a stopped process`, () => {
    let handle: TestDatabaseHandle;
    beforeAll(async () => {
      handle = await database.open();
    });
    afterAll(async () => handle.drop());

    it("are marked failed after an hour, with the users created so far kept; a job in its first hour stays running", async () => {
      const jobs = createKyselyImportJobs(handle.db);
      const job = (id: string) => ({ id, createdBy: "console", dryRun: false, totalRows: 300 });
      await jobs.createImportJob(job("00000000-0000-7000-8000-000000000001"), before(STUCK_IMPORT_SECONDS + 1));
      await jobs.createImportJob(job("00000000-0000-7000-8000-000000000002"), before(60));
      await jobs.updateImportJob("00000000-0000-7000-8000-000000000001", {
        processedRows: 100,
        createdUsers: 100,
        errors: [],
      });
      const report = await runHousekeeping(handle, NOW, STAMP);
      expect(report.stuckImportsEnded).toBe(1);
      expect(await jobs.findImportJob("00000000-0000-7000-8000-000000000001")).toMatchObject({
        state: "failed",
        finishedAt: NOW,
        createdUsers: 100,
      });
      expect(await jobs.findImportJob("00000000-0000-7000-8000-000000000002")).toMatchObject({ state: "running" });
      expect((await runHousekeeping(handle, NOW, STAMP)).stuckImportsEnded).toBe(0);
    });
  });
}

/**
 * SPEC §11.4: audit events are kept for the policy's `audit.retentionDays`, then purged. Threat both ways: a log kept
 * forever against the organisation's retention rule, and a purge that reaches younger events or opens the table to
 * any other delete.
 */
function describeAuditRetention(database: TestDatabase): void {
  describe("audit retention", () => {
    let handle: TestDatabaseHandle;
    beforeAll(async () => {
      handle = await database.open();
      const audit = createKyselyAuditLog(handle.db, { instance: "host-a", random });
      const event = (reason: string, ageDays: number) => ({
        activity: "sspr.flow.progress" as const,
        result: "success" as const,
        reason,
        actor: { type: "anonymous" as const },
        time: before(ageDays * DAY),
      });
      await audit.append([event("400-days", 400), event("31-days", 31), event("29-days", 29), event("today", 0)]);
    });
    afterAll(async () => handle.drop());

    const reasons = async () =>
      (await handle.db.selectFrom("audit_event").select("reason").orderBy("seq").execute()).map((row) => row.reason);

    it("deletes the events older than the retention the run is given, and only those", async () => {
      const first = await runHousekeeping(handle, NOW, { ...STAMP, auditRetentionDays: 365 });
      expect(first.auditEventsPurged).toBe(1);
      expect(await reasons()).toEqual(["31-days", "29-days", "today"]);
      const second = await runHousekeeping(handle, NOW, { ...STAMP, auditRetentionDays: 30 });
      expect(second.auditEventsPurged).toBe(1);
      expect(await reasons()).toEqual(["29-days", "today"]);
    });

    it("leaves the table append-only for every other statement, after a purge too", async () => {
      await expect(sql`delete from audit_event`.execute(handle.db)).rejects.toThrow(/append-only/);
      await expect(sql`truncate audit_event`.execute(handle.db)).rejects.toThrow(/append-only/);
      await expect(sql`update audit_event set reason = 'x'`.execute(handle.db)).rejects.toThrow(/append-only/);
      expect(await reasons()).toEqual(["29-days", "today"]);
    });
  });
}

/** Registers the housekeeping contract for `database`. */
export function describeHousekeepingContract(database: TestDatabase): void {
  describeStuckWrites(database);
  describeStuckImports(database);
  describeAuditRetention(database);
  describe("housekeeping", () => {
    let handle: TestDatabaseHandle;
    let report: HousekeepingReport;
    beforeAll(async () => {
      handle = await database.open();
      await seedFlows(handle);
      await seedSessions(handle);
      await seedCounters(handle);
      await seedMessages(handle);
      await seedAuditEvents(handle);
      report = await runHousekeeping(handle, NOW, STAMP);
    });
    afterAll(async () => handle.drop());

    it("deletes ended and expired flows after a week, with their challenges, and keeps recent ones", async () => {
      expect(report.deleted.flows).toBe(2);
      expect(await countRows(handle, "reset_flow")).toBe(1);
      expect(await countRows(handle, "challenge")).toBe(1);
    });

    it("deletes sessions a week after they expired or were revoked, and keeps live and recently ended ones", async () => {
      expect(report.deleted.sessions).toBe(2);
      expect(await countRows(handle, "session")).toBe(2);
    });

    it("deletes throttle hits past every window and blocks that ended, and keeps what still counts", async () => {
      expect(report.deleted).toMatchObject({ throttleHits: 1, throttleBlocks: 1 });
      expect(await countRows(handle, "throttle_hit")).toBe(1);
      expect(await countRows(handle, "throttle_block")).toBe(1);
    });

    it("deletes sign-in lockout records a day without failures, but never one whose lock still runs", async () => {
      expect(report.deleted.signInLockouts).toBe(1);
      expect(await countRows(handle, "signin_lockout")).toBe(2);
    });

    it("deletes sent messages after a week and stopped workers' heartbeats after a day; pending ones stay", async () => {
      expect(report.deleted).toMatchObject({ messages: 1, heartbeats: 1, spentCaptchas: 0 });
      expect(await countRows(handle, "outbox_message")).toBe(2);
      expect(await countRows(handle, "worker_heartbeat")).toBe(1);
    });

    // Threat: routine cleanup erases the history an investigation needs: only the retention period decides.
    it("keeps audit events inside the retention period, however old", async () => {
      expect(report.auditEventsPurged).toBe(0);
      expect(await countRows(handle, "audit_event")).toBe(2);
    });

    it("a second run finds nothing more to delete", async () => {
      const again = await runHousekeeping(handle, NOW, STAMP);
      expect(Object.values(again.deleted).every((count) => count === 0)).toBe(true);
    });

    it("deletes in batches: more expired rows than one batch all go", async () => {
      const throttles = createKyselyThrottleStore(handle.db);
      const key = unique("flood");
      const old = before(RETENTION_SECONDS.throttleHits + 60);
      await sql`insert into throttle_hit (counter, key, at)
        select 'I1', ${key}, ${old}::timestamptz from generate_series(1, 1234)`.execute(handle.db);
      const result = await runHousekeeping(handle, NOW, STAMP);
      expect(result.deleted.throttleHits).toBe(1234);
      expect(await throttles.count("I1", key, at(0))).toBe(0);
    });

    it(
      database.name === "pglite"
        ? "on PGlite, refreshes the planner's statistics (PGlite has no autovacuum)"
        : "on PostgreSQL, leaves statistics and vacuuming to autovacuum",
      async () => {
        expect(report.vacuumed).toBe(database.name === "pglite");
        if (database.name !== "pglite") return;
        const stats = await sql<{
          reltuples: number;
        }>`select reltuples from pg_class where relname = 'reset_flow'`.execute(handle.db);
        // -1 means "never analysed"; after the run the planner knows the table's one row.
        expect(Number(stats.rows[0]?.reltuples)).toBe(1);
      },
    );
  });
}
