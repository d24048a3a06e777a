/**
 * SPEC §9.1 once: walks every cause of `SECURITY_EFFECTS` on a real store, and checks the table itself against a
 * copy of SPEC §9.1 and §8.4 written out here by hand, so neither the rows nor the code can drift from the SPEC.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { accountKey } from "../../src/domain/policies/attempt-policy.js";
import type { CounterId, Session, TransactionStores } from "../../src/domain/ports.js";
import {
  applySecurityEffects,
  SECURITY_CAUSES,
  SECURITY_EFFECTS,
  type SecurityCause,
} from "../../src/domain/security-effects.js";
import { createTransactionStores } from "../../src/store/unit-of-work.js";
import { at, insertUser, random, sampleFlow, T0, unique, useSharedDatabase } from "../contracts/store-fixtures.js";
import { testDatabases } from "../support/test-databases.js";

type Kind = Session["signedInWith"];

/** SPEC §9.1's table and §8.4's A1–A3 column, as the SPEC words them. */
// A temporary access pass's session (SPEC §18) stands in for a password session, so it ends wherever one does.
const SPEC_TABLE: Record<SecurityCause, { ends: Kind[]; flowsCancelled: boolean; clearsA1ToA3: boolean }> = {
  self_reset: { ends: ["password", "access_pass"], flowsCancelled: true, clearsA1ToA3: true },
  self_unlock: { ends: [], flowsCancelled: true, clearsA1ToA3: true },
  change_password: { ends: ["password", "access_pass"], flowsCancelled: true, clearsA1ToA3: false },
  admin_reset: { ends: ["password", "passkey", "access_pass"], flowsCancelled: true, clearsA1ToA3: true },
  admin_revoke_sessions: { ends: ["password", "passkey", "access_pass"], flowsCancelled: true, clearsA1ToA3: false },
  not_me: { ends: ["password", "passkey", "access_pass"], flowsCancelled: true, clearsA1ToA3: false },
};

describe("SPEC §9.1 as one table", () => {
  it.each(SECURITY_CAUSES)("the %s row says what SPEC §9.1 and §8.4 say", (cause) => {
    const row = SECURITY_EFFECTS[cause];
    const spec = SPEC_TABLE[cause];
    expect([...row.endSessions].sort()).toEqual([...spec.ends].sort());
    expect(row.cancelFlowsWith !== null).toBe(spec.flowsCancelled);
    expect(row.clearCounters.includes("A1") && row.clearCounters.includes("A3")).toBe(spec.clearsA1ToA3);
    // A4 (completed resets) never clears on success (SPEC §8.1).
    expect(row.clearCounters).not.toContain("A4");
  });

  it("only change password keeps the session the user acted from", () => {
    const keeping = SECURITY_CAUSES.filter((cause) => SECURITY_EFFECTS[cause].keepActingSession);
    expect(keeping).toEqual(["change_password"]);
  });
});

const COUNTERS: readonly CounterId[] = ["A1", "A2", "A3", "A4"];

interface Seeded {
  readonly ref: string;
  readonly userId: string;
  readonly sessions: Record<"acting" | "otherPassword" | "passkey", string>;
  readonly otherFlowId: string;
  readonly causingFlowId: string;
  readonly challengeId: string;
}

function session(id: string, userRef: string, kind: Kind): Session {
  return {
    id,
    secretHash: new Uint8Array(randomBytes(32)),
    userRef,
    signedInWith: kind,
    createdAt: T0,
    lastSeenAt: T0,
    expiresAt: at(8 * 3600),
    ip: "192.0.2.1",
    client: "Firefox 140 on Linux",
  };
}

