/** The registration stores' contract: unfinished verifications, the method history and recovery codes. */
import { describe, expect, it } from "vitest";
import type { RegistrationChallenge } from "../../src/domain/registration/registration-ports.js";
import { createKyselyMethodHistory } from "../../src/store/repos/kysely-method-history.js";
import { createKyselyMethodStore } from "../../src/store/repos/kysely-method-store.js";
import { createKyselyRecoveryCodeStore } from "../../src/store/repos/kysely-recovery-code-store.js";
import { createKyselyRegistrationChallengeStore } from "../../src/store/repos/kysely-registration-challenge-store.js";
import type { TestDatabase } from "../support/test-databases.js";
import { at, insertUser, unique, useSharedDatabase } from "./store-fixtures.js";

function sampleChallenge(userRef: string, overrides: Partial<RegistrationChallenge> = {}): RegistrationChallenge {
  return {
    id: unique("rc"),
    userRef,
    sessionId: unique("session"),
    purpose: "enrol",
    method: "email",
    target: "sari@mail.example",
    replacesId: null,
    codeHmac: new Uint8Array([9, 9, 9]),
    keyId: "code-hmac-1",
    payload: { channel: "sms" },
    attempts: 0,
    sends: 1,
    codeExpiresAt: at(300),
    dropAt: at(600),
    consumedAt: null,
    createdAt: at(0),
    ...overrides,
  };
}

export function describeRegistrationStoresContract(database: TestDatabase): void {
  describe("RegistrationChallengeStore", () => {
    const shared = useSharedDatabase(database);
    const store = () => createKyselyRegistrationChallengeStore(shared.db);

    it("finds a live challenge only in its own session, and never after it is dropped or consumed", async () => {
      const challenge = sampleChallenge(await insertUser(shared.db));
      await store().create(challenge);
      expect(await store().findLive(challenge.sessionId, challenge.id, at(1))).toEqual(challenge);
      expect(await store().findLive("another-session", challenge.id, at(1))).toBeNull();
      expect(await store().findLive(challenge.sessionId, challenge.id, at(600))).toBeNull();
      expect(await store().consume(challenge.id, at(2))).toBe(true);
      expect(await store().consume(challenge.id, at(3))).toBe(false);
      expect(await store().findLive(challenge.sessionId, challenge.id, at(4))).toBeNull();
    });

    it("keeps one unconsumed challenge per session and purpose, counts attempts to a cap, and resends", async () => {
      const userRef = await insertUser(shared.db);
      const first = sampleChallenge(userRef);
      const second = sampleChallenge(userRef, { sessionId: first.sessionId });
      await store().create(first);
      await store().create(second);
      expect(await store().findLive(first.sessionId, first.id, at(1))).toBeNull();
      expect(await store().countAttempt(second.id, 2)).toBe(true);
      expect(await store().countAttempt(second.id, 2)).toBe(true);
      expect(await store().countAttempt(second.id, 2)).toBe(false);
      await store().resend(second.id, { hmac: new Uint8Array([1]), keyId: "code-hmac-1", expiresAt: at(400) });
      const resent = await store().findLive(second.sessionId, second.id, at(1));
      expect(resent).toMatchObject({ attempts: 0, sends: 2, codeExpiresAt: at(400), codeHmac: new Uint8Array([1]) });
      expect(await store().deleteDropped(at(601), 500)).toBeGreaterThanOrEqual(1);
    });
  });

  describe("MethodHistoryStore and RecoveryCodeStore", () => {
    const shared = useSharedDatabase(database);

    it("lists the user's history newest first", async () => {
      const userRef = await insertUser(shared.db);
      const history = createKyselyMethodHistory(shared.db);
      const event = {
        userRef,
        methodRef: "m-1",
        method: "email" as const,
        masked: "s***@m***.example",
        actor: "user",
        ip: "192.0.2.1",
        client: "Firefox on Linux",
      };
      await history.append([
        { ...event, id: unique("e"), action: "added", at: at(1) },
        { ...event, id: unique("e"), action: "removed", at: at(2) },
      ]);
      expect((await history.listForUser(userRef, 10)).map((entry) => entry.action)).toEqual(["removed", "added"]);
    });

    it("spends a recovery code once, counts what is left on the method row, and finds only the owner's codes", async () => {
      const owner = await insertUser(shared.db);
      const methods = createKyselyMethodStore(shared.db);
      const codes = createKyselyRecoveryCodeStore(shared.db);
      const id = unique("method");
      await methods.add({
        id,
        userRef: owner,
        method: "recovery_code",
        value: "",
        label: null,
        createdAt: at(0),
        lastUsedAt: null,
      });
      await codes.addSet(id, [
        { lookup: "ABCD", secretHash: new Uint8Array([1]), keyId: "code-hmac-1" },
        { lookup: "EFGH", secretHash: new Uint8Array([2]), keyId: "code-hmac-1" },
      ]);
      expect(await codes.findUnspent(await insertUser(shared.db), "ABCD")).toBeNull();
      expect(await codes.findUnspent(owner, "ABCD")).toEqual({
        methodId: id,
        lookup: "ABCD",
        secretHash: new Uint8Array([1]),
        keyId: "code-hmac-1",
      });
      const spent = await Promise.all([codes.spend(id, "ABCD", at(5)), codes.spend(id, "ABCD", at(5))]);
      expect(spent.filter(Boolean)).toHaveLength(1);
      expect(await codes.findUnspent(owner, "ABCD")).toBeNull();
      expect(await codes.countLeft(id)).toBe(1);
      expect((await methods.findForUser(owner, id))?.counter).toBe(1);
    });
  });
}
