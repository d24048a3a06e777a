/** /admin/tokens: the admin API's tokens (list, create, revoke) and the page that shows a new token once. */
import type { ApiTokenRecord } from "../../../domain/admin/api-token-ports.js";
import { ADMIN_ROLES } from "../../../domain/users.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { pageOfItems, type SortValue, sortedBy } from "../../../lib/paging.js";
import { formatDateTime, type TimeLocale } from "../format-time.js";
import { errorSummary } from "../layout.js";
import {
  dataTable,
  listHref,
  type SortDir,
  type TableCell,
  type TableColumn,
  type TableOrder,
  tablePager,
} from "./data-table.js";

export const TOKENS_PATH = "/admin/tokens";

/** What the create form shows again after a refusal (the admin's own input, never a secret). */
export interface TokenForm {
  readonly name: string;
  readonly role: string;
  readonly group: string;
  readonly days: string;
}

export const EMPTY_TOKEN_FORM: TokenForm = { name: "", role: "helpdesk_admin", group: "", days: "90" };

/** The columns the token list sorts by. */
export const TOKEN_SORTS = ["name", "role", "created", "expires", "last_used"] as const;
export type TokenSort = (typeof TOKEN_SORTS)[number];
export const TOKEN_ORDER = { sorts: TOKEN_SORTS, sort: "created", dir: "desc" } as const;
const TOKENS_PER_PAGE = 25;

const TOKEN_KEYS: Readonly<Record<TokenSort, (token: ApiTokenRecord) => SortValue>> = {
  name: (token) => token.name,
  role: (token) => token.role,
  created: (token) => token.createdAt,
  expires: (token) => token.expiresAt,
  last_used: (token) => token.lastUsedAt,
};

export interface TokensModel {
  readonly tokens: readonly ApiTokenRecord[];
  readonly order: TableOrder<TokenSort>;
  /** Times in the reader's language and the organisation's zone. */
  readonly locale: TimeLocale;
  readonly groups: readonly { name: string }[];
  readonly csrf: string;
  readonly now: Date;
  readonly form: TokenForm;
  readonly errors: readonly string[];
  readonly notice: string | null;
}

function stateOf(t: Translate, token: ApiTokenRecord, now: Date): string {
  if (token.revokedAt !== null) return t("admin_tokens.revoked");
  return token.expiresAt <= now ? t("admin_tokens.expired") : t("admin_tokens.active");
}

function revokeForm(t: Translate, token: ApiTokenRecord, model: TokensModel): Html {
  if (token.revokedAt !== null) return html``;
  return html`<form method="post" action="${TOKENS_PATH}/${token.id}/revoke">
  <input type="hidden" name="csrf" value="${model.csrf}">
  <button type="submit" class="secondary">${t("admin_tokens.revoke", { name: token.name })}</button>
</form>`;
}

function tokenCells(t: Translate, token: ApiTokenRecord, model: TokensModel): TableCell[] {
  const when = (date: Date) => formatDateTime(date, model.locale.lang, model.locale.timeZone);
  return [
    token.name,
    t(`admin.role.${token.role}`),
    token.scopeGroup ?? t("admin_tokens.everyone"),
    when(token.createdAt),
    when(token.expiresAt),
    token.lastUsedAt === null ? t("admin_tokens.never") : when(token.lastUsedAt),
    stateOf(t, token, model.now),
    revokeForm(t, token, model),
  ];
}

function tokenListHref(order: TableOrder<TokenSort>): string {
  return listHref(TOKENS_PATH, { sort: order.sort, dir: order.dir, page: order.page > 1 ? String(order.page) : "" });
}

function tokenTable(t: Translate, model: TokensModel): Html {
  if (model.tokens.length === 0) return html`<p>${t("admin_tokens.none")}</p>`;
  const { order } = model;
  const sorted = sortedBy(model.tokens, TOKEN_KEYS[order.sort], {
    descending: order.dir === "desc",
    tieBreak: (token) => token.name,
  });
  const paged = pageOfItems(sorted, order.page, TOKENS_PER_PAGE);
  const sortable = (key: TokenSort, firstDir: SortDir = "asc") => ({
    label: t(`admin_tokens.${key}`),
    sort: key,
    firstDir,
  });
  const columns: TableColumn<TokenSort>[] = [
    sortable("name"),
    sortable("role"),
    { label: t("admin_tokens.scope") },
    sortable("created", "desc"),
    sortable("expires"),
    sortable("last_used", "desc"),
    { label: t("admin_tokens.state") },
    { label: t("admin_tokens.actions") },
  ];
  const table = dataTable({
    id: "tokens",
    caption: t("admin_tokens.caption", { count: paged.total }),
    columns,
    rows: paged.items.map((token) => tokenCells(t, token, model)),
    order: { ...order, page: paged.page },
    hrefFor: tokenListHref,
  });
  const pager = tablePager(t, {
    page: paged.page,
    pageCount: paged.pageCount,
    hasNext: paged.page < paged.pageCount,
    hrefFor: (page) => tokenListHref({ ...order, page }),
  });
  return html`${table}${pager}`;
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
