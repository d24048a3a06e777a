/**
 * The helpdesk actions on a user's page (SPEC §10): admin reset, unlock, clear SSPR block, revoke sessions and
 * release security hold. GET shows the confirmation, POST does it after the locks of `mayChange` (same origin, CSRF,
 * a fresh step-up). The domain's services check the role, the target's rank, audit and apply SPEC §9.1; no admin
 * acts on their own account here (SPEC §2: they change their password or use SSPR like everyone else).
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type, { type Static } from "typebox";
import type { AdminUserDetail } from "../../domain/admin/user-overview.js";
import { REASONS } from "../../domain/reasons.js";
import type { Capability } from "../../domain/admin/admin-permissions.js";
import { needs } from "../route-capability.js";
import { type ActionName, confirmPage, isActionName, resetDonePage } from "../views/admin/action-pages.js";
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

const ActionParams = Type.Object({ ref: Type.String({ maxLength: 64 }) });
const ActionBody = Type.Object({
  csrf: Type.Optional(Type.String({ maxLength: 128 })),
  choice: Type.Optional(Type.Union([Type.Literal("generate"), Type.Literal("type")])),
  password: Type.Optional(Type.String({ maxLength: 1024 })),
  confirmation: Type.Optional(Type.String({ maxLength: 1024 })),
  mustChange: Type.Optional(Type.String({ maxLength: 8 })),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
});
type ActionForm = Static<typeof ActionBody>;

const PERMISSION_OF: Readonly<Record<ActionName, keyof AdminUserDetail["actions"]>> = {
  reset: "reset",
  unlock: "unlock",
  "clear-block": "clearBlock",
  "revoke-sessions": "revokeSessions",
  "release-hold": "releaseHold",
};

type Refusal = { message: string; status: number };

/** The user and the check that this admin may take `action` on them, or why not. */
async function targetOf(
  context: AdminRouteContext,
  request: FastifyRequest,
  input: { ref: string; action: string },
): Promise<{ ok: true; detail: AdminUserDetail; action: ActionName } | { ok: false; refusal: Refusal }> {
  const t = request.t;
  const forbidden = { ok: false, refusal: { message: t("admin_users.forbidden"), status: 403 } } as const;
  if (!isActionName(input.action)) return { ok: false, refusal: { message: t("admin_users.not_found"), status: 404 } };
  const found = await context.services.adminActions.userDetail(actorOf(request), input.ref);
  if (!found.ok && found.reason === "not_found")
    return { ok: false, refusal: { message: t("admin_users.not_found"), status: 404 } };
  if (!found.ok) return forbidden;
  if (found.value.isSelf) return { ok: false, refusal: { message: t("admin_users.action.own_account"), status: 403 } };
  return { ok: true, detail: found.value, action: input.action };
}

function sendConfirm(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  page: { detail: AdminUserDetail; action: ActionName; errors: readonly string[] },
): Promise<FastifyReply> {
  const { detail, action, errors } = page;
  const csrf = adminCsrfToken(context.services, request);
  return sendAdminPage(context.services, request, reply, {
    title: request.t(`admin_users.action.${action}.title`, { user: detail.user.userId }),
    body: confirmPage(request.t, { action, user: detail.user, csrf, errors }),
    status: errors.length > 0 ? 400 : 200,
  });
}

/** Runs the admin reset and answers with the password shown once, or the confirmation with what went wrong. */
async function adminReset(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { detail: AdminUserDetail; form: ActionForm },
): Promise<FastifyReply> {
  const { detail, form } = input;
  const mustChange = form.mustChange === "on";
  const choice =
    form.choice === "type"
      ? { kind: "type" as const, password: form.password ?? "", confirmation: form.confirmation ?? "" }
      : { kind: "generate" as const };
  const outcome = await context.services.adminActions.setTemporaryPassword(actorOf(request), detail.user.userId, {
    choice,
    mustChange,
  });
  if (outcome.ok)
    return sendAdminPage(context.services, request, reply, {
      title: request.t("admin_users.action.reset.done_title", { user: detail.user.userId }),
      body: resetDonePage(request.t, { ...outcome.value, mustChange }),
      scripts: [{ src: "/static/recovery-codes.js" }],
    });
  if (outcome.reason === "forbidden" || outcome.reason === "not_found")
    return sendAdminRefusal(context.services, request, reply, refusalOf(request, outcome.reason));
  const errors =
    outcome.reason === "policy"
      ? outcome.violations.map((violation) => request.t(REASONS[violation.code].userMessage, violation.values))
      : [request.t(REASONS[outcome.reason].userMessage)];
  return sendConfirm(context, request, reply, { detail, action: "reset", errors });
}

