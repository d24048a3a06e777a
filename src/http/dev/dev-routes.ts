/** Development only: /dev/outbox lists the messages the dev mailbox received, so codes can be read in the browser. */
import type { FastifyInstance } from "fastify";
import type { DevMailbox } from "../../domain/ports.js";
import type { AppOptions, AppServices } from "../app-services.js";
import { sendPage } from "../self-service/page-renderer.js";
import { outboxPage } from "./outbox-page.js";

/**
 * The policy of one email's HTML part, shown in a sandboxed frame of /dev/outbox: the email's inline styles and
 * data: images only; no script, no request anywhere, a unique origin (`sandbox`), framed only by Sandi's own page.
 */
export const EMAIL_FRAME_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox";

/** Registers GET /dev/outbox (only in development mode; build-app never registers it in production). */
export async function devRoutes(
  app: FastifyInstance,
  options: { mailbox: DevMailbox; services: AppServices; options: AppOptions },
): Promise<void> {
  app.get("/outbox", async (request, reply) => {
    const [emails, undelivered] = await Promise.all([options.mailbox.list(50), options.mailbox.undelivered(50)]);
    const body = outboxPage(request.t, request, { emails, undelivered });
    return sendPage(options.services, request, reply, { title: request.t("dev.outbox.title"), body, wide: true });
  });
  app.get<{ Params: { id: string } }>("/outbox/:id/html", async (request, reply) => {
    const email = await options.mailbox.find(request.params.id);
    if (email === null) return reply.code(404).type("text/plain; charset=utf-8").send("not found");
    return reply
      .header("content-security-policy", EMAIL_FRAME_CSP)
      .header("x-frame-options", "SAMEORIGIN")
      .type("text/html; charset=utf-8")
      .send(email.html);
  });
  await Promise.resolve();
}
