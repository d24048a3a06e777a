/** The AuditLog contract: SPEC §11.3 fields, UUIDv7 ids, append-only rows, and the tail listing. */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { AuditEvent } from "../../src/domain/audit-events.js";
import { createKyselyAuditLog, listAuditEvents } from "../../src/store/repos/kysely-audit-log.js";
import type { TestDatabase } from "../support/test-databases.js";
import { at, random, unique, useSharedDatabase } from "./store-fixtures.js";

function progressEvent(userId: string, seconds: number, reason = "user_id_submitted"): AuditEvent {
  return {
    activity: "sspr.flow.progress",
    result: "success",
    reason,
    actor: { type: "user", userId },
    target: { ref: "ref-1", userId },
    time: at(seconds),
  };
}

/** Registers the AuditLog contract for `database`. */
export function describeAuditLogContract(database: TestDatabase): void {
  describe("AuditLog", () => {
    const shared = useSharedDatabase(database);
    const log = () => createKyselyAuditLog(shared.db, { instance: "host-a", random });

    it("stores every field, with a UUIDv7 id from the event time and the activity's category", async () => {
      const userId = unique("alice");
      const event: AuditEvent = {
        activity: "policy.updated",
        result: "failure",
        reason: "SND-105",
        actor: { type: "admin", id: "admin-ref", userId: "root@example.com" },
        target: { ref: "user-ref", userId },
        flowId: "flow-1",
        supportCode: "K7QF-2M9D",
        ip: "203.0.113.5",
        client: "x".repeat(300),
        method: "email",
        maskedTarget: "a***@e***.com",
        lang: "id",
        changes: [{ field: "password.minLength", old: 8, new: 12 }],
        time: new Date("2026-03-02T08:00:00.123Z"),
      };
      await log().append([event]);
      const [stored] = await listAuditEvents(shared.db, { userId, limit: 10 });
      expect(stored).toMatchObject({
        time: event.time,
        activity: "policy.updated",
        category: "policy",
        result: "failure",
        reason: "SND-105",
        actor: { type: "admin", id: "admin-ref", userId: "root@example.com" },
        target: { ref: "user-ref", userId },
        flowId: "flow-1",
        supportCode: "K7QF-2M9D",
        ip: "203.0.113.5",
        client: "x".repeat(256),
        method: "email",
        maskedTarget: "a***@e***.com",
        lang: "id",
        instance: "host-a",
        changes: [{ field: "password.minLength", old: 8, new: 12 }],
      });
      expect(stored?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Number.parseInt(stored?.id.replaceAll("-", "").slice(0, 12) ?? "", 16)).toBe(event.time.getTime());
    });

    it("stores absent optional fields as null", async () => {
      const userId = unique("bob");
      await log().append([{ activity: "signout", result: "success", actor: { type: "user", userId }, time: at(0) }]);
      const [stored] = await listAuditEvents(shared.db, { userId, limit: 1 });
      expect(stored).toMatchObject({
        reason: null,
        target: { ref: null, userId: null },
        flowId: null,
        changes: null,
        category: "signout",
      });
    });

    // Threat: someone with database access rewrites history to hide what they did.
    it("append-only: an UPDATE on audit_event fails", async () => {
      const userId = unique("carol");
      await log().append([progressEvent(userId, 0)]);
      await expect(
        shared.db
          .updateTable("audit_event")
          .set({ result: "success", reason: "edited" })
          .where("target_user_id", "=", userId)
          .execute(),
      ).rejects.toThrow(/append-only/);
      const [stored] = await listAuditEvents(shared.db, { userId, limit: 1 });
      expect(stored?.reason).toBe("user_id_submitted");
    });

    // Threat: someone with database access erases the events that show what they did.
    it("append-only: a DELETE or a TRUNCATE on audit_event fails and the rows stay", async () => {
      const userId = unique("erin");
      await log().append([progressEvent(userId, 0), progressEvent(userId, 1, "second")]);
      await expect(shared.db.deleteFrom("audit_event").where("target_user_id", "=", userId).execute()).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`truncate audit_event`.execute(shared.db)).rejects.toThrow(/append-only/);
      expect(await listAuditEvents(shared.db, { userId, limit: 10 })).toHaveLength(2);
    });

    it("lists the newest events newest last, then those after a seq", async () => {
      const userId = unique("dave");
      await log().append([
        progressEvent(userId, 1, "first"),
        progressEvent(userId, 2, "second"),
        progressEvent(userId, 3, "third"),
      ]);
      await log().append([progressEvent(unique("someone-else"), 4, "not-dave")]);
      const newestTwo = await listAuditEvents(shared.db, { userId, limit: 2 });
      expect(newestTwo.map((event) => event.reason)).toEqual(["second", "third"]);
      const all = await listAuditEvents(shared.db, { limit: 3 });
      expect(all.map((event) => event.reason)).toEqual(["second", "third", "not-dave"]);
      const first = (await listAuditEvents(shared.db, { userId, limit: 3 }))[0];
      const after = await listAuditEvents(shared.db, { userId, limit: 10, afterSeq: first?.seq ?? "0" });
      expect(after.map((event) => event.reason)).toEqual(["second", "third"]);
      await log().append([progressEvent(userId, 5, "fourth")]);
      const resumed = await listAuditEvents(shared.db, { userId, limit: 10, afterSeq: after.at(-1)?.seq ?? "0" });
      expect(resumed.map((event) => event.reason)).toEqual(["fourth"]);
    });

    it("filters by activity, actor, target, result and a time range, and pages back with an offset", async () => {
      const userId = unique("carol");
      const actorId = unique("job");
      await log().append([
        progressEvent(userId, 100),
        { ...progressEvent(userId, 200), activity: "signin.failed", result: "failure" },
        { ...progressEvent(userId, 300), actor: { type: "system", id: actorId } },
        progressEvent(userId, 400, "method_passed:email"),
      ]);
      const times = async (filter: Parameters<typeof listAuditEvents>[1]) =>
        (await listAuditEvents(shared.db, { targetUserId: userId, ...filter })).map((event) => event.time);
      expect(await times({ limit: 10, activity: "signin.failed" })).toEqual([at(200)]);
      expect(await times({ limit: 10, result: "failure" })).toEqual([at(200)]);
      expect(await times({ limit: 10, actor: actorId })).toEqual([at(300)]);
      expect(await times({ limit: 10, actor: userId })).toEqual([at(100), at(200), at(400)]);
      expect(await times({ limit: 10, from: at(200), to: at(400) })).toEqual([at(200), at(300)]);
      expect(await times({ limit: 2, offset: 1 })).toEqual([at(200), at(300)]);
      expect(await times({ limit: 10, targetUserId: unique("nobody") })).toEqual([]);
    });

    it("appending nothing writes nothing", async () => {
      const before = await listAuditEvents(shared.db, { limit: 1 });
      await log().append([]);
      expect(await listAuditEvents(shared.db, { limit: 1 })).toEqual(before);
    });
  });
}
