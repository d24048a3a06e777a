/** Recovery codes: the set's shape, what is stored, how typed codes are read, and that one attempt is one HMAC. */
import { describe, expect, it, vi } from "vitest";
import {
  checkRecoveryCode,
  findRecoveryCode,
  generateRecoveryCodes,
  parseTypedRecoveryCode,
  RECOVERY_CODE_ALPHABET,
  RECOVERY_CODES_PER_SET,
  recoveryCodeHash,
  recoveryCodesRunningLow,
  recoveryCodesText,
  type HashedRecoveryCode,
  type TypedRecoveryCode,
} from "../../src/domain/recovery-codes.js";
import { createTranslator } from "../../src/i18n/i18n.js";
import * as sha256 from "../../src/lib/crypto/sha256.js";
import { createSecureRandom, type Random } from "../../src/lib/random.js";

vi.mock("../../src/lib/crypto/sha256.js", { spy: true });

const key = new Uint8Array(32).fill(9);
const otherKey = new Uint8Array(32).fill(10);
const CODE_SHAPE = /^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){4}$/;

/** A Random that gives `script` first, then 0, 1, 2, … */
function scriptedRandom(script: readonly number[]): Random {
  let index = 0;
  return {
    bytes: (count) => new Uint8Array(count),
    integerBelow: (maxExclusive) => {
      const value = index < script.length ? (script[index] ?? 0) : index - script.length;
      index++;
      return value % maxExclusive;
    },
  };
}

function parsed(code: string): TypedRecoveryCode {
  const result = parseTypedRecoveryCode(code);
  if (result === null) throw new Error(`not a code: ${code}`);
  return result;
}

