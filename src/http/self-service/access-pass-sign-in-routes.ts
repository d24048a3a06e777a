/**
 * GET/POST /signin/pass: sign-in with a temporary access pass (SPEC §18). The same form token, CAPTCHA gate (I3) and
 * lockout as /signin; a right pass starts a session that goes straight to choosing a password (must-change), then to
 * registration. Every failure answers 401 with one message, whatever the cause.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { REASONS } from "../../domain/reasons.js";
import { accessPassSignInPage } from "../views/access-pass-sign-in-page.js";
import { SIGN_IN_CAPTCHA_ASSETS } from "../views/sign-in-pages.js";
import { sendPage } from "./page-renderer.js";
import { homeAfterSignIn } from "./security-info/after-sign-in.js";
import { callerOf, type RouteContext } from "./session-context.js";

const PassBody = Type.Object({
  form: Type.Optional(Type.String({ maxLength: 128 })),
  userId: Type.String({ maxLength: 256 }),
  pass: Type.String({ maxLength: 64 }),
  altcha: Type.Optional(Type.String({ maxLength: 4096 })),
});

async function render(
  context: RouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  model: { userId: string; errors: readonly string[]; status: number },
): Promise<FastifyReply> {
  const captchaRequired = await context.services.signIn.isCaptchaRequired(request.ip);
  const body = accessPassSignInPage(request.t, {
    ...model,
    captcha: captchaRequired ? { lang: request.lang } : null,
    formToken: context.tokens.issue(request, reply),
  });
  const page = { title: request.t("access_pass.title"), body, status: model.status };
  return sendPage(context.services, request, reply, captchaRequired ? { ...page, ...SIGN_IN_CAPTCHA_ASSETS } : page);
}

export function registerAccessPassSignIn(instance: FastifyInstance, context: RouteContext): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { services, tokens, sessionCookie } = context;
  app.get("/signin/pass", async (request, reply) => {
    if ((await services.signIn.sessionUser(request.cookies[sessionCookie])) !== null)
      return reply.redirect("/account", 303);
    return render(context, request, reply, { userId: "", errors: [], status: 200 });
  });
  app.post("/signin/pass", { schema: { body: PassBody } }, async (request, reply) => {
    const { form, userId, pass, altcha } = request.body;
    const formCheck = tokens.check(request, form);
    const formError =
      formCheck === "ok" ? null : formCheck === "no_cookie" ? "signin.cookies_needed" : "common.form_expired.message";
    const error = formError ?? (userId.trim() === "" || pass.trim() === "" ? "access_pass.missing" : null);
    if (error !== null) return render(context, request, reply, { userId, errors: [request.t(error)], status: 400 });
    const outcome = await services.signIn.signInWithAccessPass({
      typedUserId: userId,
      code: pass,
      caller: callerOf(request),
      captcha: altcha,
    });
    if (outcome.ok) {
      reply.setCookie(sessionCookie, outcome.value.sessionToken, context.sessionCookieOptions);
      return reply.redirect(await homeAfterSignIn(context, request, reply, { token: outcome.value.sessionToken }), 303);
    }
    const captcha = outcome.reason === "SND-111" || outcome.reason === "SND-112";
    if (captcha) services.metrics.countThrottleHit("I3");
    const message =
      outcome.reason === "signin_failed"
        ? request.t("access_pass.failed", { minutes: outcome.lockedMinutes ?? 1 })
        : request.t(REASONS[outcome.reason].userMessage);
    return render(context, request, reply, { userId, errors: [message], status: captcha ? 400 : 401 });
  });
}
