/**
 * "Chrome 131 on Windows" from a User-Agent header: what audit events, security emails and My account's sessions
 * show (SPEC §11.3 `client`: a browser and OS summary, ≤ 256 characters). A header this does not recognise is kept
 * as sent, cleaned and cut, so a script's "curl/8.5.0" still says what it was.
 */

const MAX_LENGTH = 256;

/** First match wins: Edge, Opera and Samsung Internet also say "Chrome", and Chrome also says "Safari". */
const BROWSERS: readonly (readonly [RegExp, string])[] = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, "Edge"],
  [/\bOPR\/(\d+)/, "Opera"],
  [/\bSamsungBrowser\/(\d+)/, "Samsung Internet"],
  [/\b(?:Firefox|FxiOS)\/(\d+)/, "Firefox"],
  [/\b(?:HeadlessChrome|Chrome|CriOS|Chromium)\/(\d+)/, "Chrome"],
  [/\bVersion\/(\d+)(?:\.\d+)*(?: Mobile\/\S+)? Safari\//, "Safari"],
];

const SYSTEMS: readonly (readonly [RegExp, string])[] = [
  [/\bWindows NT\b/, "Windows"],
  [/\b(?:iPhone|iPad|iPod)\b/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

function firstMatch(userAgent: string, table: readonly (readonly [RegExp, string])[]) {
  for (const [pattern, name] of table) {
    const match = pattern.exec(userAgent);
    if (match) return { name, version: match[1] };
  }
  return null;
}

/** What a summary says, for a reader to put into words of their language (`Chrome 156 di Linux`). */
export type ClientParts =
  | {
      readonly kind: "recognised";
      readonly browser: string;
      readonly version: string | null;
      readonly system: string | null;
    }
  | { readonly kind: "unrecognised"; readonly text: string }
  | { readonly kind: "unknown" };

/** The stored summary's words, kept in English in the audit log and the sessions table (SPEC §11.3 `client`). */
const ON = " on ";
const UNKNOWN = "unknown";

/** A short browser and OS summary (≤ 256 characters) from a User-Agent header. */
export function summariseClient(userAgent: string | undefined): string {
  const cleaned = (userAgent ?? "").replace(/[\u0000-\u001f\u007f]/g, " ").trim();
  if (cleaned === "") return UNKNOWN;
  const browser = firstMatch(cleaned, BROWSERS);
  if (browser === null) return cleaned.slice(0, MAX_LENGTH);
  const system = firstMatch(cleaned, SYSTEMS);
  const named = browser.version === undefined ? browser.name : `${browser.name} ${browser.version}`;
  return system === null ? named : `${named}${ON}${system.name}`;
}

const BROWSER_NAMES = new Set(BROWSERS.map(([, name]) => name));
const SYSTEM_NAMES = new Set(SYSTEMS.map(([, name]) => name));

/**
 * Reads a stored summary back into its parts, so a page or an email can say it in the reader's language; a text
 * this module did not write (a header it did not recognise, a console's name) is `unrecognised`.
 */
export function clientPartsOf(summary: string): ClientParts {
  if (summary === UNKNOWN || summary.trim() === "") return { kind: "unknown" };
  const [named = "", system = null, ...rest] = summary.split(ON);
  const match = /^(.+?)(?: (\d+))?$/.exec(named);
  const browser = match?.[1] ?? "";
  const recognised = rest.length === 0 && BROWSER_NAMES.has(browser) && (system === null || SYSTEM_NAMES.has(system));
  if (!recognised) return { kind: "unrecognised", text: summary };
  return { kind: "recognised", browser, version: match?.[2] ?? null, system };
}

const KNOWN_SUMMARY = new RegExp(
  `^(?:${BROWSERS.map(([, name]) => name).join("|")})(?: \\d+)?(?: on (?:${SYSTEMS.map(([, name]) => name).join("|")}))?$`,
);

/**
 * The summary when it names a browser this module recognised ("Chrome 131 on Windows"), else null. What a message
 * shows beside a code: an unrecognised User-Agent is the sender's own text ("IT Helpdesk: call … read this code")
 * and must never reach the recipient word for word.
 */
export function recognisedClientSummary(summary: string): string | null {
  // The console's own origin (admin-actor.ts) is Sandi's text, not a sender's.
  return KNOWN_SUMMARY.test(summary) || summary === "Sandi console (system)" ? summary : null;
}