describe("generateRecoveryCodes", () => {
  const set = generateRecoveryCodes(createSecureRandom(), key);

  it("makes 10 codes of 5 groups of 4 from the alphabet without 0, O, 1, I or L", () => {
    expect(set.display).toHaveLength(RECOVERY_CODES_PER_SET);
    for (const code of set.display) expect(code).toMatch(CODE_SHAPE);
    expect(RECOVERY_CODE_ALPHABET).toHaveLength(31);
    expect(RECOVERY_CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it("gives a secret of at least 60 bits (16 characters of 31)", () => {
    const secretLength = parsed(set.display[0] ?? "").secret.length;
    expect(secretLength * Math.log2(RECOVERY_CODE_ALPHABET.length)).toBeGreaterThanOrEqual(60);
  });

  it("stores the lookup id and HMAC-SHA-256(key, lookup:secret), never the secret", () => {
    set.display.forEach((code, index) => {
      const typed = parsed(code);
      const stored = set.stored[index];
      expect(stored?.lookup).toBe(typed.lookup);
      expect(stored?.secretHash).toEqual(sha256.hmacSha256(key, `${typed.lookup}:${typed.secret}`));
      expect(JSON.stringify({ ...stored, secretHash: [...(stored?.secretHash ?? [])] })).not.toContain(typed.secret);
    });
  });

  it("gives distinct lookup ids within a set, drawing again on a repeat", () => {
    expect(new Set(set.stored.map((code) => code.lookup)).size).toBe(RECOVERY_CODES_PER_SET);
    // The first code's lookup id is drawn again for the second code: it is drawn once more, so the set differs.
    const zeros = Array.from({ length: 24 }, () => 0);
    const repeated = generateRecoveryCodes(scriptedRandom(zeros), key);
    expect(repeated.stored.map((code) => code.lookup).slice(0, 2)).toEqual(["2222", "2345"]);
    expect(new Set(repeated.stored.map((code) => code.lookup)).size).toBe(RECOVERY_CODES_PER_SET);
  });

  it("gives a new set each time", () => {
    const again = generateRecoveryCodes(createSecureRandom(), key);
    expect(again.display.some((code) => set.display.includes(code))).toBe(false);
  });
});

describe("parseTypedRecoveryCode", () => {
  const code = "K7QM-XR4T-9HCW-P2ND-5FGA";
  const expected = { lookup: "K7QM", secret: "XR4T9HCWP2ND5FGA" };

  it.each([
    ["as shown", code],
    ["lower case", code.toLowerCase()],
    ["without dashes", "K7QMXR4T9HCWP2ND5FGA"],
    ["with spaces", "k7qm xr4t 9hcw p2nd 5fga"],
    ["spaces around and tabs", "  K7QM\tXR4T 9HCW-P2ND 5FGA \n"],
    ["with en dashes and dots", "K7QM–XR4T.9HCW‑P2ND—5FGA"],
    ["full-width from a phone keyboard", "Ｋ７ＱＭ－ＸＲ４Ｔ－９ＨＣＷ－Ｐ２ＮＤ－５ＦＧＡ"],
  ])("reads a code typed %s", (_, typed) => {
    expect(parseTypedRecoveryCode(typed)).toEqual(expected);
  });

  it.each([
    ["too short", "K7QM-XR4T-9HCW-P2ND-5FG"],
    ["too long", "K7QM-XR4T-9HCW-P2ND-5FGAA"],
    ["a zero", "K7QM-XR4T-9HCW-P2ND-5FG0"],
    ["an O", "K7QM-XR4T-9HCW-P2ND-5FGO"],
    ["a one", "K7QM-XR4T-9HCW-P2ND-5FG1"],
    ["an I or an L", "K7QM-XR4T-9HCW-P2ND-5FIL"],
    ["a symbol", "K7QM-XR4T-9HCW-P2ND-5FG*"],
    ["a TOTP code", "123456"],
    ["nothing", ""],
  ])("refuses %s before any hash", (_, typed) => {
    expect(parseTypedRecoveryCode(typed)).toBeNull();
  });
});

describe("checking a code", () => {
  const set = generateRecoveryCodes(createSecureRandom(), key);
  const first = set.stored[0] as HashedRecoveryCode;
  const typedFirst = parsed(set.display[0] ?? "");

  it("accepts the code a row was made from, and refuses it under another key", () => {
    expect(checkRecoveryCode(first, typedFirst, key)).toBe(true);
    expect(checkRecoveryCode(first, typedFirst, otherKey)).toBe(false);
  });

  it("refuses a code whose secret differs in one character", () => {
    const last = typedFirst.secret.at(-1) === "Z" ? "Y" : "Z";
    const changed = { lookup: typedFirst.lookup, secret: typedFirst.secret.slice(0, -1) + last };
    expect(checkRecoveryCode(first, changed, key)).toBe(false);
  });

  it("refuses one code's secret under another code's lookup id (the hash binds the two)", () => {
    const second = parsed(set.display[1] ?? "");
    expect(checkRecoveryCode(first, { lookup: first.lookup, secret: second.secret }, key)).toBe(false);
    expect(recoveryCodeHash(key, "AAAA", "B")).not.toEqual(recoveryCodeHash(key, "AAAAB", ""));
  });

  it("finds the matching unused code among the set with exactly one HMAC", () => {
    const hmac = vi.mocked(sha256.hmacSha256);
    hmac.mockClear();
    expect(findRecoveryCode(set.stored, parsed(set.display[7] ?? ""), key)).toBe(set.stored[7]);
    expect(hmac).toHaveBeenCalledTimes(1);
  });

  it("costs exactly one HMAC for a wrong secret and for an unknown lookup id alike, and finds nothing", () => {
    const hmac = vi.mocked(sha256.hmacSha256);
    hmac.mockClear();
    const wrong = { lookup: typedFirst.lookup, secret: "ABCDEFGHJKMNPQRS" };
    expect(findRecoveryCode(set.stored, wrong, key)).toBeNull();
    expect(hmac).toHaveBeenCalledTimes(1);
    const unknown = { lookup: "ZZZZ", secret: typedFirst.secret };
    const stored = set.stored.filter((code) => code.lookup !== "ZZZZ");
    expect(findRecoveryCode(stored, unknown, key)).toBeNull();
    expect(hmac).toHaveBeenCalledTimes(2);
  });

  it("a recovery code works once: once its row is gone from the unused ones, the same code finds nothing", () => {
    const used = set.stored[3] as HashedRecoveryCode;
    const typed = parsed(set.display[3] ?? "");
    expect(findRecoveryCode(set.stored, typed, key)).toBe(used);
    const unused = set.stored.filter((code) => code !== used);
    expect(findRecoveryCode(unused, typed, key)).toBeNull();
  });

  it("warns at 2 unused codes or fewer", () => {
    expect([10, 3, 2, 1, 0].map(recoveryCodesRunningLow)).toEqual([false, false, true, true, true]);
  });
});

describe("recoveryCodesText", () => {
  const t = (key: string, values?: Readonly<Record<string, string | number>>): string =>
    `[${key}${values === undefined ? "" : ` ${JSON.stringify(values)}`}]`;
  const codes = Array.from({ length: 10 }, (_, index) => `AAAA-BBBB-CCCC-DDDD-EEE${String(index + 2).at(-1) ?? ""}`);

  it("names the organisation, the account and the time, numbers the codes, and ends with how to use them", () => {
    const text = recoveryCodesText({ org: "Contoh", userId: "budi", codes, generatedAt: "2 Mar 2026 14:05 WIB" }, t);
    const lines = text.split("\r\n");
    expect(lines.slice(0, 4)).toEqual([
      '[recovery.file.title {"org":"Contoh"}]',
      '[recovery.file.account {"userId":"budi"}]',
      '[recovery.file.generated {"generatedAt":"2 Mar 2026 14:05 WIB"}]',
      "",
    ]);
    expect(lines.slice(4, 14)).toEqual(codes.map((code, index) => `${String(index + 1).padStart(2)}. ${code}`));
    expect(lines.slice(14)).toEqual([
      "",
      "[recovery.file.use_once]",
      "[recovery.file.keep_safe]",
      "[recovery.file.replace]",
      "",
    ]);
  });

  it("reads whole in English and in Indonesian from the recovery catalog", () => {
    const translator = createTranslator({ onMissingKey: (lang, key) => expect.fail(`${lang} lacks ${key}`) });
    const file = { org: "Contoh", userId: "budi", codes, generatedAt: "2 Maret 2026 pukul 14.05 WIB" };
    const english = recoveryCodesText(file, translator.forLanguage("en"));
    const indonesian = recoveryCodesText(file, translator.forLanguage("id"));
    expect(english.split("\r\n").slice(0, 3)).toEqual([
      "Contoh: recovery codes",
      "User ID: budi",
      "Generated: 2 Maret 2026 pukul 14.05 WIB",
    ]);
    expect(indonesian.split("\r\n")[0]).toBe("Contoh: kode pemulihan");
    for (const text of [english, indonesian]) {
      expect(text).not.toMatch(/\{\{|recovery\.file/);
      for (const code of codes) expect(text).toContain(code);
    }
  });
});
