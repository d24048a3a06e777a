/**
 * The CSV user import (SPEC §10: up to 10,000 rows): paste the file, check it (a dry run recorded as a job so its
 * error report can be downloaded), import it; the import runs on after the redirect and its job page reloads itself
 * until done. Each POST passes `mayChange`; the domain checks `users.manage` and the directory's capabilities.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { actorMay } from "../../domain/admin/admin-actor.js";
import { errorReportCsv } from "../../domain/admin/user-import.js";
import type { ImportJob, ImportRowError } from "../../domain/admin/user-admin-ports.js";
import { IMPORT_PATH, importFormPage, importJobPage } from "../views/admin/import-pages.js";
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

/** 10,000 rows of a few hundred characters each, with room to spare; the rest of the app keeps its 16 KiB limit. */
const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;
const ImportBody = Type.Object({
  csrf: Type.Optional(Type.String({ maxLength: 128 })),
  csv: Type.Optional(Type.String({ maxLength: IMPORT_BODY_LIMIT })),
  mode: Type.Optional(Type.Union([Type.Literal("dry"), Type.Literal("import")])),
});
const JobParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

function refuse(context: AdminRouteContext, request: FastifyRequest, reply: FastifyReply, reason: string) {
  const notFound = reason === "not_found";
  const key = notFound
    ? "admin_manage.import.not_found"
    : reason === "read_only"
      ? "admin_manage.read_only"
      : "admin_users.forbidden";
  return sendAdminRefusal(context.services, request, reply, { message: request.t(key), status: notFound ? 404 : 403 });
}

function sendForm(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  page: { text: string; dryRun: ImportJob | null; errors: readonly ImportRowError[]; status: number },
) {
  return sendAdminPage(context.services, request, reply, {
    title: request.t("admin_manage.import.title"),
    body: importFormPage(request.t, { ...page, csrf: adminCsrfToken(context.services, request) }),
    status: page.status,
  });
}

export function registerImportRoutes(app: FastifyInstance, context: AdminRouteContext): void {
  const { services } = context;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get("/users/import", needs("users.manage"), async (request, reply) => {
    if (!actorMay(actorOf(request), "users.manage")) return refuse(context, request, reply, "forbidden");
    if (!services.adminActions.managesDirectory()) return refuse(context, request, reply, "read_only");
    if (!(await isFreshOrSentToStepUp(services, request, reply, IMPORT_PATH))) return reply;
    return sendForm(context, request, reply, { text: "", dryRun: null, errors: [], status: 200 });
  });
  typed.post(
    "/users/import",
    { ...needs("users.manage"), bodyLimit: IMPORT_BODY_LIMIT, schema: { body: ImportBody } },
    async (request, reply) => {
      if (!(await mayChange(context, request, reply, { csrf: request.body.csrf, next: IMPORT_PATH }))) return reply;
      const text = request.body.csv ?? "";
      const actor = actorOf(request);
      if (request.body.mode !== "import") {
        const checked = await services.adminActions.dryRunImport(actor, text);
        if (!checked.ok) return refuse(context, request, reply, checked.reason);
        const { job, check } = checked.value;
        return sendForm(context, request, reply, { text, dryRun: job, errors: check.errors, status: 200 });
      }
      const started = await services.adminActions.startImport(actor, text);
      if (!started.ok && started.reason === "invalid")
        return sendForm(context, request, reply, { text, dryRun: null, errors: started.check.errors, status: 400 });
      if (!started.ok) return refuse(context, request, reply, started.reason);
      // The import goes on after this answer; a failure marks the job "failed" and is logged here.
      started.value.done.catch((error: unknown) => request.log.error({ err: error }, "user import failed"));
      return reply.redirect(`${IMPORT_PATH}/${started.value.jobId}`, 303);
    },
  );
  typed.get(
    "/users/import/:id",
    { ...needs("users.manage"), schema: { params: JobParams } },
    async (request, reply) => {
      const job = await services.adminActions.importJob(actorOf(request), request.params.id);
      if (!job.ok) return refuse(context, request, reply, job.reason);
      return sendAdminPage(services, request, reply, {
        title: request.t("admin_manage.import.job_title"),
        body: importJobPage(request.t, job.value),
        ...(job.value.state === "running" ? { refreshSeconds: 2 } : {}),
      });
    },
  );
  typed.get(
    "/users/import/:id/errors.csv",
    { ...needs("users.manage"), schema: { params: JobParams } },
    async (request, reply) => {
      const job = await services.adminActions.importJob(actorOf(request), request.params.id);
      if (!job.ok) return refuse(context, request, reply, job.reason);
      const csv = errorReportCsv(job.value, (error) => request.t(`admin_manage.error.${error.code}`));
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="import-errors-${job.value.id}.csv"`)
        .send(csv);
    },
  );
}
