/**
 * GET and POST /not-me/:token (SPEC §9.3). GET shows the confirm page and changes nothing, so a mail scanner that
 * follows the link does no harm; POST acts once. Every response keeps the token to itself: `Referrer-Policy:
 * no-referrer` (no page or asset it loads learns the URL) and `Cache-Control: no-store`; the access log names the
 * route pattern, never the path.
 *
 * CSRF on a page with no session: the token in the path is itself a secret only the mailbox holds, so a foreign site
 * cannot build the POST; the context's origin check refuses cross-site posts anyway. The form token is
 * HMAC(formKey, "not-me-form:" + token): it proves the POST came from a confirm page Sandi rendered for this very
 * link (not from a link previewer that replays the URL as a POST), and needs no cookie, so it works in the
 * in-app browsers of mail apps, which often drop them.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { summariseClient } from "../../domain/audit-events.js";
import { toBase64url } from "../../lib/crypto/base64url.js";
import { constantTimeEqual } from "../../lib/crypto/constant-time-equal.js";
import { hmacSha256 } from "../../lib/crypto/sha256.js";
import type { AppServices } from "../app-services.js";
import { formatDateTime } from "../views/format-time.js";
import { notMeConfirmPage, notMeDonePage, notMeUnusablePage } from "../views/not-me-pages.js";
import { sendPage } from "./page-renderer.js";

/** Every unusable link answers with this status, whatever the cause: the status tells nothing either. */
export const NOT_ME_UNUSABLE_STATUS = 404;
/** A confirm form whose form token does not match: the page is shown again to press once more. */
const FORM_REFUSED_STATUS = 400;

const TokenParams = Type.Object({ token: Type.String() });
const ConfirmBody = Type.Object({ form: Type.Optional(Type.String({ maxLength: 128 })) });

/** The confirm form's token for the link `token`. */
export function notMeFormToken(formKey: Uint8Array, token: string): string {
  return toBase64url(hmacSha256(formKey, `not-me-form:${token}`));
}

function isFormTokenRight(formKey: Uint8Array, token: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const encoder = new TextEncoder();
  return constantTimeEqual(encoder.encode(presented), encoder.encode(notMeFormToken(formKey, token)));
}

async function unusable(services: AppServices, request: FastifyRequest, reply: FastifyReply) {
  const { helpdesk } = await services.siteInfo();
  const body = notMeUnusablePage(request.t, { helpdesk });
  return sendPage(services, request, reply, {
    title: request.t("not_me.unusable.title"),
    body,
    status: NOT_ME_UNUSABLE_STATUS,
  });
}

/** The confirm page for a usable link, or the neutral page. */
async function confirmOrUnusable(
  services: AppServices,
  request: FastifyRequest<{ Params: { token: string } }>,
  reply: FastifyReply,
  input: { errors: readonly string[]; status: number },
) {
  const { token } = request.params;
  const inspected = await services.notMe.inspect(token);
  if (!inspected.ok) return unusable(services, request, reply);
  const body = notMeConfirmPage(request.t, {
    about: inspected.value.about,
    aboutAt: formatDateTime(inspected.value.aboutAt, request.lang, request.timeZone),
    action: `/not-me/${token}`,
    formToken: notMeFormToken(services.formKey, token),
    errors: input.errors,
  });
  return sendPage(services, request, reply, { title: request.t("not_me.confirm.title"), body, status: input.status });
}

/** Registers the two routes; their responses never leak the token through Referer or a cache. */
export function notMeRoutes(instance: FastifyInstance, options: { services: AppServices }): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { services } = options;
  app.addHook("onSend", async (_request, reply) => {
    reply.header("referrer-policy", "no-referrer");
    reply.header("cache-control", "no-store");
  });
  app.get("/not-me/:token", { schema: { params: TokenParams } }, (request, reply) =>
    confirmOrUnusable(services, request, reply, { errors: [], status: 200 }),
  );
  app.post("/not-me/:token", { schema: { params: TokenParams, body: ConfirmBody } }, async (request, reply) => {
    const { token } = request.params;
    if (!isFormTokenRight(services.formKey, token, request.body.form))
      return confirmOrUnusable(services, request, reply, {
        errors: [request.t("common.form_expired.message")],
        status: FORM_REFUSED_STATUS,
      });
    const caller = { ip: request.ip, client: summariseClient(request.headers["user-agent"]), lang: request.lang };
    const confirmed = await services.notMe.confirm(token, caller);
    if (!confirmed.ok) return unusable(services, request, reply);
    const { supportCode } = confirmed.value;
    const { helpdesk } = await services.siteInfo();
    const body = notMeDonePage(request.t, { supportCode, helpdesk });
    return sendPage(services, request, reply, {
      title: request.t("not_me.done.title"),
      body,
      status: 200,
      supportCode,
    });
  });
  return Promise.resolve();
}
