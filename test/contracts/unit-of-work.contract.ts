/** The UnitOfWork contract: the stores a transaction hands out commit together or not at all. */
import { describe, expect, it } from "vitest";
import { createKyselyFlowStore } from "../../src/store/repos/kysely-flow-store.js";
import { createUnitOfWork } from "../../src/store/unit-of-work.js";
import type { TestDatabase } from "../support/test-databases.js";
import { random, sampleFlow, T0, unique, useSharedDatabase } from "./store-fixtures.js";

/** Registers the UnitOfWork contract for `database`. */
export function describeUnitOfWorkContract(database: TestDatabase): void {
  describe("UnitOfWork", () => {
    const shared = useSharedDatabase(database);
    const unitOfWork = () => createUnitOfWork(shared.db, { random, instance: "host-a" });

    it("commits the flow, its audit events and its outbox messages together", async () => {
      const flow = sampleFlow();
      const userId = unique("alice");
      const result = await unitOfWork().inTransaction(async (stores) => {
        await stores.flows.create(flow);
        await stores.audit.append([
          {
            activity: "sspr.flow.progress",
            result: "success",
            actor: { type: "anonymous" },
            target: { userId },
            flowId: flow.id,
            time: T0,
          },
        ]);
        await stores.outbox.enqueue(
          [
            {
              channel: "email",
              template: "reset-code",
              recipient: "a@example.com",
              lang: "en",
              data: { code: "1" },
              notAfter: T0,
              userRef: null,
              flowId: flow.id,
            },
          ],
          T0,
        );
        return "done";
      });
      expect(result).toBe("done");
      expect(await createKyselyFlowStore(shared.db).findById(flow.id)).toEqual(flow);
      expect(
        await shared.db.selectFrom("audit_event").select("id").where("flow_id", "=", flow.id).execute(),
      ).toHaveLength(1);
      expect(
        await shared.db.selectFrom("outbox_message").select("id").where("flow_id", "=", flow.id).execute(),
      ).toHaveLength(1);
    });

    it("rolls everything back when the work throws", async () => {
      const flow = sampleFlow();
      await expect(
        unitOfWork().inTransaction(async (stores) => {
          await stores.flows.create(flow);
          await stores.outbox.enqueue(
            [
              {
                channel: "email",
                template: "reset-code",
                recipient: "a@example.com",
                lang: "en",
                data: {},
                notAfter: T0,
                userRef: null,
                flowId: flow.id,
              },
            ],
            T0,
          );
          throw new Error("step failed");
        }),
      ).rejects.toThrow("step failed");
      expect(await createKyselyFlowStore(shared.db).findById(flow.id)).toBeNull();
      expect(
        await shared.db.selectFrom("outbox_message").select("id").where("flow_id", "=", flow.id).execute(),
      ).toEqual([]);
    });
  });
}
