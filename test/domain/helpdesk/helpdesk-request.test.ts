/** The contact form's fields (SPEC §6.9), and `helpdesk.mode` in the policy (SPEC §3, V8). */
import { describe, expect, it } from "vitest";
import {
  checkHelpdeskRequest,
  MESSAGE_MAX_CHARACTERS,
  messageLength,
  normaliseSupportCode,
} from "../../../src/domain/helpdesk/helpdesk-request.js";
import { applyPolicySetting } from "../../../src/domain/policies/policy-setting.js";
import { DEFAULT_POLICY } from "../../../src/domain/policies/sspr-policy.js";
import { METHOD_IDS } from "../../../src/domain/methods.js";
import { helpdeskContactOf } from "../../../src/domain/helpdesk/helpdesk-contact.js";

/** Every method: the default policy enables several, and only the helpdesk settings are under test. */
const ALL = [...METHOD_IDS];

const FIELDS = {
  replyTo: " Budi@Mail.Example ",
  userId: " Budi@Contoh.Example ",
  supportCode: "",
  message: "Help\r\nme",
};

describe("the contact form's fields", () => {
  it("are normalised: addresses and IDs lower-cased and trimmed, line breaks as \\n, no support code as null", () => {
    expect(checkHelpdeskRequest(FIELDS)).toEqual({
      ok: true,
      value: { replyTo: "budi@mail.example", userId: "budi@contoh.example", supportCode: null, message: "Help\nme" },
    });
  });

  it("are refused together, each with its problem", () => {
    const refused = checkHelpdeskRequest({ replyTo: "", userId: "budi", supportCode: "K7QF-2M9", message: "   " });
    expect(refused).toEqual({
      ok: false,
      problems: [
        { field: "replyTo", problem: "missing" },
        { field: "userId", problem: "invalid" },
        { field: "supportCode", problem: "invalid" },
        { field: "message", problem: "missing" },
      ],
    });
  });

  it("take 1,000 characters as a reader counts them (graphemes, CR LF as one) and refuse one more", () => {
    expect(MESSAGE_MAX_CHARACTERS).toBe(1000);
    expect(messageLength("a\r\nb😀")).toBe(4);
    expect(messageLength("👍🏽 ok")).toBe(4);
    expect(checkHelpdeskRequest({ ...FIELDS, message: "😀".repeat(1000) }).ok).toBe(true);
    expect(checkHelpdeskRequest({ ...FIELDS, message: "a\r\n".repeat(500) }).ok).toBe(true);
    expect(checkHelpdeskRequest({ ...FIELDS, message: "😀".repeat(1001) })).toEqual({
      ok: false,
      problems: [{ field: "message", problem: "too_long", characters: 1001 }],
    });
  });

  it("read a support code in any case, with or without its dash, and refuse what no flow issues", () => {
    expect(normaliseSupportCode(" k7qf2m9d ")).toBe("K7QF-2M9D");
    expect(normaliseSupportCode("K7QF-2M9D")).toBe("K7QF-2M9D");
    expect(normaliseSupportCode("K0QF-2M9D")).toBeNull(); // no 0, O, 1 or I in support codes
    expect(normaliseSupportCode("K7QF-2M9D-X")).toBeNull();
  });
});

describe("helpdesk.mode", () => {
  it("defaults to the form, which needs no target", () => {
    expect(DEFAULT_POLICY.helpdesk).toEqual({ mode: "form", target: null });
  });

  it("`policy set helpdesk.mode form` works from any mode; the form's fallback target may be an address or a URL", () => {
    const url = applyPolicySetting(
      { ...DEFAULT_POLICY, helpdesk: { mode: "url", target: "https://help.example.org" } },
      "helpdesk.mode",
      "form",
      ALL,
    );
    expect(url.ok && url.value.helpdesk).toEqual({ mode: "form", target: "https://help.example.org" });
    const address = applyPolicySetting(DEFAULT_POLICY, "helpdesk.target", "it@example.org", ALL);
    expect(address.ok).toBe(true);
  });

  it("keeps V8: a target must be an https URL or an address, and URL and email modes each want their own kind", () => {
    const bad = applyPolicySetting(DEFAULT_POLICY, "helpdesk.target", "http://help.example.org", ALL);
    expect(bad.violations?.map((violation) => violation.rule)).toEqual(["V8"]);
    const mismatched = applyPolicySetting(
      { ...DEFAULT_POLICY, helpdesk: { mode: "form", target: "it@example.org" } },
      "helpdesk.mode",
      "url",
      ALL,
    );
    expect(mismatched.violations?.map((violation) => violation.rule)).toEqual(["V8"]);
    expect(applyPolicySetting(DEFAULT_POLICY, "helpdesk.mode", "chat", ALL).ok).toBe(false);
  });
});

describe("the helpdesk a notice names", () => {
  it("is the contact form's address in form mode, and the target in URL and email mode", () => {
    const base = "https://sandi.contoh.example";
    expect(helpdeskContactOf({ mode: "form", target: "it@example.org" }, base)).toBe(`${base}/help/contact`);
    expect(helpdeskContactOf({ mode: "email", target: "it@example.org" }, base)).toBe("it@example.org");
    expect(helpdeskContactOf({ mode: "url", target: null }, base)).toBe("");
  });
});
