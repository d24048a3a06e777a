/**
 * The DeliveryHistory contract (SPEC §13.1 check 12): a user's newest messages, queued or dropped by a send limit,
 * newest first, each recipient masked; never another user's, never a message body.
 */
import { describe, expect, it } from "vitest";
import type { AuditEvent } from "../../src/domain/audit-events.js";
import { createKyselyAuditLog } from "../../src/store/repos/kysely-audit-log.js";
import { createKyselyDeliveryHistory } from "../../src/store/repos/kysely-delivery-history.js";
import { createKyselyOutbox } from "../../src/store/repos/kysely-outbox.js";
import type { TestDatabase } from "../support/test-databases.js";
import { at, insertUser, random, useSharedDatabase } from "./store-fixtures.js";

/** Registers the DeliveryHistory contract for `database`. */
export function describeDeliveryHistoryContract(database: TestDatabase): void {
  describe("DeliveryHistory", () => {
    const shared = useSharedDatabase(database);

    it("lists the user's queued, sent, failed and suppressed messages, newest first, masked", async () => {
      const { db } = shared;
      const ref = await insertUser(db);
      const other = await insertUser(db);
      const userId = `${ref}@example.com`;
      const outbox = createKyselyOutbox(db, random);
      const draft = {
        channel: "email" as const,
        template: "reset-code" as const,
        recipient: "budi.santoso@mail.example.com",
        lang: "en" as const,
        data: { code: "12345678" },
        notAfter: at(3600),
        userRef: ref,
        flowId: null,
      };
      await outbox.enqueue([draft], at(0));
      await outbox.enqueue([{ ...draft, channel: "sms", recipient: "+6281234567812" }], at(60));
      await outbox.enqueue([{ ...draft, userRef: other }], at(90));
      const [first] = await outbox.claimDueMessages({ limit: 1, leaseSeconds: 60, now: at(100) });
      await outbox.recordDispatch(first?.id ?? "", { status: "abandoned", reason: "no_channel:email" }, at(110));
      const suppressed: AuditEvent = {
        activity: "message.suppressed",
        result: "failure",
        reason: "SND-213:R1",
        actor: { type: "system" },
        target: { ref, userId },
        method: "email",
        maskedTarget: "b***@m***.com",
        time: at(120),
      };
      await createKyselyAuditLog(db, { instance: "test", random }).append([suppressed]);
      const history = await createKyselyDeliveryHistory(db).recentOfUser({ ref, userId }, 10);
      expect(history.map((message) => [message.status, message.reason])).toEqual([
        ["suppressed", "SND-213:R1"],
        ["abandoned", "no_channel:email"],
        ["waiting", null],
      ]);
      const text = JSON.stringify(history);
      expect(text).not.toContain("budi.santoso@mail.example.com");
      expect(text).not.toContain("+6281234567812");
      expect(text).not.toContain("12345678");
      expect(history[2]?.maskedRecipient).toMatch(/12$/);
    });

    it("keeps to `limit`", async () => {
      const { db } = shared;
      const ref = await insertUser(db);
      const outbox = createKyselyOutbox(db, random);
      for (const seconds of [0, 1, 2])
        await outbox.enqueue(
          [
            {
              channel: "email",
              template: "reset-code",
              recipient: "x@mail.example.com",
              lang: "en",
              data: {},
              notAfter: at(3600),
              userRef: ref,
              flowId: null,
            },
          ],
          at(seconds),
        );
      const history = await createKyselyDeliveryHistory(db).recentOfUser({ ref, userId: `${ref}@example.com` }, 2);
      expect(history.map((message) => message.time)).toEqual([at(2), at(1)]);
    });
  });
}
