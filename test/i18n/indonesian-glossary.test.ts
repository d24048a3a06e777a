/**
 * The Indonesian catalogs follow docs/glossary-id.md (Microsoft's office Indonesian): no string drifts back to
 * "reset / direset / mereset", the informal "bisa" or the calques a reviewer found, and the fixed labels stay fixed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const ID_LOCALES = join(ROOT, "src", "i18n", "locales", "id");
const GLOSSARY = readFileSync(join(ROOT, "docs", "glossary-id.md"), "utf8");

/** Every Indonesian string as `file.dotted.key` → text. */
function indonesianStrings(): Map<string, string> {
  const strings = new Map<string, string>();
  const walk = (value: unknown, path: string): void => {
    if (typeof value === "string") strings.set(path, value);
    else if (value !== null && typeof value === "object")
      for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`);
  };
  for (const file of readdirSync(ID_LOCALES).filter((name) => name.endsWith(".json")))
    walk(JSON.parse(readFileSync(join(ID_LOCALES, file), "utf8")), file.slice(0, -".json".length));
  return strings;
}

/** What must never appear again, each with the glossary's replacement. */
const FORBIDDEN: readonly { readonly pattern: RegExp; readonly term: string }[] = [
  { pattern: /reset/i, term: "reset" }, // also catches "direset" and "mereset"
  { pattern: /direset/i, term: "direset" },
  { pattern: /mereset/i, term: "mereset" },
  { pattern: /\bbisa\b/i, term: "bisa" },
  { pattern: /\bKeluarkan\b/i, term: "Keluarkan" },
  { pattern: /Itu tidak tampak/i, term: "Itu tidak tampak" },
];

describe("Indonesian catalogs follow the glossary", () => {
  const strings = indonesianStrings();

  it("reads the catalogs (the walk found strings)", () => {
    expect(strings.size).toBeGreaterThan(100);
  });

  for (const { pattern, term } of FORBIDDEN)
    it(`no Indonesian string contains "${term}", and the glossary names its replacement`, () => {
      const offending = [...strings].filter(([, text]) => pattern.test(text)).map(([key, text]) => `${key}: ${text}`);
      expect(offending).toEqual([]);
      expect(GLOSSARY).toContain(`"${term}`);
    });

  it('every confirm field is labelled "Konfirmasi kata sandi baru"', () => {
    const confirmLabels = [...strings].filter(([key]) => key.endsWith(".confirm_label"));
    expect(confirmLabels.length).toBeGreaterThanOrEqual(2);
    for (const [key, text] of confirmLabels) expect(text, key).toBe("Konfirmasi kata sandi baru");
  });

  it('ending a session is "Akhiri sesi"', () => {
    expect(strings.get("account.sessions.end")).toBe("Akhiri sesi");
  });
});
