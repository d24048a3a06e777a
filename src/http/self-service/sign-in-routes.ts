/** Sign-in: GET/POST /signin (SPEC §5.1, §8.2 I3, §8.3); My account and sign-out are in account-routes.ts. */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import type { SignInResult } from "../../domain/flows/sign-in/sign-in-service.js";
import { REASONS } from "../../domain/reasons.js";
import type { AppServices } from "../app-services.js";
import { type CookieSettings, cookieOptions } from "../cookies.js";
import { createFormTokens } from "../plugins/form-token.js";
import { SIGN_IN_CAPTCHA_ASSETS, signInPage } from "../views/sign-in-pages.js";
import { PASSWORD_HELP_SCRIPT } from "../views/password-fields.js";
import {
  PASSKEY_SIGN_IN_ERRORS,
  type PasskeySignInError,
  registerPasskeySignIn,
} from "../passkey/passkey-sign-in-routes.js";
import { PASSKEY_PAGE_SCRIPTS } from "../views/passkey-forms.js";
import { registerAccount } from "./account-routes.js";
import { registerAccessPassSignIn } from "./access-pass-sign-in-routes.js";
import { homeAfterSignIn } from "./security-info/after-sign-in.js";
import { sendPage } from "./page-renderer.js";
import type { UserErrorModel } from "../views/user-error.js";
import { callerOf, type RouteContext } from "./session-context.js";
import { signInReturnPath } from "../return-path.js";

export interface SignInRouteOptions {
  readonly services: AppServices;
  readonly cookies: CookieSettings;
  readonly publicUrl: URL;
}

const SignInBody = Type.Object({
  form: Type.Optional(Type.String({ maxLength: 128 })),
  userId: Type.String({ maxLength: 256 }),
  password: Type.String({ maxLength: 4096 }),
  altcha: Type.Optional(Type.String({ maxLength: 4096 })),
  next: Type.Optional(Type.String({ maxLength: 4096 })),
});
const SignInQuery = Type.Object({
  reset: Type.Optional(Type.String({ maxLength: 8 })),
  passkey: Type.Optional(Type.String({ maxLength: 16 })),
  lang: Type.Optional(Type.String({ maxLength: 8 })),
  // Longer than any page of ours: an overlong value is dropped (signInReturnPath), never a 400 before signing in.
  next: Type.Optional(Type.String({ maxLength: 4096 })),
});

/** Every failed sign-in answers with this status, whatever the cause: the status tells nothing either. */
const SIGN_IN_FAILED_STATUS = 401;
/** A form refused before any check (input missing, form token or CAPTCHA wrong): nothing was tried. */
const FORM_REFUSED_STATUS = 400;

interface SignInRender {
  readonly userId: string;
  /** Where to go once signed in, already checked by `signInReturnPath`; null for My account. */
  readonly next: string | null;
  readonly errors: readonly string[];
  readonly notice: string | null;
  readonly status: number;
  /** Why the last passkey sign-in came back, shown beside its button. */
  readonly passkeyError?: string | null;
  /** A failure the page explains above the form (SPEC §13.3): a hold after a right password. */
  readonly userError?: UserErrorModel | null;
}

/** The form, with the proof-of-work widget and its script while I3 holds for the client's IP (asked at each render). */
async function renderSignIn(
  context: Pick<RouteContext, "services" | "tokens">,
  request: FastifyRequest,
  reply: FastifyReply,
  model: SignInRender,
): Promise<FastifyReply> {
  const captchaRequired = await context.services.signIn.isCaptchaRequired(request.ip);
  const captcha = captchaRequired ? { lang: request.lang } : null;
  const passkey = (await context.services.passkeys.signIn.offered()) ? { error: model.passkeyError ?? null } : null;
  const body = signInPage(request.t, { ...model, captcha, passkey, formToken: context.tokens.issue(request, reply) });
  const page = {
    title: request.t("signin.title"),
    body,
    status: model.status,
    demoBanner: true,
    userError: model.userError ?? null,
  };
  const scripts = [
    ...(captchaRequired ? SIGN_IN_CAPTCHA_ASSETS.scripts : []),
    PASSWORD_HELP_SCRIPT,
    ...(passkey === null ? [] : PASSKEY_PAGE_SCRIPTS),
  ];
  const assets = captchaRequired ? { ...SIGN_IN_CAPTCHA_ASSETS, scripts } : { scripts };
  return sendPage(context.services, request, reply, { ...page, ...assets });
}

/** Sign-in's own words for the CAPTCHA refusals: they say why a sign-in form suddenly needs the check. */
const CAPTCHA_MESSAGES = { "SND-111": "signin.captcha_missing", "SND-112": "signin.captcha_failed" } as const;

