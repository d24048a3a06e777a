/**
 * The phone gate's pages (SPEC §6.4 item 3, §6.6): "Type your full phone number, including the country code", then
 * the code page worded for a text or a call. The same for every ID: gate 1 never shows a number; gate 2 names the
 * last two digits the user has already earned.
 */
import type { MethodStepId } from "../../../domain/methods/method-port.js";
import type { MethodId } from "../../../domain/methods.js";
import { CODE_RULES } from "../../../domain/policies/attempt-policy.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { errorSummary, fieldErrors, fieldErrorText, fieldState } from "../layout.js";
import { actions, detachedForm, type FlowPageModel } from "./flow-parts.js";

/** When "Didn't get it?" appears (SPEC §6.1), counted by sandi.js from page load; the resend waits CODE_RULES'. */
const HELP_AFTER_SECONDS = 10;

/** The last two digits of gate 2's mask ("••• 12"), or null at gate 1. */
export function maskedDigits(mask: string | null | undefined): string | null {
  const digits = /(\d{2})$/.exec(mask ?? "")?.[1];
  return digits ?? null;
}

/** Texts or calls: the words of the page follow how the code travels. */
function channelOf(method: MethodId | null): "sms" | "voice" {
  return method === "sms" ? "sms" : "voice";
}

/** "Type your full phone number, including the country code"; at gate 2 the number's last two digits help. */
function phoneContactPage(t: Translate, model: FlowPageModel): Html {
  const { view, errors } = model;
  const messages = fieldErrors(errors, "phone");
  const digits = maskedDigits(view.step?.maskedTarget);
  const hint = digits === null ? t("gate_phone.contact.hint") : t("gate_phone.contact.hint_gate2", { digits });
  return html`${errorSummary(t, errors)}
<form method="post" action="/reset/step" novalidate>
  <input type="hidden" name="csrf" value="${view.csrfToken}">
  <input type="hidden" name="step" value="enter_contact">
  <label for="phone">${t("gate_phone.contact.label")}</label>
  <p class="hint" id="phone-hint">${hint}</p>${fieldErrorText(t, "phone", messages)}
  <input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="40" required${fieldState("phone", messages, ["phone-hint"])}>
  ${actions(t(`gate_phone.contact.send_${channelOf(view.currentMethod)}`), { formId: "back-form", label: t("reset.gate.other_method") })}
</form>
${detachedForm(view, "back-form", "/reset/back")}`;
}

/**
 * "Didn't get it?" for a text or a call: tips and the resend button. Without script it is there at once and the
 * server refuses an early resend with the time left; sandi.js hides it for 10 s and counts the button down.
 */
function phoneCodeHelp(t: Translate, model: FlowPageModel): Html {
  const { view } = model;
  const refused = model.resendWaitSeconds ?? null;
  const showAfter = refused === null ? HELP_AFTER_SECONDS : 0;
  const resendAfter = refused ?? CODE_RULES.resendAfterSeconds;
  const channel = channelOf(view.currentMethod);
  return html`<details class="help" id="code-help" data-show-after="${String(showAfter)}" data-resend-after="${String(resendAfter)}"${refused === null ? html`` : html` open`}>
  <summary>${t("reset.code.help_summary")}</summary>
  <ul><li>${t("gate_phone.code.help_wait")}</li><li>${t(`gate_phone.code.help_phone_${channel}`)}</li><li>${t("gate_phone.code.help_exact")}</li></ul>
  <form method="post" action="/reset/resend"><input type="hidden" name="csrf" value="${view.csrfToken}">
    <button type="submit" class="secondary" id="resend-button" aria-describedby="resend-wait">${t("reset.code.resend")}</button>
    <p class="hint" id="resend-wait" data-template="${t("ui.resend_wait", { seconds: "{seconds}" })}"></p>
  </form>
</details>`;
}

/** "If this number matches the one on file, we're sending a 6-digit code by text (or call)", then the code. */
function phoneCodePage(t: Translate, model: FlowPageModel): Html {
  const { view, errors } = model;
  const messages = fieldErrors(errors, "code");
  const digits = view.step?.codeLength ?? view.codeLength;
  return html`<p class="notice" role="status">${t(`gate_phone.code.sent_${channelOf(view.currentMethod)}`, { digits })}</p>
${errorSummary(t, errors)}
<form method="post" action="/reset/step" novalidate>
  <input type="hidden" name="csrf" value="${view.csrfToken}">
  <input type="hidden" name="step" value="enter_code">
  <label for="code">${t("reset.code.label")}</label>${fieldErrorText(t, "code", messages)}
  <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="16" required${fieldState("code", messages)}>
  ${actions(t("reset.code.submit"), { formId: "back-form", label: t("reset.gate.other_method") })}
</form>
${detachedForm(view, "back-form", "/reset/back")}
${phoneCodeHelp(t, model)}`;
}

type StepPage = (t: Translate, model: FlowPageModel) => Html;

/** The phone gates' own pages, by step (flow-pages.ts picks them before the shared ones). */
const PHONE_PAGES: Readonly<Partial<Record<MethodStepId, StepPage>>> = {
  enter_contact: phoneContactPage,
  enter_code: phoneCodePage,
};

export const PHONE_STEP_PAGES: Readonly<Partial<Record<MethodId, Readonly<Partial<Record<MethodStepId, StepPage>>>>>> =
  { sms: PHONE_PAGES, voice_mobile: PHONE_PAGES, voice_office: PHONE_PAGES };
