/** /admin/tokens: the admin API's tokens (list, create, revoke) and the page that shows a new token once. */
import type { ApiTokenRecord } from "../../../domain/admin/api-token-ports.js";
import { ADMIN_ROLES } from "../../../domain/users.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { errorSummary } from "../layout.js";

export const TOKENS_PATH = "/admin/tokens";

/** What the create form shows again after a refusal (the admin's own input, never a secret). */
export interface TokenForm {
  readonly name: string;
  readonly role: string;
  readonly group: string;
  readonly days: string;
}

export const EMPTY_TOKEN_FORM: TokenForm = { name: "", role: "helpdesk_admin", group: "", days: "90" };

export interface TokensModel {
  readonly tokens: readonly ApiTokenRecord[];
  readonly groups: readonly { name: string }[];
  readonly csrf: string;
  readonly now: Date;
  readonly form: TokenForm;
  readonly errors: readonly string[];
  readonly notice: string | null;
}

const when = (date: Date): string => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

function stateOf(t: Translate, token: ApiTokenRecord, now: Date): string {
  if (token.revokedAt !== null) return t("admin_tokens.revoked");
  return token.expiresAt <= now ? t("admin_tokens.expired") : t("admin_tokens.active");
}

function tokenRow(t: Translate, token: ApiTokenRecord, model: TokensModel): Html {
  const revoke =
    token.revokedAt === null
      ? html`<form method="post" action="${TOKENS_PATH}/${token.id}/revoke">
  <input type="hidden" name="csrf" value="${model.csrf}">
  <button type="submit" class="secondary">${t("admin_tokens.revoke", { name: token.name })}</button>
</form>`
      : html``;
  return html`<tr><td>${token.name}</td><td>${t(`admin.role.${token.role}`)}</td>
<td>${token.scopeGroup ?? t("admin_tokens.everyone")}</td><td>${when(token.createdAt)}</td><td>${when(token.expiresAt)}</td>
<td>${token.lastUsedAt === null ? t("admin_tokens.never") : when(token.lastUsedAt)}</td>
<td>${stateOf(t, token, model.now)}</td><td>${revoke}</td></tr>`;
}

function tokenTable(t: Translate, model: TokensModel): Html {
  if (model.tokens.length === 0) return html`<p>${t("admin_tokens.none")}</p>`;
  const heads = ["name", "role", "scope", "created", "expires", "last_used", "state"];
  return html`<div class="table-scroll"><table>
<thead><tr>${heads.map((head) => html`<th scope="col">${t(`admin_tokens.${head}`)}</th>`)}<th scope="col"><span class="visually-hidden">${t("admin_tokens.revoked")}</span></th></tr></thead>
<tbody>${model.tokens.map((token) => tokenRow(t, token, model))}</tbody>
</table></div>`;
}

function createForm(t: Translate, model: TokensModel): Html {
  const { form } = model;
  const roleOption = (role: string) =>
    html`<option value="${role}"${role === form.role ? html` selected` : html``}>${t(`admin.role.${role}`)}</option>`;
  const groupOption = (name: string) =>
    html`<option value="${name}"${name === form.group ? html` selected` : html``}>${name}</option>`;
  return html`<h2 id="create">${t("admin_tokens.create_title")}</h2>
<form method="post" action="${TOKENS_PATH}">
  <input type="hidden" name="csrf" value="${model.csrf}">
  <label for="token-name">${t("admin_tokens.name")}</label>
  <input id="token-name" name="name" maxlength="100" required value="${form.name}">
  <label for="token-role">${t("admin_tokens.role")}</label>
  <select id="token-role" name="role">${ADMIN_ROLES.map(roleOption)}</select>
  <label for="token-group">${t("admin_tokens.scope")}</label>
  <select id="token-group" name="group"><option value="">${t("admin_tokens.no_group")}</option>${model.groups.map((group) => groupOption(group.name))}</select>
  <label for="token-days">${t("admin_tokens.days")}</label>
  <input id="token-days" name="days" inputmode="numeric" maxlength="3" required value="${form.days}">
  <p class="actions"><button type="submit">${t("admin_tokens.create")}</button></p>
</form>`;
}

export function tokensPage(t: Translate, model: TokensModel): Html {
  const notice = model.notice === null ? html`` : html`<p class="notice" role="status">${model.notice}</p>`;
  return html`${errorSummary(t, model.errors)}${notice}
<p>${t("admin_tokens.intro")}</p>
<h2>${t("admin_tokens.list_title")}</h2>
${tokenTable(t, model)}
${createForm(t, model)}`;
}

/** The new token, this once, as selectable text. */
export function tokenCreatedPage(t: Translate, model: { token: ApiTokenRecord; secret: string }): Html {
  return html`<p class="notice" role="status">${t("admin_tokens.created_once", { name: model.token.name })}</p>
<p id="token-label">${t("admin_tokens.token_label")}</p>
<p><code id="token-secret" aria-labelledby="token-label">${model.secret}</code></p>
<p><a href="${TOKENS_PATH}">${t("admin_tokens.back")}</a></p>`;
}
