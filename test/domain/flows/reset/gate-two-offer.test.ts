/** Gate 2's list (SPEC §6.6 item 2), pure: the user's remaining usable methods of another kind, masked. */
import { describe, expect, it } from "vitest";
import {
  gateTwoOfferFor,
  keepGateTwoOffer,
  offerStepData,
  readGateTwoOffer,
} from "../../../../src/domain/flows/reset/gate-two-offer.js";
import { METHOD_IDS, type MethodId } from "../../../../src/domain/methods.js";
import { DEFAULT_POLICY } from "../../../../src/domain/policies/sspr-policy.js";
import type { VerifiedMethod } from "../../../../src/domain/ports.js";

function row(method: MethodId, value: string, label: string | null = null): VerifiedMethod {
  return { id: `${method}-${value}`, userRef: "u1", method, value, label, createdAt: new Date(0), lastUsedAt: null };
}

const ROWS = [
  row("sms", "+6281234567812"),
  row("voice_office", "+622157901234"),
  row("email", "budi.santoso@gmail.com"),
  row("totp", "", "Pixel 8"),
  row("totp", "", "Work phone"),
  row("passkey", "", null),
  row("questions", ""),
];

const offer = (passed: MethodId[], options: { privileged?: boolean; rows?: VerifiedMethod[] } = {}) =>
  gateTwoOfferFor({
    available: METHOD_IDS,
    passed,
    rows: options.rows ?? ROWS,
    privileged: options.privileged ?? false,
    policy: DEFAULT_POLICY,
  });

describe("gate 2's offer", () => {
  it("gate 2 cannot reuse gate 1's kind: after a call to the mobile, neither the text nor the call is offered", () => {
    const { methods } = offer(["voice_mobile"]);
    expect(methods).not.toContain("sms");
    expect(methods).not.toContain("voice_mobile");
    expect(methods).toEqual(["passkey", "totp", "voice_office", "email", "questions"]);
  });

  it("masks each target as SPEC §4.2 shows it in a flow: the last two digits, b***@g***.com, the apps' labels", () => {
    const { masks } = offer(["passkey"]);
    expect(masks).toEqual({
      totp: "Pixel 8, Work phone",
      sms: "••• 12",
      voice_mobile: "••• 12",
      voice_office: "••• 34",
      email: "b***@g***.com",
    });
  });

  it("names a passkey by its label; several passkeys are one choice: the first label and how many more", () => {
    const email = row("email", "a@b.example");
    const passkeys = (...labels: (string | null)[]) =>
      offer(["email"], {
        rows: [email, ...labels.map((label, i) => ({ ...row("passkey", ""), id: `pk${i}`, label }))],
      });
    expect(passkeys("YubiKey 5")).toMatchObject({ methods: ["passkey"], masks: { passkey: "YubiKey 5" }, more: {} });
    expect(passkeys(null, "YubiKey 5", "Laptop")).toMatchObject({
      methods: ["passkey"],
      masks: { passkey: "YubiKey 5" },
      more: { passkey: 2 },
    });
    // Unlabelled passkeys: still one choice, in the generic words.
    expect(passkeys(null, "")).toEqual({ methods: ["passkey"], masks: {}, more: {} });
  });

  it("lists only methods the user has: no row, no offer", () => {
    expect(offer(["email"], { rows: [row("email", "a@b.example"), row("sms", "+6281234567812")] }).methods).toEqual([
      "sms",
      "voice_mobile",
    ]);
  });

  it("never offers questions to a privileged user", () => {
    expect(offer(["email"], { privileged: true }).methods).not.toContain("questions");
    expect(offer(["email"], { privileged: false }).methods).toContain("questions");
  });

  it("never offers a phone the policy's countries no longer allow (O2: it would never be dialled)", () => {
    const rows = [row("email", "a@b.example"), row("sms", "+14155552671")];
    expect(offer(["email"], { rows }).methods).toEqual([]);
  });

  it("keeps only what the build offers, in SPEC §6.4's order", () => {
    const only = gateTwoOfferFor({
      available: ["sms", "email"],
      passed: ["email"],
      rows: ROWS,
      privileged: false,
      policy: DEFAULT_POLICY,
    });
    expect(only.methods).toEqual(["sms"]);
  });

  it("round-trips through step data, and survives a gate-2 method's own step data", () => {
    const withPasskeys = [...ROWS, { ...row("passkey", ""), id: "pk1", label: "YubiKey 5" }];
    const several = offer(["email"], { rows: withPasskeys });
    expect(several.more).toEqual({ passkey: 1 });
    expect(readGateTwoOffer(offerStepData(several))).toEqual(several);
    const saved = offerStepData(offer(["email"]));
    expect(readGateTwoOffer(saved)).toEqual(offer(["email"]));
    const during = keepGateTwoOffer(saved, { maskedTarget: "••• 12" });
    expect(during?.["maskedTarget"]).toBe("••• 12");
    expect(readGateTwoOffer(keepGateTwoOffer(during, null))).toEqual(offer(["email"]));
    expect(readGateTwoOffer(null)).toBeNull();
    expect(keepGateTwoOffer(null, null)).toBeNull();
  });
});
