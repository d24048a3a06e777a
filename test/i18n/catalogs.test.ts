/** The en and id catalogs hold the same files, keys and placeholders, and every key the code names exists in both. */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const SOURCE = join(ROOT, "src");
const LOCALES = join(SOURCE, "i18n", "locales");
const LANGUAGES = ["en", "id"] as const;
type Language = (typeof LANGUAGES)[number];

/** i18next plural suffixes: `x_one` and `x_other` are forms of the key `x` (Indonesian has only `_other`). */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

interface Catalog {
  /** Every leaf as `file.dotted.key` → value; values that are not strings are kept to be reported. */
  readonly leaves: ReadonlyMap<string, unknown>;
  /** Leaf keys with plural suffixes removed: the keys a caller can ask for. */
  readonly keys: ReadonlySet<string>;
}

function catalogFiles(lang: Language): string[] {
  return readdirSync(join(LOCALES, lang))
    .filter((name) => name.endsWith(".json"))
    .sort();
}

function flatten(value: unknown, prefix: string, into: Map<string, unknown>): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, `${prefix}.${key}`, into);
  } else {
    into.set(prefix, value);
  }
}

function loadCatalog(lang: Language): Catalog {
  const leaves = new Map<string, unknown>();
  for (const file of catalogFiles(lang)) {
    const area = file.slice(0, -".json".length);
    flatten(JSON.parse(readFileSync(join(LOCALES, lang, file), "utf8")), area, leaves);
  }
  return { leaves, keys: new Set([...leaves.keys()].map((key) => key.replace(PLURAL_SUFFIX, ""))) };
}

/** The `{{placeholders}}` of a key, over all its plural forms. */
function placeholders(catalog: Catalog, key: string): string[] {
  const names = new Set<string>();
  for (const [leaf, value] of catalog.leaves) {
    if (leaf.replace(PLURAL_SUFFIX, "") !== key || typeof value !== "string") continue;
    for (const match of value.matchAll(/\{\{\s*([^}\s,]+)[^}]*\}\}/g)) if (match[1]) names.add(match[1]);
  }
  return [...names].sort();
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .map((name) => join(directory, name));
}

/** Literal keys the code asks for: `t("…")` / `t('…')` calls anywhere in src, and the reasons' messages. */
function keysUsedInSource(): Map<string, string> {
  const used = new Map<string, string>(); // key → first file that uses it
  const note = (key: string, file: string) => {
    if (!used.has(key)) used.set(key, relative(ROOT, file));
  };
  for (const file of sourceFiles(SOURCE)) {
    // Comment lines are skipped: a JSDoc @example may name a key that only illustrates.
    const text = readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
      .join("\n");
    for (const match of text.matchAll(/\bt\(\s*(["'])([A-Za-z0-9_.-]+)\1/g)) if (match[2]) note(match[2], file);
  }
  const reasons = join(SOURCE, "domain", "reasons.ts");
  const reasonText = readFileSync(reasons, "utf8");
  for (const match of reasonText.matchAll(/\b(?:userMessage|adminHint):\s*(["'])([A-Za-z0-9_.-]+)\1/g))
    if (match[2]) note(match[2], reasons);
  return used;
}

const catalogs = { en: loadCatalog("en"), id: loadCatalog("id") } as const;

describe("i18n catalogs", () => {
  it("en and id have the same catalog files", () => {
    expect(catalogFiles("id")).toEqual(catalogFiles("en"));
  });

  it("every key of one language exists in the other", () => {
    const missingIn = (lang: Language, other: Language) =>
      [...catalogs[other].keys].filter((key) => !catalogs[lang].keys.has(key)).sort();
    expect({ missingInId: missingIn("id", "en"), missingInEn: missingIn("en", "id") }).toEqual({
      missingInId: [],
      missingInEn: [],
    });
  });

  it("a key has the same placeholders in both languages", () => {
    const differing = [...catalogs.en.keys]
      .filter((key) => catalogs.id.keys.has(key))
      .map((key) => ({ key, en: placeholders(catalogs.en, key), id: placeholders(catalogs.id, key) }))
      .filter((entry) => entry.en.join(",") !== entry.id.join(","));
    expect(differing).toEqual([]);
  });

  it("every translation is a non-empty string", () => {
    const bad = LANGUAGES.flatMap((lang) =>
      [...catalogs[lang].leaves]
        .filter(([, value]) => typeof value !== "string" || value.trim() === "")
        .map(([key, value]) => `${lang}: ${key} = ${JSON.stringify(value)}`),
    );
    expect(bad).toEqual([]);
  });

  it("every literal key used in src exists in both catalogs", () => {
    const used = keysUsedInSource();
    expect(used.size, "no key found: has the pattern stopped matching the code?").toBeGreaterThan(0);
    const missing = [...used]
      .flatMap(([key, file]) =>
        LANGUAGES.filter((lang) => !catalogs[lang].keys.has(key)).map((lang) => `${lang}: ${key} (${file})`),
      )
      .sort();
    expect(missing).toEqual([]);
  });
});
