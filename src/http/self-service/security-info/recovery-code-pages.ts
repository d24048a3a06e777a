/**
 * Recovery codes' pages (SPEC §18): create a set or replace it (the old codes stop working), see the new set once
 * with copy and download, and a step-up with one code, which spends it.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import Type from "typebox";
import { recoveryCodesRunningLow, recoveryCodesText } from "../../../domain/recovery-codes.js";
import { createRecoveryCodeRegistration } from "../../../methods/recovery-code/recovery-code-registration.js";
import { formatDateTime } from "../../views/format-time.js";
import { recoveryCodesShownPage, recoveryIntroPage } from "../../views/security-info/recovery-code-page.js";
import type { MethodPages } from "./method-pages-port.js";
import { registerOwnCodeStepUp } from "./own-code-step-up.js";
import {
  csrfTokenOf,
  freshCaller,
  isCsrfValidFor,
  refuseStaleForm,
  SECURITY_INFO_PATH,
  type SecurityInfoRouteContext,
  sendSecurityInfoPage,
} from "./security-info-context.js";

const PATH = `${SECURITY_INFO_PATH}/recovery-codes`;

const CsrfBody = Type.Object({ csrf: Type.String({ maxLength: 128 }) });

function registerCreate(app: FastifyInstance, context: SecurityInfoRouteContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const registration = createRecoveryCodeRegistration(context.services.securityInfo.deps);
  typed.get(PATH, async (request, reply) => {
    const caller = await freshCaller(context, request, reply, request.url);
    if (caller === null) return reply;
    const current = await registration.current(caller);
    return sendSecurityInfoPage(context, request, reply, {
      title: request.t("security_info.kind.recovery_code"),
      body: recoveryIntroPage(request.t, {
        action: PATH,
        csrf: csrfTokenOf(context, caller),
        left: current?.left ?? null,
        runningLow: current !== null && recoveryCodesRunningLow(current.left),
      }),
    });
  });
  typed.post(PATH, { schema: { body: CsrfBody } }, async (request, reply) => {
    const caller = await freshCaller(context, request, reply, PATH);
    if (caller === null) return reply;
    if (!isCsrfValidFor(context, caller, request.body.csrf)) return refuseStaleForm(context, request, reply);
    const generated = await registration.generate(caller);
    if (!generated.ok) return reply.redirect(`${SECURITY_INFO_PATH}?notice=${generated.reason}`, 303);
    const org = (await context.services.securityInfo.deps.organisation()).name;
    const generatedAt = formatDateTime(generated.method.createdAt, request.lang, request.timeZone);
    const text = recoveryCodesText({ org, userId: caller.user.userId, codes: generated.codes, generatedAt }, request.t);
    // Shown in the answer to the POST, never behind a URL: a reload or the back button cannot show them again.
    return sendSecurityInfoPage(context, request, reply, {
      title: request.t("recovery.page.shown_title"),
      body: recoveryCodesShownPage(request.t, { codes: generated.codes, text, fileName: "recovery-codes.txt" }),
      scripts: [{ src: "/static/recovery-codes.js" }],
    });
  });
}

function registerStepUp(app: FastifyInstance, context: SecurityInfoRouteContext): void {
  const registration = createRecoveryCodeRegistration(context.services.securityInfo.deps);
  registerOwnCodeStepUp(app, context, {
    path: PATH,
    method: "recovery_code",
    check: (caller, input) => registration.stepUp(caller, input),
    failure: (request, reason) =>
      reason === "wrong" ? { audit: "SND-201", message: request.t("recovery.step_up.wrong") } : null,
    formWords: (request) =>
      Promise.resolve({
        title: request.t("recovery.step_up.title"),
        lead: request.t("recovery.step_up.lead"),
        label: request.t("recovery.step_up.code_label"),
        hint: request.t("recovery.step_up.code_hint"),
        submit: request.t("recovery.step_up.submit"),
        input: "recovery_code",
      }),
  });
}

export const recoveryCodePages: MethodPages = {
  kind: "recovery_code",
  addPath: PATH,
  // "Change" on the overview makes a new set, which replaces the old one.
  changePath: () => PATH,
  stepUpPath: `${PATH}/step-up`,
  register: (app, context) => {
    registerCreate(app, context);
    registerStepUp(app, context);
  },
};
