/** Serves the ALTCHA widget's strict-CSP build, its solver workers and its Indonesian strings under /vendor/altcha/. */
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync } from "fastify";

/** The URL prefix every ALTCHA asset is served under. */
export const ALTCHA_ASSETS_PREFIX = "/vendor/altcha/";

/** The widget's `dist/` folder; its package.json is not exported, so go through the entry it does export. */
function altchaDistDirectory(): string {
  return join(dirname(createRequire(import.meta.url).resolve("altcha")), "..");
}

/** Paths below the prefix that may be served, each found in `dist/external/` or else in `dist/`. */
function servedPaths(dist: string): Set<string> {
  const workers = readdirSync(join(dist, "workers")).filter((name) => name.endsWith(".js"));
  return new Set(["/altcha.min.js", "/altcha.css", "/i18n/id.js", ...workers.map((name) => `/workers/${name}`)]);
}

/**
 * `dist/external/altcha.min.js` and `altcha.css` at /vendor/altcha/, the classic-script workers at
 * /vendor/altcha/workers/, and `dist/i18n/id.js` at /vendor/altcha/i18n/id.js; every other file of the package
 * is a 404. The external build uses no inline style and no blob: worker (BROWSER-LAB §4), so it works under
 * `default-src 'self'`; /static/altcha-setup.js registers the workers.
 */
export const altchaAssets: FastifyPluginAsync = async (app) => {
  const dist = altchaDistDirectory();
  const allowed = servedPaths(dist);
  await app.register(fastifyStatic, {
    root: [join(dist, "external"), dist],
    prefix: ALTCHA_ASSETS_PREFIX,
    decorateReply: false,
    index: false,
    allowedPath: (pathName) => allowed.has(pathName),
    maxAge: 3_600_000,
  });
};
