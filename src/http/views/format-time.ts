/** Dates for pages: Intl in the user's language, in the organisation's time zone (`request.timeZone`). */
import type { Language } from "../../i18n/i18n.js";

export { formatDateTime } from "../../i18n/format-date-time.js";

/** What a view needs to show a time; a FastifyRequest is one (`lang` and `timeZone` decorated by the language hook). */
export interface TimeLocale {
  readonly lang: Language;
  readonly timeZone: string;
}
