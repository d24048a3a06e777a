/**
 * Reading the audit log (SPEC §11; `audit.read`: global admins and reports readers). One service for the admin page
 * `/admin/audit`, the admin API's `GET /audit` and `sandi audit tail`: the same filters, the same permission. The log
 * holds no secret, code, answer or password (SPEC §11.3), so nothing is hidden here; keep it so where it is written.
 */
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import type { StoredAuditEvent } from "../audit-events.js";
import type { AuditFilter } from "../ports.js";
import { type AdminActor, actorMay } from "./admin-actor.js";
import type { AdminDeps } from "./admin-deps.js";

/** Events a page of `/admin/audit` shows; the API's `limit` is bounded by its schema (1000). */
export const AUDIT_PAGE_SIZE = 50;
/** The furthest page back: deeper than this, a reader narrows the filters (an OFFSET this large is slow). */
export const AUDIT_MAX_PAGE = 200;

export type AuditQuery = AuditFilter & { readonly limit: number; readonly offset?: number };

/** A filter's parts as a reader's input gives them: a part it did not ask for may be undefined. */
export type AuditFilterParts = { readonly [Key in keyof AuditFilter]?: AuditFilter[Key] | undefined };

/**
 * The filter of the parts that were given. The page, the API and the command each read their own input (form strings
 * in the organisation's zone, a query, arguments); leaving out what was not asked for is the same for all three.
 */
export function auditFilterOf(parts: AuditFilterParts): AuditFilter {
  const given = Object.entries(parts).filter(([, value]) => value !== undefined);
  return Object.fromEntries(given);
}

/** The newest `limit` events the filter keeps (after skipping `offset`), oldest first. */
export async function readAudit(
  deps: AdminDeps,
  actor: AdminActor,
  query: AuditQuery,
): Promise<Outcome<StoredAuditEvent[], "forbidden">> {
  if (!actorMay(actor, "audit.read")) return fail("forbidden");
  return succeed(await deps.auditReader.recent(query));
}

export interface AuditPage {
  /** Newest first. */
  readonly events: readonly StoredAuditEvent[];
  readonly page: number;
  readonly hasNext: boolean;
}

/** One page (from 1) of the events the filter keeps, newest first. */
export async function auditPage(
  deps: AdminDeps,
  actor: AdminActor,
  query: { readonly filter: AuditFilter; readonly page: number },
): Promise<Outcome<AuditPage, "forbidden">> {
  const page = Number.isInteger(query.page) ? Math.min(Math.max(query.page, 1), AUDIT_MAX_PAGE) : 1;
  // One more than a page tells whether an older page exists without counting the whole log.
  const read = await readAudit(deps, actor, {
    ...query.filter,
    limit: AUDIT_PAGE_SIZE + 1,
    offset: (page - 1) * AUDIT_PAGE_SIZE,
  });
  if (!read.ok) return read;
  const newestFirst = [...read.value].reverse();
  return succeed({
    events: newestFirst.slice(0, AUDIT_PAGE_SIZE),
    page,
    hasNext: newestFirst.length > AUDIT_PAGE_SIZE && page < AUDIT_MAX_PAGE,
  });
}
