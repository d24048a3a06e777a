/** i18next over the en and id catalogs; each file in locales/<lang>/ is a top-level key (`reset.json` → `reset.*`). */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import i18next, { type i18n as I18next } from "i18next";

export const LANGUAGES = ["en", "id"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Translates a dotted key with named `{{placeholders}}`. */
export type Translate = (key: string, values?: Readonly<Record<string, string | number>>) => string;

export interface Translator {
  /** A translate function fixed to one language. */
  forLanguage(lang: Language): Translate;
  /** True when the key exists in the catalog of `lang`. */
  hasKey(lang: Language, key: string): boolean;
}

const LOCALES_DIRECTORY = join(import.meta.dirname, "locales");

/** Every catalog of one language, keyed by file name. */
export function loadCatalog(lang: Language): Record<string, unknown> {
  const directory = join(LOCALES_DIRECTORY, lang);
  const catalog: Record<string, unknown> = {};
  for (const file of readdirSync(directory)
    .filter((name) => name.endsWith(".json"))
    .sort())
    catalog[file.slice(0, -".json".length)] = JSON.parse(readFileSync(join(directory, file), "utf8")) as unknown;
  return catalog;
}

/** Creates the translator; a missing key falls back to English and is reported through `onMissingKey`. */
export function createTranslator(options: { onMissingKey?: (lang: string, key: string) => void } = {}): Translator {
  const instance: I18next = i18next.createInstance();
  void instance.init({
    initAsync: false,
    fallbackLng: "en",
    supportedLngs: [...LANGUAGES],
    resources: { en: { translation: loadCatalog("en") }, id: { translation: loadCatalog("id") } },
    // Sandi's html tag escapes every value; escaping here too would show &amp;lt; on the page.
    interpolation: { escapeValue: false },
    saveMissing: true,
    missingKeyHandler: (languages, _namespace, key) => options.onMissingKey?.(languages.join(","), key),
    returnNull: false,
  });
  const fixed = new Map(LANGUAGES.map((lang) => [lang, instance.getFixedT(lang)] as const));
  return {
    forLanguage: (lang) => {
      const translate = fixed.get(lang) ?? instance.getFixedT("en");
      return (key, values) => translate(key, values ?? {});
    },
    hasKey: (lang, key) => instance.exists(key, { lng: lang, fallbackLng: false }),
  };
}

/** Picks `en` or `id` from an Accept-Language header (`id`, `id-ID` and the legacy `in` mean Indonesian). */
export function languageFromAcceptLanguage<Fallback extends string>(
  header: string | undefined,
  fallback: Fallback,
): Language | Fallback {
  if (!header) return fallback;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const quality = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find((q) => q !== undefined);
      return { tag: tag.toLowerCase(), quality: quality === undefined ? 1 : Number(quality) };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality);
  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];
    if (primary === "id" || primary === "in") return "id";
    if (primary === "en") return "en";
  }
  return fallback;
}
