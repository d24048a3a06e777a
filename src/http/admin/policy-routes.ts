/**
 * The policy pages (SPEC §3): `/admin/policy` (every setting, saved whole through `savePolicy`), its versions and
 * one version's changes with a restore. Every admin role reads; a global admin changes, after `mayChange`'s locks
 * (same origin, CSRF, a fresh step-up). The domain decides who may save and what a draft may be.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import type { PolicyFinding } from "../../domain/policies/policy-validation.js";
import { DEFAULT_POLICY } from "../../domain/policies/sspr-policy.js";
import { may } from "../../domain/admin/admin-permissions.js";
import { policyPage } from "../views/admin/policy-page.js";
import { VERSION_ORDER, versionPage, versionPath, versionsPage } from "../views/admin/policy-versions-page.js";
import { TABLE_QUERY_FIELDS, tableOrderOf } from "./table-query.js";
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
import { draftFromForm, formValuesOf, type FormValues, typedValues } from "./policy-form.js";

const PolicyBody = Type.Record(Type.String({ maxLength: 80 }), Type.String({ maxLength: 100_000 }));
const SavedQuery = Type.Object({ saved: Type.Optional(Type.String({ pattern: "^(none|\\d{1,9})$" })) });
const VersionsQuery = Type.Object(TABLE_QUERY_FIELDS);
const VersionParams = Type.Object({ version: Type.Integer({ minimum: 1, maximum: 999_999_999 }) });
const RestoreBody = Type.Object({
  csrf: Type.Optional(Type.String({ maxLength: 128 })),
  confirmWarnings: Type.Optional(Type.String({ maxLength: 8 })),
});

/** The form's token for a global admin; null (read only) for the other roles. */
function editCsrf(context: AdminRouteContext, request: FastifyRequest): string | null {
  return may(signedInAdmin(request).user.roles, "policy.edit") ? adminCsrfToken(context.services, request) : null;
}

function forbidden(context: AdminRouteContext, request: FastifyRequest, reply: FastifyReply) {
  return sendAdminRefusal(context.services, request, reply, {
    message: request.t("admin_users.forbidden"),
    status: 403,
  });
}

async function showPolicy(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: {
    values?: FormValues;
    blocks?: readonly PolicyFinding[];
    warnings?: readonly PolicyFinding[];
    saved?: string;
  },
) {
  const read = await context.services.adminActions.currentPolicy(actorOf(request));
  if (!read.ok) return forbidden(context, request, reply);
  const live = read.value;
  const refused = (input.blocks?.length ?? 0) > 0 || (input.warnings?.length ?? 0) > 0;
  return sendAdminPage(context.services, request, reply, {
    title: request.t("policy_admin.title"),
    status: refused ? 400 : 200,
    body: policyPage(request.t, {
      live,
      values: input.values ?? formValuesOf(live?.policy ?? DEFAULT_POLICY),
      csrf: editCsrf(context, request),
      blocks: input.blocks ?? [],
      warnings: input.warnings ?? [],
      saved: input.saved ?? null,
      locale: request,
    }),
  });
}

async function savePolicyForm(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  body: FormValues,
) {
  const admin = context.services.adminActions;
  const actor = actorOf(request);
  const read = await admin.currentPolicy(actor);
  const base = (read.ok ? read.value?.policy : null) ?? DEFAULT_POLICY;
  const values = typedValues(base, body);
  const { draft, problems } = draftFromForm(base, body);
  if (problems.length > 0) return showPolicy(context, request, reply, { values, blocks: problems });
  const result = await admin.savePolicy(actor, draft, { confirmWarnings: body["confirmWarnings"] === "on" });
  if (result.ok) {
    const saved = "unchanged" in result.value ? "none" : String(result.value.saved.version);
    return reply.redirect(`/admin/policy?saved=${saved}`, 303);
  }
  if (result.reason === "forbidden") return forbidden(context, request, reply);
  return showPolicy(context, request, reply, { values, blocks: result.blocks, warnings: result.warnings });
}

async function showVersion(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { version: number; blocks?: readonly PolicyFinding[]; warnings?: readonly PolicyFinding[] },
) {
  const diff = await context.services.adminActions.policyVersionDiff(actorOf(request), input.version);
  if (!diff.ok && diff.reason === "not_found")
    return sendAdminRefusal(context.services, request, reply, {
      message: request.t("policy_admin.not_found"),
      status: 404,
    });
  if (!diff.ok) return forbidden(context, request, reply);
  const blocks = input.blocks ?? [];
  const warnings = input.warnings ?? [];
  return sendAdminPage(context.services, request, reply, {
    title: request.t("policy_admin.diff.title", { version: input.version }),
    status: blocks.length > 0 || warnings.length > 0 ? 400 : 200,
    body: versionPage(request.t, {
      diff: diff.value,
      locale: request,
      csrf: editCsrf(context, request),
      blocks,
      warnings,
    }),
  });
}

export async function policyRoutes(app: FastifyInstance, context: AdminRouteContext): Promise<void> {
  const { services } = context;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const view = { capability: "policy.view" } as const;
  const edit = { capability: "policy.edit" } as const;
  typed.get("/policy", { config: view, schema: { querystring: SavedQuery } }, async (request, reply) => {
    // The editor steps up before the form, not after typing it: a step-up on save would lose what was typed.
    if (
      editCsrf(context, request) !== null &&
      !(await isFreshOrSentToStepUp(services, request, reply, "/admin/policy"))
    )
      return reply;
    return showPolicy(context, request, reply, request.query.saved === undefined ? {} : { saved: request.query.saved });
  });
  typed.post("/policy", { config: edit, schema: { body: PolicyBody } }, async (request, reply) => {
    if (!(await mayChange(context, request, reply, { csrf: request.body["csrf"], next: "/admin/policy" })))
      return reply;
    return savePolicyForm(context, request, reply, request.body);
  });
  typed.get("/policy/versions", { config: view, schema: { querystring: VersionsQuery } }, async (request, reply) => {
    const listed = await services.adminActions.listPolicyVersions(actorOf(request));
    if (!listed.ok) return forbidden(context, request, reply);
    const order = tableOrderOf(request.query, VERSION_ORDER);
    return sendAdminPage(services, request, reply, {
      title: request.t("policy_admin.versions.title"),
      body: versionsPage(request.t, { versions: listed.value, locale: request, order }),
    });
  });
  typed.get("/policy/versions/:version", { config: view, schema: { params: VersionParams } }, (request, reply) =>
    showVersion(context, request, reply, { version: request.params.version }),
  );
  typed.post(
    "/policy/versions/:version/restore",
    { config: edit, schema: { params: VersionParams, body: RestoreBody } },
    async (request, reply) => {
      const { version } = request.params;
      const next = versionPath(version);
      if (!(await mayChange(context, request, reply, { csrf: request.body.csrf, next }))) return reply;
      const confirmWarnings = request.body.confirmWarnings === "on";
      const result = await services.adminActions.restorePolicyVersion(actorOf(request), version, { confirmWarnings });
      if (result.ok) {
        const saved = "unchanged" in result.value ? "none" : String(result.value.saved.version);
        return reply.redirect(`/admin/policy?saved=${saved}`, 303);
      }
      if (result.reason === "forbidden") return forbidden(context, request, reply);
      if (result.reason === "not_found") return showVersion(context, request, reply, { version });
      return showVersion(context, request, reply, { version, blocks: result.blocks, warnings: result.warnings });
    },
  );
  await Promise.resolve();
}
