/** SPEC §5.3: Registered, Enabled, Capable for ordinary and privileged users, and SPEC §5.2's interrupt. */
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, type SsprPolicy } from "../../../src/domain/policies/sspr-policy.js";
import type { VerifiedMethod } from "../../../src/domain/ports.js";
import { interruptFor } from "../../../src/domain/registration/interrupt.js";
import { readinessOf } from "../../../src/domain/registration/readiness.js";
import { freshnessOf } from "../../../src/domain/registration/step-up.js";
import type { MethodId, RegistrableKind } from "../../../src/domain/methods.js";

const NOW = new Date("2026-12-06T10:00:00Z");
const ALL: RegistrableKind[] = ["passkey", "totp", "sms", "voice_office", "email", "recovery_code", "questions"];
const POLICY: SsprPolicy = {
  ...DEFAULT_POLICY,
  scope: "all",
  methodsToRegister: 2,
  methods: {
    ...DEFAULT_POLICY.methods,
    email: true,
    mobileSms: true,
    authenticatorApp: true,
    securityQuestions: true,
    recoveryCodes: true,
  },
};
const USER = { enabled: true, groups: [] as string[], roles: [] as never[] };
const ADMIN = { ...USER, roles: ["helpdesk_admin"] as const };

let id = 0;
function method(kind: MethodId, extra: Partial<VerifiedMethod> = {}): VerifiedMethod {
  id++;
  return {
    id: `m${String(id)}`,
    userRef: "u",
    method: kind,
    value: "",
    label: null,
    createdAt: NOW,
    lastUsedAt: null,
    ...extra,
  };
}
const questions = (count: number) =>
  method("questions", { details: { answers: Array.from({ length: count }, () => ({})) } });

describe("readiness (SPEC §5.3)", () => {
  it("counts kinds, not rows: two authenticator apps are one method", () => {
    const readiness = readinessOf({
      user: USER,
      methods: [method("totp"), method("totp")],
      policy: POLICY,
      available: ALL,
    });
    expect(readiness).toMatchObject({ registered: false, partiallyRegistered: true, missing: 1, capable: true });
  });

  it("questions count for Registered at toRegister answers and for Capable at toReset", () => {
    const three = readinessOf({ user: USER, methods: [method("email"), questions(3)], policy: POLICY, available: ALL });
    expect(three.registeredKinds).toEqual(["email"]);
    expect(three.usableKinds).toEqual(["email", "questions"]);
    const five = readinessOf({ user: USER, methods: [method("email"), questions(5)], policy: POLICY, available: ALL });
    expect(five.registered).toBe(true);
  });

  it("a method the policy turns off does not count; a spent set of recovery codes does not either", () => {
    const off = { ...POLICY, methods: { ...POLICY.methods, mobileSms: false } };
    const spent = method("recovery_code", { counter: 10 });
    const readiness = readinessOf({
      user: USER,
      methods: [method("sms"), method("email"), spent],
      policy: off,
      available: ALL,
    });
    expect(readiness.registeredKinds).toEqual(["email"]);
  });

  it("privileged users need two non-question methods, get two gates, and never count questions", () => {
    const readiness = readinessOf({
      user: ADMIN,
      methods: [method("email"), questions(5)],
      policy: POLICY,
      available: ALL,
    });
    expect(readiness).toMatchObject({ privileged: true, registered: false, gatesRequired: 2, capable: false });
    expect(readiness.addable).not.toContain("questions");
    const ready = readinessOf({
      user: ADMIN,
      methods: [method("email"), method("totp")],
      policy: POLICY,
      available: ALL,
    });
    expect(ready).toMatchObject({ registered: true, capable: true });
  });

  it("is not Enabled when disabled, out of scope, excluded, or an admin while admins.ssprAllowed is off", () => {
    const of = (user: typeof USER | typeof ADMIN, policy: SsprPolicy) =>
      readinessOf({ user, methods: [method("email"), method("totp")], policy, available: ALL }).notEnabledReason;
    expect(of({ ...USER, enabled: false }, POLICY)).toBe("SND-103");
    expect(of(USER, { ...POLICY, scope: "none" })).toBe("SND-104");
    expect(of(USER, { ...POLICY, scope: "selected", scopeGroups: ["Pilot"] })).toBe("SND-106");
    expect(of({ ...USER, groups: ["Kontraktor"] }, { ...POLICY, excludedGroups: ["Kontraktor"] })).toBe("SND-106");
    expect(of(ADMIN, { ...POLICY, admins: { ssprAllowed: false } })).toBe("SND-108");
  });
});

