/**
 * The admin tables' one way to show, sort and page a list (issue 12 item 9): a captioned table in a focusable,
 * labelled scroll region (a keyboard user can scroll it; the page itself never scrolls sideways), one card per row on
 * a phone, sortable column headers that are plain links (`?sort=&dir=`, no script needed) with `aria-sort` on the
 * sorted one, and a pager of previous and next links below.
 */
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";

export type SortDir = "asc" | "desc";

/** Which column a list is sorted by, which way, and the page shown (from 1). */
export interface TableOrder<S extends string> {
  readonly sort: S;
  readonly dir: SortDir;
  readonly page: number;
}

export interface TableColumn<S extends string> {
  readonly label: string;
  /** The sort key this column's header links to; none for a column the list cannot sort by. */
  readonly sort?: S;
  /** The direction a first click sorts in (newest first suits a time): ascending unless said. */
  readonly firstDir?: SortDir;
}

export type TableCell = Html | string;

export interface DataTableModel<S extends string> {
  /** Prefixes the caption's id, which labels the scroll region. */
  readonly id: string;
  /** The table's caption; none when `labelledBy` names a heading that says what the table is. */
  readonly caption: string | null;
  /** The id of the element that labels the region instead of a caption (a section's heading). */
  readonly labelledBy?: string;
  readonly columns: readonly TableColumn<S>[];
  readonly rows: readonly (readonly TableCell[])[];
  /** The list's order, for the header links and `aria-sort`; null for a table that does not sort. */
  readonly order: TableOrder<S> | null;
  /** The list's address in another order (always from page 1). */
  readonly hrefFor: (order: TableOrder<S>) => string;
}

/** `path` with the non-empty `params` as its query. */
export function listHref(path: string, params: Readonly<Record<string, string>>): string {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== "")).toString();
  return query === "" ? path : `${path}?${query}`;
}

const ARIA_SORT: Readonly<Record<SortDir, string>> = { asc: "ascending", desc: "descending" };
const ARROW: Readonly<Record<SortDir, string>> = { asc: "▲", desc: "▼" };

function header<S extends string>(model: DataTableModel<S>, column: TableColumn<S>): Html {
  const { order } = model;
  if (order === null || column.sort === undefined) return html`<th scope="col">${column.label}</th>`;
  const sorted = order.sort === column.sort;
  const firstDir = column.firstDir ?? "asc";
  const dir: SortDir = sorted ? (order.dir === "asc" ? "desc" : "asc") : firstDir;
  const href = model.hrefFor({ sort: column.sort, dir, page: 1 });
  if (!sorted) return html`<th scope="col"><a href="${href}">${column.label}</a></th>`;
  return html`<th scope="col" aria-sort="${ARIA_SORT[order.dir]}"><a href="${href}">${column.label}<span class="sort-arrow" aria-hidden="true"> ${ARROW[order.dir]}</span></a></th>`;
}

/** The table, or nothing when it has no rows (the caller says why the list is empty). */
export function dataTable<S extends string>(model: DataTableModel<S>): Html {
  const labels = model.columns.map((column) => column.label);
  const sortable = model.order !== null && model.columns.some((column) => column.sort !== undefined);
  const captionId = `${model.id}-caption`;
  const caption = model.caption === null ? html`` : html`<caption id="${captionId}">${model.caption}</caption>`;
  return html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="${model.labelledBy ?? captionId}">
<table class="stack${sortable ? " sortable" : ""}">
${caption}
<thead><tr>${model.columns.map((column) => header(model, column))}</tr></thead>
<tbody>${model.rows.map((cells) => html`<tr>${cells.map((cell, index) => html`<td data-label="${labels[index] ?? ""}">${cell}</td>`)}</tr>`)}</tbody>
</table>
</div>`;
}

export interface PagerModel {
  readonly page: number;
  /** The number of pages, or null when the list does not count them (the audit log: only whether there is more). */
  readonly pageCount: number | null;
  readonly hasNext: boolean;
  readonly hrefFor: (page: number) => string;
}

/** "Page 2 of 5" with the previous and next links, in a labelled navigation region. */
export function tablePager(t: Translate, pager: PagerModel): Html {
  const links = [
    ...(pager.page > 1
      ? [html`<a href="${pager.hrefFor(pager.page - 1)}" rel="prev">${t("admin_table.previous")}</a>`]
      : []),
    ...(pager.hasNext
      ? [html`<a href="${pager.hrefFor(pager.page + 1)}" rel="next">${t("admin_table.next")}</a>`]
      : []),
  ];
  const where =
    pager.pageCount === null
      ? t("admin_table.page", { page: pager.page })
      : t("admin_table.page_of", { page: pager.page, pages: pager.pageCount });
  return html`<nav class="pager" aria-label="${t("admin_table.pages")}"><p class="actions">${where} ${links}</p></nav>`;
}
