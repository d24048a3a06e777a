/** Dates for pages and emails: Intl in the user's language, in the organisation's time zone (UTC for now). */
export function formatDateTime(date: Date, lang: "en" | "id"): string {
  const formatted = new Intl.DateTimeFormat(lang === "id" ? "id-ID" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(date);
  return `${formatted} UTC`;
}
