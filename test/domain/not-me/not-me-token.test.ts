/**
 * The "This wasn't me" token: 32 bytes from the injected Random, stored only as SHA-256, 7 days. Threats: a token
 * short or predictable enough to guess; a presented value that is not a token reaching the database as one.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  createNotMeLink,
  NOT_ME_LINK_SECONDS,
  notMeTokenHash,
  notMeUrl,
} from "../../../src/domain/not-me/not-me-token.js";
import type { Random } from "../../../src/lib/random.js";

/** A Random that hands out the bytes 0, 1, 2, … and counts what it was asked for. */
function countingRandom(): Random & { readonly bytesDrawn: number[] } {
  const bytesDrawn: number[] = [];
  let next = 0;
  return {
    bytesDrawn,
    bytes: (count) => {
      bytesDrawn.push(count);
      return Uint8Array.from({ length: count }, () => next++ % 256);
    },
    integerBelow: (max) => next++ % max,
  };
}

const NOW = new Date("2026-03-02T08:00:00Z");

describe("not-me token", () => {
  it("draws 32 bytes from the injected Random and keeps only their SHA-256, for 7 days", () => {
    const random = countingRandom();
    const { token, link } = createNotMeLink(random, {
      userRef: "ref-1",
      about: "password_changed",
      aboutAt: NOW,
      now: NOW,
    });
    expect(random.bytesDrawn[0]).toBe(32);
    expect(token).toBe(Buffer.from(Uint8Array.from({ length: 32 }, (_, index) => index)).toString("base64url"));
    expect(Buffer.from(link.tokenHash).toString("hex")).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(link)).not.toContain(token);
    expect(link.expiresAt.getTime() - NOW.getTime()).toBe(NOT_ME_LINK_SECONDS * 1000);
    expect(NOT_ME_LINK_SECONDS).toBe(7 * 24 * 3600);
    expect(link).toMatchObject({ userRef: "ref-1", about: "password_changed", usedAt: null });
    expect(link.supportCode).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  });

  it("hashes only what can be a token: 43 base64url characters decoding to 32 bytes", () => {
    const token = Buffer.alloc(32, 7).toString("base64url");
    expect(notMeTokenHash(token)).toEqual(new Uint8Array(createHash("sha256").update(token).digest()));
    for (const presented of [
      "",
      "short",
      `${token}A`,
      token.slice(1),
      `${token.slice(0, -1)}=`,
      `${token.slice(0, -1)}/`,
    ])
      expect(notMeTokenHash(presented), presented).toBeNull();
  });

  it("builds the link on the sign-in page's origin with the notice's language", () => {
    const token = Buffer.alloc(32, 1).toString("base64url");
    expect(notMeUrl("https://sandi.example/signin", token, "id")).toBe(`https://sandi.example/not-me/${token}?lang=id`);
  });
});
