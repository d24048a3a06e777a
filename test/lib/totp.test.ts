/** TOTP (SPEC §4.4): RFC 6238's SHA-1 vectors, the ±1 step window, the replay rule, the secret's text forms. */
import { describe, expect, it } from "vitest";
import {
  base32Groups,
  base32Secret,
  matchTotp,
  matchTotpAmong,
  newTotpSecret,
  otpauthUri,
  TOTP_SECRET_BYTES,
  totpCodeAt,
  totpCodeForStep,
  totpStep,
} from "../../src/lib/crypto/totp.js";
import type { Random } from "../../src/lib/random.js";

/** RFC 6238 Appendix B's SHA-1 seed: the ASCII of "12345678901234567890" (20 bytes). */
const RFC_SEED = new TextEncoder().encode("12345678901234567890");

/** RFC 6238 Appendix B, SHA-1 rows: Unix time in seconds → the 8-digit TOTP. */
const RFC_VECTORS: readonly (readonly [number, string])[] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

const at = (seconds: number): Date => new Date(seconds * 1000);

/** A Random that hands out 0, 1, 2, … as bytes, so a secret is predictable. */
function countingRandom(): Random {
  let next = 0;
  return {
    bytes: (count) => Uint8Array.from({ length: count }, () => next++ % 256),
    integerBelow: (maxExclusive) => next++ % maxExclusive,
  };
}

describe("TOTP codes", () => {
  it.each(RFC_VECTORS)("gives RFC 6238's 8-digit SHA-1 code at %i s", (seconds, code) => {
    expect(totpCodeAt(RFC_SEED, at(seconds), 8)).toBe(code);
  });

  it.each(RFC_VECTORS)("gives the last 6 digits of RFC 6238's code at %i s (the 6-digit variant)", (seconds, code) => {
    expect(totpCodeAt(RFC_SEED, at(seconds))).toBe(code.slice(-6));
  });

  it("counts 30-second steps from the epoch (T0 = 0, X = 30), as RFC 6238's table does", () => {
    expect(totpStep(at(59))).toBe(1);
    expect(totpStep(at(1111111109))).toBe(0x23523ec);
    expect(totpStep(at(1111111111))).toBe(0x23523ed);
    expect(totpStep(at(20000000000))).toBe(0x27bc86aa);
  });

  it("moves to the next step exactly on a 30-second boundary", () => {
    expect(totpStep(new Date(29_999))).toBe(0);
    expect(totpStep(new Date(30_000))).toBe(1);
  });

  it("keeps leading zeros (RFC's 07081804)", () => {
    expect(totpCodeForStep(RFC_SEED, 0x23523ec, 8)).toBe("07081804");
  });
});

describe("matchTotp", () => {
  const now = at(1111111111); // step 0x23523ed, code 050471
  const step = totpStep(now);
  const codeOf = (offset: number): string => totpCodeForStep(RFC_SEED, step + offset);

  it("accepts the current step's code and names the step to store", () => {
    expect(matchTotp(RFC_SEED, "050471", now, null)).toEqual({ outcome: "accepted", step });
  });

  it("accepts the previous and the next step (±30 s), and nothing further out", () => {
    expect(matchTotp(RFC_SEED, codeOf(-1), now, null)).toEqual({ outcome: "accepted", step: step - 1 });
    expect(matchTotp(RFC_SEED, codeOf(1), now, null)).toEqual({ outcome: "accepted", step: step + 1 });
    expect(matchTotp(RFC_SEED, codeOf(-2), now, null)).toEqual({ outcome: "wrong" });
    expect(matchTotp(RFC_SEED, codeOf(2), now, null)).toEqual({ outcome: "wrong" });
  });

  it("threat: a TOTP step cannot be replayed (a step at or before the last accepted one is refused, SND-207)", () => {
    const first = matchTotp(RFC_SEED, codeOf(0), now, null);
    expect(first).toEqual({ outcome: "accepted", step });
    expect(matchTotp(RFC_SEED, codeOf(0), now, step)).toEqual({ outcome: "replayed", step });
    // Ten seconds later the same code is still inside the window, and still refused.
    expect(matchTotp(RFC_SEED, codeOf(0), at(1111111121), step)).toEqual({ outcome: "replayed", step });
    // An earlier step than the stored one is refused too: steps only move forward.
    expect(matchTotp(RFC_SEED, codeOf(-1), now, step)).toEqual({ outcome: "replayed", step: step - 1 });
  });

  it("accepts the next step after the current one was used", () => {
    expect(matchTotp(RFC_SEED, codeOf(1), now, step)).toEqual({ outcome: "accepted", step: step + 1 });
  });

  it("refuses a wrong code, a short or long one, and anything not digits", () => {
    const wrong = String((Number(codeOf(0)) + 1) % 1_000_000).padStart(6, "0");
    for (const typed of [wrong, "05047", "0504711", "05o471", "", "      ", "０５０４７１"])
      expect(matchTotp(RFC_SEED, typed, now, null)).toEqual({ outcome: "wrong" });
  });

  it("tolerates the space or dash an app shows in the middle, and spaces around", () => {
    expect(matchTotp(RFC_SEED, " 050 471 ", now, null)).toEqual({ outcome: "accepted", step });
    expect(matchTotp(RFC_SEED, "050-471", now, null)).toEqual({ outcome: "accepted", step });
  });

  it("checks 8-digit codes when asked to (RFC 6238's own form)", () => {
    expect(matchTotp(RFC_SEED, "14050471", now, null, 8)).toEqual({ outcome: "accepted", step });
    expect(matchTotp(RFC_SEED, "050471", now, null, 8)).toEqual({ outcome: "wrong" });
  });

  it("does not accept another secret's code", () => {
    const other = new TextEncoder().encode("abcdefghijabcdefghij");
    const code = totpCodeAt(other, now);
    const result = matchTotp(RFC_SEED, code, now, null);
    // Two secrets can share a code by chance; these two do not at this time.
    expect(code).not.toBe(codeOf(0));
    expect(result).toEqual({ outcome: "wrong" });
  });
});

