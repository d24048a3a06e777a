/**
 * The phone methods' pages: add or change a mobile (a code by text or call proves it) or an office phone (a call,
 * with its extension), and a step-up by a code to a registered phone. The shared sent-code pages do the rest.
 */
import type { FastifyRequest } from "fastify";
import { kindOfMethod } from "../../../domain/methods.js";
import { formatPhoneNumber } from "../../../domain/phone-number.js";
import type { SecurityInfoCaller } from "../../../domain/registration/security-info-service.js";
import {
  channelOf,
  mobileCallSender,
  mobileChannels,
  mobileTextSender,
  officeCallSender,
  type PhoneRules,
  readTypedPhone,
} from "../../../methods/phone/phone-registration.js";
import { policyAsSeenBy } from "../../../domain/policies/method-targeting.js";
import { mobilePhoneFields, officePhoneFields } from "../../views/security-info/phone-fields.js";
import type { MethodPages } from "./method-pages-port.js";
import { SECURITY_INFO_PATH, type SecurityInfoRouteContext } from "./security-info-context.js";
import { type ParsedValue, registerSentCodeMethod, type SentCodeMethodSpec } from "./sent-code-pages.js";

type PhoneKind = PhoneRules["kind"];

/** The calling code the reading put in the payload, kept on the row for its mask (`+62 ••• 12`). */
function callingCodeOf(payload: Readonly<Record<string, unknown>>): string {
  const code = payload["callingCode"];
  return typeof code === "string" ? code : "";
}

/** The user's phone of the other kind, which this one may not repeat. */
async function otherPhoneOf(
  context: SecurityInfoRouteContext,
  caller: SecurityInfoCaller,
  kind: PhoneKind,
): Promise<string | null> {
  const methods = await context.services.securityInfo.deps.methods.listForUser(caller.user.ref);
  const other = methods.find((method) => kindOfMethod(method.method) !== kind && method.value.startsWith("+"));
  return other?.value ?? null;
}

async function parsePhone(
  context: SecurityInfoRouteContext,
  caller: SecurityInfoCaller,
  kind: PhoneKind,
  fields: Readonly<Record<string, string>>,
): Promise<ParsedValue> {
  const policy = policyAsSeenBy(await context.services.securityInfo.deps.currentPolicy(), caller.user);
  const reading = readTypedPhone(
    {
      country: fields["country"] ?? "",
      number: fields["number"] ?? "",
      channel: fields["channel"] ?? "",
      extension: fields["extension"] ?? "",
    },
    {
      kind,
      allowedCountries: policy.allowedPhoneCountries,
      channels: kind === "sms" ? mobileChannels(policy.methods) : ["voice"],
      otherPhone: await otherPhoneOf(context, caller, kind),
    },
  );
  return reading;
}

/**
 * "We texted a code to …" or "We are calling … now": `shown` is the number just typed (its owner's own input) or,
 * at a step-up, the registered number masked.
 */
function sentTo(request: FastifyRequest, shown: string, payload: Readonly<Record<string, unknown>>): string {
  const target = shown.includes("•") ? shown : formatPhoneNumber(shown);
  const extension = typeof payload["extension"] === "string" ? payload["extension"] : null;
  if (channelOf(payload) === "sms") return request.t("phone.code.sent_sms", { target });
  return extension === null
    ? request.t("phone.code.calling", { target })
    : request.t("phone.code.calling_extension", { target, extension });
}

function mobileSpec(context: SecurityInfoRouteContext): SentCodeMethodSpec {
  return {
    kind: "sms",
    slug: "mobile",
    senderFor: (payload) => (channelOf(payload) === "voice" ? mobileCallSender : mobileTextSender),
    valueForm: (request, input) =>
      mobilePhoneFields(
        request,
        { values: input.values, error: input.error, countries: input.policy.allowedPhoneCountries },
        mobileChannels(input.policy.methods),
      ),
    parseValue: (_request, fields, caller) => parsePhone(context, caller, "sms", fields),
    toMethod: (target, payload) => ({
      method: "sms",
      value: target,
      label: null,
      details: { callingCode: callingCodeOf(payload) },
    }),
    sentTo,
  };
}

function officeSpec(context: SecurityInfoRouteContext): SentCodeMethodSpec {
  return {
    kind: "voice_office",
    slug: "office",
    senderFor: () => officeCallSender,
    valueForm: (request, input) =>
      officePhoneFields(request, {
        values: input.values,
        error: input.error,
        countries: input.policy.allowedPhoneCountries,
      }),
    parseValue: (_request, fields, caller) => parsePhone(context, caller, "voice_office", fields),
    toMethod: (target, payload) => ({
      method: "voice_office",
      value: target,
      label: null,
      extension: typeof payload["extension"] === "string" ? payload["extension"] : null,
      details: { callingCode: callingCodeOf(payload) },
    }),
    sentTo,
  };
}

export const mobilePhonePages: MethodPages = {
  kind: "sms",
  addPath: `${SECURITY_INFO_PATH}/mobile`,
  changePath: (method) => `${SECURITY_INFO_PATH}/mobile?replace=${method.id}`,
  stepUpPath: `${SECURITY_INFO_PATH}/mobile/step-up`,
  register: (app, context) => registerSentCodeMethod(app, context, mobileSpec(context)),
};

export const officePhonePages: MethodPages = {
  kind: "voice_office",
  addPath: `${SECURITY_INFO_PATH}/office`,
  changePath: (method) => `${SECURITY_INFO_PATH}/office?replace=${method.id}`,
  stepUpPath: `${SECURITY_INFO_PATH}/office/step-up`,
  register: (app, context) => registerSentCodeMethod(app, context, officeSpec(context)),
};
