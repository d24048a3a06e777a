/**
 * The paging and sorting part of an admin list's query string (`?page=&sort=&dir=`), shared by every admin table.
 * The schema is loose on purpose: a value the list cannot use (a page of "abc", a column it does not sort by) falls
 * back to the list's default instead of answering 400, since these are links people edit and share.
 */
import Type from "typebox";
import type { SortDir, TableOrder } from "../views/admin/data-table.js";

/** The fields to spread into a list route's querystring schema. */
export const TABLE_QUERY_FIELDS = {
  page: Type.Optional(Type.String({ maxLength: 64 })),
  sort: Type.Optional(Type.String({ maxLength: 64 })),
  dir: Type.Optional(Type.String({ maxLength: 64 })),
};

/** The largest page number any list accepts; a list with fewer pages shows its last. */
const MAX_PAGE = 100_000;

/** What a list sorts by and in which direction when the query says nothing usable. */
export interface TableDefaults<S extends string> {
  readonly sorts: readonly S[];
  readonly sort: S;
  readonly dir: SortDir;
}

/** A typed page number from 1, or 1. */
export function pageOf(typed: string | undefined): number {
  if (typed === undefined || !/^\d{1,6}$/.test(typed)) return 1;
  return Math.min(Math.max(Number(typed), 1), MAX_PAGE);
}

/** The list's order and page from the query, each part falling back to its default on its own. */
export function tableOrderOf<S extends string>(
  query: { readonly page?: string | undefined; readonly sort?: string | undefined; readonly dir?: string | undefined },
  defaults: TableDefaults<S>,
): TableOrder<S> {
  const sort = defaults.sorts.find((known) => known === query.sort) ?? defaults.sort;
  const dir = query.dir === "asc" || query.dir === "desc" ? query.dir : defaults.dir;
  return { sort, dir, page: pageOf(query.page) };
}
