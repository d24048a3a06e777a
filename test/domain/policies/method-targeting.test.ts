/** Per-method targeting: one decision (methodsOnFor) that registration, the gates and the troubleshooter share. */
import { describe, expect, it } from "vitest";
import type { MethodId, RegistrableKind } from "../../../src/domain/methods.js";
import { checkEligibility } from "../../../src/domain/policies/eligibility.js";
import {
  checkMethodTargets,
  EVERYONE,
  formatMethodTarget,
  methodsOnFor,
  parseMethodTarget,
  policyAsSeenBy,
} from "../../../src/domain/policies/method-targeting.js";
import { checkPolicy, DEFAULT_POLICY, type SsprPolicy } from "../../../src/domain/policies/sspr-policy.js";
import type { VerifiedMethod } from "../../../src/domain/ports.js";
import { readinessOf } from "../../../src/domain/registration/readiness.js";
import { targetedEligibility } from "../../../src/domain/flows/reset/flow-eligibility.js";
import { methods as methodsCheck } from "../../../src/domain/troubleshoot/method-checks.js";
import type { DiagnosisFacts } from "../../../src/domain/troubleshoot/diagnosis-facts.js";
import type { UserAccount } from "../../../src/domain/users.js";

const NOW = new Date("2026-12-14T09:00:00Z");
const KINDS: RegistrableKind[] = ["passkey", "totp", "sms", "voice_office", "email", "recovery_code", "questions"];
const ALL_IDS: MethodId[] = ["passkey", "totp", "sms", "voice_mobile", "voice_office", "email", "recovery_code"];

/** SMS only for the pilot group, and never for contractors; email for everyone but contractors. */
const TARGETED: SsprPolicy = {
  ...DEFAULT_POLICY,
  scope: "all",
  methodTargets: {
    ...DEFAULT_POLICY.methodTargets,
    mobileSms: { target: "groups", groups: ["Pilot SSPR"], excludedGroups: ["Contractors"] },
    email: { target: "everyone", groups: [], excludedGroups: ["Contractors"] },
  },
};

function user(groups: string[], roles: UserAccount["roles"] = []): UserAccount {
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
    groups,
    adminLocked: false,
    securityHold: false,
    mustChangePassword: false,
    passwordCompromised: false,
    preferredLanguage: null,
    registration: "registered",
    roles,
  };
}

function row(method: MethodId): VerifiedMethod {
  return { id: `m-${method}`, userRef: "e1", method, value: "", label: null, createdAt: NOW, lastUsedAt: null };
}

describe("methodsOnFor", () => {
  it("a policy saved before targeting (everyone, no exclusions) turns every switched-on method on for anyone", () => {
    expect(methodsOnFor(DEFAULT_POLICY, [])).toEqual(["passkey", "totp", "sms", "email", "recovery_code"]);
  });

  it("a method aimed at a group is on only for its members, nested membership included", () => {
    expect(methodsOnFor(TARGETED, ["Staf"])).not.toContain("sms");
    // The directory lists every group containing the user: Pilot SSPR holds the user's own team.
    expect(methodsOnFor(TARGETED, ["Tim Jakarta", "Pilot SSPR"])).toContain("sms");
  });

  it("exclusion wins over inclusion, for everyone-methods and group-methods alike", () => {
    const on = methodsOnFor(TARGETED, ["Pilot SSPR", "Contractors"]);
    expect(on).not.toContain("sms");
    expect(on).not.toContain("email");
    expect(on).toContain("passkey");
  });

  it("a switch that is off stays off whatever its target says", () => {
    const policy = { ...TARGETED, methods: { ...TARGETED.methods, mobileSms: false } };
    expect(methodsOnFor(policy, ["Pilot SSPR"])).not.toContain("sms");
  });

  it("policyAsSeenBy narrows the switches for an ordinary user and leaves them for a privileged one", () => {
    expect(policyAsSeenBy(TARGETED, user(["Staf"])).methods.mobileSms).toBe(false);
    expect(policyAsSeenBy(TARGETED, user(["Staf"], ["helpdesk_admin"])).methods.mobileSms).toBe(true);
  });
});

describe("the places that ask whether a method is on for a user", () => {
  it("registration: a user outside a method's groups may not add it; a member may", () => {
    const outside = readinessOf({ user: user(["Staf"]), methods: [], policy: TARGETED, available: KINDS });
    const inside = readinessOf({ user: user(["Pilot SSPR"]), methods: [], policy: TARGETED, available: KINDS });
    expect(outside.addable).not.toContain("sms");
    expect(inside.addable).toContain("sms");
  });

  it("reset: a phone registered by a user outside SMS's groups does not count toward Capable", () => {
    const verified = [row("sms"), row("email")];
    const policy = { ...TARGETED, methodsToReset: 2 as const };
    expect(checkEligibility(user(["Staf"]), verified, policy, KINDS)).toMatchObject({ reason: "SND-107" });
    expect(checkEligibility(user(["Pilot SSPR"]), verified, policy, KINDS)).toMatchObject({ reason: null });
  });

  it("reset: proving a method not aimed at the user passes no gate", () => {
    const eligibility = checkEligibility(user(["Staf"]), [row("sms"), row("email")], TARGETED, KINDS);
    expect(eligibility.reason).toBeNull();
    expect(targetedEligibility(eligibility, "sms").reason).toBe("SND-107");
    expect(targetedEligibility(eligibility, "email").reason).toBeNull();
  });

  it("troubleshooter: the phone of a user outside SMS's groups is reported as not enabled", () => {
    const facts = {
      policy: TARGETED,
      gateKinds: KINDS,
      now: NOW,
      account: { user: user(["Staf"]), methods: [{ ...row("sms"), value: "+6281234567812" }] },
    } as unknown as DiagnosisFacts;
    const result = methodsCheck(facts);
    expect(result.status).toBe("fail");
    expect(result.findings.map((finding) => finding.fact)).toContain("method_not_enabled");
  });
});

describe("targeting rules and the console's syntax", () => {
  it("a switched-on method aimed at groups must name one (blocks the save)", () => {
    const policy = {
      ...DEFAULT_POLICY,
      methodTargets: { ...DEFAULT_POLICY.methodTargets, passkey: { ...EVERYONE, target: "groups" as const } },
    };
    expect(checkMethodTargets(policy)).toEqual([expect.objectContaining({ path: "methodTargets.passkey" })]);
    expect(checkPolicy(policy, ALL_IDS).map((violation) => violation.path)).toContain("methodTargets.passkey");
  });

  it("reads and writes `everyone`, `A,B` and `… except C`", () => {
    expect(parseMethodTarget("everyone")).toEqual(EVERYONE);
    expect(parseMethodTarget("Pilot SSPR, Staf except Contractors")).toEqual({
      target: "groups",
      groups: ["Pilot SSPR", "Staf"],
      excludedGroups: ["Contractors"],
    });
    expect(parseMethodTarget("")).toBeUndefined();
    const target = parseMethodTarget("everyone except Contractors");
    expect(target && formatMethodTarget(target)).toBe("everyone except Contractors");
  });
});
