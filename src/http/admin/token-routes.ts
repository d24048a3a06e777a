/**
 * `/admin/tokens` (global admins, `tokens.manage`): list, create and revoke the admin API's tokens (ADR 0020). A new
 * token is shown once on the answer to the create form. Changes pass `mayChange` (same origin, CSRF, fresh step-up).
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type, { type Static } from "typebox";
import type { TokenRefusal } from "../../domain/admin/api-tokens.js";
import { ADMIN_ROLES, type AdminRole } from "../../domain/users.js";
import { needs } from "../route-capability.js";
import type { TableOrder } from "../views/admin/data-table.js";
import { TABLE_QUERY_FIELDS, tableOrderOf } from "./table-query.js";
import {
  EMPTY_TOKEN_FORM,
  TOKEN_ORDER,
  type TokenForm,
  type TokenSort,
  TOKENS_PATH,
  tokenCreatedPage,
  tokensPage,
} from "../views/admin/token-pages.js";
import {
  type AdminRouteContext,
  actorOf,
  adminCsrfToken,
  mayChange,
  sendAdminPage,
  sendAdminRefusal,
} from "./admin-forms.js";

const CreateBody = Type.Object({
  csrf: Type.Optional(Type.String({ maxLength: 128 })),
  name: Type.Optional(Type.String({ maxLength: 1000 })),
  role: Type.Optional(Type.String({ maxLength: 64 })),
  group: Type.Optional(Type.String({ maxLength: 1000 })),
  days: Type.Optional(Type.String({ maxLength: 16 })),
});
const RevokeParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const RevokeBody = Type.Object({ csrf: Type.Optional(Type.String({ maxLength: 128 })) });
const ListQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 16 })), ...TABLE_QUERY_FIELDS });
const FIRST_PAGE = { sort: TOKEN_ORDER.sort, dir: TOKEN_ORDER.dir, page: 1 };

function forbidden(context: AdminRouteContext, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  return sendAdminRefusal(context.services, request, reply, {
    message: request.t("admin_tokens.forbidden"),
    status: 403,
  });
}

async function sendList(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  page: { form: TokenForm; errors: readonly string[]; notice: string | null; order?: TableOrder<TokenSort> },
): Promise<FastifyReply> {
  const actions = context.services.adminActions;
  const actor = actorOf(request);
  const [tokens, groups] = await Promise.all([actions.listApiTokens(actor), actions.listGroups(actor)]);
  if (!tokens.ok || !groups.ok) return forbidden(context, request, reply);
  const csrf = adminCsrfToken(context.services, request);
  const model = {
    tokens: tokens.value,
    groups: groups.value,
    csrf,
    now: context.services.clock.now(),
    locale: request,
    ...page,
    order: page.order ?? FIRST_PAGE,
  };
  return sendAdminPage(context.services, request, reply, {
    title: request.t("admin_tokens.title"),
    body: tokensPage(request.t, model),
    status: page.errors.length > 0 ? 400 : 200,
  });
}

function formOf(body: Static<typeof CreateBody>): TokenForm {
  return {
    name: body.name ?? "",
    role: body.role ?? "",
    group: body.group ?? "",
    days: body.days ?? "",
  };
}

async function create(context: AdminRouteContext, request: FastifyRequest, reply: FastifyReply, form: TokenForm) {
  const role: AdminRole | undefined = ADMIN_ROLES.find((known) => known === form.role);
  if (role === undefined)
    return sendList(context, request, reply, { form, errors: [request.t("admin_tokens.error.role")], notice: null });
  const days = /^\d{1,3}$/.test(form.days.trim()) ? Number(form.days.trim()) : Number.NaN;
  const created = await context.services.adminActions.createApiToken(actorOf(request), {
    name: form.name,
    role,
    ...(form.group === "" ? {} : { group: form.group }),
    expiresInDays: days,
  });
  if (created.ok)
    return sendAdminPage(context.services, request, reply, {
      title: request.t("admin_tokens.title"),
      body: tokenCreatedPage(request.t, created.value),
    });
  if (created.reason === "forbidden") return forbidden(context, request, reply);
  const reason: Exclude<TokenRefusal, "forbidden"> = created.reason;
  return sendList(context, request, reply, { form, errors: [request.t(`admin_tokens.error.${reason}`)], notice: null });
}

export async function tokenRoutes(app: FastifyInstance, context: AdminRouteContext): Promise<void> {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const manage = needs("tokens.manage");
  typed.get("/tokens", { schema: { querystring: ListQuery }, ...manage }, (request, reply) => {
    const notice = request.query.done === "revoked" ? request.t("admin_tokens.done_revoked") : null;
    const order = tableOrderOf(request.query, TOKEN_ORDER);
    return sendList(context, request, reply, { form: EMPTY_TOKEN_FORM, errors: [], notice, order });
  });
  typed.post("/tokens", { schema: { body: CreateBody }, ...manage }, async (request, reply) => {
    if (!(await mayChange(context, request, reply, { csrf: request.body.csrf, next: TOKENS_PATH }))) return reply;
    return create(context, request, reply, formOf(request.body));
  });
  typed.post(
    "/tokens/:id/revoke",
    { schema: { params: RevokeParams, body: RevokeBody }, ...manage },
    async (request, reply) => {
      if (!(await mayChange(context, request, reply, { csrf: request.body.csrf, next: TOKENS_PATH }))) return reply;
      const revoked = await context.services.adminActions.revokeApiToken(actorOf(request), request.params.id);
      if (revoked.ok) return reply.redirect(`${TOKENS_PATH}?done=revoked`, 303);
      if (revoked.reason === "forbidden") return forbidden(context, request, reply);
      return sendAdminRefusal(context.services, request, reply, {
        message: request.t("admin_api.not_found"),
        status: 404,
      });
    },
  );
  await Promise.resolve();
}
