/** The secret box (AES-256-GCM): opens only with the same key and associated data, and refuses any changed byte. */
import { createCipheriv } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deriveSecretBoxKey, open, seal } from "../../src/lib/crypto/secret-box.js";

const key = new Uint8Array(32).fill(7);
const otherKey = new Uint8Array(32).fill(8);
const secret = new TextEncoder().encode("12345678901234567890");
const hex = (bytes: Uint8Array | null): string | null => (bytes === null ? null : Buffer.from(bytes).toString("hex"));

describe("seal and open", () => {
  it("gives back the plaintext with the same key and associated data", () => {
    const box = seal(key, secret, "method:0190c0de");
    expect(hex(open(key, box, "method:0190c0de"))).toBe(hex(secret));
  });

  it("lays the box out as version 1 | iv(12) | tag(16) | ciphertext, as long as the plaintext", () => {
    const box = seal(key, secret, "m");
    expect(box[0]).toBe(1);
    expect(box).toHaveLength(1 + 12 + 16 + secret.length);
  });

  it("reads a box built by hand to the documented layout (version byte first in the associated data)", () => {
    const iv = new Uint8Array(12).fill(3);
    const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: 16 });
    cipher.setAAD(Buffer.concat([Buffer.from([1]), Buffer.from("method:a")]));
    const ciphertext = Buffer.concat([cipher.update(secret), cipher.final()]);
    const box = Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), ciphertext]);
    expect(hex(open(key, new Uint8Array(box), "method:a"))).toBe(hex(secret));
  });

  it("uses a fresh IV each time: the same secret sealed twice gives different boxes", () => {
    expect(hex(seal(key, secret, "m"))).not.toBe(hex(seal(key, secret, "m")));
  });

  it("seals an empty plaintext and takes associated data as bytes too", () => {
    const ad = Uint8Array.of(0, 1, 2);
    expect(open(key, seal(key, new Uint8Array(0), ad), ad)).toEqual(new Uint8Array(0));
    expect(open(key, seal(key, secret, ad), Uint8Array.of(0, 1, 3))).toBeNull();
  });
});

describe("open refuses", () => {
  const box = seal(key, secret, "method:a");

  it("another key", () => {
    expect(open(otherKey, box, "method:a")).toBeNull();
  });

  it("another method's associated data: a row copied onto another method does not open", () => {
    expect(open(key, box, "method:b")).toBeNull();
    expect(open(key, box, "")).toBeNull();
  });

  it("a box with any one byte changed (version, iv, tag or ciphertext)", () => {
    for (let index = 0; index < box.length; index++) {
      const tampered = Uint8Array.from(box);
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      expect(open(key, tampered, "method:a"), `byte ${String(index)}`).toBeNull();
    }
  });

  it("a truncated or extended box, and an empty one", () => {
    expect(open(key, box.subarray(0, box.length - 1), "method:a")).toBeNull();
    expect(open(key, box.subarray(0, 29), "method:a")).toBeNull();
    expect(open(key, Uint8Array.from([...box, 0]), "method:a")).toBeNull();
    expect(open(key, new Uint8Array(0), "method:a")).toBeNull();
  });
});

describe("keys", () => {
  it("throws on a key that is not 32 bytes: a wiring mistake, not bad input", () => {
    expect(() => seal(new Uint8Array(16), secret, "m")).toThrow(RangeError);
    expect(() => open(new Uint8Array(31), seal(key, secret, "m"), "m")).toThrow(RangeError);
  });
});

describe("deriveSecretBoxKey", () => {
  it("derives a 32-byte key per purpose (HKDF-SHA-256), apart from the server key and from other purposes", () => {
    const derived = deriveSecretBoxKey(key, "totp");
    expect(derived).toHaveLength(32);
    expect(hex(derived)).toBe(hex(deriveSecretBoxKey(key, "totp")));
    expect(hex(derived)).not.toBe(hex(key));
    expect(hex(derived)).not.toBe(hex(deriveSecretBoxKey(key, "passkey")));
    expect(hex(derived)).not.toBe(hex(deriveSecretBoxKey(otherKey, "totp")));
    expect(open(derived, seal(derived, secret, "m"), "m")).toEqual(secret);
  });
});
