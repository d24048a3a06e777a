/**
 * "Sign in with a passkey" (SPEC §4.5, §5.1): POST /signin/passkey/options gives the browser its options and keeps
 * the challenge's signed ticket in a short cookie; POST /signin/passkey checks the answer and starts a session that
 * records `signedInWith: "passkey"`. Both need the sign-in form's token. Failures go back to /signin?passkey=<why>.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import Type from "typebox";
import { MAX_RESPONSE_CHARACTERS } from "../../methods/passkey/webauthn-response.js";
import { PASSKEY_TIMEOUT_MILLISECONDS } from "../../methods/passkey/webauthn.js";
import { type CookieSettings, cookieOptions } from "../cookies.js";
import { signInReturnPath } from "../return-path.js";
import { homeAfterSignIn } from "../self-service/security-info/after-sign-in.js";
import { callerOf, type RouteContext } from "../self-service/session-context.js";

/** Why a passkey sign-in came back to /signin: the sign-in page shows `passkey.sign_in_<why>`. */
export const PASSKEY_SIGN_IN_ERRORS = {
  expired: "passkey.sign_in_expired",
  refused: "passkey.sign_in_refused",
  script: "passkey.needs_javascript",
} as const;
export type PasskeySignInError = keyof typeof PASSKEY_SIGN_IN_ERRORS;

const OptionsBody = Type.Object({ form: Type.Optional(Type.String({ maxLength: 128 })) });
const FinishBody = Type.Object({
  form: Type.Optional(Type.String({ maxLength: 128 })),
  credential: Type.String({ maxLength: MAX_RESPONSE_CHARACTERS }),
  next: Type.Optional(Type.String({ maxLength: 4096 })),
});

/** Back to the sign-in page with why, still carrying the page to return to. */
const back = (why: PasskeySignInError, next: string | null) =>
  `/signin?passkey=${why}${next === null ? "" : `&next=${encodeURIComponent(next)}`}`;

export function registerPasskeySignIn(instance: FastifyInstance, context: RouteContext, cookies: CookieSettings): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const passkeys = context.services.passkeys.signIn;
  const ticketCookie = cookies.name("passkey");
  const ticketOptions = cookieOptions(cookies, {
    sameSite: "strict",
    maxAgeSeconds: PASSKEY_TIMEOUT_MILLISECONDS / 1000,
  });

  app.post("/signin/passkey/options", { schema: { body: OptionsBody } }, async (request, reply) => {
    const formCheck = context.tokens.check(request, request.body.form);
    if (formCheck !== "ok") {
      const key = formCheck === "no_cookie" ? "signin.cookies_needed" : "common.form_expired.message";
      return reply.code(403).send({ message: request.t(key) });
    }
    if (!(await passkeys.offered())) return reply.code(404).send({ message: request.t("passkey.sign_in_refused") });
    const { options, ticket } = await passkeys.begin();
    reply.setCookie(ticketCookie, ticket, ticketOptions);
    return options;
  });

  app.post("/signin/passkey", { schema: { body: FinishBody } }, async (request, reply) => {
    const ticket = request.cookies[ticketCookie];
    // A __Host- cookie is only replaced by one with the same attributes (Secure, Path=/).
    const { path, secure, httpOnly, sameSite } = ticketOptions;
    reply.clearCookie(ticketCookie, { path, secure, httpOnly, sameSite });
    const next = signInReturnPath(request.body.next);
    if (context.tokens.check(request, request.body.form) !== "ok") return reply.redirect(back("expired", next), 303);
    if (request.body.credential === "") return reply.redirect(back("script", next), 303);
    const caller = callerOf(request);
    const outcome = await passkeys.finish({ ticket, responseJson: request.body.credential, caller });
    if (!outcome.ok) return reply.redirect(back(outcome.reason, next), 303);
    reply.setCookie(context.sessionCookie, outcome.sessionToken, context.sessionCookieOptions);
    return reply.redirect(await homeAfterSignIn(context, request, reply, { token: outcome.sessionToken, next }), 303);
  });
}
