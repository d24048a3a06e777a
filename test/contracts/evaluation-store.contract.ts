/** The EvaluationStore contract: one open evaluation at a time, closing once, decisions counted by reason. */
import { describe, expect, it } from "vitest";
import type { PolicyEvaluation } from "../../src/domain/policies/evaluation/evaluation-ports.js";
import { DEFAULT_POLICY } from "../../src/domain/policies/sspr-policy.js";
import { createKyselyEvaluationStore } from "../../src/store/repos/kysely-evaluation-store.js";
import type { TestDatabase } from "../support/test-databases.js";
import { at, unique, useSharedDatabase } from "./store-fixtures.js";

function evaluation(overrides: Partial<PolicyEvaluation> = {}): PolicyEvaluation {
  return {
    id: unique("evaluation"),
    draft: { ...DEFAULT_POLICY, scope: "selected", scopeGroups: ["finance"] },
    startedBy: "admin:ayu@contoh.example",
    startedAt: at(0),
    endsAt: at(86_400),
    stoppedBy: null,
    stoppedAt: null,
    endReason: null,
    ...overrides,
  };
}

/** Registers the EvaluationStore contract for `database`. */
export function describeEvaluationStoreContract(database: TestDatabase): void {
  describe("EvaluationStore", () => {
    const shared = useSharedDatabase(database, {
      emptiedBeforeEach: ["policy_evaluation_decision", "policy_evaluation"],
    });

    it("keeps one open evaluation: a second start is refused until the first is closed", async () => {
      const store = createKyselyEvaluationStore(shared.db);
      const first = evaluation();
      expect(await store.start(first)).toBe("started");
      expect(await store.start(evaluation())).toBe("running");
      expect(await store.open()).toEqual(first);
      expect(await store.close(first.id, { by: "admin:ayu@contoh.example", at: at(60), reason: "stopped" })).toBe(true);
      expect(await store.close(first.id, { by: "admin:ayu@contoh.example", at: at(61), reason: "stopped" })).toBe(
        false,
      );
      expect(await store.open()).toBeNull();
      expect(await store.latest()).toMatchObject({ id: first.id, stoppedAt: at(60), endReason: "stopped" });
      const second = evaluation({ startedAt: at(120) });
      expect(await store.start(second)).toBe("started");
      expect((await store.latest())?.id).toBe(second.id);
    });

    it("counts decisions by step and by what each policy said (a reason before none), with distinct flows", async () => {
      const store = createKyselyEvaluationStore(shared.db);
      const running = evaluation();
      await store.start(running);
      const decision = (flowId: string, step: "identify" | "recheck", draftReason: string | null) => ({
        evaluationId: running.id,
        flowId,
        step,
        liveReason: null,
        draftReason,
        at: at(10),
      });
      await store.record([
        decision("f1", "identify", "SND-106"),
        decision("f2", "identify", null),
        decision("f2", "recheck", null),
        decision("f2", "recheck", null),
        decision("f3", "identify", "SND-106"),
      ]);
      await store.record([]);
      expect(await store.countDecisions(running.id)).toEqual([
        { step: "identify", liveReason: null, draftReason: "SND-106", decisions: 2, flows: 2 },
        { step: "identify", liveReason: null, draftReason: null, decisions: 1, flows: 1 },
        { step: "recheck", liveReason: null, draftReason: null, decisions: 2, flows: 1 },
      ]);
      expect(await store.countDecisions("another")).toEqual([]);
    });
  });
}
