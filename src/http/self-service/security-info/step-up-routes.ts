/**
 * The step-up page (SPEC §5.1): before any change, a user who has a non-question method passes one of them; a user
 * with none whose sign-in is older than 10 minutes gives the password again. The page comes back to `next`.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { hasSecondFactor } from "../../../domain/admin/admin-entry.js";
import { kindOfMethod } from "../../../domain/methods.js";
import { maskedValueOf } from "../../../domain/registration/method-display.js";
import { stepUpMethods } from "../../../domain/registration/step-up.js";
import { mobileChannels } from "../../../methods/phone/phone-registration.js";
import { policyAsSeenBy } from "../../../domain/policies/method-targeting.js";
import { type Html, html } from "../../../lib/html.js";
import { pagesOfKind } from "./method-pages.js";
import {
  csrfTokenOf,
  isAdminPath,
  isCsrfValidFor,
  refuseStaleForm,
  safeNextPath,
  SECURITY_INFO_PATH,
  type SecurityInfoRouteContext,
  securityInfoCaller,
  sendSecurityInfoPage,
  STEP_UP_PATH,
} from "./security-info-context.js";
import { MAX_LOCK_SECONDS } from "../../../domain/flows/sign-in/lockout-policy.js";

const StepUpQuery = Type.Object({
  next: Type.Optional(Type.String({ maxLength: 512 })),
  notice: Type.Optional(Type.String({ maxLength: 32 })),
  minutes: Type.Optional(Type.String({ maxLength: 8 })),
});

/** The {n} of the wrong-password notice, from the redirect that carried it: whole minutes, 1 to the longest lock. */
function lockMinutesOf(query: string | undefined): number {
  const minutes = Number.parseInt(query ?? "", 10);
  return Number.isInteger(minutes) ? Math.min(Math.max(minutes, 1), MAX_LOCK_SECONDS / 60) : 1;
}
const PasswordBody = Type.Object({ csrf: Type.String({ maxLength: 128 }), password: Type.String({ maxLength: 1024 }) });

/** One form per registered method that can prove the user; phones offer a text and a call. */
function methodChoices(
  request: { t: (key: string, values?: Record<string, string | number>) => string },
  rows: ReturnType<typeof stepUpMethods>,
  csrf: string,
  mobileWays: readonly ("sms" | "voice")[],
): Html[] {
  return rows.flatMap((method) => {
    const kind = kindOfMethod(method.method);
    const pages = pagesOfKind(kind);
    if (pages?.stepUpPath == null) return [];
    const label = request.t("security_info.step_up.use", {
      method: request.t(`security_info.kind.${kind}`),
      value: maskedValueOf(method),
    });
    // A mobile offers a text and a call, each only while the policy has it on.
    const channels = kind === "sms" ? mobileWays : [null];
    return channels.map(
      (channel) => html`<li><form method="post" action="${pages.stepUpPath ?? ""}">
  <input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="method" value="${method.id}">
  ${channel === null ? "" : html`<input type="hidden" name="channel" value="${channel}">`}
  <button type="submit" class="secondary">${channel === "voice" ? request.t("security_info.step_up.call", { value: maskedValueOf(method) }) : label}</button>
</form></li>`,
    );
  });
}

/**
 * The admin pages' second step (SPEC §2): one of the user's non-question methods, never the password again (which
 * proves nothing the sign-in did not) and never security questions (they have no step-up at all).
 */
function sendSecondFactorPage(
  context: SecurityInfoRouteContext,
  page: { request: FastifyRequest; reply: FastifyReply },
  choices: readonly Html[],
): Promise<FastifyReply> {
  const { request, reply } = page;
  const body =
    choices.length > 0
      ? html`<p>${request.t("admin.entry.second_factor_intro")}</p><ul class="choices">${choices}</ul>`
      : html`<p role="alert">${request.t("admin.entry.no_method")}</p>`;
  return sendSecurityInfoPage(context, request, reply, {
    title: request.t("admin.entry.second_factor_title"),
    body: html`${body}<p><a href="${SECURITY_INFO_PATH}">${request.t("security_info.title")}</a></p>`,
  });
}

export function registerStepUp(app: FastifyInstance, context: SecurityInfoRouteContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(STEP_UP_PATH, { schema: { querystring: StepUpQuery } }, async (request, reply) => {
    const caller = await securityInfoCaller(context, request, reply);
    if (caller === null) return reply;
    const next = safeNextPath(request.query.next);
    // Remembered for the method's own code route, which finishes the step-up and then goes there.
    reply.setCookie("sandi_next", next, {
      path: SECURITY_INFO_PATH,
      httpOnly: true,
      sameSite: "lax",
      secure: request.protocol === "https",
    });
    const service = context.services.securityInfo.service;
    // On the way to the admin pages a fresh password is not enough: the session needs a second factor (SPEC §2).
    const secondFactorNeeded = isAdminPath(next) && !hasSecondFactor(caller.session);
    if (!secondFactorNeeded && (await service.freshness(caller)) === "fresh") return reply.redirect(next, 303);
    const overview = await service.overview(caller);
    const csrf = csrfTokenOf(context, caller);
    const policy = policyAsSeenBy(await context.services.securityInfo.deps.currentPolicy(), caller.user);
    const rows = stepUpMethods(overview.rows.map((row) => row.method));
    const choices = methodChoices(request, rows, csrf, mobileChannels(policy.methods));
    if (secondFactorNeeded) return sendSecondFactorPage(context, { request, reply }, choices);
    const body =
      choices.length > 0
        ? html`<p>${request.t("security_info.step_up.intro")}</p><ul class="choices">${choices}</ul>`
        : html`<p>${request.t("security_info.step_up.password_intro")}</p>
<form method="post" action="${STEP_UP_PATH}/password">
  <input type="hidden" name="csrf" value="${csrf}">
  <input type="text" name="username" autocomplete="username" value="${caller.user.userId}" hidden>
  <label for="password">${request.t("security_info.step_up.password_label")}</label>
  <input id="password" name="password" type="password" autocomplete="current-password" maxlength="1024" required>
  <button type="submit">${request.t("security_info.step_up.continue")}</button>
</form>`;
    const notice =
      request.query.notice === "wrong_password"
        ? html`<p class="error-summary" role="alert">${request.t("security_info.step_up.wrong_password", {
            minutes: lockMinutesOf(request.query.minutes),
          })}</p>`
        : "";
    return sendSecurityInfoPage(context, request, reply, {
      title: request.t("security_info.step_up.title"),
      body: html`${notice}${body}<p><a href="${SECURITY_INFO_PATH}">${request.t("common.cancel")}</a></p>`,
    });
  });
  typed.post(`${STEP_UP_PATH}/password`, { schema: { body: PasswordBody } }, async (request, reply) => {
    const caller = await securityInfoCaller(context, request, reply);
    if (caller === null) return reply;
    if (!isCsrfValidFor(context, caller, request.body.csrf)) return refuseStaleForm(context, request, reply);
    const service = context.services.securityInfo.service;
    // Only for users with no method to prove them; the others must pass one.
    if ((await service.freshness(caller)) !== "password") return reply.redirect(STEP_UP_PATH, 303);
    const checked = await service.reauthenticate(caller, request.body.password);
    if (!checked.right)
      return reply.redirect(`${STEP_UP_PATH}?notice=wrong_password&minutes=${String(checked.lockedMinutes)}`, 303);
    return reply
      .clearCookie("sandi_next", { path: SECURITY_INFO_PATH })
      .redirect(safeNextPath(request.cookies["sandi_next"]), 303);
  });
}
