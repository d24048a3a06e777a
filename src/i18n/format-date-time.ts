/**
 * One way to show a time, for pages and emails alike: Intl in the reader's language and the organisation's time
 * zone, with the zone's short name so a reader elsewhere knows which clock it is. Node's full ICU names the three
 * Indonesian zones WIB, WITA and WIT in `id-ID` (and `GMT+7` in `en-GB`, as Windows and Outlook do in English), so
 * no zone name is written by hand here.
 */
import type { Language } from "./i18n.js";

/** The BCP 47 locale each language formats dates in. */
export const DATE_LOCALE: Readonly<Record<Language, string>> = { en: "en-GB", id: "id-ID" };

const formats = new Map<string, Intl.DateTimeFormat>();

/** Formatters are costly to build and safe to share: one per locale and zone. */
function formatterFor(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, {
      day: "numeric",
      month: "long",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone,
      timeZoneName: "short",
    });
    formats.set(key, format);
  }
  return format;
}

/**
 * `2 March 2026 at 14:05 GMT+7` / `2 Maret 2026 pukul 14.05 WIB`. `timeZone` is the organisation's (validated when
 * the policy was saved); a name Intl does not know throws, as a programming error would.
 */
export function formatDateTime(date: Date, lang: Language, timeZone: string): string {
  return formatDateTimeIn(date, DATE_LOCALE[lang], timeZone);
}

/** The same for a BCP 47 locale named by a catalog (emails take theirs from `email.format.locale`). */
export function formatDateTimeIn(date: Date, locale: string, timeZone: string): string {
  return formatterFor(locale, timeZone).format(date);
}
