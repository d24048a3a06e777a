/**
 * The pages every method that sends a code shares (email now; SMS, voice and office phone plug in the same way):
 * type the value → "code sent" → type the code → saved; a step-up sends to the registered value without typing.
 * A method supplies its sender, its value form and how a verified challenge becomes a stored method.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { kindOfMethod, type RegistrableKind } from "../../../domain/methods.js";
import type { SsprPolicy } from "../../../domain/policies/sspr-policy.js";
import { policyAsSeenBy } from "../../../domain/policies/method-targeting.js";
import type { ContactCodeSender, SendRefusal } from "../../../domain/registration/contact-codes.js";
import type { NewMethod, SecurityInfoCaller } from "../../../domain/registration/security-info-service.js";
import type { Html } from "../../../lib/html.js";
import { codeEntryPage, type CodeEntryModel } from "../../views/security-info/code-entry-page.js";
import { blockedPage } from "../../views/security-info/blocked-page.js";
import { valuePage } from "../../views/security-info/value-page.js";
import { maskedValueOf } from "../../../domain/registration/method-display.js";
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
import { afterSave } from "./save-outcome.js";
import { passedStepUp } from "./step-up-outcome.js";

/** What a method types in: parsed to a normalised target, or an error message key to show beside the field. */
export type ParsedValue =
  | { readonly ok: true; readonly target: string; readonly payload: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly errorKey: string; readonly field: string };

export interface SentCodeMethodSpec {
  readonly kind: RegistrableKind;
  /** URL segment: /account/security-info/<slug>. */
  readonly slug: string;
  /** The sender for a payload (a phone chooses text or call from what was typed). */
  senderFor(payload: Readonly<Record<string, unknown>>): ContactCodeSender;
  /** The value form's fields (inputs with labels), refilled with what was typed and its error. */
  valueForm(
    request: FastifyRequest,
    input: {
      values: Readonly<Record<string, string>>;
      error: { field: string; key: string } | null;
      /** The policy now, for choices it governs (the countries a number may be in, text or call). */
      policy: SsprPolicy;
    },
  ): Html;
  /** Reads the typed value. */
  parseValue(
    request: FastifyRequest,
    fields: Readonly<Record<string, string>>,
    caller: SecurityInfoCaller,
  ): Promise<ParsedValue>;
  /** The method to store once the target is verified. */
  toMethod(target: string, payload: Readonly<Record<string, unknown>>): NewMethod;
  /** The code page's lead text ("We sent a code to …"): `shown` is what was just typed, or at a step-up the mask. */
  sentTo(request: FastifyRequest, shown: string, payload: Readonly<Record<string, unknown>>): string;
  /** A warning shown after saving (an address in the organisation's own domain), or null. */
  warningAfterSave?(target: string, organisationDomain: string | null): string | null;
}

const CodeBody = Type.Object({
  csrf: Type.String({ maxLength: 128 }),
  challenge: Type.String({ maxLength: 64 }),
  code: Type.String({ maxLength: 32 }),
});
const ResendBody = Type.Object({ csrf: Type.String({ maxLength: 128 }), challenge: Type.String({ maxLength: 64 }) });
const ValueQuery = Type.Object({ replace: Type.Optional(Type.String({ maxLength: 64 })) });

async function refusalPage(
  context: SecurityInfoRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  refusal: SendRefusal,
): Promise<FastifyReply> {
  if (refusal.reason === "blocked")
    return sendSecurityInfoPage(context, request, reply, { ...blockedPage(request, refusal.until), status: 429 });
  return reply.redirect(`${SECURITY_INFO_PATH}?notice=${refusal.reason}`, 303);
}

function codePage(
  context: SecurityInfoRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  model: CodeEntryModel,
  status = 200,
): Promise<FastifyReply> {
  return sendSecurityInfoPage(context, request, reply, {
    title: request.t("security_info.code.title"),
    body: codeEntryPage(request.t, model),
    status,
  });
}

