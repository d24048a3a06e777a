/**
 * docs/reason-codes.md lists exactly the codes of src/domain/reasons.ts, each with its name; every code has an admin
 * hint in both catalogs, and the document's "Admin hints" table says what the English catalog says (one catalog for
 * the troubleshooter's page and the document).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REASONS } from "../../src/domain/reasons.js";
import { createTranslator, LANGUAGES } from "../../src/i18n/i18n.js";

const DOC = readFileSync(join(import.meta.dirname, "..", "..", "docs", "reason-codes.md"), "utf8");

/** Table rows of the document as code → name: lines like "| `SND-101` | `user_not_found` | …". */
function documentedCodes(markdown: string): Map<string, string> {
  const rows = markdown.matchAll(/^\|\s*`(SND-\d{3})`\s*\|\s*`([a-z0-9_]+)`\s*\|/gm);
  return new Map([...rows].map((match) => [match[1] ?? "", match[2] ?? ""]));
}

describe("docs/reason-codes.md", () => {
  const documented = documentedCodes(DOC);

  it("lists every reason code with its name", () => {
    const missing = Object.entries(REASONS)
      .filter(([code, entry]) => documented.get(code) !== entry.name)
      .map(([code, entry]) => `${code} ${entry.name} (documented: ${documented.get(code) ?? "nothing"})`);
    expect(missing).toEqual([]);
  });

  it("lists no code that src/domain/reasons.ts lacks", () => {
    expect([...documented.keys()].filter((code) => !Object.hasOwn(REASONS, code))).toEqual([]);
  });

  it("every reason code has an admin hint in both languages", () => {
    const translator = createTranslator();
    const missing = Object.entries(REASONS).flatMap(([code, entry]) =>
      LANGUAGES.filter((lang) => !translator.hasKey(lang, entry.adminHint)).map((lang) => `${lang}: ${code}`),
    );
    expect(missing).toEqual([]);
  });

  it("the Admin hints table gives each code the English catalog's hint", () => {
    const section = DOC.slice(DOC.indexOf("## Admin hints"));
    const rows = section.matchAll(/^\|\s*`(SND-\d{3})`\s*\|\s*`[a-z0-9_]+`\s*\|\s*(.+?)\s*\|$/gm);
    const documented = new Map([...rows].map((match) => [match[1] ?? "", match[2] ?? ""]));
    const en = createTranslator().forLanguage("en");
    const expected = new Map(Object.entries(REASONS).map(([code, entry]) => [code, en(entry.adminHint)]));
    expect(documented).toEqual(expected);
  });
});