describe("the secret's forms", () => {
  it("draws 20 bytes for a new secret", () => {
    const secret = newTotpSecret(countingRandom());
    expect(secret).toHaveLength(TOTP_SECRET_BYTES);
    expect([...secret]).toEqual(Array.from({ length: 20 }, (_, index) => index));
  });

  it("writes RFC 4648 base32 without padding (RFC 4648 §10's vector, and the RFC 6238 seed)", () => {
    expect(base32Secret(new TextEncoder().encode("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Secret(RFC_SEED)).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  });

  it("groups the 32 characters in eight groups of 4", () => {
    expect(base32Groups(RFC_SEED)).toBe("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
  });

  it("builds SPEC §4.4's otpauth URI, percent-encoding organisation and user id", () => {
    expect(otpauthUri({ org: "Contoh Corp", userId: "budi@contoh.co.id", secret: RFC_SEED })).toBe(
      "otpauth://totp/Contoh%20Corp:budi%40contoh.co.id?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" +
        "&issuer=Contoh%20Corp&algorithm=SHA1&digits=6&period=30",
    );
    const unicode = otpauthUri({ org: "PT Sejahtera – Café", userId: "budi", secret: RFC_SEED });
    expect(unicode.startsWith("otpauth://totp/PT%20Sejahtera%20%E2%80%93%20Caf%C3%A9:budi?")).toBe(true);
    const uri = otpauthUri({ org: "A&B:C?", userId: "x/y#z", secret: RFC_SEED });
    expect(uri.startsWith("otpauth://totp/A%26B%3AC%3F:x%2Fy%23z?secret=")).toBe(true);
    expect(uri).toContain("&issuer=A%26B%3AC%3F&");
  });
});

describe("matchTotpAmong (a gate tries every app of the user)", () => {
  const now = at(1111111111);
  const step = totpStep(now);
  const appA = new TextEncoder().encode("abcdefghijabcdefghij");
  const appB = RFC_SEED;

  it("finds the app whose code was typed, whichever place it has", () => {
    const code = totpCodeAt(appB, now);
    const candidates = [
      { secret: appA, lastAcceptedStep: null },
      { secret: appB, lastAcceptedStep: null },
    ];
    expect(matchTotpAmong(candidates, code, now)).toEqual({ index: 1, match: { outcome: "accepted", step } });
  });

  it("reports a replay on one app (SND-207), and no match at all as wrong with index -1", () => {
    const code = totpCodeAt(appB, now);
    expect(matchTotpAmong([{ secret: appB, lastAcceptedStep: step }], code, now)).toEqual({
      index: 0,
      match: { outcome: "replayed", step },
    });
    expect(matchTotpAmong([{ secret: appA, lastAcceptedStep: null }], "000000", now, 5)).toEqual({
      index: -1,
      match: { outcome: "wrong" },
    });
  });

  it("never matches a padding secret: a user with no app gets wrong, even for the all-zero secret's code", () => {
    const zeroSecretCode = totpCodeAt(new Uint8Array(20), now);
    expect(matchTotpAmong([], zeroSecretCode, now, 5)).toEqual({ index: -1, match: { outcome: "wrong" } });
  });

  it("prefers an acceptance on a later app over a replay on an earlier one (two apps with the same secret)", () => {
    const code = totpCodeAt(appB, now);
    const candidates = [
      { secret: appB, lastAcceptedStep: step },
      { secret: appB, lastAcceptedStep: null },
    ];
    expect(matchTotpAmong(candidates, code, now)).toEqual({ index: 1, match: { outcome: "accepted", step } });
  });
});
