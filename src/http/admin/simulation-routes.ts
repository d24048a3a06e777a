/**
 * `/admin/policy/simulate` (SPEC §3 "Policy simulation"): a Global admin writes a draft as KEY = VALUE lines and
 * sees its effect on every user beside the live policy, paged. Nothing is saved, but the run reads every user's
 * state, so the form carries the locks of any admin form (same origin, CSRF, fresh step-up). Other roles get 403.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { may } from "../../domain/admin/admin-permissions.js";
import { DRAFT_TEXT_MAX, parseDraftSettings } from "../../domain/policies/simulation/draft-settings.js";
import { html } from "../../lib/html.js";
import { formatDateTime } from "../views/format-time.js";
import { SIMULATE_PATH, type SimulationPageModel, simulationPage } from "../views/admin/simulation-page.js";
import {
  type AdminRouteContext,
  actorOf,
  adminCsrfToken,
  mayChange,
  sendAdminPage,
  signedInAdmin,
} from "./admin-forms.js";

const SimulateBody = Type.Object({
  csrf: Type.Optional(Type.String({ maxLength: 128 })),
  draft: Type.Optional(Type.String()),
  offset: Type.Optional(Type.String({ maxLength: 9 })),
});

function sendForbidden(context: AdminRouteContext, request: FastifyRequest, reply: FastifyReply) {
  const body = html`<p role="alert">${request.t("policy_simulation.forbidden")}</p>
<p><a href="/admin">${request.t("policy_simulation.back")}</a></p>`;
  return sendAdminPage(context.services, request, reply, {
    title: request.t("policy_simulation.title"),
    body,
    status: 403,
  });
}

function sendSimulation(
  context: AdminRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  model: Omit<SimulationPageModel, "csrf">,
  status = 200,
) {
  const csrf = adminCsrfToken(context.services, request);
  return sendAdminPage(context.services, request, reply, {
    title: request.t("policy_simulation.title"),
    body: simulationPage(request.t, { ...model, csrf }),
    status,
  });
}

const EMPTY = { draft: "", errors: [], violations: [], report: null, ranAt: null } as const;

/** Registers the simulation page (inside the admin context, under `/admin`). */
export async function simulationRoutes(app: FastifyInstance, context: AdminRouteContext): Promise<void> {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const path = SIMULATE_PATH.slice("/admin".length);
  const isGlobalAdmin = (request: FastifyRequest) => may(signedInAdmin(request).user.roles, "policy.edit");

  typed.get(path, { config: { capability: "policy.edit" } }, async (request, reply) => {
    if (!isGlobalAdmin(request)) return sendForbidden(context, request, reply);
    return sendSimulation(context, request, reply, EMPTY);
  });

  typed.post(
    path,
    { schema: { body: SimulateBody }, config: { capability: "policy.edit" } },
    async (request, reply) => {
      if (!isGlobalAdmin(request)) return sendForbidden(context, request, reply);
      if (!(await mayChange(context, request, reply, { csrf: request.body.csrf, next: SIMULATE_PATH }))) return reply;
      const t = request.t;
      const draft = request.body.draft ?? "";
      const refuse = (errors: string[]) => sendSimulation(context, request, reply, { ...EMPTY, draft, errors }, 400);
      if (draft.length > DRAFT_TEXT_MAX) return refuse([t("policy_simulation.too_long")]);
      const parsed = parseDraftSettings(draft);
      if (!parsed.ok) return refuse([t("policy_simulation.bad_line", { line: parsed.line, text: parsed.text })]);
      if (Object.keys(parsed.settings).length === 0) return refuse([t("policy_simulation.empty_draft")]);
      const services = context.services.adminActions;
      const built = await services.draftFromSettings(parsed.settings);
      if (!built.ok)
        return sendSimulation(context, request, reply, { ...EMPTY, draft, violations: built.violations }, 400);
      const offset = Number(/^\d+$/.test(request.body.offset ?? "") ? request.body.offset : 0);
      const result = await services.simulatePolicyChange(actorOf(request), {
        draft: built.value,
        page: { offset, limit: 50 },
      });
      if (!result.ok && result.reason === "invalid")
        return sendSimulation(context, request, reply, { ...EMPTY, draft, violations: result.violations }, 400);
      if (!result.ok) return sendForbidden(context, request, reply);
      const report = result.value;
      const ranAt = t("policy_simulation.ran_at", {
        time: formatDateTime(report.ranAt, request.lang, report.timeZone),
        people: report.live.users.people + report.live.admins.people,
      });
      return sendSimulation(context, request, reply, { ...EMPTY, draft, report, ranAt });
    },
  );
  await Promise.resolve();
}
