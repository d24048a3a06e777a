/**
 * Calendar days in a time zone: where a typed date (`2026-12-07`) starts as an instant, so "from 7 December" in an
 * organisation on Asia/Jakarta means 7 December 00:00 WIB (6 December 17:00 UTC), not midnight UTC.
 */

const DAY_MILLISECONDS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function offsetFormat(timeZone: string): Intl.DateTimeFormat {
  let format = offsetFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    offsetFormats.set(timeZone, format);
  }
  return format;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    offsetFormat(timeZone)
      .formatToParts(new Date(instant))
      .map((part) => [part.type, Number(part.value)]),
  );
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The UTC milliseconds of a `YYYY-MM-DD` that names a real day, or null. */
function utcMidnightOf(date: string): number | null {
  const match = ISO_DATE.exec(date);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const midnight = Date.UTC(year, month - 1, day);
  const back = new Date(midnight);
  // 2026-02-30 rolls over to March: not a day anyone typed on purpose.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return midnight;
}

/** The instant `date` (`YYYY-MM-DD`) begins in `timeZone`, or null when it is not a real date. */
export function startOfDayIn(date: string, timeZone: string): Date | null {
  const midnight = utcMidnightOf(date);
  if (midnight === null) return null;
  const first = midnight - offsetAt(midnight, timeZone);
  // Across a daylight-saving change the offset at the answer can differ from the first guess: take the answer's.
  return new Date(midnight - offsetAt(first, timeZone));
}

/** The instant the day after `date` begins in `timeZone` (the exclusive end of `date`), or null. */
export function endOfDayIn(date: string, timeZone: string): Date | null {
  const midnight = utcMidnightOf(date);
  if (midnight === null) return null;
  const next = new Date(midnight + DAY_MILLISECONDS).toISOString().slice(0, 10);
  return startOfDayIn(next, timeZone);
}
