/** Builds the Fastify app (never listens): shared plugins, then one encapsulated context per audience. */
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import { adminContext } from "./admin/admin.js";
import { apiV1 } from "./api/v1/api-v1.js";
import type { AppOptions, AppServices } from "./app-services.js";
import { altchaAssets } from "./captcha/altcha-assets.js";
import { passkeyAssets } from "./passkey/passkey-assets.js";
import { createCookieSettings } from "./cookies.js";
import { devRoutes } from "./dev/dev-routes.js";
import { opsRoutes } from "./ops/ops-routes.js";
import { languagePlugin } from "./plugins/language.js";
import { requestTimePlugin } from "./plugins/request-time.js";
import { securityHeaders } from "./plugins/security-headers.js";
import { staticAssets } from "./plugins/static-assets.js";
import { selfService } from "./self-service/self-service.js";
import { cachedCompilers } from "./compiled-schemas.js";

/** Request bodies above 16 KiB are refused with 413 before any handler runs. */
export const BODY_LIMIT_BYTES = 16 * 1024;

/** The whole HTTP application for `services`. */
export async function buildApp(services: AppServices, options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger,
    bodyLimit: BODY_LIMIT_BYTES,
    // X-Forwarded-For is believed only when the direct peer is a configured proxy.
    trustProxy: options.trustedProxies.length > 0 ? [...options.trustedProxies] : false,
    requestIdHeader: false,
    genReqId: () => Buffer.from(services.random.bytes(9)).toString("base64url"),
    // One access line per request (below) instead of Fastify's two: half the logging cost on the hottest path.
    logController: new LogController({ disableRequestLogging: true }),
    schemaController: { compilersFactory: cachedCompilers },
  }).withTypeProvider<TypeBoxTypeProvider>();
  if (options.onRoute !== undefined) app.addHook("onRoute", options.onRoute);
  app.addHook("onResponse", async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        // The route's pattern, or the path without its query string: what was asked, never the values sent.
        route: request.routeOptions.url ?? request.url.split("?", 1)[0],
        statusCode: reply.statusCode,
        responseTimeMilliseconds: Math.round(reply.elapsedTime * 10) / 10,
        ip: request.ip,
      },
      "request completed",
    );
    await Promise.resolve();
  });
  const cookies = createCookieSettings(options.publicUrl);
  await app.register(requestTimePlugin, { clock: services.clock });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(securityHeaders);
  await app.register(languagePlugin, {
    translator: services.translator,
    cookies,
    organisation: services.siteInfo,
  });
  await app.register(staticAssets);
  await app.register(altchaAssets);
  await app.register(passkeyAssets);
  await app.register(opsRoutes, { services, options });
  await app.register(selfService, { services, options, cookies });
  await app.register(apiV1, { prefix: "/api/v1", services, options });
  await app.register(adminContext, { prefix: "/admin", services, cookies, publicUrl: options.publicUrl });
  if (options.mode === "development" && services.devMailbox !== null)
    await app.register(devRoutes, { prefix: "/dev", mailbox: services.devMailbox, services, options });
  return app;
}