/** The add/change form and its POST: parse, start the verification, show the code page. */
function registerValueForm(app: FastifyInstance, context: SecurityInfoRouteContext, spec: SentCodeMethodSpec): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const path = `${SECURITY_INFO_PATH}/${spec.slug}`;
  const showForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    caller: SecurityInfoCaller,
    input: { values: Record<string, string>; error: { field: string; key: string } | null; replace: string | null },
  ) =>
    context.services.securityInfo.deps.currentPolicy().then((live) => {
      // The methods as this user's groups see them (per-method targeting): a mobile offers only its own channels.
      const policy = policyAsSeenBy(live, caller.user);
      return sendSecurityInfoPage(context, request, reply, {
        title: request.t(`security_info.add_kind.${spec.kind}`),
        status: input.error === null ? 200 : 400,
        body: valuePage(request, { spec, path, csrf: csrfTokenOf(context, caller), policy, ...input }),
      });
    });
  typed.get(path, { schema: { querystring: ValueQuery } }, async (request, reply) => {
    const caller = await freshCaller(context, request, reply, request.url);
    if (caller === null) return reply;
    return showForm(request, reply, caller, { values: {}, error: null, replace: request.query.replace ?? null });
  });
  app.post(path, async (request, reply) => {
    const fields = formFields(request.body);
    const caller = await freshCaller(context, request, reply, path);
    if (caller === null) return reply;
    if (!isCsrfValidFor(context, caller, fields["csrf"] ?? "")) return refuseStaleForm(context, request, reply);
    const replace = (fields["replace"] ?? "") === "" ? null : (fields["replace"] ?? null);
    if (replace !== null && (await context.services.securityInfo.service.findOwn(caller, replace)) === null)
      return reply.redirect(`${SECURITY_INFO_PATH}?notice=not_found`, 303);
    const parsed = await spec.parseValue(request, fields, caller);
    if (!parsed.ok)
      return showForm(request, reply, caller, {
        values: fields,
        error: { field: parsed.field, key: parsed.errorKey },
        replace,
      });
    const started = await context.services.securityInfo.service.startCode(caller, {
      sender: spec.senderFor(parsed.payload),
      purpose: "enrol",
      target: parsed.target,
      replacesId: replace,
      payload: parsed.payload,
    });
    if (!started.ok) return refusalPage(context, request, reply, started);
    return codePage(context, request, reply, {
      action: `${path}/code`,
      resendAction: `${path}/resend`,
      challenge: started.challengeId,
      csrf: csrfTokenOf(context, caller),
      lead: spec.sentTo(request, parsed.target, parsed.payload),
      codeLength: spec.senderFor(parsed.payload).codeLength,
      error: null,
      notice: null,
    });
  });
}

/** The organisation's own mail domain, as its user IDs (`name@domain`) name it. */
function organisationDomainOf(caller: SecurityInfoCaller): string | null {
  const at = caller.user.userId.lastIndexOf("@");
  return at < 0 ? null : caller.user.userId.slice(at + 1);
}

/** The fields of a urlencoded form as strings (Fastify's formbody gives an object of strings). */
export function formFields(body: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (body === null || typeof body !== "object") return fields;
  for (const [key, value] of Object.entries(body)) if (typeof value === "string") fields[key] = value.slice(0, 512);
  return fields;
}

/** The code POST (enrol and step-up share it) and the resend POST. */
function registerCodeRoutes(app: FastifyInstance, context: SecurityInfoRouteContext, spec: SentCodeMethodSpec): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const path = `${SECURITY_INFO_PATH}/${spec.slug}`;
  typed.post(`${path}/code`, { schema: { body: CodeBody } }, async (request, reply) => {
    const caller = await securityInfoCaller(context, request, reply);
    if (caller === null) return reply;
    if (!isCsrfValidFor(context, caller, request.body.csrf)) return refuseStaleForm(context, request, reply);
    const service = context.services.securityInfo.service;
    const sessionFresh = (await service.freshness(caller)) === "fresh";
    const checked = await service.checkCode(caller, {
      challengeId: request.body.challenge,
      code: request.body.code.replace(/[\s-]/g, ""),
      method: spec.senderFor({}).method,
      countsA2: spec.kind !== "email",
      sessionFresh,
    });
    if (!checked.ok) {
      if (checked.reason === "blocked")
        return sendSecurityInfoPage(context, request, reply, { ...blockedPage(request, checked.until), status: 429 });
      if (checked.reason === "stale")
        return reply.redirect(`${SECURITY_INFO_PATH}/verify?next=${encodeURIComponent(SECURITY_INFO_PATH)}`, 303);
      if (checked.reason === "expired" || checked.reason === "void")
        return reply.redirect(`${SECURITY_INFO_PATH}?notice=code_${checked.reason}`, 303);
      return codePage(
        context,
        request,
        reply,
        {
          action: `${path}/code`,
          resendAction: `${path}/resend`,
          challenge: request.body.challenge,
          csrf: csrfTokenOf(context, caller),
          lead: request.t("security_info.code.retry_lead"),
          codeLength: spec.senderFor({}).codeLength,
          error: request.t("security_info.code.wrong"),
          notice: null,
        },
        400,
      );
    }
    const { challenge } = checked;
    if (challenge.purpose === "step_up") return passedStepUp(context, request, reply, caller, challenge);
    const saved = await service.save(caller, {
      method: spec.toMethod(challenge.target ?? "", challenge.payload),
      replacesId: challenge.replacesId,
    });
    return afterSave(
      context,
      request,
      reply,
      saved,
      spec.warningAfterSave?.(challenge.target ?? "", organisationDomainOf(caller)) ?? null,
    );
  });
  typed.post(`${path}/resend`, { schema: { body: ResendBody } }, async (request, reply) => {
    const caller = await securityInfoCaller(context, request, reply);
    if (caller === null) return reply;
    if (!isCsrfValidFor(context, caller, request.body.csrf)) return refuseStaleForm(context, request, reply);
    const resent = await context.services.securityInfo.service.resendCode(caller, {
      senderFor: (payload) => spec.senderFor(payload),
      challengeId: request.body.challenge,
    });
    if (!resent.ok && resent.reason !== "too_soon" && resent.reason !== "too_many_sends")
      return refusalPage(context, request, reply, resent);
    const notice = resent.ok
      ? request.t("security_info.code.resent")
      : request.t(`security_info.code.${resent.reason}`);
    return codePage(context, request, reply, {
      action: `${path}/code`,
      resendAction: `${path}/resend`,
      challenge: request.body.challenge,
      csrf: csrfTokenOf(context, caller),
      lead: request.t("security_info.code.retry_lead"),
      codeLength: spec.senderFor({}).codeLength,
      error: null,
      notice,
    });
  });
}

