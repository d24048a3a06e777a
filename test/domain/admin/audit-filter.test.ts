/** The audit filter the page, the API and `sandi audit tail` share: only the parts a reader asked for narrow it. */
import { describe, expect, it } from "vitest";
import { auditFilterOf } from "../../../src/domain/admin/audit-read.js";

describe("auditFilterOf", () => {
  it("leaves out the parts not given, so an absent part never narrows the read to undefined", () => {
    const from = new Date("2026-12-01T00:00:00Z");
    const filter = auditFilterOf({
      activity: "signin.failed",
      actor: undefined,
      result: "failure",
      from,
      to: undefined,
    });
    expect(filter).toEqual({ activity: "signin.failed", result: "failure", from });
    expect(Object.keys(filter)).toEqual(["activity", "result", "from"]);
  });

  it("gives an empty filter, which keeps every event, when nothing was asked", () => {
    expect(auditFilterOf({ userId: undefined, targetUserId: undefined })).toEqual({});
  });
});
