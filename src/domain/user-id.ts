/** User IDs (SPEC §1): normalised by trim, NFKC and lowercase; syntax checked, nothing else. */
const LOCAL = /^[A-Za-z0-9'._\-!#^~]{1,64}$/;
const DOMAIN = /^[A-Za-z0-9'._\-!#^~]{1,48}$/;

/** The form every lookup, counter and audit event uses. */
export function normaliseUserId(typed: string): string {
  return typed.trim().normalize("NFKC").toLowerCase();
}

/** True when a normalised ID has SPEC §1's syntax: name@domain, 64/48 characters, no `.` before `@`. */
export function isUserIdSyntaxValid(userId: string): boolean {
  if (userId.length > 113) return false;
  const at = userId.indexOf("@");
  if (at <= 0 || at !== userId.lastIndexOf("@")) return false;
  const local = userId.slice(0, at);
  const domain = userId.slice(at + 1);
  return LOCAL.test(local) && DOMAIN.test(domain) && !local.endsWith(".");
}