/** The step-up start: a code to the user's registered value, chosen by its row id. */
function registerStepUpStart(app: FastifyInstance, context: SecurityInfoRouteContext, spec: SentCodeMethodSpec): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const path = `${SECURITY_INFO_PATH}/${spec.slug}`;
  typed.post(
    `${path}/step-up`,
    {
      schema: {
        body: Type.Object({
          csrf: Type.String({ maxLength: 128 }),
          method: Type.String({ maxLength: 64 }),
          channel: Type.Optional(Type.String({ maxLength: 16 })),
        }),
      },
    },
    async (request, reply) => {
      const caller = await securityInfoCaller(context, request, reply);
      if (caller === null) return reply;
      if (!isCsrfValidFor(context, caller, request.body.csrf)) return refuseStaleForm(context, request, reply);
      const service = context.services.securityInfo.service;
      const method = await service.findOwn(caller, request.body.method);
      // Only this method's own rows: an address posted to the phone's step-up would be "texted".
      if (method === null || kindOfMethod(method.method) !== spec.kind)
        return reply.redirect(`${SECURITY_INFO_PATH}/verify?notice=not_found`, 303);
      const channel = request.body.channel === "voice" ? "voice" : "sms";
      // The page offers only what the policy allows; a hand-made form gets no text or call the policy turned off
      // (privileged users may use any configured channel, SPEC §2).
      const policy = policyAsSeenBy(await context.services.securityInfo.deps.currentPolicy(), caller.user);
      const allowed = channel === "voice" ? policy.methods.mobileVoice : policy.methods.mobileSms;
      if (spec.kind === "sms" && !allowed && caller.user.roles.length === 0)
        return reply.redirect(`${SECURITY_INFO_PATH}/verify?notice=not_found`, 303);
      const payload = {
        ...(method.details ?? {}),
        channel,
        extension: method.extension ?? null,
        stepUpOf: method.id,
      };
      const sender = spec.senderFor(payload);
      const started = await service.startCode(caller, {
        sender,
        purpose: "step_up",
        target: method.value,
        replacesId: method.id,
        payload,
      });
      if (!started.ok) return refusalPage(context, request, reply, started);
      return codePage(context, request, reply, {
        action: `${path}/code`,
        resendAction: `${path}/resend`,
        challenge: started.challengeId,
        csrf: csrfTokenOf(context, caller),
        lead: spec.sentTo(request, maskedValueOf(method), payload),
        codeLength: sender.codeLength,
        error: null,
        notice: null,
      });
    },
  );
}

/** Registers a sent-code method's pages. */
export function registerSentCodeMethod(
  app: FastifyInstance,
  context: SecurityInfoRouteContext,
  spec: SentCodeMethodSpec,
): void {
  registerValueForm(app, context, spec);
  registerCodeRoutes(app, context, spec);
  registerStepUpStart(app, context, spec);
}
