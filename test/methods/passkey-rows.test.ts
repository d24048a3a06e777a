/** A passkey as a method row: the label rule (SPEC §4.5: 1–40 characters), the user handle kept across passkeys. */
import { describe, expect, it } from "vitest";
import type { VerifiedMethod } from "../../src/domain/ports.js";
import type { Random } from "../../src/lib/random.js";
import {
  knownCredentialsOf,
  newPasskeyMethod,
  normaliseLabel,
  storedPasskeyOf,
  userHandleFor,
} from "../../src/methods/passkey/passkey-rows.js";

const ZEROS: Random = { bytes: (count) => new Uint8Array(count), integerBelow: () => 0 };
const PASSKEY = { credentialId: "Y3JlZA", publicKey: "AQID", counter: 3, transports: ["internal"], backedUp: true };

function row(method: Partial<VerifiedMethod>): VerifiedMethod {
  return {
    id: "m1",
    userRef: "u1",
    method: "passkey",
    value: "",
    label: "Laptop",
    createdAt: new Date(0),
    lastUsedAt: null,
    ...method,
  };
}

describe("passkey rows", () => {
  it.each([
    ["Laptop", "Laptop"],
    ["  Work   laptop\t", "Work laptop"],
    ["x".repeat(40), "x".repeat(40)],
    ["😀".repeat(40), "😀".repeat(40)],
    ["", null],
    ["   ", null],
    ["x".repeat(41), null],
    ["bad\u0000label", null],
  ])("label %j is %j", (typed, stored) => {
    expect(normaliseLabel(typed)).toBe(stored);
  });

  it("stores the key in `secret`, the id and counter in their columns, the rest in details; and reads it back", () => {
    const method = newPasskeyMethod(PASSKEY, "Laptop", "aGFuZGxl");
    expect(method).toEqual({
      method: "passkey",
      value: "",
      label: "Laptop",
      secret: new Uint8Array([1, 2, 3]),
      credentialId: "Y3JlZA",
      counter: 3,
      details: { userHandle: "aGFuZGxl", transports: ["internal"], backedUp: true },
    });
    expect(storedPasskeyOf(row(method))).toEqual(PASSKEY);
    expect(knownCredentialsOf([row(method), row({ method: "email", value: "a@b.example" })])).toEqual([
      { credentialId: "Y3JlZA", transports: ["internal"] },
    ]);
  });

  it("keeps one user handle for all of a user's passkeys, and makes one for the first", () => {
    const existing = row({ details: { userHandle: "a2VwdA" } });
    expect(userHandleFor([row({ method: "email" }), existing], ZEROS)).toBe("a2VwdA");
    expect(userHandleFor([], ZEROS)).toBe(Buffer.alloc(32).toString("base64url"));
  });

  it("reads no passkey from a row without a key (a seeded one, or another kind)", () => {
    expect(storedPasskeyOf(row({}))).toBeNull();
    expect(storedPasskeyOf(row({ method: "email", secret: new Uint8Array([1]), credentialId: "x" }))).toBeNull();
  });
});
