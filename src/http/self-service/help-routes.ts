/**
 * GET /help: the user FAQ (SPEC §13.4), its answers read from the policy in force; linked from every page's footer.
 * A signed-in reader is told the methods targeted at them (SPEC §18), anyone else every method switched on.
 */
import type { FastifyInstance } from "fastify";
import { HELP_PATH } from "../../domain/helpdesk/help-paths.js";
import type { AppServices } from "../app-services.js";
import type { CookieSettings } from "../cookies.js";
import { helpPage } from "../views/help-page.js";
import { sendPage } from "./page-renderer.js";

/** Registers GET /help. */
export async function helpRoutes(
  instance: FastifyInstance,
  options: { services: AppServices; cookies: CookieSettings },
): Promise<void> {
  const { services } = options;
  const sessionCookie = options.cookies.name("session");
  instance.get(HELP_PATH, async (request, reply) => {
    const live = await services.signIn.sessionUser(request.cookies[sessionCookie]);
    const [facts, site] = await Promise.all([services.helpdesk.helpFacts(live?.user ?? null), services.siteInfo()]);
    const body = helpPage(request.t, { facts, orgName: site.orgName, helpdesk: site.helpdesk });
    return sendPage(services, request, reply, { title: request.t("help.title"), body });
  });
  await Promise.resolve();
}
