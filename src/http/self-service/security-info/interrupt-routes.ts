/**
 * The registration interrupt (SPEC §5.2) at /account/security-info/register: what is still missing, strongest first,
 * with "Skip for now (N days left)" while allowed; a reconfirmation with "Looks right"; no skip when forced.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import Type from "typebox";
import type { SecurityInfoCaller } from "../../../domain/registration/security-info-service.js";
import { type Html, html } from "../../../lib/html.js";
import { METHOD_PAGES } from "./method-pages.js";
import { continueAfterSignIn, INTERRUPT_PATH, interruptOf } from "./after-sign-in.js";
import {
  csrfTokenOf,
  freshCaller,
  isCsrfValidFor,
  refuseStaleForm,
  SECURITY_INFO_PATH,
  type SecurityInfoRouteContext,
  securityInfoCaller,
  sendSecurityInfoPage,
} from "./security-info-context.js";

const CsrfBody = Type.Object({ csrf: Type.String({ maxLength: 128 }) });
/** `for=admin`: the admin pages sent the user here, and the page says why (SPEC §2: registration forced first). */
const InterruptQuery = Type.Object({ for: Type.Optional(Type.String({ maxLength: 16 })) });

function addLinks(t: (key: string) => string, kinds: readonly string[]): Html {
  const links = kinds.flatMap((kind) => {
    const pages = METHOD_PAGES.find((candidate) => candidate.kind === kind);
    return pages === undefined
      ? []
      : [html`<li><a href="${pages.addPath}">${t(`security_info.add_kind.${kind}`)}</a></li>`];
  });
  return html`<ul class="choices">${links}</ul>`;
}

export { INTERRUPT_PATH } from "./after-sign-in.js";

export function registerInterrupt(app: FastifyInstance, context: SecurityInfoRouteContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(INTERRUPT_PATH, { schema: { querystring: InterruptQuery } }, async (request, reply) => {
    const caller = await securityInfoCaller(context, request, reply);
    if (caller === null) return reply;
    const { decision, readiness } = await interruptOf(context, caller);
    if (!decision.show) return reply.redirect(SECURITY_INFO_PATH, 303);
    await context.services.securityInfo.service.notePrompt(caller);
    const csrf = csrfTokenOf(context, caller);
    const t = request.t;
    const lead =
      decision.mode === "reconfirm"
        ? html`<p>${t("security_info.interrupt.reconfirm")}</p>
<form method="post" action="${INTERRUPT_PATH}/confirm"><input type="hidden" name="csrf" value="${csrf}"><button type="submit">${t("security_info.interrupt.looks_right")}</button></form>
<p><a href="${SECURITY_INFO_PATH}">${t("security_info.interrupt.edit")}</a></p>`
        : html`<p>${t(decision.mode === "forced" ? "security_info.interrupt.forced" : "security_info.interrupt.register", { count: readiness.missing })}</p>
${addLinks(t, readiness.addable)}`;
    const skip =
      decision.skipDaysLeft === null
        ? html``
        : html`<form method="post" action="${INTERRUPT_PATH}/skip"><input type="hidden" name="csrf" value="${csrf}"><button type="submit" class="secondary">${t("security_info.interrupt.skip", { count: decision.skipDaysLeft })}</button></form>`;
    const forAdmin =
      request.query.for === "admin" && decision.mode === "forced"
        ? html`<p role="alert">${t("admin.entry.register_first")}</p>`
        : html``;
    const body = html`${forAdmin}${lead}${skip}<form method="post" action="/signout"><input type="hidden" name="csrf" value="${csrf}"><button type="submit" class="secondary">${t("account.sign_out")}</button></form>`;
    return sendSecurityInfoPage(context, request, reply, { title: t("security_info.interrupt.title"), body });
  });
  typed.post(`${INTERRUPT_PATH}/skip`, { schema: { body: CsrfBody } }, async (request, reply) => {
    const caller = await securityInfoCaller(context, request, reply);
    if (caller === null) return reply;
    if (!isCsrfValidFor(context, caller, request.body.csrf)) return refuseStaleForm(context, request, reply);
    const { decision } = await interruptOf(context, caller);
    if (decision.show && decision.skipDaysLeft === null) return reply.redirect(INTERRUPT_PATH, 303);
    await context.services.securityInfo.service.skip(caller);
    return reply.redirect(
      await continueAfterSignIn(context, request, reply, { done: "interrupt", fallback: "/account" }),
      303,
    );
  });
  typed.post(`${INTERRUPT_PATH}/confirm`, { schema: { body: CsrfBody } }, async (request, reply) => {
    const caller = await freshCaller(context, request, reply, INTERRUPT_PATH);
    if (caller === null) return reply;
    if (!isCsrfValidFor(context, caller, request.body.csrf)) return refuseStaleForm(context, request, reply);
    await context.services.securityInfo.service.confirm(caller);
    return reply.redirect(
      await continueAfterSignIn(context, request, reply, {
        done: "interrupt",
        fallback: `${SECURITY_INFO_PATH}?notice=confirmed`,
      }),
      303,
    );
  });
}

/** My account while an interrupt without a skip stands: only the interrupt, help and sign-out (SPEC §5.2). */
export async function interruptWithoutSkip(
  context: SecurityInfoRouteContext,
  caller: SecurityInfoCaller,
): Promise<boolean> {
  const { decision } = await interruptOf(context, caller);
  return decision.show && decision.skipDaysLeft === null;
}
