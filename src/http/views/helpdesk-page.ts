/**
 * The helpdesk contact form (SPEC §6.9): reply address, user ID, support code, message, and the proof-of-work widget
 * the identify step uses. After a refusal every field keeps what was typed.
 */
import type { Translate } from "../../i18n/i18n.js";
import { type Html, html } from "../../lib/html.js";
import { type Helpdesk, helpdeskLink } from "./helpdesk-link.js";
import { errorSummary, type FormError, fieldErrors, fieldErrorText, fieldState } from "./layout.js";

export interface HelpdeskFormFields {
  readonly replyTo: string;
  readonly userId: string;
  readonly supportCode: string;
  readonly message: string;
}

export interface HelpdeskPageModel {
  readonly formToken: string;
  readonly fields: HelpdeskFormFields;
  readonly errors: readonly FormError[];
  readonly lang: "en" | "id";
  /** The message limit, formatted for the page's language. */
  readonly maxCharacters: string;
}

/** One labelled input with its hint and, after a refusal, its message. */
function textField(
  t: Translate,
  model: HelpdeskPageModel,
  field: { name: "replyTo" | "userId" | "supportCode"; label: string; hint: string; attributes: Html },
): Html {
  const messages = fieldErrors(model.errors, field.name);
  const hintId = `${field.name}-hint`;
  return html`<label for="${field.name}">${field.label}</label>
  <p class="hint" id="${hintId}">${field.hint}</p>${fieldErrorText(t, field.name, messages)}
  <input id="${field.name}" name="${field.name}" value="${model.fields[field.name]}"${field.attributes}${fieldState(field.name, messages, [hintId])}>`;
}

function messageField(t: Translate, model: HelpdeskPageModel): Html {
  const messages = fieldErrors(model.errors, "message");
  return html`<label for="message">${t("helpdesk.form.message_label")}</label>
  <p class="hint" id="message-hint">${t("helpdesk.form.message_hint", { max: model.maxCharacters })}</p>${fieldErrorText(t, "message", messages)}
  <textarea id="message" name="message" rows="8" required${fieldState("message", messages, ["message-hint"])}>
${model.fields.message}</textarea>`;
}

/** The form. Without script a <noscript> says why the check needs it, as on the identify page. */
export function helpdeskFormPage(t: Translate, model: HelpdeskPageModel): Html {
  const text = html` type="text" spellcheck="false" autocapitalize="none"`;
  return html`${errorSummary(t, model.errors)}
<p>${t("helpdesk.form.intro")}</p>
<p><strong>${t("helpdesk.form.warning")}</strong></p>
<noscript><p class="errors">${t("helpdesk.form.noscript")}</p></noscript>
<form method="post" action="/help/contact" novalidate>
  <input type="hidden" name="form" value="${model.formToken}">
  ${textField(t, model, {
    name: "replyTo",
    label: t("helpdesk.form.reply_to_label"),
    hint: t("helpdesk.form.reply_to_hint"),
    attributes: html` type="email" autocomplete="email" maxlength="254" required`,
  })}
  ${textField(t, model, {
    name: "userId",
    label: t("helpdesk.form.user_id_label"),
    hint: t("helpdesk.form.user_id_hint"),
    attributes: html`${text} autocomplete="username" maxlength="256" required`,
  })}
  ${textField(t, model, {
    name: "supportCode",
    label: t("helpdesk.form.support_code_label"),
    hint: t("helpdesk.form.support_code_hint"),
    attributes: html`${text} autocomplete="off" maxlength="16"`,
  })}
  ${messageField(t, model)}
  <altcha-widget challenge="/altcha/challenge" name="altcha" auto="onload" language="${model.lang}"></altcha-widget>
  <button type="submit">${t("helpdesk.form.submit")}</button>
</form>`;
}

/** After sending: where the answer will come from. */
export function helpdeskSentPage(t: Translate): Html {
  return html`<p role="status">${t("helpdesk.sent.message")}</p>
<p>${t("helpdesk.sent.urgent")}</p>
<p><a href="/signin">${t("helpdesk.sent.back")}</a></p>`;
}

/** When the policy's helpdesk is a web page or an address: the link to it, nothing to fill in. */
export function helpdeskElsewherePage(t: Translate, model: { orgName: string; helpdesk: Helpdesk }): Html {
  const link = helpdeskLink(t, model.helpdesk);
  return link === null
    ? html`<p>${t("user_error.helpdesk_without_link")}</p>`
    : html`<p>${t("helpdesk.elsewhere.intro", { org: model.orgName })} ${link}</p>`;
}
