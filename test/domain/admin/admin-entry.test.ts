/**
 * SPEC §2's admin portal sign-in as a pure decision. Threats: a password-only session, a temporary access pass or a
 * reset's hand-off standing in for the second factor; an unregistered admin let in; an admin sent to a registration
 * this build cannot complete (a loop that only locks them out).
 */
import { describe, expect, it } from "vitest";
import { adminEntryOf, hasSecondFactor } from "../../../src/domain/admin/admin-entry.js";

type EntryReadiness = Parameters<typeof adminEntryOf>[0]["readiness"];
const REGISTERED: EntryReadiness = {
  registered: true,
  registeredKinds: ["email", "sms"],
  addable: ["passkey", "totp"],
  toRegister: 2,
};
const PASSWORD_ONLY = { signedInWith: "password", secondFactorAt: null } as const;
const AT = new Date("2026-12-15T01:00:00Z");

describe("entering the admin portal", () => {
  it("a password sign-in alone is no second factor; a passed method or a passkey sign-in is", () => {
    expect(hasSecondFactor(PASSWORD_ONLY)).toBe(false);
    expect(hasSecondFactor({ signedInWith: "password" })).toBe(false);
    expect(hasSecondFactor({ signedInWith: "password", secondFactorAt: AT })).toBe(true);
    expect(hasSecondFactor({ signedInWith: "passkey", secondFactorAt: null })).toBe(true);
  });

  it("a temporary access pass is no second factor until a method is passed", () => {
    expect(hasSecondFactor({ signedInWith: "access_pass", secondFactorAt: null })).toBe(false);
    expect(hasSecondFactor({ signedInWith: "access_pass", secondFactorAt: AT })).toBe(true);
  });

  it("a registered admin without the second factor is sent to it; with it, in", () => {
    expect(adminEntryOf({ session: PASSWORD_ONLY, readiness: REGISTERED })).toBe("second_factor");
    expect(adminEntryOf({ session: { signedInWith: "passkey", secondFactorAt: null }, readiness: REGISTERED })).toBe(
      "open",
    );
  });

  it("an unregistered admin registers first, even with a passkey sign-in", () => {
    const one: EntryReadiness = {
      registered: false,
      registeredKinds: ["passkey"],
      addable: ["passkey", "totp", "email"],
      toRegister: 2,
    };
    expect(adminEntryOf({ session: { signedInWith: "passkey", secondFactorAt: null }, readiness: one })).toBe(
      "register",
    );
  });

  it("an admin this build cannot register is told so rather than sent round in circles", () => {
    const stuck: EntryReadiness = { registered: false, registeredKinds: [], addable: ["email"], toRegister: 2 };
    expect(adminEntryOf({ session: PASSWORD_ONLY, readiness: stuck })).toBe("cannot_register");
  });
});