async function seed(stores: TransactionStores, db: Parameters<typeof insertUser>[0]): Promise<Seeded> {
  const ref = await insertUser(db);
  const userId = `${ref}@example.com`;
  const sessions = { acting: unique("s"), otherPassword: unique("s"), passkey: unique("s") };
  await stores.sessions.create(session(sessions.acting, ref, "password"));
  await stores.sessions.create(session(sessions.otherPassword, ref, "password"));
  await stores.sessions.create(session(sessions.passkey, ref, "passkey"));
  const other = sampleFlow({ userRef: ref, typedUserId: userId, state: "gate_challenge" });
  const causing = sampleFlow({ userRef: ref, typedUserId: userId, state: "password" });
  await stores.flows.create(other);
  await stores.flows.create(causing);
  const challengeId = unique("challenge");
  await stores.challenges.create({
    id: challengeId,
    flowId: other.id,
    gate: 1,
    method: "email",
    codeHmac: new Uint8Array(32),
    targetRef: null,
    keyId: "k1",
    attempts: 0,
    expiresAt: at(300),
    consumedAt: null,
    voidedAt: null,
    createdAt: T0,
  });
  for (const counter of COUNTERS) await stores.throttles.hit(counter, accountKey(ref, userId), at(1));
  await stores.signInLockouts.save({
    key: userId,
    failures: 3,
    lockLevel: 0,
    lockedUntil: null,
    lastFailureAt: at(1),
    recentWrong: [],
  });
  return { ref, userId, sessions, otherFlowId: other.id, causingFlowId: causing.id, challengeId };
}

for (const database of testDatabases()) {
  describe(`${database.name}: applySecurityEffects carries out each row`, () => {
    const shared = useSharedDatabase(database);
    const stores = () => createTransactionStores(shared.db, { random, instance: "test" });

    it.each(SECURITY_CAUSES)("%s", async (cause) => {
      const row = SECURITY_EFFECTS[cause];
      const seeded = await seed(stores(), shared.db);
      const now = at(60);
      const user = { ref: seeded.ref, userId: seeded.userId, email: "owner@mail.example.com", preferredLanguage: null };
      const report = await applySecurityEffects(stores(), {
        cause,
        user,
        now,
        actingSessionId: seeded.sessions.acting,
        causingFlowId: seeded.causingFlowId,
        notify: {
          enabled: true,
          caller: { ip: "192.0.2.1", client: "Firefox 140 on Linux", lang: "en" },
          organisation: { name: "Contoh", signInUrl: "https://sandi.example/signin" },
        },
      });

      const live = new Set((await stores().sessions.listLive(seeded.ref, now)).map((s) => s.id));
      const ends = (kind: Kind, acting: boolean) =>
        row.endSessions.includes(kind) && !(acting && row.keepActingSession);
      expect(live.has(seeded.sessions.acting)).toBe(!ends("password", true));
      expect(live.has(seeded.sessions.otherPassword)).toBe(!ends("password", false));
      expect(live.has(seeded.sessions.passkey)).toBe(!ends("passkey", false));
      expect(report.sessionsEnded).toBe(3 - live.size);

      const other = await stores().flows.findById(seeded.otherFlowId);
      expect(other?.state).toBe(row.cancelFlowsWith === null ? "gate_challenge" : "cancelled");
      expect(other?.endReason ?? null).toBe(row.cancelFlowsWith);
      expect((await stores().flows.findById(seeded.causingFlowId))?.state).toBe("password");
      const challenge = await stores().challenges.findCurrent(seeded.otherFlowId, 1);
      expect(challenge === null).toBe(row.cancelFlowsWith !== null);

      for (const counter of COUNTERS) {
        const hits = await stores().throttles.count(counter, accountKey(seeded.ref, seeded.userId), T0);
        expect(hits, counter).toBe(row.clearCounters.includes(counter) ? 0 : 1);
      }
      const lockout = await stores().signInLockouts.find(seeded.userId);
      expect(lockout === null).toBe(row.clearSignInLockout);

      const queued = await shared.db
        .selectFrom("outbox_message")
        .select(["template", "recipient"])
        .where("user_ref", "=", seeded.ref)
        .execute();
      expect(queued).toEqual(
        row.notice === null ? [] : [{ template: row.notice, recipient: "owner@mail.example.com" }],
      );
      expect(report.noticesQueued).toBe(queued.length);
    });

    it("queues no notice when the policy turns notices off", async () => {
      const seeded = await seed(stores(), shared.db);
      const user = { ref: seeded.ref, userId: seeded.userId, email: "owner@mail.example.com", preferredLanguage: null };
      const report = await applySecurityEffects(stores(), {
        cause: "self_reset",
        user,
        now: at(60),
        notify: {
          enabled: false,
          caller: { ip: "192.0.2.1", client: "x", lang: "en" },
          organisation: { name: "Contoh", signInUrl: "https://sandi.example/signin" },
        },
      });
      expect(report.noticesQueued).toBe(0);
    });
  });
}
