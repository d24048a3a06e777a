/**
 * GET and POST /help/contact (SPEC §6.9): the helpdesk contact form, behind the identify step's proof-of-work
 * CAPTCHA. A sent message answers with the same 303 whatever the typed ID, so the form tells nobody which IDs exist.
 * Under /help, beside the FAQ: the user's help lives at one address, and `/helpdesk` would read as the helpdesk's
 * own console.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { summariseClient } from "../../domain/audit-events.js";
import { HELPDESK_FORM_PATH } from "../../domain/helpdesk/help-paths.js";
import type { ContactRefusal } from "../../domain/helpdesk/helpdesk-service.js";
import type { AppServices } from "../app-services.js";
import type { CookieSettings } from "../cookies.js";
import { createFormTokens, type FormTokens } from "../plugins/form-token.js";
import { secondsUntil } from "../retry-after.js";
import { formatDateTime } from "../views/format-time.js";
import {
  type HelpdeskFormFields,
  helpdeskElsewherePage,
  helpdeskFormPage,
  helpdeskSentPage,
} from "../views/helpdesk-page.js";
import { IDENTIFY_ASSETS } from "../views/reset/identify-page.js";
import type { FormError } from "../views/layout.js";
import type { UserErrorModel } from "../views/user-error.js";
import { messageLimitText, problemErrors } from "./helpdesk-messages.js";
import { sendPage } from "./page-renderer.js";

const ContactQuery = Type.Object({
  user: Type.Optional(Type.String({ maxLength: 256 })),
  support: Type.Optional(Type.String({ maxLength: 32 })),
  sent: Type.Optional(Type.String({ maxLength: 8 })),
  lang: Type.Optional(Type.String({ maxLength: 8 })),
});
// Generous limits: a message over 1,000 characters must come back to the page with its text, not fail validation.
const ContactBody = Type.Object({
  form: Type.Optional(Type.String({ maxLength: 128 })),
  replyTo: Type.String({ maxLength: 1024 }),
  userId: Type.String({ maxLength: 1024 }),
  supportCode: Type.Optional(Type.String({ maxLength: 256 })),
  message: Type.String({ maxLength: 12_000 }),
  altcha: Type.Optional(Type.String({ maxLength: 4096 })),
});

interface FormRender {
  readonly fields: HelpdeskFormFields;
  readonly errors: readonly FormError[];
  readonly status: number;
  readonly userError?: UserErrorModel | null;
}

interface HelpdeskRouteContext {
  readonly services: AppServices;
  readonly tokens: FormTokens;
  readonly cookies: CookieSettings;
}

function renderForm(
  context: HelpdeskRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  model: FormRender,
): Promise<FastifyReply> {
  const body = helpdeskFormPage(request.t, {
    formToken: context.tokens.issue(request, reply),
    fields: model.fields,
    errors: model.errors,
    lang: request.lang,
    maxCharacters: messageLimitText(request.lang),
  });
  return sendPage(context.services, request, reply, {
    title: request.t("helpdesk.form.title"),
    body,
    status: model.status,
    userError: model.userError ?? null,
    ...IDENTIFY_ASSETS,
  });
}

async function renderElsewhere(
  context: HelpdeskRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
): Promise<FastifyReply> {
  const site = await context.services.siteInfo();
  const body = helpdeskElsewherePage(request.t, { orgName: site.orgName, helpdesk: site.helpdesk });
  return sendPage(context.services, request, reply, { title: request.t("helpdesk.form.title"), body, status });
}

/** The user ID and support code of the flow this browser holds, when the user came from one. */
async function fromOpenFlow(
  context: HelpdeskRouteContext,
  request: FastifyRequest,
): Promise<{ userId: string; supportCode: string } | null> {
  const handle = request.cookies[context.cookies.name("flow")];
  if (handle === undefined) return null;
  const open = await context.services.reset.view(handle);
  if (!open.ok) return null;
  const view = open.value.view();
  return { userId: view.userId, supportCode: view.supportCode };
}

/** The page a refusal gets: the form again with what was typed, and why. */
function refusalRender(
  request: FastifyRequest,
  reply: FastifyReply,
  refusal: Exclude<ContactRefusal, { reason: "form_off" }>,
  now: Date,
): Omit<FormRender, "fields"> {
  switch (refusal.reason) {
    case "invalid":
      return { errors: problemErrors(request.t, request.lang, refusal.problems), status: 400 };
    case "SND-111":
      return { errors: [request.t("reason.cookies_or_script_missing")], status: 400 };
    case "SND-112":
      return { errors: [request.t("reason.captcha_failed")], status: 400 };
    case "limit_reached": {
      reply.header("retry-after", String(secondsUntil(refusal.until, now)));
      const time = formatDateTime(refusal.until, request.lang, request.timeZone);
      return { errors: [], status: 429, userError: { id: "helpdesk_limit", values: { time } } };
    }
    case "no_recipients":
      return { errors: [], status: 503, userError: { id: "helpdesk_unreachable" } };
  }
}

/** Registers GET and POST /help/contact. */
export async function helpdeskRoutes(
  instance: FastifyInstance,
  options: { services: AppServices; cookies: CookieSettings },
): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { services, cookies } = options;
  const context: HelpdeskRouteContext = {
    services,
    cookies,
    tokens: createFormTokens({ key: services.formKey, random: services.random, cookies }),
  };
  app.get(HELPDESK_FORM_PATH, { schema: { querystring: ContactQuery } }, async (request, reply) => {
    if (request.query.sent !== undefined)
      return sendPage(services, request, reply, {
        title: request.t("helpdesk.sent.title"),
        body: helpdeskSentPage(request.t),
      });
    if ((await services.siteInfo()).helpdesk.mode !== "form") return renderElsewhere(context, request, reply, 200);
    const flow = request.query.user === undefined ? await fromOpenFlow(context, request) : null;
    const fields = {
      replyTo: "",
      userId: request.query.user ?? flow?.userId ?? "",
      supportCode: request.query.support ?? flow?.supportCode ?? "",
      message: "",
    };
    return renderForm(context, request, reply, { fields, errors: [], status: 200 });
  });
  app.post(HELPDESK_FORM_PATH, { schema: { body: ContactBody } }, async (request, reply) => {
    if ((await services.siteInfo()).helpdesk.mode !== "form") return renderElsewhere(context, request, reply, 404);
    const { form, altcha, ...typed } = request.body;
    const fields = { ...typed, supportCode: typed.supportCode ?? "" };
    const formCheck = context.tokens.check(request, form);
    if (formCheck !== "ok") {
      const key = formCheck === "no_cookie" ? "reason.cookies_or_script_missing" : "common.form_expired.message";
      return renderForm(context, request, reply, { fields, errors: [request.t(key)], status: 400 });
    }
    const caller = {
      ip: request.ip,
      client: summariseClient(request.headers["user-agent"]),
      lang: request.lang,
      startedAt: request.startedAt,
    };
    const outcome = await services.helpdesk.contact({ fields, captcha: altcha, caller });
    if (outcome.ok) return reply.redirect(`${HELPDESK_FORM_PATH}?sent=1`, 303);
    if (outcome.reason === "form_off") return renderElsewhere(context, request, reply, 404);
    const refused = refusalRender(request, reply, outcome, services.clock.now());
    return renderForm(context, request, reply, { ...refused, fields });
  });
  await Promise.resolve();
}
