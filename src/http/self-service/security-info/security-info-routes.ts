/** My security info's routes: the overview and removal, the step-up, and each method's own pages. */
import type { FastifyInstance } from "fastify";
import { METHOD_PAGES } from "./method-pages.js";
import { registerSecurityInfoOverview } from "./overview-routes.js";
import type { SecurityInfoRouteContext } from "./security-info-context.js";
import { registerStepUp } from "./step-up-routes.js";
import { registerInterrupt } from "./interrupt-routes.js";

export function registerSecurityInfo(app: FastifyInstance, context: SecurityInfoRouteContext): void {
  registerSecurityInfoOverview(app, context);
  registerStepUp(app, context);
  registerInterrupt(app, context);
  for (const pages of METHOD_PAGES) pages.register(app, context);
}
