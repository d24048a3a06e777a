/** GET and POST /account/password (SPEC §9.5): the signed-in user changes a password they know. */
import { hasEdgeSpaces } from "../../domain/policies/edge-spaces.js";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import type { ChangePasswordResult } from "../../domain/flows/account/account-service.js";
import { choosesFirstPassword } from "../../domain/flows/account/change-password.js";
import type { SessionUser } from "../../domain/flows/sign-in/sign-in-service.js";
import { REASONS } from "../../domain/reasons.js";
import { passwordChecklist } from "../../domain/password-live-check.js";
import { preparePasswordStrength } from "../../domain/password-strength.js";
import { changePasswordPage } from "../views/change-password-page.js";
import { PASSWORD_HELP_SCRIPT } from "../views/password-fields.js";
import { sendPage } from "./page-renderer.js";
import { callerOf, type RouteContext, sessionCsrfToken, signedInOrRedirect } from "./session-context.js";
import { continueAfterSignIn, forgetKeptPage } from "./security-info/after-sign-in.js";

const ChangePasswordBody = Type.Object({
  csrf: Type.String({ maxLength: 128 }),
  username: Type.Optional(Type.String({ maxLength: 256 })),
  current: Type.Optional(Type.String({ maxLength: 4096 })),
  password: Type.String({ maxLength: 4096 }),
  confirmation: Type.String({ maxLength: 4096 }),
});

/** The account routes' CSRF check and refusal, shared so every account form is guarded the same way. */
export interface FormGuard {
  isCsrfValid(context: RouteContext, live: SessionUser, typed: string): boolean;
  refuseForm(context: RouteContext, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply>;
}

type Failure = Extract<ChangePasswordResult, { ok: false }>;

function failureMessages(request: FastifyRequest, failure: Failure): string[] {
  if (failure.reason === "current_wrong")
    return [request.t("account.password.current_wrong", { minutes: failure.lockedMinutes })];
  return failure.violations.map((violation) => request.t(REASONS[violation.code].userMessage, violation.values));
}

async function renderForm(
  context: RouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { live: SessionUser; failure: Failure | null; status: number },
): Promise<FastifyReply> {
  const { services } = context;
  const { live, failure } = input;
  // The strength scorer loads while the user reads the page (see password-strength.ts).
  preparePasswordStrength();
  const body = changePasswordPage(request.t, {
    userId: live.user.userId,
    csrfToken: sessionCsrfToken(services.formKey, live.session.id),
    rules: await services.account.passwordRules(),
    checklist: passwordChecklist(await services.account.passwordPolicy()),
    errors: failure === null ? [] : failureMessages(request, failure),
    errorField: failure === null ? null : failure.reason === "current_wrong" ? "current" : "password",
    mustChange: live.user.mustChangePassword,
    currentNeeded: !choosesFirstPassword(live),
    passwordCompromised: live.user.passwordCompromised,
    passwordExpired: live.user.passwordExpired === true,
  });
  return sendPage(services, request, reply, {
    title: request.t("account.password.title"),
    body,
    status: input.status,
    scripts: [PASSWORD_HELP_SCRIPT],
  });
}

export function registerChangePassword(instance: FastifyInstance, context: RouteContext, guard: FormGuard): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { services, sessionCookie } = context;
  app.get("/account/password", async (request, reply) => {
    const live = await signedInOrRedirect(services, sessionCookie, { request, reply, temporaryPasswordAllowed: true });
    if (live === null) return reply;
    return renderForm(context, request, reply, { live, failure: null, status: 200 });
  });
  app.post("/account/password", { schema: { body: ChangePasswordBody } }, async (request, reply) => {
    const live = await signedInOrRedirect(services, sessionCookie, { request, reply, temporaryPasswordAllowed: true });
    if (live === null) return reply;
    if (!guard.isCsrfValid(context, live, request.body.csrf)) return guard.refuseForm(context, request, reply);
    const { current, password, confirmation } = request.body;
    const result = await services.account.changePassword(live, {
      current: current ?? "",
      password,
      confirmation,
      caller: callerOf(request),
    });
    // SPEC §7.2: a space at either end is kept, and My account says so (a warning, not a refusal): that page first.
    if (result.ok && hasEdgeSpaces(password)) return forgetKeptPage(reply).redirect("/account?changed=1&spaces=1", 303);
    // A change a sign-in was sent to first goes on to the page the sign-in was asked for (after-sign-in.ts).
    if (result.ok)
      return reply.redirect(
        await continueAfterSignIn(context, request, reply, { done: "password", fallback: "/account?changed=1" }),
        303,
      );
    // A wrong current password is a failed proof, as at sign-in (401); broken rules are a form to fix (400).
    const status = result.reason === "current_wrong" ? 401 : 400;
    return renderForm(context, request, reply, { live, failure: result, status });
  });
}
