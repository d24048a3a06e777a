/**
 * "Verify caller" on the user page (SPEC §10): choose where the code comes from (sent, or the caller's
 * authenticator app), type what the caller reads back, see the result. GETs need a fresh step-up, POSTs the locks of `mayChange` (same origin, CSRF, fresh step-up).
 * The code is bound to this admin's session: another admin, another session or an API token cannot check it. The domain checks the role, the rank, the scope and the caps, and audits; these pages only show.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import type { AdminUserView } from "../../domain/admin/admin-ports.js";
import type { CallerCheckResult } from "../../domain/admin/verify-caller.js";
import { needs } from "../route-capability.js";
import type { FormError } from "../views/layout.js";
import {
  chooseRoutePage,
  codePage,
  resultPage,
  resultTitleKey,
  verifyCallerPath,
} from "../views/admin/verify-caller-pages.js";
import { userPagePath } from "../views/admin/user-search-page.js";
import {
  type AdminRouteContext,
  actorOf,
  adminCsrfToken,
  isFreshOrSentToStepUp,
  mayChange,
  sendAdminPage,
  sendAdminRefusal,
  signedInAdmin,
} from "./admin-forms.js";

const Params = Type.Object({ ref: Type.String({ maxLength: 64 }) });
const CodeParams = Type.Object({ ref: Type.String({ maxLength: 64 }), challengeId: Type.String({ maxLength: 64 }) });
const SendBody = Type.Object({
  csrf: Type.Optional(Type.String({ maxLength: 128 })),
  route: Type.Optional(Type.String({ maxLength: 96 })),
});
const CheckBody = Type.Object({
  csrf: Type.Optional(Type.String({ maxLength: 128 })),
  code: Type.Optional(Type.String({ maxLength: 32 })),
});

type Loaded = { ok: true; user: AdminUserView } | { ok: false; refusal: { message: string; status: number } };

/** The user, if this admin may verify their caller (never on their own account, SPEC §2). */
async function load(context: AdminRouteContext, request: FastifyRequest, ref: string): Promise<Loaded> {
  const t = request.t;
  const found = await context.services.adminActions.userDetail(actorOf(request), ref);
  if (!found.ok && found.reason === "not_found")
    return { ok: false, refusal: { message: t("admin_users.not_found"), status: 404 } };
  if (!found.ok) return { ok: false, refusal: { message: t("admin_users.forbidden"), status: 403 } };
  if (found.value.isSelf) return { ok: false, refusal: { message: t("admin_users.action.own_account"), status: 403 } };
  if (!found.value.actions.verifyCaller)
    return { ok: false, refusal: { message: t("admin_users.forbidden"), status: 403 } };
  return { ok: true, user: found.value.user };
}

const sessionIdOf = (request: FastifyRequest) => signedInAdmin(request).session.id;

async function sendChoose(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { user: AdminUserView; errors: readonly FormError[]; status?: number },
): Promise<FastifyReply> {
  const { services } = context;
  const options = await services.adminActions.callerCodeOptions(actorOf(request), input.user.userId);
  const routes = options.ok ? options.value.routes : [];
  return sendAdminPage(services, request, reply, {
    title: request.t("verify_caller.choose.title", { user: input.user.userId }),
    body: chooseRoutePage(request.t, {
      user: input.user,
      routes,
      csrf: adminCsrfToken(services, request),
      errors: input.errors,
    }),
    status: input.status ?? (input.errors.length > 0 ? 400 : 200),
  });
}

function sendResult(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { user: AdminUserView; result: CallerCheckResult },
): Promise<FastifyReply> {
  return sendAdminPage(context.services, request, reply, {
    title: request.t(resultTitleKey(input.result)),
    body: resultPage(request.t, input),
    // A code that is gone is gone: 410 tells tools the same as the words tell the admin.
    status: input.result === "expired" || input.result === "too_many_attempts" ? 410 : 200,
  });
}

/** The read-back form, or the "no longer valid" page when the code is spent, void or expired. */
async function sendCode(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { user: AdminUserView; challengeId: string; errors: readonly FormError[] },
): Promise<FastifyReply> {
  const { services } = context;
  const { user, challengeId } = input;
  const found = await services.adminActions.callerChallenge(actorOf(request), {
    userId: user.userId,
    challengeId,
    sessionId: sessionIdOf(request),
  });
  if (!found.ok || found.value.live === null) return sendResult(context, request, reply, { user, result: "expired" });
  const csrf = adminCsrfToken(services, request);
  const { masked, channel } = found.value.live;
  return sendAdminPage(services, request, reply, {
    title: request.t("verify_caller.code.title", { user: user.userId }),
    body: codePage(request.t, { user, challengeId, masked, channel, csrf, errors: input.errors }),
    status: input.errors.length > 0 ? 400 : 200,
  });
}

/** `<methodId>.<channel>` as the form posts it; the method id may itself hold dots, the channel never. */
function parseRoute(value: string | undefined): { methodId: string; channel: string } | null {
  const dot = value?.lastIndexOf(".") ?? -1;
  if (value === undefined || dot <= 0) return null;
  return { methodId: value.slice(0, dot), channel: value.slice(dot + 1) };
}