function refusalOf(request: FastifyRequest, reason: "forbidden" | "not_found" | "not_on_hold" | "read_only"): Refusal {
  if (reason === "not_found") return { message: request.t("admin_users.not_found"), status: 404 };
  if (reason === "not_on_hold")
    return { message: request.t("admin_users.action.release-hold.not_on_hold"), status: 409 };
  return { message: request.t("admin_users.forbidden"), status: 403 };
}

/** The other actions: each returns to the user page with its status line, or says why it did nothing. */
async function simpleAction(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { detail: AdminUserDetail; action: Exclude<ActionName, "reset">; form: ActionForm },
): Promise<FastifyReply> {
  const { detail, action } = input;
  const admin = context.services.adminActions;
  const actor = actorOf(request);
  const userId = detail.user.userId;
  const outcome =
    action === "unlock"
      ? await admin.unlockUser(actor, userId)
      : action === "clear-block"
        ? await admin.clearSsprBlock(actor, userId)
        : action === "revoke-sessions"
          ? await admin.revokeSessions(actor, userId)
          : await admin.releaseSecurityHold(actor, userId, input.form.note ?? "");
  if (outcome.ok) return reply.redirect(`${userPagePath(detail.user.ref)}?done=${action}`, 303);
  if (outcome.reason === "note_required" || outcome.reason === "note_too_long") {
    const errors = [request.t(`admin_users.action.release-hold.${outcome.reason}`)];
    return sendConfirm(context, request, reply, { detail, action, errors });
  }
  return sendAdminRefusal(context.services, request, reply, refusalOf(request, outcome.reason));
}

/** The capability each action needs (SPEC §2, §10); each action is its own route declaring it. */
const CAPABILITY_OF: Readonly<Record<ActionName, Capability>> = {
  reset: "password.reset",
  unlock: "password.reset",
  "clear-block": "sessions.revoke",
  "revoke-sessions": "sessions.revoke",
  "release-hold": "hold.release",
};

export function registerActionRoutes(app: FastifyInstance, context: AdminRouteContext): void {
  for (const action of Object.keys(CAPABILITY_OF) as ActionName[]) registerAction(app, context, action);
}

function registerAction(app: FastifyInstance, context: AdminRouteContext, action: ActionName): void {
  const { services } = context;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const path = `/users/:ref/${action}`;
  const capability = needs(CAPABILITY_OF[action]);
  typed.get(path, { schema: { params: ActionParams }, ...capability }, async (request, reply) => {
    const target = await targetOf(context, request, { ref: request.params.ref, action });
    if (!target.ok) return sendAdminRefusal(services, request, reply, target.refusal);
    if (!target.detail.actions[PERMISSION_OF[target.action]])
      return sendAdminRefusal(services, request, reply, refusalOf(request, "forbidden"));
    const next = `${userPagePath(target.detail.user.ref)}/${target.action}`;
    if (!(await isFreshOrSentToStepUp(services, request, reply, next))) return reply;
    return sendConfirm(context, request, reply, { detail: target.detail, action: target.action, errors: [] });
  });
  typed.post(path, { schema: { params: ActionParams, body: ActionBody }, ...capability }, async (request, reply) => {
    const next = `${userPagePath(request.params.ref)}/${action}`;
    if (!(await mayChange(context, request, reply, { csrf: request.body.csrf, next }))) return reply;
    const target = await targetOf(context, request, { ref: request.params.ref, action });
    if (!target.ok) return sendAdminRefusal(services, request, reply, target.refusal);
    const { detail } = target;
    if (target.action === "reset") return adminReset(context, request, reply, { detail, form: request.body });
    return simpleAction(context, request, reply, { detail, action: target.action, form: request.body });
  });
}
