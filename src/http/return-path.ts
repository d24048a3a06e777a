/**
 * Where a page may send the browser back to once it has done its part (a sign-in, a step-up): a path of this site,
 * never another origin. `//evil.example`, `/\evil.example` (browsers read a backslash as a slash) and the same with
 * percent-encoding or a control character in between all leave the site, so all are refused.
 */
import type { FastifyRequest } from "fastify";

/** Long enough for any page of ours with its query; a longer value is no page we sent. */
const RETURN_PATH_MAX = 2048;

function decodedOrNull(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** A path on this site: one leading slash, no `//`, no backslash, no control character, even once decoded. */
export function isLocalPath(candidate: string): boolean {
  if (candidate.length > RETURN_PATH_MAX) return false;
  const decoded = decodedOrNull(candidate);
  if (decoded === null) return false;
  return [candidate, decoded].every(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
    (form) =>
      form.startsWith("/") && !form.includes("//") && !form.includes("\\") && !/[\u0000-\u001f\u007f]/u.test(form),
  );
}

/** True for the admin overview (`/admin`, with or without a query) and every page under it. */
export function isAdminPath(path: string): boolean {
  return path === "/admin" || path.startsWith("/admin?") || path.startsWith("/admin/");
}

/** True for My account (`/account`, with or without a query) and every page under it. */
function isAccountPath(path: string): boolean {
  return path === "/account" || path.startsWith("/account?") || path.startsWith("/account/");
}

/** Where a sign-in may return to (`next=`): a page behind the sign-in, My account's or the admin pages'; else null. */
export function signInReturnPath(next: string | undefined): string | null {
  if (next === undefined || !isLocalPath(next)) return null;
  return isAccountPath(next) || isAdminPath(next) ? next : null;
}

/**
 * The page a request came from, to return to: the page asked for; for a form post, its page when it has one
 * (a GET route on the same path), else null, so nothing is re-posted and no 404 awaits.
 */
export function pageOf(request: FastifyRequest): string | null {
  if (request.method === "GET") return request.url;
  const hasPage = request.server.hasRoute({ method: "GET", url: request.routeOptions.url ?? "" });
  return hasPage ? request.url : null;
}

/** /signin, carrying the page asked for as `next=` when a sign-in may return to it (My account is where it goes). */
export function signInPathFor(request: FastifyRequest): string {
  const next = signInReturnPath(pageOf(request) ?? undefined);
  return next === null || next === "/account" ? "/signin" : `/signin?next=${encodeURIComponent(next)}`;
}
