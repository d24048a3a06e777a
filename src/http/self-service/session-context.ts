/** What the sign-in and account routes share: the session cookie, its CSRF token, and who is calling. */
import type { FastifyReply, FastifyRequest } from "fastify";
import { summariseClient } from "../../domain/audit-events.js";
import type { SessionUser, SignInCaller } from "../../domain/flows/sign-in/sign-in-service.js";
import { toBase64url } from "../../lib/crypto/base64url.js";
import { hmacSha256 } from "../../lib/crypto/sha256.js";
import type { AppServices } from "../app-services.js";
import type { cookieOptions } from "../cookies.js";
import type { FormTokens } from "../plugins/form-token.js";
import { signInPathFor } from "../return-path.js";

/** The account forms' token, bound to the session: HMAC(formKey, "session-csrf:" + session id). */
export function sessionCsrfToken(formKey: Uint8Array, sessionId: string): string {
  return toBase64url(hmacSha256(formKey, `session-csrf:${sessionId}`));
}

/** The caller as the sign-in service records it: IP, a short browser summary, language. */
export function callerOf(request: FastifyRequest): SignInCaller {
  return { ip: request.ip, client: summariseClient(request.headers["user-agent"]), lang: request.lang };
}

export interface RouteContext {
  readonly services: AppServices;
  readonly tokens: FormTokens;
  readonly sessionCookie: string;
  readonly sessionCookieOptions: ReturnType<typeof cookieOptions>;
}

export const PASSWORD_PAGE = "/account/password";

/**
 * The request's live session, or null once the browser has been redirected: to /signin without one (coming back
 * here after), and to the
 * password page while a temporary password stands (except on that page itself, `temporaryPasswordAllowed`).
 */
export async function signedInOrRedirect(
  services: Pick<AppServices, "signIn">,
  sessionCookie: string,
  input: { request: FastifyRequest; reply: FastifyReply; temporaryPasswordAllowed?: boolean },
): Promise<SessionUser | null> {
  const { request, reply } = input;
  const live = await services.signIn.sessionUser(request.cookies[sessionCookie]);
  const mustChangeFirst = live !== null && live.user.mustChangePassword && input.temporaryPasswordAllowed !== true;
  if (live !== null && !mustChangeFirst) return live;
  // Without a session: to sign in, and back here afterwards (`next=`, only a page of ours).
  void reply.redirect(live === null ? signInPathFor(request) : PASSWORD_PAGE, 303);
  return null;
}
