/**
 * A draft written as `policy set` settings, one `KEY = VALUE` a line (the simulation page's text box, and
 * `sandi policy evaluate start KEY=VALUE …`). Blank lines and lines starting with `#` are ignored. Pure.
 */
export const DRAFT_TEXT_MAX = 20_000;

export type DraftParse =
  | { readonly ok: true; readonly settings: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly line: number; readonly text: string };

/** The settings of `text`, or the first line that is not `KEY = VALUE`. */
export function parseDraftSettings(text: string): DraftParse {
  const settings: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const equals = line.indexOf("=");
    const key = equals > 0 ? line.slice(0, equals).trim() : "";
    if (key === "" || /\s/.test(key)) return { ok: false, line: index + 1, text: line.slice(0, 80) };
    settings[key] = line.slice(equals + 1).trim();
  }
  return { ok: true, settings };
}

/** The settings as draft text again, for a form that keeps what was typed. */
export function draftText(settings: Readonly<Record<string, string>>): string {
  return Object.entries(settings)
    .map(([key, value]) => `${key} = ${value}`)
    .join("\n");
}
