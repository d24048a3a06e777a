/**
 * The helpdesk actions added to the user page after the first five (SPEC §10, §18): a temporary access pass, require
 * re-registration and remove one method. GET shows the confirmation, POST acts after `mayChange` (same origin, CSRF,
 * a fresh step-up). Static last segments, so these routes win over action-routes.ts's `/users/:ref/:action`. The
 * domain's services check the role and the target's rank, audit, and tell the user.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type, { type Static } from "typebox";
import type { Capability } from "../../domain/admin/admin-permissions.js";
import type { AdminUserDetail } from "../../domain/admin/user-overview.js";
import {
  accessPassDonePage,
  MORE_ACTION_NAMES,
  type MoreActionName,
  type MoreConfirmModel,
  moreConfirmPage,
} from "../views/admin/helpdesk-action-pages.js";
import { userPagePath } from "../views/admin/user-search-page.js";
import {
  type AdminRouteContext,
  actorOf,
  adminCsrfToken,
  isFreshOrSentToStepUp,
  mayChange,
  sendAdminPage,
  sendAdminRefusal,
} from "./admin-forms.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The capability an admin route needs (admin-permissions.ts); the role matrix walks routes by it. */
    capability?: Capability;
  }
}

const Params = Type.Object({ ref: Type.String({ maxLength: 64 }) });
const MethodQuery = Type.Object({ method: Type.Optional(Type.String({ maxLength: 64 })) });
const Body = Type.Object({
  csrf: Type.Optional(Type.String({ maxLength: 128 })),
  method: Type.Optional(Type.String({ maxLength: 64 })),
  minutes: Type.Optional(Type.String({ maxLength: 8 })),
});
type Form = Static<typeof Body>;

const CAPABILITY_OF: Readonly<Record<MoreActionName, Capability>> = {
  "access-pass": "access_pass.issue",
  "require-registration": "sessions.revoke",
  "remove-method": "sessions.revoke",
  remind: "sessions.revoke",
};

type Loaded = { ok: true; detail: AdminUserDetail } | { ok: false; refusal: { message: string; status: number } };

/** The user, if this admin may take `action` on them (never on their own account, SPEC §2). */
async function load(
  context: AdminRouteContext,
  request: FastifyRequest,
  input: { ref: string; action: MoreActionName },
): Promise<Loaded> {
  const t = request.t;
  const found = await context.services.adminActions.userDetail(actorOf(request), input.ref);
  if (!found.ok && found.reason === "not_found")
    return { ok: false, refusal: { message: t("admin_users.not_found"), status: 404 } };
  if (!found.ok) return { ok: false, refusal: { message: t("admin_users.forbidden"), status: 403 } };
  if (found.value.isSelf) return { ok: false, refusal: { message: t("admin_users.action.own_account"), status: 403 } };
  const permitted = found.value.actions;
  const allowed = input.action === "access-pass" ? permitted.accessPass : permitted.revokeSessions;
  if (!allowed) return { ok: false, refusal: { message: t("admin_users.forbidden"), status: 403 } };
  return { ok: true, detail: found.value };
}

function sendConfirm(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  model: Omit<MoreConfirmModel, "csrf">,
): Promise<FastifyReply> {
  const csrf = adminCsrfToken(context.services, request);
  return sendAdminPage(context.services, request, reply, {
    title: request.t(`helpdesk_actions.${model.action}.title`, { user: model.user.userId }),
    body: moreConfirmPage(request.t, { ...model, csrf }),
    status: model.errors.length > 0 ? 400 : 200,
  });
}

function notFound(request: FastifyRequest) {
  return { message: request.t("helpdesk_actions.remove-method.not_found"), status: 404 };
}

