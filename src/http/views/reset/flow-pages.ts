/** The pages of a reset flow after IDENTIFY, one per state; every page carries the support code. */
import type { FlowView } from "../../../domain/flows/reset/reset-deps.js";
import type { MethodStepId } from "../../../domain/methods/method-port.js";
import type { MethodId } from "../../../domain/methods.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { errorSummary } from "../layout.js";
import { flowUserErrorCode } from "./flow-user-error.js";
import { actions, detachedForm, type FlowPageModel, handOffOffer } from "./flow-parts.js";
import { codePage, contactPage, passwordPage } from "./gate-pages.js";
import { questionsGatePage } from "./questions-gate-page.js";
import { passkeyGatePage } from "./passkey-gate-page.js";
import { confirmSendPage } from "./step-pages.js";
import { type ActionPageModel, isUnlockState, unlockFlowPage, unlockPageTitle } from "./action-pages.js";
import { maskedDigits, PHONE_STEP_PAGES } from "./phone-gate-pages.js";
import { offeredTargetText } from "./offered-targets.js";

/** A flow cancelled by something other than its user is "closed", never "cancelled": the user did not cancel it. */
function isClosedForUser(view: FlowView): boolean {
  return view.cancelReason === "superseded" || view.cancelReason === "other";
}

/** The page title for the flow's state. */
export function flowPageTitle(t: Translate, view: FlowView): string {
  if (view.state === "gate_select" || view.state === "gate_challenge")
    return t("reset.gate.title", { step: view.gate, total: Math.max(view.gatesShown, view.gate) });
  if (isUnlockState(view.state)) return unlockPageTitle(t, view.state);
  if (isClosedForUser(view)) return t("reset.closed.title");
  return t(`reset.${view.state}.title`);
}

function hiddenCsrf(view: FlowView): Html {
  return html`<input type="hidden" name="csrf" value="${view.csrfToken}">`;
}

/**
 * A method's words in the list: at gate 2 with its masked target ("Text my phone ending in 12", "Email a code to
 * b***@g***.com", an app's label, "YubiKey 5, +1 more"), at gate 1 the same words for everyone (SPEC §6.4).
 */
function methodLabel(t: Translate, view: FlowView, method: MethodId): string {
  const target = view.gate >= 2 ? offeredTargetText(t, view, method) : undefined;
  if (target === undefined) return t(`reset.method.${method}`);
  return t(`gate_two.method.${method}`, { target, digits: maskedDigits(target) ?? "" });
}

/** One large clickable row per method: the radio and its words on one line, the whole row its label. */
function methodSelectPage(t: Translate, model: FlowPageModel): Html {
  const { view } = model;
  const first = view.methodsOffered[0];
  const errors = model.errors.map((error) =>
    typeof error === "string" && first !== undefined ? { message: error, field: `method-${first}` } : error,
  );
  // Gate 2 with nothing left to offer: never a dead end (issue 11 item 5), the helpdesk and the support code.
  if (first === undefined && view.gate >= 2)
    return html`<p role="status">${t("gate_two.none")}</p>${detachedForm(view, "cancel-form", "/reset/cancel")}
<p class="actions"><button type="submit" class="secondary" form="cancel-form">${t("common.cancel")}</button></p>`;
  const option = (method: MethodId, index: number): Html => html`<li>
    <label class="choice" for="method-${method}"><input type="radio" name="method" id="method-${method}" value="${method}"${index === 0 ? html` checked` : html``}>
    <span>${methodLabel(t, view, method)}</span></label></li>`;
  const intro = view.gate >= 2 ? t("gate_two.choose") : t("reset.gate.choose");
  return html`${errorSummary(t, errors)}<p>${intro}</p>
<form method="post" action="/reset/method">${hiddenCsrf(view)}
  <fieldset><legend>${t("reset.gate.methods_legend")}</legend>
  <ul class="choices">${view.methodsOffered.map(option)}</ul></fieldset>
  ${actions(t("common.next"), { formId: "cancel-form", label: t("common.cancel") })}
</form>
${detachedForm(view, "cancel-form", "/reset/cancel")}
<p class="hint">${t("reset.gate.none_usable", { code: view.supportCode })} <a href="/help#lost-phone">${t("reset.gate.none_usable_link")}</a></p>`;
}

function endPage(t: Translate, model: FlowPageModel): Html {
  const { view } = model;
  if (view.state === "done")
    return html`<p role="status">${t("reset.done.message")}</p><p>${t("reset.done.tip")}</p>
<p class="actions"><a class="button" href="/signin">${t("reset.done.sign_in")}</a></p>${handOffOffer(t, view)}`;
  // A block, or a failure with a reason it may show, is explained by the layout (flow-user-error.ts).
  if (view.state === "blocked") return html``;
  const message = endMessage(t, view);
  return html`${message === null ? html`` : html`<p role="alert">${message}</p>`}<p class="actions"><a class="button" href="/reset">${t("reset.start_again")}</a></p>`;
}

/** The sentence of an ended flow: why a flow was closed, or the state's own message; null when the layout explains. */
function endMessage(t: Translate, view: FlowView): string | null {
  if (flowUserErrorCode(view) !== null) return null;
  if (view.cancelReason === "superseded") return t("reset.closed.superseded");
  if (view.cancelReason === "other") return t("reset.closed.other");
  return t(`reset.${view.state}.message`);
}

/** The page of the current method's step, as its descriptor describes it. */
type StepPage = (t: Translate, model: FlowPageModel) => Html;
const STEP_PAGES: Readonly<Partial<Record<MethodStepId, StepPage>>> = {
  enter_contact: contactPage,
  confirm_send: confirmSendPage,
  enter_code: codePage,
  answer_questions: questionsGatePage,
  use_passkey: passkeyGatePage,
};

/** Pages a method words its own way, picked before the shared ones (a phone's number is not an address). */
const METHOD_STEP_PAGES: Readonly<Partial<Record<MethodId, Readonly<Partial<Record<MethodStepId, StepPage>>>>>> = {
  ...PHONE_STEP_PAGES,
};

/** The body of the page for the flow's current state. */
export function flowPage(t: Translate, model: ActionPageModel): Html {
  const { view } = model;
  if (isUnlockState(view.state)) return unlockFlowPage(t, view.state, model);
  if (view.state === "gate_select") return methodSelectPage(t, model);
  if (view.state === "gate_challenge") {
    const step = view.step?.step ?? "enter_code";
    const own = view.currentMethod === null ? undefined : METHOD_STEP_PAGES[view.currentMethod]?.[step];
    return (own ?? STEP_PAGES[step] ?? codePage)(t, model);
  }
  if (view.state === "password") return passwordPage(t, model);
  return endPage(t, model);
}