describe("the interrupt (SPEC §5.2)", () => {
  const account = (dates: Partial<{ firstPromptAt: Date; confirmedAt: Date; forcedAt: Date }>) => ({
    registrationDates: { firstPromptAt: null, confirmedAt: null, forcedAt: null, registeredAt: null, ...dates },
  });
  const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
  const readiness = (methods: VerifiedMethod[], user: typeof USER | typeof ADMIN = USER) =>
    readinessOf({ user, methods, policy: POLICY, available: ALL });

  it("asks an unregistered user, with the days of skipping left counted from the first interrupt", () => {
    expect(interruptFor({ readiness: readiness([]), account: account({}), policy: POLICY, now: NOW })).toEqual({
      show: true,
      mode: "register",
      skipDaysLeft: 7,
    });
    expect(
      interruptFor({
        readiness: readiness([]),
        account: account({ firstPromptAt: daysAgo(5) }),
        policy: POLICY,
        now: NOW,
      }),
    ).toMatchObject({ skipDaysLeft: 2 });
    expect(
      interruptFor({
        readiness: readiness([]),
        account: account({ firstPromptAt: daysAgo(8) }),
        policy: POLICY,
        now: NOW,
      }),
    ).toMatchObject({ skipDaysLeft: null });
  });

  it("reconfirms after reconfirmDays, forces with no skip after an admin's request, and forces privileged users", () => {
    const registered = readiness([method("email"), method("totp")]);
    expect(
      interruptFor({ readiness: registered, account: account({ confirmedAt: daysAgo(10) }), policy: POLICY, now: NOW }),
    ).toEqual({ show: false });
    expect(
      interruptFor({
        readiness: registered,
        account: account({ confirmedAt: daysAgo(181) }),
        policy: POLICY,
        now: NOW,
      }),
    ).toMatchObject({ mode: "reconfirm" });
    expect(
      interruptFor({ readiness: registered, account: account({ forcedAt: daysAgo(1) }), policy: POLICY, now: NOW }),
    ).toEqual({ show: true, mode: "forced", skipDaysLeft: null });
    expect(
      interruptFor({ readiness: readiness([method("email")], ADMIN), account: account({}), policy: POLICY, now: NOW }),
    ).toEqual({ show: true, mode: "forced", skipDaysLeft: null });
  });

  it("never shows an interrupt the user cannot satisfy, nor one the policy turns off", () => {
    const onlyEmail = readinessOf({ user: USER, methods: [], policy: POLICY, available: ["email"] });
    expect(interruptFor({ readiness: onlyEmail, account: account({}), policy: POLICY, now: NOW })).toEqual({
      show: false,
    });
    const off = { ...POLICY, registration: { ...POLICY.registration, requiredAtSignIn: false } };
    expect(interruptFor({ readiness: readiness([]), account: account({}), policy: off, now: NOW })).toEqual({
      show: false,
    });
  });
});

describe("freshness before a change (SPEC §5.1)", () => {
  const session = (
    minutesAgo: number,
    extra: { signedInWith?: "password" | "passkey"; steppedUpAt?: Date | null } = {},
  ) => ({
    createdAt: new Date(NOW.getTime() - minutesAgo * 60_000),
    signedInWith: extra.signedInWith ?? ("password" as const),
    steppedUpAt: extra.steppedUpAt ?? null,
  });
  it("a password sign-in is not enough once a non-question method exists; a passkey sign-in or a step-up is, for 10 minutes", () => {
    expect(freshnessOf(session(1), [method("email")], NOW)).toBe("step_up");
    expect(freshnessOf(session(1), [questions(5)], NOW)).toBe("fresh");
    expect(freshnessOf(session(11), [], NOW)).toBe("password");
    expect(freshnessOf(session(9, { signedInWith: "passkey" }), [method("passkey")], NOW)).toBe("fresh");
    expect(
      freshnessOf(session(30, { steppedUpAt: new Date(NOW.getTime() - 9 * 60_000) }), [method("email")], NOW),
    ).toBe("fresh");
    expect(
      freshnessOf(session(30, { steppedUpAt: new Date(NOW.getTime() - 11 * 60_000) }), [method("email")], NOW),
    ).toBe("step_up");
  });
});
