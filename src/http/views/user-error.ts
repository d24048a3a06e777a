/**
 * SPEC §13.3's failure explanation, the one part every failure page renders: what happened, what to do next, how to
 * reach the helpdesk, and the reason code (or the request ID) in small type for the helpdesk.
 */
import { HELP_PATH } from "../../domain/helpdesk/help-paths.js";
import { type UserErrorId, userErrorOf } from "../../domain/user-errors.js";
import type { Translate } from "../../i18n/i18n.js";
import { type Html, html } from "../../lib/html.js";
import { type Helpdesk, helpdeskLink } from "./helpdesk-link.js";

/** Which failure, the values its sentences need (`time`…), and a request ID for failures without a code. */
export interface UserErrorModel {
  readonly id: UserErrorId;
  readonly values?: Readonly<Record<string, string | number>>;
  readonly requestId?: string;
}

/** What the layout knows and the part needs: the organisation, its helpdesk, the page's support code. */
export interface UserErrorContext {
  readonly t: Translate;
  readonly orgName: string;
  readonly helpdesk: Helpdesk | null | undefined;
  readonly supportCode: string | null | undefined;
}

function helpdeskSentence(context: UserErrorContext): Html {
  const { t } = context;
  const link = helpdeskLink(t, context.helpdesk, { supportCode: context.supportCode ?? null });
  return link === null
    ? html`<p>${t("user_error.helpdesk_without_link")}</p>`
    : html`<p>${t("user_error.helpdesk_prompt")} ${link}</p>`;
}

function reference(t: Translate, model: UserErrorModel, code: string | null): Html {
  if (code !== null)
    return html`<p class="hint reason-code">${t("user_error.code_label")} <span class="code">${code}</span></p>`;
  if (model.requestId === undefined) return html``;
  return html`<p class="hint reason-code">${t("common.error.request_id")} <span class="code">${model.requestId}</span></p>`;
}

function learnMore(t: Translate, anchor: string | null): Html {
  return anchor === null ? html`` : html` <a href="${HELP_PATH}#${anchor}">${t("user_error.learn_more")}</a>`;
}

/** The explanation, announced at once (role=alert: no script needed). */
export function userErrorPart(context: UserErrorContext, model: UserErrorModel): Html {
  const { t } = context;
  const { error, code } = userErrorOf(model.id);
  const values = { org: context.orgName, ...(model.values ?? {}) };
  return html`<div class="user-error" role="alert">
<p><strong>${t(error.happened, values)}</strong></p>
<p>${t(error.next, values)}${learnMore(t, error.helpAnchor)}</p>
${helpdeskSentence(context)}
${reference(t, model, code)}
</div>`;
}
