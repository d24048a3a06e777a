/**
 * The "This wasn't me" token (SPEC §9.3): 32 random bytes, base64url in the link, only its SHA-256 stored, valid for
 * 7 days. And the link's address, which carries the token in its path and the notice's language in its query.
 */
import { fromBase64url, toBase64url } from "../../lib/crypto/base64url.js";
import { sha256 } from "../../lib/crypto/sha256.js";
import { type Random, randomSupportCode } from "../../lib/random.js";
import { secondsAfter } from "../../lib/time.js";
import type { Language } from "../users.js";
import type { NotMeLink, NotMeLinkRequest } from "./not-me-ports.js";

/** SPEC §9.3: a link works for 7 days. */
export const NOT_ME_LINK_SECONDS = 7 * 24 * 3600;

const TOKEN_BYTES = 32;
/** 32 bytes in unpadded base64url. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh link for `request`: the token to put in the notice, and the row to store (its hash, never the token). */
export function createNotMeLink(random: Random, request: NotMeLinkRequest): { token: string; link: NotMeLink } {
  const token = toBase64url(random.bytes(TOKEN_BYTES));
  return {
    token,
    link: {
      tokenHash: sha256(token),
      userRef: request.userRef,
      about: request.about,
      aboutAt: request.aboutAt,
      supportCode: randomSupportCode(random),
      createdAt: request.now,
      expiresAt: secondsAfter(request.now, NOT_ME_LINK_SECONDS),
      usedAt: null,
    },
  };
}

/**
 * The hash a presented token is looked up by, or null when it cannot be a token at all (wrong length or alphabet).
 * The caller answers both the same way, so a forged token looks like an expired one.
 */
export function notMeTokenHash(presented: string): Uint8Array | null {
  if (!TOKEN_PATTERN.test(presented) || fromBase64url(presented)?.length !== TOKEN_BYTES) return null;
  return sha256(presented);
}

/** `https://sandi.example/not-me/<token>?lang=id`: same origin as the sign-in page, in the notice's language. */
export function notMeUrl(signInUrl: string, token: string, lang: Language): string {
  const url = new URL(`/not-me/${token}`, signInUrl);
  url.searchParams.set("lang", lang);
  return url.href;
}