async function send(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { user: AdminUserView; route: string | undefined },
): Promise<FastifyReply> {
  const { user } = input;
  const t = request.t;
  const route = parseRoute(input.route);
  const noMethod = [{ message: t("verify_caller.choose.no_method"), field: "route-0" }];
  if (route === null) return sendChoose(context, request, reply, { user, errors: noMethod });
  const sent = await context.services.adminActions.sendCallerCode(actorOf(request), {
    userId: user.userId,
    ...route,
    sessionId: sessionIdOf(request),
  });
  if (sent.ok) return reply.redirect(`${verifyCallerPath(user)}/${encodeURIComponent(sent.value.challengeId)}`, 303);
  if (sent.reason === "no_method") return sendChoose(context, request, reply, { user, errors: noMethod });
  if (sent.reason === "too_many_sends" || sent.reason === "recipient_limit") {
    const errors = [t(`verify_caller.error.${sent.reason}`, { user: user.userId })];
    return sendChoose(context, request, reply, { user, errors, status: 429 });
  }
  const message = t(sent.reason === "not_found" ? "admin_users.not_found" : "admin_users.forbidden");
  return sendAdminRefusal(context.services, request, reply, {
    message,
    status: sent.reason === "not_found" ? 404 : 403,
  });
}

async function check(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { user: AdminUserView; challengeId: string; code: string | undefined },
): Promise<FastifyReply> {
  const { user, challengeId } = input;
  const t = request.t;
  const code = input.code?.trim() ?? "";
  if (code === "")
    return sendCode(context, request, reply, {
      user,
      challengeId,
      errors: [{ message: t("verify_caller.code.empty"), field: "code" }],
    });
  const checked = await context.services.adminActions.checkCallerCode(actorOf(request), {
    userId: user.userId,
    challengeId,
    code,
    sessionId: sessionIdOf(request),
  });
  if (!checked.ok)
    return sendAdminRefusal(context.services, request, reply, { message: t("admin_users.forbidden"), status: 403 });
  const { result, attemptsLeft } = checked.value;
  if ((result === "not_verified" || result === "replayed") && attemptsLeft > 0) {
    const words = result === "replayed" ? "verify_caller.code.replayed" : "verify_caller.code.not_matched";
    const errors = [{ message: t(words, { count: attemptsLeft }), field: "code" }];
    return sendCode(context, request, reply, { user, challengeId, errors });
  }
  return sendResult(context, request, reply, { user, result });
}

/** Registers the pages inside the admin context (from user-routes.ts, beside the other helpdesk actions). */
export function registerVerifyCallerRoutes(app: FastifyInstance, context: AdminRouteContext): void {
  const { services } = context;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const config = needs("caller.verify");
  typed.get("/users/:ref/verify-caller", { ...config, schema: { params: Params } }, async (request, reply) => {
    const loaded = await load(context, request, request.params.ref);
    if (!loaded.ok) return sendAdminRefusal(services, request, reply, loaded.refusal);
    if (!(await isFreshOrSentToStepUp(services, request, reply, verifyCallerPath(loaded.user)))) return reply;
    return sendChoose(context, request, reply, { user: loaded.user, errors: [] });
  });
  typed.post(
    "/users/:ref/verify-caller",
    { ...config, schema: { params: Params, body: SendBody } },
    async (request, reply) => {
      const next = `${userPagePath(request.params.ref)}/verify-caller`;
      if (!(await mayChange(context, request, reply, { csrf: request.body.csrf, next }))) return reply;
      const loaded = await load(context, request, request.params.ref);
      if (!loaded.ok) return sendAdminRefusal(services, request, reply, loaded.refusal);
      return send(context, request, reply, { user: loaded.user, route: request.body.route });
    },
  );
  const codePath = "/users/:ref/verify-caller/:challengeId";
  typed.get(codePath, { ...config, schema: { params: CodeParams } }, async (request, reply) => {
    const loaded = await load(context, request, request.params.ref);
    if (!loaded.ok) return sendAdminRefusal(services, request, reply, loaded.refusal);
    const here = `${verifyCallerPath(loaded.user)}/${encodeURIComponent(request.params.challengeId)}`;
    if (!(await isFreshOrSentToStepUp(services, request, reply, here))) return reply;
    return sendCode(context, request, reply, {
      user: loaded.user,
      challengeId: request.params.challengeId,
      errors: [],
    });
  });
  typed.post(codePath, { ...config, schema: { params: CodeParams, body: CheckBody } }, async (request, reply) => {
    const next = `${userPagePath(request.params.ref)}/verify-caller/${encodeURIComponent(request.params.challengeId)}`;
    if (!(await mayChange(context, request, reply, { csrf: request.body.csrf, next }))) return reply;
    const loaded = await load(context, request, request.params.ref);
    if (!loaded.ok) return sendAdminRefusal(services, request, reply, loaded.refusal);
    const { challengeId } = request.params;
    return check(context, request, reply, { user: loaded.user, challengeId, code: request.body.code });
  });
}
