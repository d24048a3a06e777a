/**
 * The passkey's pages in My security info (SPEC §4.5, §5.1): add one (a label, then the browser's ceremony, verified
 * before it is saved; at most 10) and confirm it's you with one (a step-up). /static/passkey.js fetches each
 * ceremony's options from `<page>/options` as JSON; a refusal there comes back as `{ message }` in the reader's words.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import type { SecurityInfoCaller } from "../../../domain/registration/security-info-service.js";
import { refusedReason } from "../../../methods/passkey/passkey-assertion.js";
import { normaliseLabel } from "../../../methods/passkey/passkey-rows.js";
import { MAX_RESPONSE_CHARACTERS } from "../../../methods/passkey/webauthn-response.js";
import { addPasskeyPage, PASSKEY_PAGE_SCRIPTS, passkeyStepUpPage } from "../../views/passkey-forms.js";
import { callerOf } from "../session-context.js";
import type { MethodPages } from "./method-pages-port.js";
import { afterSave } from "./save-outcome.js";
import {
  csrfTokenOf,
  freshCaller,
  isCsrfValidFor,
  refuseStaleForm,
  safeNextPath,
  SECURITY_INFO_PATH,
  type SecurityInfoRouteContext,
  securityInfoCaller,
  sendSecurityInfoPage,
} from "./security-info-context.js";

const ADD_PATH = `${SECURITY_INFO_PATH}/passkey`;
const STEP_UP_PATH = `${SECURITY_INFO_PATH}/passkey/step-up`;
const VERIFY_PATH = `${SECURITY_INFO_PATH}/passkey/verify`;

const OptionsBody = Type.Object({
  csrf: Type.String({ maxLength: 128 }),
  label: Type.Optional(Type.String({ maxLength: 512 })),
});
const FinishBody = Type.Object({
  csrf: Type.String({ maxLength: 128 }),
  label: Type.Optional(Type.String({ maxLength: 512 })),
  credential: Type.String({ maxLength: MAX_RESPONSE_CHARACTERS }),
});

/** The caller of a JSON options request, or null once the refusal was sent (no redirect: the script reads JSON). */
async function jsonCaller(
  context: SecurityInfoRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  csrf: string,
): Promise<SecurityInfoCaller | null> {
  const live = await context.services.signIn.sessionUser(request.cookies[context.sessionCookie]);
  if (live === null || live.user.mustChangePassword) {
    void reply.code(401).send({ message: request.t("passkey.session_ended") });
    return null;
  }
  const caller = { user: live.user, session: live.session, ...callerOf(request) };
  if (isCsrfValidFor(context, caller, csrf)) return caller;
  void reply.code(403).send({ message: request.t("common.form_expired.message") });
  return null;
}

type AddError = { field: "label" | null; message: string } | null;

function showAddPage(
  context: SecurityInfoRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { caller: SecurityInfoCaller; label: string; error: AddError },
): Promise<FastifyReply> {
  const csrf = csrfTokenOf(context, input.caller);
  return sendSecurityInfoPage(context, request, reply, {
    title: request.t("security_info.add_kind.passkey"),
    status: input.error === null ? 200 : 400,
    body: addPasskeyPage(request.t, { action: ADD_PATH, csrf, label: input.label, error: input.error }),
    scripts: PASSKEY_PAGE_SCRIPTS,
  });
}

