/** SPEC §3's validation on save, V1–V10, each at its level: a block refuses the save, a warning needs confirmation. */
import { describe, expect, it } from "vitest";
import type { MethodId } from "../../../src/domain/methods.js";
import { type ResetLoss, validatePolicy } from "../../../src/domain/policies/policy-validation.js";
import { DEFAULT_POLICY, type SsprPolicy } from "../../../src/domain/policies/sspr-policy.js";

const ALL: MethodId[] = [
  "passkey",
  "totp",
  "sms",
  "voice_mobile",
  "voice_office",
  "email",
  "questions",
  "recovery_code",
];
const PHONES = { sms: true, voice: true };
const BASE: SsprPolicy = { ...DEFAULT_POLICY, scope: "all" };

function check(policy: SsprPolicy, extra: { phones?: typeof PHONES; loss?: ResetLoss; available?: MethodId[] } = {}) {
  const result = validatePolicy(policy, {
    available: extra.available ?? ALL,
    phones: extra.phones ?? PHONES,
    loss: extra.loss ?? null,
  });
  return { blocks: result.blocks.map((f) => f.rule), warnings: result.warnings.map((f) => f.rule), result };
}

const only = (on: Partial<SsprPolicy["methods"]>): SsprPolicy["methods"] => ({
  email: false,
  mobileSms: false,
  mobileVoice: false,
  officeVoice: false,
  authenticatorApp: false,
  passkey: false,
  securityQuestions: false,
  recoveryCodes: false,
  ...on,
});

describe("policy validation V1–V10", () => {
  it("the defaults pass with neither block nor warning", () => {
    expect(check(BASE)).toMatchObject({ blocks: [], warnings: [] });
  });

  it("V1 blocks Selected scope without a group", () => {
    expect(check({ ...BASE, scope: "selected", scopeGroups: [] }).blocks).toContain("V1");
    expect(check({ ...BASE, scope: "selected", scopeGroups: ["Staf"] }).blocks).not.toContain("V1");
  });

  it("V2 blocks no method at all and warns below two", () => {
    expect(check({ ...BASE, methods: only({}), methodsToRegister: 1 }).blocks).toContain("V2");
    const one = check({ ...BASE, methods: only({ email: true }), methodsToRegister: 1 });
    expect(one.blocks).toEqual([]);
    expect(one.warnings).toContain("V2");
  });

  it("V3 blocks requiring more methods to register than are enabled", () => {
    expect(check({ ...BASE, methods: only({ email: true, passkey: true }), methodsToRegister: 3 }).blocks).toContain(
      "V3",
    );
  });

  it("V4 blocks security questions as the only method", () => {
    expect(check({ ...BASE, methods: only({ securityQuestions: true }), methodsToRegister: 1 }).blocks).toContain("V4");
  });

  it("V5 blocks toReset above toRegister", () => {
    const questions = { ...BASE.questions, toRegister: 3, toReset: 4 };
    expect(check({ ...BASE, questions }).blocks).toContain("V5");
  });

  it("V6 warns when texts or calls are on without a provider", () => {
    const none = { sms: false, voice: false };
    expect(check(BASE, { phones: none }).warnings).toContain("V6");
    expect(check({ ...BASE, methods: { ...BASE.methods, mobileSms: false } }, { phones: none }).warnings).not.toContain(
      "V6",
    );
  });

  it("V7 warns when fewer than two non-question methods can deliver, so admins cannot use SSPR", () => {
    const available: MethodId[] = ["sms", "questions", "email"];
    expect(check(BASE, { available, phones: { sms: false, voice: false } }).warnings).toContain("V7");
    expect(check(BASE, { available, phones: PHONES }).warnings).not.toContain("V7");
    const adminsOff = { ...BASE, admins: { ssprAllowed: false } };
    expect(check(adminsOff, { available, phones: { sms: false, voice: false } }).warnings).not.toContain("V7");
  });

  it("V8 blocks a helpdesk target that is neither an https URL nor an email address", () => {
    expect(check({ ...BASE, helpdesk: { mode: "url", target: "http://help.example" } }).blocks).toContain("V8");
    expect(check({ ...BASE, helpdesk: { mode: "url", target: "https://help.example" } }).blocks).toEqual([]);
  });

  it("V9 blocks a custom banned term outside 4–16 characters", () => {
    const password = { ...BASE.password, customBanned: ["abc"] };
    expect(check({ ...BASE, password }).blocks).toContain("V9");
  });

  it("V10 warns with the numbers when users who can reset today would lose it, and not when nobody would", () => {
    const losing = check(BASE, { loss: { users: 287, admins: 41 } });
    expect(losing.warnings).toContain("V10");
    expect(losing.result.warnings.find((f) => f.rule === "V10")?.values).toEqual({ count: 287, admins: 41 });
    expect(check(BASE, { loss: { users: 0, admins: 0 } }).warnings).not.toContain("V10");
  });
});
