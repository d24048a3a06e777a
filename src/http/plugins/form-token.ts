/** The second CSRF lock for forms that come before a flow exists (sign-in, identify): a signed cookie and its form token. */
import type { FastifyReply, FastifyRequest } from "fastify";
import { toBase64url } from "../../lib/crypto/base64url.js";
import { constantTimeEqual } from "../../lib/crypto/constant-time-equal.js";
import { hmacSha256 } from "../../lib/crypto/sha256.js";
import type { Random } from "../../lib/random.js";
import { type CookieSettings, cookieOptions } from "../cookies.js";

export interface FormTokens {
  /** The form token for this browser, setting the cookie when it has none. */
  issue(request: FastifyRequest, reply: FastifyReply): string;
  /** "ok", or "no_cookie" (cookies off: SND-111) or "mismatch" (a forged or stale form). */
  check(request: FastifyRequest, token: string | undefined): "ok" | "no_cookie" | "mismatch";
}

/** Stateless form tokens: HMAC(key, cookie value). Nothing is stored until the form is posted. */
export function createFormTokens(deps: { key: Uint8Array; random: Random; cookies: CookieSettings }): FormTokens {
  const cookieName = deps.cookies.name("form");
  const tokenFor = (cookieValue: string): string => toBase64url(hmacSha256(deps.key, `form:${cookieValue}`));
  return {
    issue: (request, reply) => {
      let value = request.cookies[cookieName];
      if (value === undefined || !/^[A-Za-z0-9_-]{22}$/.test(value)) {
        value = toBase64url(deps.random.bytes(16));
        reply.setCookie(cookieName, value, cookieOptions(deps.cookies, { sameSite: "strict" }));
      }
      return tokenFor(value);
    },
    check: (request, token) => {
      const value = request.cookies[cookieName];
      if (value === undefined) return "no_cookie";
      if (token === undefined) return "mismatch";
      const encoder = new TextEncoder();
      return constantTimeEqual(encoder.encode(token), encoder.encode(tokenFor(value))) ? "ok" : "mismatch";
    },
  };
}
