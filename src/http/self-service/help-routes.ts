/** GET /help: the user FAQ (SPEC §13.4), its answers read from the policy in force; linked from every page's footer. */
import type { FastifyInstance } from "fastify";
import { HELP_PATH } from "../../domain/helpdesk/help-paths.js";
import type { AppServices } from "../app-services.js";
import { helpPage } from "../views/help-page.js";
import { sendPage } from "./page-renderer.js";

/** Registers GET /help. */
export async function helpRoutes(instance: FastifyInstance, options: { services: AppServices }): Promise<void> {
  const { services } = options;
  instance.get(HELP_PATH, async (request, reply) => {
    const [facts, site] = await Promise.all([services.helpdesk.helpFacts(), services.siteInfo()]);
    const body = helpPage(request.t, { facts, orgName: site.orgName, helpdesk: site.helpdesk });
    return sendPage(services, request, reply, { title: request.t("help.title"), body });
  });
  await Promise.resolve();
}
