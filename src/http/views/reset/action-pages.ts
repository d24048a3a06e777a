/** The pages of SPEC §6.5's choice and of unlock only: ACTION, UNLOCKING, NOT_LOCKED and DONE_UNLOCK. */
import type { FlowAction } from "../../../domain/flows/reset/choose-action-step.js";
import type { ResetState } from "../../../domain/flows/reset/reset-states.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { errorSummary } from "../layout.js";
import { actions, buttonForm, detachedForm, type FlowPageModel, handOffOffer } from "./flow-parts.js";

/** The flow page's model, with the action a link asked for ("Unlock my account" on the sign-in page). */
export interface ActionPageModel extends FlowPageModel {
  readonly preselect?: FlowAction;
}

const UNLOCK_STATES = ["action", "unlocking", "not_locked", "done_unlock"] as const satisfies readonly ResetState[];
type UnlockState = (typeof UNLOCK_STATES)[number];

/** True for the states whose pages live here. */
export function isUnlockState(state: ResetState): state is UnlockState {
  return (UNLOCK_STATES as readonly ResetState[]).includes(state);
}

/** The title of one of these pages. */
export function unlockPageTitle(t: Translate, state: UnlockState): string {
  return t(`unlock.${state}.title`);
}

/**
 * Both options, always, for every ID (SPEC §6.5: the offer reveals nothing), as radio rows like the method page's.
 * The first is checked unless a link asked for unlock.
 */
function actionPage(t: Translate, model: ActionPageModel): Html {
  const { view } = model;
  const chosen: FlowAction = model.preselect ?? "reset";
  const errors = model.errors.map((error) =>
    typeof error === "string" ? { message: error, field: `action-${chosen}` } : error,
  );
  const option = (action: FlowAction): Html => html`<li>
    <label class="choice" for="action-${action}"><input type="radio" name="action" id="action-${action}" value="${action}"${action === chosen ? html` checked` : html``}>
    <span>${t(`unlock.action.${action}`)}</span></label></li>`;
  return html`${errorSummary(t, errors)}<p>${t("unlock.action.intro")}</p>
<form method="post" action="/reset/action"><input type="hidden" name="csrf" value="${view.csrfToken}">
  <fieldset><legend>${t("unlock.action.legend")}</legend>
  <ul class="choices">${option("reset")}${option("unlock")}</ul></fieldset>
  ${actions(t("common.next"), { formId: "cancel-form", label: t("common.cancel") })}
</form>
${detachedForm(view, "cancel-form", "/reset/cancel")}`;
}

/**
 * UNLOCKING is shown only when the unlock could not finish (the directory did not answer): the account is still
 * locked, nothing changed, and the user may try again. Its own words: the shared SND-401 text speaks of a password.
 */
function unlockingPage(t: Translate, model: ActionPageModel): Html {
  return html`<p role="alert">${t("unlock.unlocking.unreachable")}</p>
${buttonForm(model.view, "/reset/unlock", t("unlock.unlocking.retry"), false)}`;
}

/** The account was not locked: reset instead, in the same flow with no new gates, or finish. */
function notLockedPage(t: Translate, model: ActionPageModel): Html {
  const { view } = model;
  return html`${errorSummary(t, model.errors)}<p role="status">${t("unlock.not_locked.message")}</p>
<form method="post" action="/reset/reset-instead"><input type="hidden" name="csrf" value="${view.csrfToken}">
  ${actions(t("unlock.not_locked.reset_instead"), { formId: "finish-form", label: t("unlock.not_locked.finish") })}
</form>
${detachedForm(view, "finish-form", "/reset/finish")}`;
}

function doneUnlockPage(t: Translate, model: FlowPageModel): Html {
  return html`<p role="status">${t("unlock.done_unlock.message")}</p><p>${t("unlock.done_unlock.tip")}</p>
<p class="actions"><a class="button" href="/signin">${t("unlock.done_unlock.sign_in")}</a></p>${handOffOffer(t, model.view)}`;
}

/** The body of one of these pages. */
export function unlockFlowPage(t: Translate, state: UnlockState, model: ActionPageModel): Html {
  switch (state) {
    case "action":
      return actionPage(t, model);
    case "unlocking":
      return unlockingPage(t, model);
    case "not_locked":
      return notLockedPage(t, model);
    case "done_unlock":
      return doneUnlockPage(t, model);
  }
}
