/** Picks each request's language: ?lang= (remembered in a cookie for 365 days), the cookie, Accept-Language, the default. */
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
  }
}

const YEAR_SECONDS = 365 * 24 * 3600;

function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

function chooseLanguage(request: FastifyRequest, reply: FastifyReply, options: LanguageOptions): Language {
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
  return languageFromAcceptLanguage(request.headers["accept-language"], options.defaultLanguage());
}

export interface LanguageOptions {
  readonly translator: Translator;
  readonly cookies: CookieSettings;
  readonly defaultLanguage: () => Language;
}

async function language(app: FastifyInstance, options: LanguageOptions): Promise<void> {
  app.decorateRequest("lang", "en");
  app.decorateRequest("t", null as unknown as Translate);
  app.addHook("onRequest", async (request, reply) => {
    request.lang = chooseLanguage(request, reply, options);
    request.t = options.translator.forLanguage(request.lang);
  });
  await Promise.resolve();
}

/** Decorates `request.lang` and `request.t`. */
export const languagePlugin = fp(language, { name: "sandi-language", dependencies: ["@fastify/cookie"] });
