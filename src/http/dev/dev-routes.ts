/** Development only: /dev/outbox lists the messages the dev mailbox received, so codes can be read in the browser. */
import type { FastifyInstance } from "fastify";
import type { DevMailbox } from "../../domain/ports.js";
import { html } from "../../lib/html.js";
import type { AppOptions, AppServices } from "../app-services.js";
import { sendPage } from "../self-service/page-renderer.js";
import { formatDateTime } from "../views/format-time.js";

/** Registers GET /dev/outbox (only in development mode; build-app never registers it in production). */
export async function devRoutes(
  app: FastifyInstance,
  options: { mailbox: DevMailbox; services: AppServices; options: AppOptions },
): Promise<void> {
  app.get("/outbox", async (request, reply) => {
    const messages = await options.mailbox.list(50);
    const rows = messages.map(
      (message) => html`<article><h2>${message.subject}</h2>
<p>${request.t("dev.outbox.to")} ${message.recipient} · ${formatDateTime(message.createdAt, request.lang, request.timeZone)}</p>
<pre>${message.text}</pre></article>`,
    );
    const body = html`<p>${request.t("dev.outbox.intro")}</p>${messages.length === 0 ? html`<p>${request.t("dev.outbox.empty")}</p>` : rows}`;
    return sendPage(options.services, request, reply, { title: request.t("dev.outbox.title"), body });
  });
  await Promise.resolve();
}