function registerAdd(app: FastifyInstance, context: SecurityInfoRouteContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const ceremonies = context.services.passkeys.ceremonies;
  typed.get(ADD_PATH, async (request, reply) => {
    const caller = await freshCaller(context, request, reply, ADD_PATH);
    if (caller === null) return reply;
    return showAddPage(context, request, reply, { caller, label: "", error: null });
  });
  typed.post(`${ADD_PATH}/options`, { schema: { body: OptionsBody } }, async (request, reply) => {
    const caller = await jsonCaller(context, request, reply, request.body.csrf);
    if (caller === null) return reply;
    if ((await context.services.securityInfo.service.freshness(caller)) !== "fresh")
      return reply.code(403).send({ message: request.t("passkey.step_up_needed") });
    if (normaliseLabel(request.body.label ?? "") === null)
      return reply.code(400).send({ message: request.t("passkey.label_invalid") });
    const started = await ceremonies.registrationOptions(caller);
    if (!started.ok) return reply.code(409).send({ message: request.t("passkey.limit") });
    return started.options;
  });
  typed.post(ADD_PATH, { schema: { body: FinishBody } }, async (request, reply) => {
    const caller = await freshCaller(context, request, reply, ADD_PATH);
    if (caller === null) return reply;
    if (!isCsrfValidFor(context, caller, request.body.csrf)) return refuseStaleForm(context, request, reply);
    const typedLabel = request.body.label ?? "";
    const label = normaliseLabel(typedLabel);
    const show = (error: AddError) => showAddPage(context, request, reply, { caller, label: typedLabel, error });
    if (label === null) return show({ field: "label", message: request.t("passkey.label_invalid") });
    if (request.body.credential === "") return show({ field: null, message: request.t("passkey.needs_javascript") });
    const finished = await ceremonies.finishRegistration(caller, { responseJson: request.body.credential, label });
    if (!finished.ok && finished.reason === "duplicate")
      return reply.redirect(`${SECURITY_INFO_PATH}?notice=duplicate`, 303);
    if (!finished.ok)
      return show({
        field: null,
        message: request.t(finished.reason === "expired" ? "passkey.expired" : "passkey.refused"),
      });
    const saved = await context.services.securityInfo.service.save(caller, {
      method: finished.method,
      replacesId: null,
    });
    return afterSave(context, request, reply, saved, null);
  });
}

function showStepUpPage(
  context: SecurityInfoRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { caller: SecurityInfoCaller; error: string | null },
): Promise<FastifyReply> {
  return sendSecurityInfoPage(context, request, reply, {
    title: request.t("passkey.step_up_title"),
    status: input.error === null ? 200 : 400,
    body: passkeyStepUpPage(request.t, {
      action: VERIFY_PATH,
      csrf: csrfTokenOf(context, input.caller),
      error: input.error,
    }),
    scripts: PASSKEY_PAGE_SCRIPTS,
  });
}

function registerStepUp(app: FastifyInstance, context: SecurityInfoRouteContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const { ceremonies } = context.services.passkeys;
  const service = context.services.securityInfo.service;
  // The step-up page's choice posts here (any of the user's passkeys will do); the ceremony has a page of its own.
  typed.post(
    STEP_UP_PATH,
    { schema: { body: Type.Object({ csrf: Type.String({ maxLength: 128 }) }, { additionalProperties: true }) } },
    async (request, reply) => {
      const caller = await securityInfoCaller(context, request, reply);
      if (caller === null) return reply;
      if (!isCsrfValidFor(context, caller, request.body.csrf)) return refuseStaleForm(context, request, reply);
      return reply.redirect(VERIFY_PATH, 303);
    },
  );
  typed.get(VERIFY_PATH, async (request, reply) => {
    const caller = await securityInfoCaller(context, request, reply);
    if (caller === null) return reply;
    return showStepUpPage(context, request, reply, { caller, error: null });
  });
  typed.post(`${VERIFY_PATH}/options`, { schema: { body: OptionsBody } }, async (request, reply) => {
    const caller = await jsonCaller(context, request, reply, request.body.csrf);
    if (caller === null) return reply;
    return ceremonies.stepUpOptions(caller);
  });
  typed.post(VERIFY_PATH, { schema: { body: FinishBody } }, async (request, reply) => {
    const caller = await securityInfoCaller(context, request, reply);
    if (caller === null) return reply;
    if (!isCsrfValidFor(context, caller, request.body.csrf)) return refuseStaleForm(context, request, reply);
    if (request.body.credential === "")
      return showStepUpPage(context, request, reply, { caller, error: request.t("passkey.needs_javascript") });
    const finished = await ceremonies.finishStepUp(caller, request.body.credential);
    if (finished.ok) {
      await service.passStepUp(caller, finished.method);
      const next = safeNextPath(request.cookies["sandi_next"]);
      return reply.clearCookie("sandi_next", { path: SECURITY_INFO_PATH }).redirect(next, 303);
    }
    // A flagged passkey was audited with its flag; other refusals of a known passkey are failed step-ups.
    if (finished.method !== null && finished.reason !== "cloned")
      await service.failStepUp(caller, finished.method, refusedReason(finished.reason));
    const message = request.t(finished.reason === "expired" ? "passkey.expired" : "passkey.refused");
    return showStepUpPage(context, request, reply, { caller, error: message });
  });
}

export const passkeyPages: MethodPages = {
  kind: "passkey",
  addPath: ADD_PATH,
  changePath: () => null,
  stepUpPath: STEP_UP_PATH,
  register: (app, context) => {
    registerAdd(app, context);
    registerStepUp(app, context);
  },
};
