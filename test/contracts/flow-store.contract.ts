/**
 * The FlowStore contract: round trips, optimistic versions, cancelling a user's other open flows, and the
 * troubleshooter's reads (a flow by its support code, a user's newest flows).
 */
import { describe, expect, it } from "vitest";
import { createKyselyFlowStore } from "../../src/store/repos/kysely-flow-store.js";
import type { TestDatabase } from "../support/test-databases.js";
import { at, insertUser, sampleFlow, T0, useSharedDatabase } from "./store-fixtures.js";

const SUPPORT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** A support code no other test of the shared database uses. */
function uniqueSupportCode(): string {
  const pick = () => SUPPORT_ALPHABET.charAt(Math.floor(Math.random() * SUPPORT_ALPHABET.length));
  const part = () => Array.from({ length: 4 }, pick).join("");
  return `${part()}-${part()}`;
}

/** Registers the FlowStore contract for `database`. */
export function describeFlowStoreContract(database: TestDatabase): void {
  describe("FlowStore", () => {
    const shared = useSharedDatabase(database);
    const store = () => createKyselyFlowStore(shared.db);

    it("returns a created flow field for field", async () => {
      const userRef = await insertUser(shared.db);
      const flow = sampleFlow({
        userRef,
        state: "gate_challenge",
        methodsPassed: ["email"],
        currentMethod: "email",
        gateStep: "enter_code",
        inertReason: "SND-101",
        endReason: null,
        lang: "id",
        version: 3,
      });
      await store().create(flow);
      expect(await store().findById(flow.id)).toEqual(flow);
    });

    it("finds nothing for an unknown id", async () => {
      expect(await store().findById("no-such-flow")).toBeNull();
    });

    it("saves at the expected version and bumps it", async () => {
      const flow = sampleFlow();
      await store().create(flow);
      const next = {
        ...flow,
        state: "gate_challenge" as const,
        currentMethod: "email" as const,
        gateStep: "enter_contact" as const,
      };
      expect(await store().saveIfVersion(next, 0)).toBe(true);
      expect(await store().findById(flow.id)).toEqual({ ...next, version: 1 });
    });

    it("refuses a save from a stale version and keeps the stored flow", async () => {
      const flow = sampleFlow();
      await store().create(flow);
      expect(await store().saveIfVersion({ ...flow, state: "cancelled" }, 0)).toBe(true);
      expect(await store().saveIfVersion({ ...flow, state: "gate_challenge" }, 0)).toBe(false);
      expect((await store().findById(flow.id))?.state).toBe("cancelled");
    });

    // Threat: a double-clicked submit applies one step twice, each save overwriting its twin.
    it("two parallel saves from one version: exactly one wins", async () => {
      const flow = sampleFlow();
      await store().create(flow);
      const results = await Promise.all(
        (["gate_challenge", "cancelled", "gate_challenge", "cancelled"] as const).map((state) =>
          store().saveIfVersion({ ...flow, state }, 0),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await store().findById(flow.id))?.version).toBe(1);
    });

    it("cancels the user's other open flows, and only those", async () => {
      const userRef = await insertUser(shared.db);
      const otherUser = await insertUser(shared.db);
      const keep = sampleFlow({ userRef });
      const open = [sampleFlow({ userRef }), sampleFlow({ userRef, state: "password", version: 4 })];
      const untouched = [
        sampleFlow({ userRef, state: "done" }),
        sampleFlow({ userRef, state: "blocked" }),
        sampleFlow({ userRef, expiresAt: at(60) }),
        sampleFlow({ userRef: otherUser }),
      ];
      for (const flow of [keep, ...open, ...untouched]) await store().create(flow);

      expect(await store().cancelOpenFlowsOfUser(userRef, keep.id, "superseded", at(120))).toBe(2);

      for (const flow of open)
        expect(await store().findById(flow.id)).toEqual({
          ...flow,
          state: "cancelled",
          endedAt: at(120),
          endReason: "superseded",
          version: flow.version + 1,
        });
      for (const flow of [keep, ...untouched]) expect(await store().findById(flow.id)).toEqual(flow);
    });

    it("finds a flow by its support code, ended or expired, and nothing for an unknown code", async () => {
      const supportCode = uniqueSupportCode();
      const ended = sampleFlow({ supportCode, state: "expired", endedAt: at(900), endReason: "abandoned" });
      await store().create(ended);
      expect(await store().findBySupportCode(supportCode)).toEqual(ended);
      expect(await store().findBySupportCode(uniqueSupportCode())).toBeNull();
    });

    it("of two flows sharing a support code, finds the newer", async () => {
      const supportCode = uniqueSupportCode();
      const older = sampleFlow({ supportCode, issuedAt: T0 });
      const newer = sampleFlow({ supportCode, issuedAt: at(60) });
      await store().create(newer);
      await store().create(older);
      expect((await store().findBySupportCode(supportCode))?.id).toBe(newer.id);
    });

    it("lists a user's newest flows first, at most `limit`, and no one else's", async () => {
      const userRef = await insertUser(shared.db);
      const otherUser = await insertUser(shared.db);
      const flows = [0, 60, 120, 180].map((seconds) => sampleFlow({ userRef, issuedAt: at(seconds) }));
      for (const flow of [...flows, sampleFlow({ userRef: otherUser, issuedAt: at(240) })]) await store().create(flow);
      const listed = await store().listRecentOfUser(userRef, 3);
      expect(listed.map((flow) => flow.id)).toEqual([flows[3]?.id, flows[2]?.id, flows[1]?.id]);
      expect(listed[0]).toEqual(flows[3]);
      expect(await store().listRecentOfUser(await insertUser(shared.db), 5)).toEqual([]);
    });

    it("a save in flight loses to the cancellation", async () => {
      const userRef = await insertUser(shared.db);
      const flow = sampleFlow({ userRef });
      await store().create(flow);
      expect(await store().cancelOpenFlowsOfUser(userRef, null, "sessions_revoked", T0)).toBe(1);
      expect(await store().saveIfVersion({ ...flow, state: "gate_challenge" }, 0)).toBe(false);
      expect((await store().findById(flow.id))?.state).toBe("cancelled");
    });
  });
}
