/** The ChallengeStore contract: count, compare, consume, each safe when requests race. */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Challenge } from "../../src/domain/ports.js";
import { createKyselyChallengeStore } from "../../src/store/repos/kysely-challenge-store.js";
import { createKyselyFlowStore } from "../../src/store/repos/kysely-flow-store.js";
import type { TestDatabase } from "../support/test-databases.js";
import { at, insertUser, sampleFlow, T0, unique, useSharedDatabase } from "./store-fixtures.js";

function sampleChallenge(flowId: string, overrides: Partial<Challenge> = {}): Challenge {
  return {
    id: unique("challenge"),
    flowId,
    gate: 1,
    method: "email",
    codeHmac: new Uint8Array(randomBytes(32)),
    targetRef: "method-1",
    keyId: "code-hmac-1",
    attempts: 0,
    expiresAt: at(300),
    consumedAt: null,
    voidedAt: null,
    createdAt: T0,
    ...overrides,
  };
}

/** Registers the ChallengeStore contract for `database`. */
export function describeChallengeStoreContract(database: TestDatabase): void {
  describe("ChallengeStore", () => {
    const shared = useSharedDatabase(database);
    const store = () => createKyselyChallengeStore(shared.db);
    const newFlow = async (userRef: string | null = null): Promise<string> => {
      const flow = sampleFlow({ userRef });
      await createKyselyFlowStore(shared.db).create(flow);
      return flow.id;
    };

    it("finds the newest unvoided challenge of a gate", async () => {
      const flowId = await newFlow();
      expect(await store().findCurrent(flowId, 1)).toBeNull();
      const first = sampleChallenge(flowId);
      const second = sampleChallenge(flowId, { createdAt: at(30), codeHmac: null, targetRef: null });
      const otherGate = sampleChallenge(flowId, { gate: 2, createdAt: at(60) });
      for (const challenge of [first, second, otherGate]) await store().create(challenge);
      expect(await store().findCurrent(flowId, 1)).toEqual(second);
      await store().voidForGate(flowId, 1, at(40));
      expect(await store().findCurrent(flowId, 1)).toBeNull();
      expect(await store().findCurrent(flowId, 2)).toEqual(otherGate);
    });

    it("counts every send of a gate, voided ones included", async () => {
      const flowId = await newFlow();
      await store().create(sampleChallenge(flowId));
      await store().voidForGate(flowId, 1, at(30));
      await store().create(sampleChallenge(flowId, { createdAt: at(31) }));
      await store().create(sampleChallenge(flowId, { gate: 2 }));
      expect(await store().countSends(flowId, 1)).toBe(2);
      expect(await store().countSends(flowId, 2)).toBe(1);
      expect(await store().countSends(flowId, 3)).toBe(0);
    });

    const take = (flowId: string, maxAttempts: number, now = at(10), gate = 1) =>
      store().takeAttempt({ flowId, gate, maxAttempts, now });

    it("counts attempts on the gate's current challenge up to the cap, then refuses as exhausted", async () => {
      const flowId = await newFlow();
      const challenge = sampleChallenge(flowId);
      await store().create(challenge);
      const results = [];
      for (let index = 0; index < 4; index++) results.push(await take(flowId, 3));
      expect(results.slice(0, 3).map((result) => ("taken" in result ? result.taken.attempts : null))).toEqual([
        1, 2, 3,
      ]);
      expect(results[3]).toEqual({ refused: "exhausted" });
      expect((await store().findCurrent(flowId, 1))?.attempts).toBe(3);
      expect(await take(await newFlow(), 3)).toEqual({ refused: "missing" });
    });

    it("counts nothing on a spent, voided or expired challenge, and says which", async () => {
      const flowId = await newFlow();
      const challenge = sampleChallenge(flowId, { expiresAt: at(300) });
      await store().create(challenge);
      expect(await take(flowId, 3, at(300))).toEqual({ refused: "expired" });
      expect(await store().consume(challenge.id, at(20))).toBe(true);
      expect(await take(flowId, 3)).toEqual({ refused: "missing" });
      const voided = sampleChallenge(flowId, { gate: 2 });
      await store().create(voided);
      await store().voidForGate(flowId, 2, at(30));
      expect(await take(flowId, 3, at(40), 2)).toEqual({ refused: "missing" });
      expect((await store().findCurrent(flowId, 1))?.attempts).toBe(0);
    });

    it("counts on the newest challenge of the gate only", async () => {
      const flowId = await newFlow();
      const older = sampleChallenge(flowId);
      const newer = sampleChallenge(flowId, { createdAt: at(30) });
      await store().create(older);
      await store().create(newer);
      const result = await take(flowId, 3, at(40));
      expect("taken" in result && result.taken.id).toBe(newer.id);
    });

    // Threat: an attacker fires guesses in parallel so that more than the allowed number get compared.
    it("takeAttempt stops at the cap even under 10 parallel calls", async () => {
      const flowId = await newFlow();
      const challenge = sampleChallenge(flowId);
      await store().create(challenge);
      const results = await Promise.all(Array.from({ length: 10 }, () => take(flowId, 3)));
      expect(results.filter((result) => "taken" in result)).toHaveLength(3);
      expect((await store().findCurrent(flowId, 1))?.attempts).toBe(3);
    });

    it("consumes once; a voided challenge cannot be consumed", async () => {
      const flowId = await newFlow();
      const challenge = sampleChallenge(flowId);
      const voided = sampleChallenge(flowId, { gate: 2 });
      await store().create(challenge);
      await store().create(voided);
      await store().voidForGate(flowId, 2, at(10));
      expect(await store().consume(challenge.id, at(20))).toBe(true);
      expect(await store().consume(challenge.id, at(21))).toBe(false);
      expect(await store().consume(voided.id, at(22))).toBe(false);
      expect((await store().findCurrent(flowId, 1))?.consumedAt).toEqual(at(20));
    });

    // Threat: the same code is submitted twice at once and both requests pass the gate.
    it("two parallel consumes: exactly one wins", async () => {
      const flowId = await newFlow();
      const challenge = sampleChallenge(flowId);
      await store().create(challenge);
      const results = await Promise.all([store().consume(challenge.id, at(20)), store().consume(challenge.id, at(20))]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("voiding a gate leaves consumed challenges and other gates alone", async () => {
      const flowId = await newFlow();
      const consumed = sampleChallenge(flowId);
      const open = sampleChallenge(flowId, { createdAt: at(1) });
      const otherGate = sampleChallenge(flowId, { gate: 2 });
      for (const challenge of [consumed, open, otherGate]) await store().create(challenge);
      await store().consume(consumed.id, at(5));
      await store().voidForGate(flowId, 1, at(10));
      const rows = await shared.db
        .selectFrom("challenge")
        .select(["id", "voided_at"])
        .where("flow_id", "=", flowId)
        .execute();
      const voidedAt = Object.fromEntries(rows.map((row) => [row.id, row.voided_at]));
      expect(voidedAt).toEqual({ [consumed.id]: null, [open.id]: at(10), [otherGate.id]: null });
    });

    it("voids the unspent challenges of every flow of the user, and nobody else's", async () => {
      const userRef = await insertUser(shared.db);
      const [first, second, stranger] = [
        await newFlow(userRef),
        await newFlow(userRef),
        await newFlow(await insertUser(shared.db)),
      ];
      const challenges = [sampleChallenge(first), sampleChallenge(second, { gate: 2 }), sampleChallenge(stranger)];
      for (const challenge of challenges) await store().create(challenge);
      await store().voidForUser(userRef, at(50));
      expect(await store().findCurrent(first, 1)).toBeNull();
      expect(await store().findCurrent(second, 2)).toBeNull();
      expect(await store().findCurrent(stranger, 1)).toEqual(challenges[2]);
    });
  });
}
