/**
 * `/admin/policy/evaluation` (issue 12 item 4): the evaluation report for whoever reads reports (SPEC §12: GA, UA,
 * RR; it holds counts of reason codes only), and for a Global admin the start, stop and adopt forms, each behind
 * the locks of `mayChange`. The domain services check the roles again and audit each change.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { may } from "../../domain/admin/admin-permissions.js";
import { DRAFT_TEXT_MAX, parseDraftSettings } from "../../domain/policies/simulation/draft-settings.js";
import type { SimulationReport } from "../../domain/policies/simulation/simulation-report.js";
import { DEFAULT_TIME_ZONE } from "../../domain/policies/time-zone.js";
import { html } from "../../lib/html.js";
import { EVALUATION_PATH, evaluationPage } from "../views/admin/evaluation-page.js";
import { formatDateTime } from "../views/format-time.js";
import {
  type AdminRouteContext,
  actorOf,
  adminCsrfToken,
  mayChange,
  sendAdminPage,
  signedInAdmin,
} from "./admin-forms.js";

const FormBody = Type.Object({
  csrf: Type.Optional(Type.String({ maxLength: 128 })),
  draft: Type.Optional(Type.String()),
  days: Type.Optional(Type.String({ maxLength: 8 })),
  confirmLoss: Type.Optional(Type.String({ maxLength: 8 })),
});
const NOTICES = ["started", "stopped", "adopted"] as const;
const CHANGE = { config: { capability: "policy.edit" } } as const;

type FormState = { draft: string; days: string; errors: string[]; lossReport: SimulationReport | null };
const NO_FORM: FormState = { draft: "", days: "7", errors: [], lossReport: null };

async function sendReport(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  state: FormState & { notice?: string | null; status?: number },
) {
  const t = request.t;
  const roles = signedInAdmin(request).user.roles;
  const actions = context.services.adminActions;
  const read = await actions.evaluationStatus(actorOf(request));
  if (!read.ok) {
    const body = html`<p role="alert">${t("policy_simulation.evaluation.forbidden")}</p>
<p><a href="/admin">${t("policy_simulation.back")}</a></p>`;
    return sendAdminPage(context.services, request, reply, {
      title: t("policy_simulation.evaluation.title"),
      body,
      status: 403,
    });
  }
  const policy = await actions.currentPolicy(actorOf(request));
  const zone = policy.ok ? (policy.value?.policy.organisation.timeZone ?? DEFAULT_TIME_ZONE) : DEFAULT_TIME_ZONE;
  const forms = may(roles, "policy.edit") ? { csrf: adminCsrfToken(context.services, request), ...state } : null;
  const body = evaluationPage(t, {
    report: read.value,
    formatTime: (time) => formatDateTime(time, request.lang, zone),
    forms,
    notice: state.notice ?? null,
  });
  return sendAdminPage(context.services, request, reply, {
    title: t("policy_simulation.evaluation.title"),
    body,
    status: state.status ?? 200,
  });
}

function noticeOf(request: FastifyRequest): string | null {
  const notice = (request.query as Record<string, unknown> | undefined)?.["notice"];
  return NOTICES.find((known) => known === notice) ?? null;
}

/** Only a Global admin changes an evaluation: others get 403 before any step-up is asked of them. */
async function mayChangePolicy(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  csrf: string | undefined,
): Promise<boolean> {
  if (!may(signedInAdmin(request).user.roles, "policy.edit")) {
    await sendReport(context, request, reply, { ...NO_FORM, status: 403 });
    return false;
  }
  return mayChange(context, request, reply, { csrf, next: EVALUATION_PATH });
}

