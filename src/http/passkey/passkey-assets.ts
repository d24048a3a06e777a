/** Serves @simplewebauthn/browser's UMD bundle at /vendor/simplewebauthn/, for /static/passkey.js (no CDN). */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync } from "fastify";

/** The URL prefix of the bundle. */
export const PASSKEY_ASSETS_PREFIX = "/vendor/simplewebauthn/";
/** The one file served: it defines the global `SimpleWebAuthnBrowser` that passkey.js uses. */
export const PASSKEY_BUNDLE_URL = `${PASSKEY_ASSETS_PREFIX}index.umd.min.js`;

/** The package's `dist/bundle/`; its package.json is not exported, so go through the entry it does export. */
function bundleDirectory(): string {
  return join(dirname(createRequire(import.meta.url).resolve("@simplewebauthn/browser")), "..", "dist", "bundle");
}

/**
 * `dist/bundle/index.umd.min.js` (13 KB, no inline code, so `script-src 'self'` holds) and nothing else of the
 * package. The pages that need it list it before /static/passkey.js, both deferred, so it runs first.
 */
export const passkeyAssets: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, {
    root: bundleDirectory(),
    prefix: PASSKEY_ASSETS_PREFIX,
    decorateReply: false,
    index: false,
    allowedPath: (pathName) => pathName === "/index.umd.min.js",
    maxAge: 3_600_000,
  });
};

/** The scripts a passkey page lists, in order (the layout's `scripts`). */
export const PASSKEY_PAGE_SCRIPTS = [{ src: PASSKEY_BUNDLE_URL }, { src: "/static/passkey.js" }] as const;
