/** Renders a page in the request's language with the organisation's name and helpdesk link. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Html } from "../../lib/html.js";
import type { AppServices, SiteInfo } from "../app-services.js";
import { demoBanner } from "../views/demo-banner.js";
import { layout } from "../views/layout.js";
import type { UserErrorModel } from "../views/user-error.js";

export interface PageOptions {
  readonly title: string;
  readonly body: Html;
  readonly status?: number;
  readonly supportCode?: string | null;
  readonly scripts?: readonly { src: string; module?: boolean }[];
  readonly styles?: readonly string[];
  /** Full width (admin pages, the demo mailbox) instead of the centred card. */
  readonly wide?: boolean;
  /** Show what to try with the demo accounts, when this is the demo organisation (sign-in and identify pages). */
  readonly demoBanner?: boolean;
  /** A failure page's explanation (SPEC §13.3), rendered by the layout under the title with the helpdesk link. */
  readonly userError?: UserErrorModel | null;
  /** Reload after this many seconds (the import's progress page). */
  readonly refreshSeconds?: number;
  /** The admin pages' navigation by area (views/admin/admin-nav.ts). */
  readonly areaNav?: Html;
}

const FALLBACK_SITE: SiteInfo = {
  orgName: "Sandi",
  defaultLanguage: "en",
  helpdesk: { mode: "url", target: null },
  timeZone: "UTC",
};

/** Sends a full HTML page. */
export async function sendPage(
  services: Pick<AppServices, "siteInfo">,
  request: FastifyRequest,
  reply: FastifyReply,
  page: PageOptions,
): Promise<FastifyReply> {
  // An error page must render even when the database is down: fall back to neutral facts.
  const site = await services.siteInfo().catch(() => FALLBACK_SITE);
  const document = layout(
    {
      lang: request.lang,
      t: request.t,
      title: page.title,
      orgName: site.orgName,
      path: request.url.split("?")[0] ?? "/",
      supportCode: page.supportCode ?? null,
      helpdesk: site.helpdesk,
      ...(page.scripts ? { scripts: page.scripts } : {}),
      ...(page.styles ? { styles: page.styles } : {}),
      ...(page.wide ? { wide: true } : {}),
      ...(page.demoBanner && site.isDemo === true ? { banner: demoBanner(request.t) } : {}),
      ...(page.userError ? { userError: page.userError } : {}),
      ...(page.refreshSeconds === undefined ? {} : { refreshSeconds: page.refreshSeconds }),
      ...(page.areaNav ? { areaNav: page.areaNav } : {}),
    },
    page.body,
  );
  return reply
    .status(page.status ?? 200)
    .type("text/html; charset=utf-8")
    .send(document.value);
}
