/**
 * Creating, editing, disabling, enabling and deleting built-in users (SPEC §10 "Users and groups"). GET shows the
 * form or confirmation after a fresh step-up; POST acts after `mayChange` (same origin, CSRF, step-up). The domain
 * services check `users.manage`, the target's rank and the directory's capabilities, and audit.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type, { type Static } from "typebox";
import { actorMay } from "../../domain/admin/admin-actor.js";
import type { AdminUserView } from "../../domain/admin/admin-ports.js";
import type { FieldProblem } from "../../domain/admin/user-fields.js";
import type { FormError } from "../views/layout.js";
import {
  type UserFormModel,
  type UserFormValues,
  userConfirmPage,
  userCreatedPage,
  userFormPage,
} from "../views/admin/user-form-pages.js";
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
import { needs } from "../route-capability.js";

const Text = Type.Optional(Type.String({ maxLength: 1024 }));
const UserBody = Type.Object({
  csrf: Type.Optional(Type.String({ maxLength: 128 })),
  userId: Text,
  displayName: Text,
  firstName: Text,
  lastName: Text,
  email: Text,
  mobilePhone: Text,
  officePhone: Text,
  language: Text,
  groups: Type.Optional(
    Type.Union([Type.String({ maxLength: 200 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 500 })]),
  ),
});
type UserForm = Static<typeof UserBody>;
const RefParams = Type.Object({ ref: Type.String({ maxLength: 64 }) });
const CsrfBody = Type.Object({ csrf: Type.Optional(Type.String({ maxLength: 128 })) });

function valuesOf(form: UserForm): UserFormValues {
  const groups = form.groups === undefined ? [] : Array.isArray(form.groups) ? form.groups : [form.groups];
  return {
    userId: form.userId ?? "",
    displayName: form.displayName ?? "",
    firstName: form.firstName ?? "",
    lastName: form.lastName ?? "",
    email: form.email ?? "",
    mobilePhone: form.mobilePhone ?? "",
    officePhone: form.officePhone ?? "",
    language: form.language ?? "",
    groups,
  };
}

function errorsOf(request: FastifyRequest, problems: readonly FieldProblem[]): FormError[] {
  return problems.map((problem) => ({
    field: problem.field,
    message: `${request.t(`admin_manage.field.${problem.field}`)}: ${request.t(`admin_manage.error.${problem.code}`)}`,
  }));
}

async function sendForm(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  form: Omit<UserFormModel, "csrf" | "groups"> & { title: string },
): Promise<FastifyReply> {
  const listed = await context.services.adminActions.listGroups(actorOf(request));
  const model = { ...form, csrf: adminCsrfToken(context.services, request), groups: listed.ok ? listed.value : [] };
  return sendAdminPage(context.services, request, reply, {
    title: form.title,
    body: userFormPage(request.t, model),
    status: form.errors.length > 0 ? 400 : 200,
  });
}

const refuse = (context: AdminRouteContext, request: FastifyRequest, reply: FastifyReply, reason: string) => {
  const notFound = reason === "not_found";
  const key = notFound
    ? "admin_users.not_found"
    : reason === "read_only"
      ? "admin_manage.read_only"
      : "admin_users.forbidden";
  return sendAdminRefusal(context.services, request, reply, { message: request.t(key), status: notFound ? 404 : 403 });
};

/** The user of the page, if this admin may manage them; else the refusal has been sent. */
async function managedUser(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  ref: string,
): Promise<{ user: AdminUserView; isSelf: boolean } | null> {
  // A form the admin could not submit is not shown: the role decides before anything is read.
  if (!actorMay(actorOf(request), "users.manage")) {
    await refuse(context, request, reply, "forbidden");
    return null;
  }
  const detail = await context.services.adminActions.userDetail(actorOf(request), ref);
  if (!detail.ok) {
    await refuse(context, request, reply, detail.reason);
    return null;
  }
  return { user: detail.value.user, isSelf: detail.value.isSelf };
}

function registerCreate(app: FastifyInstance, context: AdminRouteContext): void {
  const { services } = context;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const title = (request: FastifyRequest) => request.t("admin_manage.create.title");
  const empty = valuesOf({});
  typed.get("/users/new", needs("users.manage"), async (request, reply) => {
    if (!actorMay(actorOf(request), "users.manage")) return refuse(context, request, reply, "forbidden");
    if (!services.adminActions.managesDirectory()) return refuse(context, request, reply, "read_only");
    if (!(await isFreshOrSentToStepUp(services, request, reply, "/admin/users/new"))) return reply;
    const form = {
      mode: "create",
      action: "/admin/users/new",
      values: empty,
      errors: [],
      back: "/admin/users",
    } as const;
    return sendForm(context, request, reply, { ...form, title: title(request) });
  });
  typed.post("/users/new", { ...needs("users.manage"), schema: { body: UserBody } }, async (request, reply) => {
    if (!(await mayChange(context, request, reply, { csrf: request.body.csrf, next: "/admin/users/new" })))
      return reply;
    const values = valuesOf(request.body);
    const created = await services.adminActions.createUser(actorOf(request), values);
    if (created.ok)
      return sendAdminPage(services, request, reply, {
        title: request.t("admin_manage.create.done_title"),
        body: userCreatedPage(request.t, created.value),
        scripts: [{ src: "/static/recovery-codes.js" }],
      });
    const errors: FormError[] =
      created.reason === "invalid"
        ? errorsOf(request, created.problems)
        : created.reason === "exists"
          ? [{ field: "userId", message: request.t("admin_manage.error.exists") }]
          : created.reason === "no_group" || created.reason === "out_of_scope"
            ? [{ field: "groups", message: request.t(`admin_manage.error.${created.reason}`) }]
            : [];
    if (errors.length === 0) return refuse(context, request, reply, created.reason);
    const form = { mode: "create", action: "/admin/users/new", values, errors, back: "/admin/users" } as const;
    return sendForm(context, request, reply, { ...form, title: title(request) });
  });
}

