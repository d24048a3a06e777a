import { describe, expect, it } from "vitest";
import { highestRole, may, mayActOn } from "../../../src/domain/admin/admin-permissions.js";

describe("admin permissions (SPEC §2)", () => {
  it("only a global admin edits the policy; global admins and reports readers read the audit log", () => {
    expect(may(["global_admin"], "policy.edit")).toBe(true);
    expect(may(["user_admin", "helpdesk_admin"], "policy.edit")).toBe(false);
    expect(may(["reports_reader"], "audit.read")).toBe(true);
    expect(may(["password_admin"], "audit.read")).toBe(false);
    expect(may([], "password.reset")).toBe(false);
  });

  it("a user's highest role decides who may act on them", () => {
    expect(highestRole(["reports_reader", "helpdesk_admin"])).toBe("helpdesk_admin");
    expect(highestRole([])).toBe("none");
    expect(mayActOn(["password_admin"], [])).toBe(true);
    expect(mayActOn(["password_admin"], ["password_admin"])).toBe(true);
    expect(mayActOn(["password_admin"], ["reports_reader", "helpdesk_admin"])).toBe(false);
    expect(mayActOn(["helpdesk_admin"], ["user_admin"])).toBe(false);
    expect(mayActOn(["user_admin"], ["user_admin"])).toBe(true);
    expect(mayActOn(["user_admin"], ["global_admin"])).toBe(false);
    expect(mayActOn(["global_admin"], ["global_admin"])).toBe(true);
    expect(mayActOn(["reports_reader"], [])).toBe(false);
  });
});
