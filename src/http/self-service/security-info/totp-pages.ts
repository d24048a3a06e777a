/**
 * The authenticator app's pages (SPEC §4.4, §5.1): name it, scan the QR code or type the key, type the first code
 * (saved only then, within 10 minutes), and a step-up with a current code. Up to 5 apps; an app cannot be changed,
 * only removed and added again.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import type { SecurityInfoCaller } from "../../../domain/registration/security-info-service.js";
import { base32Groups, otpauthUri } from "../../../lib/crypto/totp.js";
import { qrSvg } from "../../../lib/qr-svg.js";
import { createTotpRegistration, type TotpEnrolment } from "../../../methods/totp/totp-registration.js";
import { blockedPage } from "../../views/security-info/blocked-page.js";
import { totpLabelPage, totpScanPage } from "../../views/security-info/totp-page.js";
import type { MethodPages } from "./method-pages-port.js";
import { registerOwnCodeStepUp } from "./own-code-step-up.js";
import { afterSave } from "./save-outcome.js";
import {
  csrfTokenOf,
  freshCaller,
  isCsrfValidFor,
  refuseStaleForm,
  SECURITY_INFO_PATH,
  type SecurityInfoRouteContext,
  securityInfoCaller,
  sendSecurityInfoPage,
  STEP_UP_PATH,
} from "./security-info-context.js";

const PATH = `${SECURITY_INFO_PATH}/authenticator-app`;

const LabelBody = Type.Object({ csrf: Type.String({ maxLength: 128 }), label: Type.String({ maxLength: 512 }) });
const CodeBody = Type.Object({
  csrf: Type.String({ maxLength: 128 }),
  challenge: Type.String({ maxLength: 64 }),
  code: Type.String({ maxLength: 32 }),
});

async function showLabelForm(
  context: SecurityInfoRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  caller: SecurityInfoCaller,
  input: { label: string; error: string | null },
): Promise<FastifyReply> {
  return sendSecurityInfoPage(context, request, reply, {
    title: request.t("security_info.add_kind.totp"),
    status: input.error === null ? 200 : 400,
    body: totpLabelPage(request.t, { action: PATH, csrf: csrfTokenOf(context, caller), ...input }),
  });
}

/** The scan page of a verification in progress; drawn again (same key) after a wrong code. */
async function showScanPage(
  context: SecurityInfoRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  caller: SecurityInfoCaller,
  enrolment: TotpEnrolment,
  error: string | null,
): Promise<FastifyReply> {
  const org = (await context.services.securityInfo.deps.organisation()).name;
  const uri = otpauthUri({ org, userId: caller.user.userId, secret: enrolment.secret });
  return sendSecurityInfoPage(context, request, reply, {
    title: request.t("totp.scan.title"),
    status: error === null ? 200 : 400,
    body: totpScanPage(request.t, {
      action: `${PATH}/verify`,
      csrf: csrfTokenOf(context, caller),
      challenge: enrolment.challengeId,
      org,
      userId: caller.user.userId,
      qrSvg: await qrSvg(uri, request.t("totp.scan.qr_title", { org })),
      groupedKey: base32Groups(enrolment.secret),
      error,
    }),
  });
}

function registerAdd(app: FastifyInstance, context: SecurityInfoRouteContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const registration = createTotpRegistration(context.services.securityInfo.deps);
  typed.get(PATH, async (request, reply) => {
    const caller = await freshCaller(context, request, reply, request.url);
    if (caller === null) return reply;
    const overview = await context.services.securityInfo.service.overview(caller);
    const apps = overview.rows.filter((row) => row.method.method === "totp").length;
    const name = request.t("totp.add.label_default");
    return showLabelForm(context, request, reply, caller, {
      label: apps === 0 ? name : `${name} ${String(apps + 1)}`,
      error: null,
    });
  });
  typed.post(PATH, { schema: { body: LabelBody } }, async (request, reply) => {
    const caller = await freshCaller(context, request, reply, PATH);
    if (caller === null) return reply;
    if (!isCsrfValidFor(context, caller, request.body.csrf)) return refuseStaleForm(context, request, reply);
    const started = await registration.start(caller, request.body.label);
    if (!started.ok && started.reason === "limit_reached")
      return reply.redirect(`${SECURITY_INFO_PATH}?notice=limit_reached`, 303);
    if (!started.ok)
      return showLabelForm(context, request, reply, caller, {
        label: request.body.label,
        error: request.t("totp.add.label_invalid"),
      });
    return showScanPage(context, request, reply, caller, started.enrolment, null);
  });
  typed.post(`${PATH}/verify`, { schema: { body: CodeBody } }, async (request, reply) => {
    const caller = await securityInfoCaller(context, request, reply);
    if (caller === null) return reply;
    if (!isCsrfValidFor(context, caller, request.body.csrf)) return refuseStaleForm(context, request, reply);
    const service = context.services.securityInfo.service;
    const finished = await registration.finish(caller, {
      challengeId: request.body.challenge,
      code: request.body.code,
      sessionFresh: (await service.freshness(caller)) === "fresh",
    });
    if (finished.ok) {
      const saved = await service.save(caller, { method: finished.method, replacesId: null });
      return afterSave(context, request, reply, saved, null);
    }
    if (finished.reason === "blocked")
      return sendSecurityInfoPage(context, request, reply, { ...blockedPage(request, finished.until), status: 429 });
    if (finished.reason === "stale") return reply.redirect(`${STEP_UP_PATH}?next=${encodeURIComponent(PATH)}`, 303);
    const enrolment = finished.reason === "wrong" ? await registration.reopen(caller, request.body.challenge) : null;
    if (enrolment === null) return reply.redirect(`${SECURITY_INFO_PATH}?notice=expired`, 303);
    return showScanPage(context, request, reply, caller, enrolment, request.t("totp.scan.wrong"));
  });
}

function registerStepUp(app: FastifyInstance, context: SecurityInfoRouteContext): void {
  const registration = createTotpRegistration(context.services.securityInfo.deps);
  registerOwnCodeStepUp(app, context, {
    path: PATH,
    method: "totp",
    check: (caller, input) => registration.stepUp(caller, input),
    failure: (request, reason) => {
      if (reason === "replayed") return { audit: "SND-207", message: request.t("totp.replayed") };
      return reason === "not_found" ? null : { audit: "SND-201", message: request.t("totp.step_up.wrong") };
    },
    formWords: async (request, method) => {
      const org = (await context.services.securityInfo.deps.organisation()).name;
      return {
        title: request.t("totp.step_up.title"),
        lead: request.t("totp.step_up.lead", { org, label: method.label ?? "" }),
        label: request.t("totp.step_up.code_label"),
        hint: null,
        submit: request.t("totp.step_up.submit"),
        input: "digits",
      };
    },
  });
}

export const totpPages: MethodPages = {
  kind: "totp",
  addPath: PATH,
  changePath: () => null,
  stepUpPath: `${PATH}/step-up`,
  register: (app, context) => {
    registerAdd(app, context);
    registerStepUp(app, context);
  },
};
