/**
 * The security-questions pages (SPEC §4.6): set up or change the set (pick `toRegister` questions and answer them).
 * Questions never prove the user at a step-up and are never offered to privileged users; answers are hashed before
 * the save's transaction and never written into a page, a log or an audit event.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import type { AnswerProblem, TypedAnswer } from "../../../domain/questions/answers.js";
import { answerProblemMessage } from "../../../domain/questions/question-messages.js";
import { questionPool } from "../../../domain/questions/question-pool.js";
import { buildQuestionSet } from "../../../domain/questions/question-registration.js";
import { enabledKinds } from "../../../domain/registration/readiness.js";
import type { SecurityInfoCaller } from "../../../domain/registration/security-info-service.js";
import { isPrivileged } from "../../../domain/users.js";
import type { FormError } from "../../views/layout.js";
import { questionsPage } from "../../views/security-info/questions-page.js";
import type { MethodPages } from "./method-pages-port.js";
import { afterSave } from "./save-outcome.js";
import {
  csrfTokenOf,
  freshCaller,
  isCsrfValidFor,
  refuseStaleForm,
  SECURITY_INFO_PATH,
  type SecurityInfoRouteContext,
  sendSecurityInfoPage,
} from "./security-info-context.js";
import { formFields } from "./sent-code-pages.js";

const PATH = `${SECURITY_INFO_PATH}/questions`;
const ReplaceQuery = Type.Object({ replace: Type.Optional(Type.String({ maxLength: 64 })) });

/** The policy's questions section when this user may register questions, or null (policy off, or privileged). */
async function questionSettingsFor(context: SecurityInfoRouteContext, caller: SecurityInfoCaller) {
  const deps = context.services.securityInfo.deps;
  const policy = await deps.currentPolicy();
  const allowed = enabledKinds(policy, deps.available, {
    privileged: isPrivileged(caller.user),
    groups: caller.user.groups,
  }).includes("questions");
  return allowed ? policy.questions : null;
}

/** The rows as typed: `question_<n>` and `answer_<n>` for n = 1…toRegister. */
function typedRows(fields: Readonly<Record<string, string>>, toRegister: number): TypedAnswer[] {
  return Array.from({ length: toRegister }, (_, index) => ({
    questionId: fields[`question_${String(index + 1)}`] ?? "",
    answer: fields[`answer_${String(index + 1)}`] ?? "",
  }));
}

/** Each problem beside its field: question problems on the select, answer problems on the answer. */
function formErrors(request: FastifyRequest, problems: readonly AnswerProblem[]): FormError[] {
  return problems.map(({ index, problem }) => {
    const onAnswer = problem.startsWith("answer_") || problem === "duplicate_answer";
    const message = answerProblemMessage(problem);
    return {
      field: `${onAnswer ? "answer" : "question"}_${String(index + 1)}`,
      message: request.t(message.key, message.values),
    };
  });
}

function showForm(
  context: SecurityInfoRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: {
    caller: SecurityInfoCaller;
    settings: NonNullable<Awaited<ReturnType<typeof questionSettingsFor>>>;
    replace: string | null;
    chosen: readonly string[];
    errors: readonly FormError[];
  },
): Promise<FastifyReply> {
  const { settings } = input;
  const body = questionsPage(request.t, request.lang, {
    action: PATH,
    csrf: csrfTokenOf(context, input.caller),
    replace: input.replace,
    pool: questionPool(settings),
    toRegister: settings.toRegister,
    toReset: settings.toReset,
    chosen: input.chosen,
    errors: input.errors,
  });
  const status = input.errors.length === 0 ? 200 : 400;
  return sendSecurityInfoPage(context, request, reply, { title: request.t("questions.register.title"), body, status });
}

function registerForm(app: FastifyInstance, context: SecurityInfoRouteContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(PATH, { schema: { querystring: ReplaceQuery } }, async (request, reply) => {
    const caller = await freshCaller(context, request, reply, request.url);
    if (caller === null) return reply;
    const settings = await questionSettingsFor(context, caller);
    if (settings === null) return reply.redirect(SECURITY_INFO_PATH, 303);
    const replace = request.query.replace ?? null;
    return showForm(context, request, reply, { caller, settings, replace, chosen: [], errors: [] });
  });
  app.post(PATH, async (request, reply) => {
    const fields = formFields(request.body);
    const caller = await freshCaller(context, request, reply, PATH);
    if (caller === null) return reply;
    if (!isCsrfValidFor(context, caller, fields["csrf"] ?? "")) return refuseStaleForm(context, request, reply);
    const settings = await questionSettingsFor(context, caller);
    if (settings === null) return reply.redirect(SECURITY_INFO_PATH, 303);
    const service = context.services.securityInfo.service;
    const replace = (fields["replace"] ?? "") === "" ? null : (fields["replace"] ?? null);
    if (replace !== null && (await service.findOwn(caller, replace))?.method !== "questions")
      return reply.redirect(`${SECURITY_INFO_PATH}?notice=not_found`, 303);
    const rows = typedRows(fields, settings.toRegister);
    const built = await buildQuestionSet(context.services.securityInfo.deps.hasher, rows, settings);
    if (!built.ok) {
      const chosen = rows.map((row) => row.questionId);
      return showForm(context, request, reply, {
        caller,
        settings,
        replace,
        chosen,
        errors: formErrors(request, built.problems),
      });
    }
    const saved = await service.save(caller, {
      method: { method: "questions", value: "", label: null, details: built.details },
      replacesId: replace,
    });
    return afterSave(context, request, reply, saved, null);
  });
}

/** Questions: a set is changed by replacing it (a new set is checked and hashed first); never a step-up. */
export const questionsPages: MethodPages = {
  kind: "questions",
  addPath: PATH,
  changePath: (method) => `${PATH}?replace=${method.id}`,
  stepUpPath: null,
  register: registerForm,
};
