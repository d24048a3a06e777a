/**
 * Picks each request's language: ?lang= (remembered in a cookie for 365 days), the cookie, Accept-Language, then the
 * organisation's default; and the organisation's time zone, in which the request's pages show every time.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import {
  LANGUAGES,
  type Language,
  languageFromAcceptLanguage,
  type Translate,
  type Translator,
} from "../../i18n/i18n.js";
import { type CookieSettings, cookieOptions } from "../cookies.js";

declare module "fastify" {
  interface FastifyRequest {
    lang: Language;
    t: Translate;
    /** The organisation's IANA time zone (`Asia/Jakarta`), for formatDateTime. */
    timeZone: string;
  }
}

const YEAR_SECONDS = 365 * 24 * 3600;

/** What the organisation decides: read on every request, so the reader must cache (compose.ts's site info does). */
export interface OrganisationLocale {
  readonly defaultLanguage: Language;
  readonly timeZone: string;
}

/** Used when the organisation cannot be read (the database is down): an error page must still render. */
const FALLBACK_LOCALE: OrganisationLocale = { defaultLanguage: "en", timeZone: "UTC" };

function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** The language the request itself asks for (?lang=, the cookie, Accept-Language), or null when none decides. */
function askedLanguage(request: FastifyRequest, reply: FastifyReply, options: LanguageOptions): Language | null {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  const cookieName = options.cookies.name("lang");
  if (isLanguage(asked)) {
    reply.setCookie(
      cookieName,
      asked,
      cookieOptions(options.cookies, { sameSite: "lax", maxAgeSeconds: YEAR_SECONDS }),
    );
    return asked;
  }
  const remembered = request.cookies[cookieName];
  if (isLanguage(remembered)) return remembered;
  const accepted = languageFromAcceptLanguage(request.headers["accept-language"], "none");
  return accepted === "none" ? null : accepted;
}

export interface LanguageOptions {
  readonly translator: Translator;
  readonly cookies: CookieSettings;
  /** The organisation's default language and time zone (cached by the caller). */
  readonly organisation: () => Promise<OrganisationLocale>;
}

async function language(app: FastifyInstance, options: LanguageOptions): Promise<void> {
  app.decorateRequest("lang", "en");
  app.decorateRequest("t", null as unknown as Translate);
  app.decorateRequest("timeZone", "UTC");
  app.addHook("onRequest", async (request, reply) => {
    const organisation = await options.organisation().catch(() => FALLBACK_LOCALE);
    request.lang = askedLanguage(request, reply, options) ?? organisation.defaultLanguage;
    request.t = options.translator.forLanguage(request.lang);
    request.timeZone = organisation.timeZone;
  });
  await Promise.resolve();
}

/** Decorates `request.lang`, `request.t` and `request.timeZone`. */
export const languagePlugin = fp(language, { name: "sandi-language", dependencies: ["@fastify/cookie"] });