/** Registers the evaluation pages (inside the admin context, under `/admin`). */
export async function evaluationRoutes(app: FastifyInstance, context: AdminRouteContext): Promise<void> {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const path = EVALUATION_PATH.slice("/admin".length);
  const done = (reply: FastifyReply, notice: (typeof NOTICES)[number]) =>
    reply.redirect(`${EVALUATION_PATH}?notice=${notice}`, 303);

  typed.get(path, { config: { capability: "reports.read" } }, async (request, reply) => {
    const notice = noticeOf(request);
    const words = notice === null ? null : request.t(`policy_simulation.evaluation.${notice}`);
    return sendReport(context, request, reply, { ...NO_FORM, notice: words });
  });

  typed.post(`${path}/start`, { schema: { body: FormBody }, ...CHANGE }, async (request, reply) => {
    if (!(await mayChangePolicy(context, request, reply, request.body.csrf))) return reply;
    const t = request.t;
    const draft = request.body.draft ?? "";
    const days = request.body.days ?? "";
    const refuse = (errors: string[]) =>
      sendReport(context, request, reply, { ...NO_FORM, draft, days, errors, status: 400 });
    if (draft.length > DRAFT_TEXT_MAX) return refuse([t("policy_simulation.too_long")]);
    const parsed = parseDraftSettings(draft);
    if (!parsed.ok) return refuse([t("policy_simulation.bad_line", { line: parsed.line, text: parsed.text })]);
    if (Object.keys(parsed.settings).length === 0) return refuse([t("policy_simulation.empty_draft")]);
    if (!/^\d{1,2}$/.test(days)) return refuse([t("policy_simulation.evaluation.days_invalid")]);
    const actions = context.services.adminActions;
    const built = await actions.draftFromSettings(parsed.settings);
    if (!built.ok)
      return refuse(built.violations.map((violation) => `${violation.rule} ${violation.path}: ${violation.message}`));
    const started = await actions.startEvaluation(actorOf(request), { draft: built.value, days: Number(days) });
    if (started.ok) return done(reply, "started");
    if (started.reason === "invalid")
      return refuse(started.violations.map((violation) => `${violation.rule} ${violation.path}: ${violation.message}`));
    if (started.reason === "invalid_days") return refuse([t("policy_simulation.evaluation.days_invalid")]);
    if (started.reason === "running") return refuse([t("policy_simulation.evaluation.already_running")]);
    return sendReport(context, request, reply, { ...NO_FORM, status: 403 });
  });

  typed.post(`${path}/stop`, { schema: { body: FormBody }, ...CHANGE }, async (request, reply) => {
    if (!(await mayChangePolicy(context, request, reply, request.body.csrf))) return reply;
    const stopped = await context.services.adminActions.stopEvaluation(actorOf(request));
    if (stopped.ok) return done(reply, "stopped");
    const errors = stopped.reason === "not_running" ? [request.t("policy_simulation.evaluation.not_running")] : [];
    return sendReport(context, request, reply, {
      ...NO_FORM,
      errors,
      status: stopped.reason === "forbidden" ? 403 : 400,
    });
  });

  typed.post(`${path}/adopt`, { schema: { body: FormBody }, ...CHANGE }, async (request, reply) => {
    if (!(await mayChangePolicy(context, request, reply, request.body.csrf))) return reply;
    const t = request.t;
    const confirmLoss = request.body.confirmLoss === "yes";
    const adopted = await context.services.adminActions.adoptEvaluation(actorOf(request), { confirmLoss });
    if (adopted.ok) return done(reply, "adopted");
    if (adopted.reason === "loss_unconfirmed")
      return sendReport(context, request, reply, {
        ...NO_FORM,
        errors: [t("policy_simulation.evaluation.loss_unconfirmed")],
        lossReport: adopted.report,
        status: 400,
      });
    if (adopted.reason === "invalid")
      return sendReport(context, request, reply, {
        ...NO_FORM,
        errors: adopted.violations.map((violation) => `${violation.rule} ${violation.path}: ${violation.message}`),
        status: 400,
      });
    const errors = adopted.reason === "not_running" ? [t("policy_simulation.evaluation.not_running")] : [];
    return sendReport(context, request, reply, {
      ...NO_FORM,
      errors,
      status: adopted.reason === "forbidden" ? 403 : 400,
    });
  });
  await Promise.resolve();
}
