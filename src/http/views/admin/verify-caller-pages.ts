/**
 * The "Verify caller" pages (SPEC §10): choose where the code comes from (a method it is sent to, masked, or the
 * caller's authenticator app), type what the caller reads back, and the result. Plain forms: they work without a
 * script and by keyboard alone.
 */
import type { AdminUserView } from "../../../domain/admin/admin-ports.js";
import type { CallerCodeRoute } from "../../../domain/admin/caller-code-routes.js";
import type { CallerCheckResult } from "../../../domain/admin/verify-caller.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { errorSummary, fieldErrorText, fieldState, type FormError } from "../layout.js";
import { userPagePath } from "./user-search-page.js";

/** The page's path below /admin: `/admin/users/<ref>/verify-caller`. */
export function verifyCallerPath(user: Pick<AdminUserView, "ref">): string {
  return `${userPagePath(user.ref)}/verify-caller`;
}

/** A route as the form posts it: `<methodId>.<channel>` (method ids never hold a dot's meaning for us). */
export function routeValue(route: CallerCodeRoute): string {
  return `${route.methodId}.${route.channel}`;
}

function routeWords(t: Translate, route: CallerCodeRoute): string {
  if (route.channel === "app")
    return route.masked === ""
      ? t("verify_caller.choose.route.app_unnamed")
      : t("verify_caller.choose.route.app", { shown: route.masked });
  const way = route.channel === "voice" ? (route.kind === "sms" ? "voice_mobile" : "voice_office") : route.channel;
  return t(`verify_caller.choose.route.${way}`, { shown: route.masked });
}

function backLink(t: Translate, user: AdminUserView): Html {
  return html`<a href="${userPagePath(user.ref)}">${t("verify_caller.result.back", { user: user.userId })}</a>`;
}

export interface ChooseModel {
  readonly user: AdminUserView;
  readonly routes: readonly CallerCodeRoute[];
  readonly csrf: string;
  readonly errors: readonly FormError[];
}

/** Where the code comes from: one radio button per way, the first chosen. */
export function chooseRoutePage(t: Translate, model: ChooseModel): Html {
  const { user, routes } = model;
  const explain = html`<p>${t("verify_caller.choose.explain", { user: user.userId })}</p>`;
  if (routes.length === 0)
    return html`${explain}<p class="notice">${t("verify_caller.choose.none", { user: user.userId })}</p>
<p>${backLink(t, user)}</p>`;
  const choices = routes.map((route, index) => {
    const id = `route-${String(index)}`;
    return html`<div class="choice"><input type="radio" id="${id}" name="route" value="${routeValue(route)}"${index === 0 ? html` checked` : ""}>
  <label for="${id}">${routeWords(t, route)}</label></div>`;
  });
  return html`${errorSummary(t, model.errors)}
${explain}
<form method="post" action="${verifyCallerPath(user)}">
  <input type="hidden" name="csrf" value="${model.csrf}">
  <fieldset><legend>${t("verify_caller.choose.legend")}</legend>${choices}</fieldset>
  <p class="actions"><button type="submit">${t("verify_caller.choose.continue")}</button>
  <a href="${userPagePath(user.ref)}">${t("common.cancel")}</a></p>
</form>`;
}

export interface CodeModel {
  readonly user: AdminUserView;
  readonly challengeId: string;
  readonly masked: string;
  /** `app` when the caller reads their authenticator app; else the channel the code went by. */
  readonly channel: string;
  readonly csrf: string;
  readonly errors: readonly FormError[];
}

/** What the admin is told to ask for: the code sent to `masked`, or the one the caller's app shows now. */
function codeWhereabouts(t: Translate, model: CodeModel): string {
  if (model.channel !== "app") return t("verify_caller.code.sent", { shown: model.masked });
  return model.masked === ""
    ? t("verify_caller.code.asked_unnamed")
    : t("verify_caller.code.asked", { shown: model.masked });
}

/** The read-back: where the code went, and the field to type it in. */
export function codePage(t: Translate, model: CodeModel): Html {
  const { user } = model;
  const messages = model.errors.filter((error) => typeof error !== "string").map((error) => error.message);
  const again = model.channel === "app" ? "verify_caller.code.start_again" : "verify_caller.code.send_new";
  return html`${errorSummary(t, model.errors)}
<p role="status">${codeWhereabouts(t, model)}</p>
<form method="post" action="${verifyCallerPath(user)}/${encodeURIComponent(model.challengeId)}">
  <input type="hidden" name="csrf" value="${model.csrf}">
  <label for="code">${t("verify_caller.code.label")}</label>
  <p class="hint" id="code-hint">${t("verify_caller.code.hint")}</p>
  ${fieldErrorText(t, "code", messages)}
  <input id="code" name="code" type="text" inputmode="numeric" autocomplete="off" maxlength="32" required${fieldState("code", messages, ["code-hint"])}>
  <p class="actions"><button type="submit">${t("verify_caller.code.check")}</button>
  <a href="${verifyCallerPath(user)}">${t(again)}</a></p>
</form>
<p>${backLink(t, user)}</p>`;
}

/** The title of the result page. */
export function resultTitleKey(result: CallerCheckResult): string {
  if (result === "verified") return "verify_caller.result.title_verified";
  if (result === "replayed") return "verify_caller.result.title_replayed";
  return result === "not_verified" ? "verify_caller.result.title_failed" : "verify_caller.result.title_void";
}

/** "Caller verified", or why not, with the way to a new code; the result is in the audit log either way. */
export function resultPage(t: Translate, model: { user: AdminUserView; result: CallerCheckResult }): Html {
  const { user, result } = model;
  const verified = result === "verified";
  const words = t(`verify_caller.result.${result}`, { user: user.userId });
  const again = verified ? html`` : html` <a href="${verifyCallerPath(user)}">${t("verify_caller.code.send_new")}</a>`;
  return html`<p class="${verified ? "notice" : "notice warning"}" role="status">${words}</p>
<p>${t("verify_caller.result.recorded")}</p>
<p class="actions">${backLink(t, user)}${again}</p>`;
}
