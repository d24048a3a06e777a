/**
 * `/admin/audit` (`audit.read`): the audit log with filters, through the same domain service as the admin API's
 * audit read and `sandi audit tail`. A typed day counts in the organisation's time zone: "from 7 December" in Jakarta
 * starts at 7 December 00:00 WIB. A value the page cannot use is left out (a date that is not one is said so, and the
 * list is shown without it), never a 400 or a 500.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import Type, { type Static } from "typebox";
import { AUDIT_ACTIVITIES } from "../../domain/audit-events.js";
import type { AuditFilter } from "../../domain/ports.js";
import { auditFilterOf } from "../../domain/admin/audit-read.js";
import { endOfDayIn, startOfDayIn } from "../../lib/zoned-day.js";
import { needs } from "../route-capability.js";
import { type AuditForm, auditPage } from "../views/admin/audit-page.js";
import type { FormError } from "../views/layout.js";
import { type AdminRouteContext, actorOf, sendAdminPage, sendAdminRefusal } from "./admin-forms.js";
import { pageOf } from "./table-query.js";

const Loose = Type.Optional(Type.String({ maxLength: 256 }));
const AuditQuery = Type.Object({
  activity: Loose,
  actor: Loose,
  target: Loose,
  result: Loose,
  from: Loose,
  to: Loose,
  page: Loose,
});

const KNOWN_ACTIVITIES: ReadonlySet<string> = new Set(AUDIT_ACTIVITIES);

function formOf(query: Static<typeof AuditQuery>): AuditForm {
  const result = query.result === "success" || query.result === "failure" ? query.result : "";
  const activity = query.activity !== undefined && KNOWN_ACTIVITIES.has(query.activity) ? query.activity : "";
  return {
    activity,
    actor: query.actor?.trim() ?? "",
    target: query.target?.trim() ?? "",
    result,
    from: query.from?.trim() ?? "",
    to: query.to?.trim() ?? "",
  };
}

/** The store's filter for the typed form, with a message for each date that is not one. */
function filterOf(request: FastifyRequest, form: AuditForm): { filter: AuditFilter; errors: FormError[] } {
  const errors: FormError[] = [];
  const day = (field: "from" | "to", edge: typeof startOfDayIn): Date | undefined => {
    if (form[field] === "") return undefined;
    const instant = edge(form[field], request.timeZone);
    if (instant === null) errors.push({ field, message: request.t(`admin_audit.error.${field}`) });
    return instant ?? undefined;
  };
  const typed = (value: string) => (value === "" ? undefined : value);
  const filter = auditFilterOf({
    activity: typed(form.activity),
    actor: typed(form.actor),
    targetUserId: typed(form.target),
    result: form.result === "" ? undefined : form.result,
    from: day("from", startOfDayIn),
    // "To 7 December" includes the whole of 7 December: the filter ends where 8 December starts.
    to: day("to", endOfDayIn),
  });
  return { filter, errors };
}

export async function auditRoutes(app: FastifyInstance, context: AdminRouteContext): Promise<void> {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get("/audit", { ...needs("audit.read"), schema: { querystring: AuditQuery } }, async (request, reply) => {
    const form = formOf(request.query);
    const { filter, errors } = filterOf(request, form);
    const page = pageOf(request.query.page);
    const read = await context.services.adminActions.auditPage(actorOf(request), { filter, page });
    if (!read.ok)
      return sendAdminRefusal(context.services, request, reply, {
        message: request.t("admin_users.forbidden"),
        status: 403,
      });
    return sendAdminPage(context.services, request, reply, {
      title: request.t("admin_audit.title"),
      body: auditPage(request.t, { form, result: read.value, errors, locale: request }),
    });
  });
  await Promise.resolve();
}
