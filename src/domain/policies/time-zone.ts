/**
 * The organisation's time zone (SPEC §16, §18 `organisation.timeZone`): an IANA name that every time on pages and in
 * emails is shown in. Intl is the authority on which names exist; this only refuses what Intl accepts but an IANA
 * name is not (a bare offset such as "+07:00" reads as a zone but ignores daylight saving wherever it applies).
 */

/** The default: a product that does not know where its organisation is says UTC and shows it. */
export const DEFAULT_TIME_ZONE = "UTC";

const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/**
 * Names already answered: building an Intl.DateTimeFormat costs about 0.1 ms, and every identify step checks the
 * policy's zone (checkPolicy), which was 4 % of that step's CPU. The zones Intl knows do not change while the process
 * runs; the cache is bounded because the names come from admins' input.
 */
const answered = new Map<string, string | null>();
const ANSWERS_KEPT = 256;

/** The canonical spelling of an IANA time zone name (`asia/jakarta` → `Asia/Jakarta`), or null when Intl knows none. */
export function canonicalTimeZone(name: string): string | null {
  const trimmed = name.trim();
  if (!IANA_NAME.test(trimmed) || trimmed.length > 64) return null;
  const known = answered.get(trimmed);
  if (known !== undefined) return known;
  const answer = resolveTimeZone(trimmed);
  if (answered.size >= ANSWERS_KEPT) answered.clear();
  answered.set(trimmed, answer);
  return answer;
}

function resolveTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat("en", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
