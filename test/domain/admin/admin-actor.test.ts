/** Scoped role assignments (Entra's administrative units): who may do what to whom. */
import { describe, expect, it } from "vitest";
import {
  type AdminActor,
  actorMay,
  actorMayOn,
  lookUpScopeOf,
  type RoleAssignment,
} from "../../../src/domain/admin/admin-actor.js";

const admin = (assignments: readonly RoleAssignment[]): AdminActor => ({
  type: "admin",
  ref: "ref-actor",
  userId: "actor@contoh.example",
  roles: assignments.map((assignment) => assignment.role),
  assignments,
  ip: "10.0.0.1",
  client: "test",
});

const inBranch = { ref: "ref-tina", roles: [], memberOf: ["Branch Desk", "Branch"] };
const elsewhere = { ref: "ref-olga", roles: [], memberOf: ["Elsewhere"] };

describe("group-scoped admin roles", () => {
  it("a helpdesk admin scoped to a group acts on its nested members only", () => {
    const actor = admin([{ role: "helpdesk_admin", scopeGroup: "Branch" }]);
    expect(actorMayOn(actor, "password.reset", inBranch)).toBe(true);
    expect(actorMayOn(actor, "password.reset", elsewhere)).toBe(false);
  });

  it("a scoped role grants no organisation-wide capability", () => {
    const actor = admin([{ role: "user_admin", scopeGroup: "Branch" }]);
    expect(actorMay(actor, "users.manage")).toBe(true);
    expect(actorMay(actor, "reports.read")).toBe(false);
    expect(actorMay(actor, "policy.read")).toBe(false);
    expect(lookUpScopeOf(actor, ["methods.view"])).toEqual(["Branch"]);
  });

  it("a scoped role does not lift the rank rule: a helpdesk admin cannot act on a user admin in their group", () => {
    const actor = admin([{ role: "helpdesk_admin", scopeGroup: "Branch" }]);
    expect(actorMayOn(actor, "password.reset", { ...inBranch, roles: ["user_admin"] })).toBe(false);
  });

  it("the capability and the scope must come from the same assignment", () => {
    // Unscoped password admin + helpdesk admin scoped elsewhere: no session revocation outside that group.
    const actor = admin([
      { role: "password_admin", scopeGroup: null },
      { role: "helpdesk_admin", scopeGroup: "Elsewhere" },
    ]);
    expect(actorMayOn(actor, "password.reset", inBranch)).toBe(true);
    expect(actorMayOn(actor, "sessions.revoke", inBranch)).toBe(false);
    expect(actorMayOn(actor, "sessions.revoke", elsewhere)).toBe(true);
    expect(lookUpScopeOf(actor, ["methods.view"])).toBeNull();
  });

  it("a token never acts on the account of the admin who created it", () => {
    const token: AdminActor = {
      type: "token",
      tokenId: "t1",
      name: "sync",
      ownerRef: "ref-tina",
      assignment: { role: "global_admin", scopeGroup: null },
      ip: "10.0.0.2",
      client: "curl",
    };
    expect(actorMayOn(token, "password.reset", inBranch)).toBe(false);
    expect(actorMayOn(token, "password.reset", elsewhere)).toBe(true);
  });
});
