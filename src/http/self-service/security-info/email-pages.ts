/** The email method's pages: add or change an address (a code proves it first), and a step-up by a code to it. */
import type { FastifyRequest } from "fastify";
import { normaliseEmailAddress } from "../../../domain/email-address.js";
import { emailCodeSender } from "../../../methods/email-code/email-registration.js";
import { html } from "../../../lib/html.js";
import { fieldErrorText, fieldState } from "../../views/layout.js";
import type { MethodPages } from "./method-pages-port.js";
import { registerSentCodeMethod, type SentCodeMethodSpec } from "./sent-code-pages.js";
import { SECURITY_INFO_PATH } from "./security-info-context.js";

const SLUG = "email";

function addressField(
  request: FastifyRequest,
  input: { values: Readonly<Record<string, string>>; error: { field: string; key: string } | null },
) {
  const messages = input.error === null ? [] : [request.t(input.error.key)];
  return html`<label for="address">${request.t("security_info.email.label")}</label>
  <p class="hint" id="address-hint">${request.t("security_info.email.hint")}</p>${fieldErrorText(request.t, "address", messages)}
  <input id="address" name="address" type="email" autocomplete="email" maxlength="254" required value="${input.values["address"] ?? ""}"${fieldState("address", messages, ["address-hint"])}>`;
}

/** SPEC §5.1: an address in the organisation's own mail domain is allowed, with a warning. */
function ownDomainWarning(target: string, organisationDomain: string | null): string | null {
  if (organisationDomain === null) return null;
  const domain = target.slice(target.lastIndexOf("@") + 1);
  return domain === organisationDomain || domain.endsWith(`.${organisationDomain}`) ? "own_domain" : null;
}

const spec: SentCodeMethodSpec = {
  kind: "email",
  slug: SLUG,
  senderFor: () => emailCodeSender,
  valueForm: addressField,
  parseValue: (_request, fields) => {
    const typed = fields["address"] ?? "";
    const address = typed.length > 254 ? null : normaliseEmailAddress(typed);
    return Promise.resolve(
      address === null
        ? { ok: false, field: "address", errorKey: "security_info.email.invalid" }
        : { ok: true, target: address, payload: {} },
    );
  },
  toMethod: (target) => ({ method: "email", value: target, label: null }),
  sentTo: (request, shown) => request.t("security_info.code.sent_email", { target: shown }),
  warningAfterSave: ownDomainWarning,
};

export const emailPages: MethodPages = {
  kind: "email",
  addPath: `${SECURITY_INFO_PATH}/${SLUG}`,
  changePath: (method) => `${SECURITY_INFO_PATH}/${SLUG}?replace=${method.id}`,
  stepUpPath: `${SECURITY_INFO_PATH}/${SLUG}/step-up`,
  register: (app, context) => registerSentCodeMethod(app, context, spec),
};