function registerEdit(app: FastifyInstance, context: AdminRouteContext): void {
  const { services } = context;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get("/users/:ref/edit", { ...needs("users.manage"), schema: { params: RefParams } }, async (request, reply) => {
    const found = await managedUser(context, request, reply, request.params.ref);
    if (found === null) return reply;
    const { user } = found;
    const path = `${userPagePath(user.ref)}/edit`;
    if (!(await isFreshOrSentToStepUp(services, request, reply, path))) return reply;
    const contact = await services.adminActions.userContact(actorOf(request), user.ref);
    const values: UserFormValues = {
      userId: user.userId,
      displayName: user.displayName,
      firstName: user.firstName,
      lastName: user.lastName,
      email: user.email ?? "",
      mobilePhone: contact?.mobilePhone ?? "",
      officePhone: contact?.officePhone ?? "",
      language: user.preferredLanguage ?? "",
      groups: user.groups,
    };
    const title = request.t("admin_manage.edit.title", { user: user.userId });
    return sendForm(context, request, reply, {
      mode: "edit",
      action: path,
      values,
      errors: [],
      back: userPagePath(user.ref),
      title,
    });
  });
  typed.post(
    "/users/:ref/edit",
    { ...needs("users.manage"), schema: { params: RefParams, body: UserBody } },
    async (request, reply) => {
      const path = `${userPagePath(request.params.ref)}/edit`;
      if (!(await mayChange(context, request, reply, { csrf: request.body.csrf, next: path }))) return reply;
      const found = await managedUser(context, request, reply, request.params.ref);
      if (found === null) return reply;
      const values = { ...valuesOf(request.body), userId: found.user.userId };
      const edited = await services.adminActions.editUser(actorOf(request), found.user.userId, values);
      if (edited.ok) return reply.redirect(`${userPagePath(found.user.ref)}?done=edited`, 303);
      const errors: FormError[] =
        edited.reason === "invalid"
          ? errorsOf(request, edited.problems)
          : edited.reason === "no_group"
            ? [{ field: "groups", message: request.t("admin_manage.error.no_group") }]
            : [];
      if (errors.length === 0) return refuse(context, request, reply, edited.reason);
      const title = request.t("admin_manage.edit.title", { user: found.user.userId });
      return sendForm(context, request, reply, {
        mode: "edit",
        action: path,
        values,
        errors,
        back: userPagePath(found.user.ref),
        title,
      });
    },
  );
}

async function runVerb(context: AdminRouteContext, request: FastifyRequest, user: AdminUserView, verb: Verb) {
  const admin = context.services.adminActions;
  if (verb === "delete") return admin.deleteUser(actorOf(request), user.userId);
  return admin.setUserEnabled(actorOf(request), user.userId, verb === "enable");
}

type Verb = "delete" | "disable" | "enable";
const VERBS: readonly Verb[] = ["delete", "disable", "enable"];

function registerVerb(app: FastifyInstance, context: AdminRouteContext, verb: Verb): void {
  const { services } = context;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const confirm = (request: FastifyRequest, reply: FastifyReply, input: { user: AdminUserView; errors: string[] }) =>
    sendAdminPage(services, request, reply, {
      title: request.t(`admin_manage.${verb}.title`, { user: input.user.userId }),
      body: userConfirmPage(request.t, { ...input, verb, csrf: adminCsrfToken(services, request) }),
      status: input.errors.length > 0 ? 409 : 200,
    });
  // Static last segments: they win over the helpdesk actions' `/users/:ref/:action`.
  typed.get(
    `/users/:ref/${verb}`,
    { ...needs("users.manage"), schema: { params: RefParams } },
    async (request, reply) => {
      const found = await managedUser(context, request, reply, request.params.ref);
      if (found === null) return reply;
      if (found.isSelf) return refuse(context, request, reply, "forbidden");
      const next = `${userPagePath(found.user.ref)}/${verb}`;
      if (!(await isFreshOrSentToStepUp(services, request, reply, next))) return reply;
      return confirm(request, reply, { user: found.user, errors: [] });
    },
  );
  typed.post(
    `/users/:ref/${verb}`,
    { ...needs("users.manage"), schema: { params: RefParams, body: CsrfBody } },
    async (request, reply) => {
      const next = `${userPagePath(request.params.ref)}/${verb}`;
      if (!(await mayChange(context, request, reply, { csrf: request.body.csrf, next }))) return reply;
      const found = await managedUser(context, request, reply, request.params.ref);
      if (found === null) return reply;
      const outcome = await runVerb(context, request, found.user, verb);
      if (outcome.ok)
        return verb === "delete"
          ? reply.redirect(`/admin/users?deleted=${encodeURIComponent(found.user.userId)}`, 303)
          : reply.redirect(`${userPagePath(found.user.ref)}?done=${verb}d`, 303);
      if (outcome.reason === "last_global_admin" || outcome.reason === "own_account")
        return confirm(request, reply, {
          user: found.user,
          errors: [request.t(`admin_manage.delete.${outcome.reason}`)],
        });
      return refuse(context, request, reply, outcome.reason);
    },
  );
}

/** The user management routes, inside the admin context. */
export function registerUserManageRoutes(app: FastifyInstance, context: AdminRouteContext): void {
  registerCreate(app, context);
  registerEdit(app, context);
  for (const verb of VERBS) registerVerb(app, context, verb);
}