/** The sentence for a failed sign-in: SPEC §8.3's shared text, SND-306 after a right password, SND-113, or I3's. */
function failureMessage(request: FastifyRequest, outcome: Extract<SignInResult, { ok: false }>): string {
  if (outcome.reason === "signin_failed") return request.t("signin.failed", { minutes: outcome.lockedMinutes ?? 1 });
  if (outcome.reason === "SND-111" || outcome.reason === "SND-112") return request.t(CAPTCHA_MESSAGES[outcome.reason]);
  return request.t(REASONS[outcome.reason].userMessage);
}

/** A CAPTCHA refusal is a form that was not tried (400); anything else failed as a sign-in (401). */
function failureStatus(outcome: Extract<SignInResult, { ok: false }>): number {
  return outcome.reason === "SND-111" || outcome.reason === "SND-112" ? FORM_REFUSED_STATUS : SIGN_IN_FAILED_STATUS;
}

/** GET /signin (a signed-in browser goes on to /account) and POST /signin. */
function registerSignIn(instance: FastifyInstance, context: RouteContext): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { services, tokens, sessionCookie } = context;
  app.get("/signin", { schema: { querystring: SignInQuery } }, async (request, reply) => {
    const next = signInReturnPath(request.query.next);
    if ((await services.signIn.sessionUser(request.cookies[sessionCookie])) !== null)
      return reply.redirect(next ?? "/account", 303);
    const notice = request.query.reset === "done" ? request.t("signin.reset_done") : null;
    const why = request.query.passkey;
    const passkeyError =
      why !== undefined && Object.hasOwn(PASSKEY_SIGN_IN_ERRORS, why)
        ? request.t(PASSKEY_SIGN_IN_ERRORS[why as PasskeySignInError])
        : null;
    const model = { userId: "", next, errors: [], notice, status: 200, passkeyError };
    return renderSignIn(context, request, reply, model);
  });
  app.post("/signin", { schema: { body: SignInBody } }, async (request, reply) => {
    const { form, userId, password, altcha } = request.body;
    const next = signInReturnPath(request.body.next);
    const formCheck = tokens.check(request, form);
    const formError =
      formCheck === "ok" ? null : formCheck === "no_cookie" ? "signin.cookies_needed" : "common.form_expired.message";
    const inputError = userId.trim() === "" || password === "" ? "signin.missing" : null;
    const error = formError ?? inputError;
    if (error !== null)
      return renderSignIn(context, request, reply, {
        userId,
        next,
        errors: [request.t(error)],
        notice: null,
        status: FORM_REFUSED_STATUS,
      });
    const caller = callerOf(request);
    const outcome = await services.signIn.signIn({ typedUserId: userId, password, caller, captcha: altcha });
    if (outcome.ok) {
      reply.setCookie(sessionCookie, outcome.value.sessionToken, context.sessionCookieOptions);
      return reply.redirect(
        await homeAfterSignIn(context, request, reply, { token: outcome.value.sessionToken, next }),
        303,
      );
    }
    const status = failureStatus(outcome);
    // Refused by I3 for want of a solved CAPTCHA: operators see a spraying client in sandi_throttle_hits_total.
    if (status === FORM_REFUSED_STATUS) services.metrics.countThrottleHit("I3");
    // SND-306 and SND-308 come only after a right password: the page may say so, with the code for the helpdesk.
    if (outcome.reason === "SND-306" || outcome.reason === "SND-308")
      return renderSignIn(context, request, reply, {
        userId,
        next,
        errors: [],
        notice: null,
        status,
        userError: { id: outcome.reason },
      });
    const errors = [failureMessage(request, outcome)];
    return renderSignIn(context, request, reply, { userId, next, errors, notice: null, status });
  });
}

/** Registers the sign-in, My account and sign-out routes. */
export function signInRoutes(instance: FastifyInstance, options: SignInRouteOptions): Promise<void> {
  const { services, cookies } = options;
  const context: RouteContext = {
    services,
    tokens: createFormTokens({ key: services.formKey, random: services.random, cookies }),
    sessionCookie: cookies.name("session"),
    // A session cookie (no Max-Age): it ends with the browser, and the server ends it sooner (30 min idle, 8 h).
    sessionCookieOptions: cookieOptions(cookies, { sameSite: "lax" }),
  };
  registerSignIn(instance, context);
  registerAccessPassSignIn(instance, context);
  registerPasskeySignIn(instance, context, cookies);
  registerAccount(instance, context);
  return Promise.resolve();
}
