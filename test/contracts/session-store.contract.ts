/** The SessionStore contract: live sessions, touches, and revoking by kind (a reset keeps passkey sessions). */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Session } from "../../src/domain/ports.js";
import { createKyselySessionStore } from "../../src/store/repos/kysely-session-store.js";
import type { TestDatabase } from "../support/test-databases.js";
import { at, insertUser, T0, unique, useSharedDatabase } from "./store-fixtures.js";

function sampleSession(userRef: string, overrides: Partial<Session> = {}): Session {
  return {
    id: unique("session"),
    secretHash: new Uint8Array(randomBytes(32)),
    userRef,
    signedInWith: "password",
    createdAt: T0,
    lastSeenAt: T0,
    expiresAt: at(3600),
    ip: "198.51.100.7",
    client: "Firefox on Linux",
    steppedUpAt: null,
    secondFactorAt: null,
    ...overrides,
  };
}

/** Registers the SessionStore contract for `database`. */
export function describeSessionStoreContract(database: TestDatabase): void {
  describe("SessionStore", () => {
    const shared = useSharedDatabase(database);
    const store = () => createKyselySessionStore(shared.db);

    it("returns a created session field for field", async () => {
      const session = sampleSession(await insertUser(shared.db), { signedInWith: "passkey" });
      await store().create(session);
      expect(await store().findLive(session.id)).toEqual(session);
      expect(await store().findLive("no-such-session")).toBeNull();
    });

    it("records a step-up, and a second factor only when the proof was one", async () => {
      const session = sampleSession(await insertUser(shared.db));
      await store().create(session);
      await store().markSteppedUp(session.id, at(30));
      expect(await store().findLive(session.id)).toMatchObject({ steppedUpAt: at(30), secondFactorAt: null });
      await store().markSteppedUp(session.id, at(40), { secondFactor: true });
      expect(await store().findLive(session.id)).toMatchObject({ steppedUpAt: at(40), secondFactorAt: at(40) });
      await store().markSteppedUp(session.id, at(50), { secondFactor: false });
      expect(await store().findLive(session.id)).toMatchObject({ steppedUpAt: at(50), secondFactorAt: at(40) });
    });

    it("touches a live session, not a revoked one", async () => {
      const session = sampleSession(await insertUser(shared.db));
      await store().create(session);
      await store().touch(session.id, at(60));
      expect((await store().findLive(session.id))?.lastSeenAt).toEqual(at(60));
      await store().revoke(session.id, at(70));
      await store().touch(session.id, at(80));
      expect(await store().findLive(session.id)).toBeNull();
      const row = await shared.db
        .selectFrom("session")
        .selectAll()
        .where("id", "=", session.id)
        .executeTakeFirstOrThrow();
      expect(row.last_seen_at).toEqual(at(60));
      expect(row.revoked_at).toEqual(at(70));
    });

    it("keeps the first revocation time", async () => {
      const session = sampleSession(await insertUser(shared.db));
      await store().create(session);
      await store().revoke(session.id, at(10));
      await store().revoke(session.id, at(20));
      const row = await shared.db
        .selectFrom("session")
        .select("revoked_at")
        .where("id", "=", session.id)
        .executeTakeFirstOrThrow();
      expect(row.revoked_at).toEqual(at(10));
    });

    it("revokes the user's sessions of the named kinds and counts them", async () => {
      const userRef = await insertUser(shared.db);
      const password = [sampleSession(userRef), sampleSession(userRef)];
      const passkey = sampleSession(userRef, { signedInWith: "passkey" });
      const alreadyRevoked = sampleSession(userRef);
      const stranger = sampleSession(await insertUser(shared.db));
      for (const session of [...password, passkey, alreadyRevoked, stranger]) await store().create(session);
      await store().revoke(alreadyRevoked.id, at(1));
      expect(await store().revokeForUser(userRef, ["password"], at(10))).toBe(2);
      for (const session of password) expect(await store().findLive(session.id)).toBeNull();
      expect(await store().findLive(passkey.id)).toEqual(passkey);
      expect(await store().findLive(stranger.id)).toEqual(stranger);
      expect(await store().revokeForUser(userRef, [], at(11))).toBe(0);
      expect(await store().revokeForUser(userRef, ["password", "passkey"], at(12))).toBe(1);
    });

    it("keeps the excepted session when revoking the user's others", async () => {
      const userRef = await insertUser(shared.db);
      const [current, other] = [sampleSession(userRef), sampleSession(userRef)];
      for (const session of [current, other]) await store().create(session);
      expect(await store().revokeForUser(userRef, ["password"], at(10), current.id)).toBe(1);
      expect(await store().findLive(current.id)).toEqual(current);
      expect(await store().findLive(other.id)).toBeNull();
    });

    it("lists the user's live sessions, newest sign-in first, without revoked, expired or other users' ones", async () => {
      const userRef = await insertUser(shared.db);
      const older = sampleSession(userRef, { createdAt: at(-600), lastSeenAt: at(-600) });
      const newer = sampleSession(userRef, { signedInWith: "passkey" });
      const revoked = sampleSession(userRef);
      const expired = sampleSession(userRef, { createdAt: at(-300), lastSeenAt: at(-300), expiresAt: at(30) });
      const stranger = sampleSession(await insertUser(shared.db));
      for (const session of [older, newer, revoked, expired, stranger]) await store().create(session);
      await store().revoke(revoked.id, at(1));
      expect(await store().listLive(userRef, at(30))).toEqual([newer, older]);
      expect(await store().listLive(userRef, at(29))).toEqual([newer, expired, older]);
    });
  });
}