async function issuePass(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { detail: AdminUserDetail; form: Form },
): Promise<FastifyReply> {
  const { detail, form } = input;
  const minutes = Number(form.minutes ?? "60");
  const outcome = await context.services.adminActions.issueAccessPass(actorOf(request), detail.user.userId, {
    minutes,
  });
  if (outcome.ok)
    return sendAdminPage(context.services, request, reply, {
      title: request.t("helpdesk_actions.access-pass.done_title", { user: detail.user.userId }),
      body: accessPassDonePage(request.t, request, outcome.value),
      scripts: [{ src: "/static/recovery-codes.js" }],
    });
  if (outcome.reason === "lifetime") {
    const errors = [request.t("helpdesk_actions.access-pass.lifetime_invalid")];
    return sendConfirm(context, request, reply, { action: "access-pass", user: detail.user, errors });
  }
  const message = request.t(outcome.reason === "not_found" ? "admin_users.not_found" : "admin_users.forbidden");
  return sendAdminRefusal(context.services, request, reply, {
    message,
    status: outcome.reason === "not_found" ? 404 : 403,
  });
}

async function act(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { detail: AdminUserDetail; action: MoreActionName; form: Form },
): Promise<FastifyReply> {
  const { detail, action, form } = input;
  if (action === "access-pass") return issuePass(context, request, reply, input);
  const admin = context.services.adminActions;
  const actor = actorOf(request);
  if (action === "remind") {
    const reminded = await admin.sendRegistrationReminder(actor, detail.user.userId);
    if (reminded.ok) return reply.redirect(`${userPagePath(detail.user.ref)}?done=remind`, 303);
    if (reminded.reason === "no_address") {
      const errors = [request.t("helpdesk_actions.remind.no_address")];
      return sendConfirm(context, request, reply, { action, user: detail.user, errors });
    }
    const message = request.t(reminded.reason === "not_found" ? "admin_users.not_found" : "admin_users.forbidden");
    return sendAdminRefusal(context.services, request, reply, {
      message,
      status: reminded.reason === "not_found" ? 404 : 403,
    });
  }
  const outcome =
    action === "require-registration"
      ? await admin.requireReregistration(actor, detail.user.userId)
      : await admin.removeUserMethod(actor, detail.user.userId, form.method ?? "");
  if (outcome.ok) return reply.redirect(`${userPagePath(detail.user.ref)}?done=${action}`, 303);
  const refusal =
    outcome.reason === "not_found" ? notFound(request) : { message: request.t("admin_users.forbidden"), status: 403 };
  return sendAdminRefusal(context.services, request, reply, refusal);
}

function register(app: FastifyInstance, context: AdminRouteContext, action: MoreActionName): void {
  const { services } = context;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const config = { capability: CAPABILITY_OF[action] };
  const path = `/users/:ref/${action}`;
  typed.get(path, { config, schema: { params: Params, querystring: MethodQuery } }, async (request, reply) => {
    const loaded = await load(context, request, { ref: request.params.ref, action });
    if (!loaded.ok) return sendAdminRefusal(services, request, reply, loaded.refusal);
    const { detail } = loaded;
    const method = detail.methods.find((candidate) => candidate.id === request.query.method);
    if (action === "remove-method" && method === undefined)
      return sendAdminRefusal(services, request, reply, notFound(request));
    const query = request.query.method === undefined ? "" : `?method=${encodeURIComponent(request.query.method)}`;
    const next = `${userPagePath(detail.user.ref)}/${action}${query}`;
    if (!(await isFreshOrSentToStepUp(services, request, reply, next))) return reply;
    const model = { action, user: detail.user, errors: [], ...(method === undefined ? {} : { method }) };
    return sendConfirm(context, request, reply, model);
  });
  typed.post(path, { config, schema: { params: Params, body: Body } }, async (request, reply) => {
    const query = request.body.method === undefined ? "" : `?method=${encodeURIComponent(request.body.method)}`;
    const next = `${userPagePath(request.params.ref)}/${action}${query}`;
    if (!(await mayChange(context, request, reply, { csrf: request.body.csrf, next }))) return reply;
    const loaded = await load(context, request, { ref: request.params.ref, action });
    if (!loaded.ok) return sendAdminRefusal(services, request, reply, loaded.refusal);
    return act(context, request, reply, { detail: loaded.detail, action, form: request.body });
  });
}

/** Registers the three actions' routes inside the admin context. */
export function registerHelpdeskActionRoutes(app: FastifyInstance, context: AdminRouteContext): void {
  for (const action of MORE_ACTION_NAMES) register(app, context, action);
}
