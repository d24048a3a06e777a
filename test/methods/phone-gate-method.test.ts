/** The phone gates as methods: how a typed number is read without a country picker, and when each is registered. */
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../src/domain/policies/sspr-policy.js";
import { createPhoneGateMethod, phoneGateMethods } from "../../src/methods/phone/phone-gate-method.js";
import { readGatePhone } from "../../src/methods/phone/phone-gate-number.js";
import { createSecureRandom } from "../../src/lib/random.js";

const deps = {
  codeKeys: { currentId: "k1", get: () => new Uint8Array(32).fill(7) },
  random: createSecureRandom(),
};
const HOME_62 = { allowedPhoneCountries: ["62", "60"] };

describe("a number typed at a phone gate", () => {
  it("is read as international with + or 00, and as national to the home country (the first allowed) otherwise", () => {
    for (const typed of ["+62 812-3456-7812", "0062 812 3456 7812", "0812 3456 7812", "(0812) 3456.7812"])
      expect(readGatePhone(typed, HOME_62), typed).toBe("+6281234567812");
  });

  it("keeps a number of another country typed with its code, whatever the policy allows (O2 is checked at the send)", () => {
    expect(readGatePhone("+1 415 555 2671", HOME_62)).toBe("+14155552671");
  });

  it("refuses what is not a number: letters, a second +, too short, too long", () => {
    for (const typed of ["budi", "+62+812", "0812", "+62 812 3456 7812 9999 99", ""])
      expect(readGatePhone(typed, HOME_62), typed).toBeNull();
  });

  it("asks the flow to send to the typed number, or says the field is invalid; `address` works as the API's name", () => {
    const sms = createPhoneGateMethod("sms", deps);
    expect(sms.submit("enter_contact", { phone: "0812 3456 7812" }, DEFAULT_POLICY)).toEqual({
      kind: "send_code",
      contact: "+6281234567812",
    });
    expect(sms.submit("enter_contact", { address: "+6281234567812" }, DEFAULT_POLICY)).toMatchObject({
      contact: "+6281234567812",
    });
    expect(sms.submit("enter_contact", { phone: "x" }, DEFAULT_POLICY)).toEqual({
      kind: "invalid",
      notice: "contact_invalid",
    });
    expect(sms.submit("enter_code", { code: "12 34 56" }, DEFAULT_POLICY)).toEqual({
      kind: "check",
      proof: { code: "123456" },
    });
  });

  it("counts sends in A2, codes of 6 digits, by text or by call, and never sends at gate 2 without the number", async () => {
    const office = createPhoneGateMethod("voice_office", deps);
    expect(office.delivery).toMatchObject({ channel: "voice", sendCounter: "A2" });
    expect(office.codeLength(DEFAULT_POLICY)).toBe(6);
    const target = {
      id: "o1",
      userRef: "u1",
      method: "voice_office" as const,
      value: "+622157901234",
      label: null,
      createdAt: new Date(0),
      lastUsedAt: null,
    };
    const opening = await office.begin({
      flowId: "f1",
      gate: 2,
      typedUserId: "budi@contoh.example",
      userRef: "u1",
      targets: [target],
      policy: DEFAULT_POLICY,
      lang: "en",
      now: new Date(0),
    });
    expect(opening).toEqual({ firstStep: "enter_contact", challenge: null, stepData: { maskedTarget: "••• 34" } });
  });
});

describe("which phone gates a build registers", () => {
  const ids = (channels: { sms: boolean; voice: boolean }) => phoneGateMethods(channels, deps).map((m) => m.id);

  it("registers none without a channel: a gate that can never deliver is not offered", () => {
    expect(ids({ sms: false, voice: false })).toEqual([]);
  });

  it("registers texts with an SMS channel, and both calls with a voice channel", () => {
    expect(ids({ sms: true, voice: false })).toEqual(["sms"]);
    expect(ids({ sms: false, voice: true })).toEqual(["voice_mobile", "voice_office"]);
    expect(ids({ sms: true, voice: true })).toEqual(["sms", "voice_mobile", "voice_office"]);
  });
});
