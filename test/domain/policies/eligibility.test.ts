/** SPEC §6.3 checks 4–9 as one function that agrees with the readiness panel (SPEC §5.3). */
import { describe, expect, it } from "vitest";
import type { MethodId, RegistrableKind } from "../../../src/domain/methods.js";
import { checkEligibility } from "../../../src/domain/policies/eligibility.js";
import { DEFAULT_POLICY, type SsprPolicy } from "../../../src/domain/policies/sspr-policy.js";
import type { VerifiedMethod } from "../../../src/domain/ports.js";
import { readinessOf } from "../../../src/domain/registration/readiness.js";
import type { UserAccount } from "../../../src/domain/users.js";

const NOW = new Date("2026-12-06T10:00:00Z");
const GATES: RegistrableKind[] = ["passkey", "totp", "sms", "voice_office", "email", "recovery_code", "questions"];
const POLICY: SsprPolicy = {
  ...DEFAULT_POLICY,
  scope: "all",
  methodsToRegister: 2,
  methods: { ...DEFAULT_POLICY.methods, securityQuestions: true },
};

function user(overrides: Partial<UserAccount> = {}): UserAccount {
  return {
    entryId: "e1",
    directoryId: "builtin",
    ref: "e1",
    userId: "budi@contoh.example",
    email: null,
    displayName: "Budi",
    firstName: "Budi",
    lastName: "Santoso",
    enabled: true,
    passwordChangedAt: null,
    groups: [],
    adminLocked: false,
    securityHold: false,
    mustChangePassword: false,
    passwordCompromised: false,
    preferredLanguage: null,
    registration: "registered",
    roles: [],
    ...overrides,
  };
}

let next = 0;
function method(kind: MethodId, extra: Partial<VerifiedMethod> = {}): VerifiedMethod {
  next++;
  return {
    id: `m${String(next)}`,
    userRef: "e1",
    method: kind,
    value: "",
    label: null,
    createdAt: NOW,
    lastUsedAt: null,
    ...extra,
  };
}
const questions = method("questions", { details: { answers: [{}, {}, {}, {}, {}] } });

describe("eligibility (SPEC §6.3)", () => {
  it("a member of a protected-accounts group gets an inert flow with SND-109 (check 8)", () => {
    const policy = { ...POLICY, protectedGroups: ["Tier 0"] };
    const result = checkEligibility(user({ groups: ["Tier 0"] }), [method("email")], policy, GATES);
    expect(result).toMatchObject({ reason: "SND-109", inert: true });
  });

  it("checks run in SPEC's order: an out-of-scope protected user is reported out of scope (check 6 before 8)", () => {
    const policy: SsprPolicy = { ...POLICY, scope: "selected", scopeGroups: ["Staff"], protectedGroups: ["Tier 0"] };
    expect(checkEligibility(user({ groups: ["Tier 0"] }), [method("email")], policy, GATES).reason).toBe("SND-106");
  });

  it("scope and exclusion see the groups the directory returns, nested ones included", () => {
    const policy: SsprPolicy = {
      ...POLICY,
      scope: "selected",
      scopeGroups: ["All staff"],
      excludedGroups: ["Contractors"],
    };
    // The directory lists every group containing the user's own (Finance ⊂ All staff).
    expect(checkEligibility(user({ groups: ["All staff", "Finance"] }), [method("email")], policy, GATES).reason).toBe(
      null,
    );
    expect(
      checkEligibility(user({ groups: ["All staff", "Contractors", "Vendors"] }), [method("email")], policy, GATES)
        .reason,
    ).toBe("SND-106");
  });

  it("counts only kinds a gate of this build accepts: a registered app does not count where no gate takes it", () => {
    const methods = [method("totp")];
    expect(checkEligibility(user(), methods, POLICY, ["email"])).toMatchObject({ reason: "SND-107", inert: true });
    expect(checkEligibility(user(), methods, POLICY, GATES)).toMatchObject({ reason: null, inert: false });
  });

  it("a privileged user needs 2 usable kinds, and questions never count for them", () => {
    const admin = user({ roles: ["helpdesk_admin"] });
    const withQuestions = checkEligibility(
      admin,
      [method("email"), questions],
      { ...POLICY, admins: { ssprAllowed: true } },
      GATES,
    );
    expect(withQuestions).toMatchObject({ reason: "SND-107", inert: false, gatesRequired: 2, usableKinds: ["email"] });
    const withApp = checkEligibility(
      admin,
      [method("email"), method("totp")],
      { ...POLICY, admins: { ssprAllowed: true } },
      GATES,
    );
    expect(withApp).toMatchObject({ reason: null, gatesRequired: 2 });
  });

  it("two rows of one kind are one method: two apps do not make two gates", () => {
    const policy: SsprPolicy = { ...POLICY, methodsToReset: 2 };
    expect(checkEligibility(user(), [method("totp"), method("totp")], policy, GATES).reason).toBe("SND-107");
  });

  it("agrees with the readiness panel's Capable for every user it serves", () => {
    const cases: [UserAccount, VerifiedMethod[]][] = [
      [user(), [method("email")]],
      [user(), [questions]],
      [user({ roles: ["global_admin"] }), [method("email"), method("passkey")]],
      [user({ groups: ["Tier 0"] }), [method("email"), method("sms")]],
    ];
    const policy = { ...POLICY, protectedGroups: ["Tier 0"], admins: { ssprAllowed: true } };
    for (const [account, methods] of cases) {
      const eligibility = checkEligibility(account, methods, policy, GATES);
      const readiness = readinessOf({ user: account, methods, policy, available: GATES, gateKinds: GATES });
      expect(eligibility.reason === null).toBe(readiness.capable);
    }
  });

  it("an admin lock (SND-411) and a security hold (SND-306) make the flow inert before any policy check", () => {
    expect(checkEligibility(user({ adminLocked: true }), [method("email")], POLICY, GATES).reason).toBe("SND-411");
    expect(checkEligibility(user({ securityHold: true }), [method("email")], POLICY, GATES).reason).toBe("SND-306");
    expect(checkEligibility(null, [], POLICY, GATES)).toMatchObject({ reason: "SND-101", inert: true });
  });
});
