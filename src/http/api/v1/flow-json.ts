/** Turns the reset service's flow view and notices into the API's JSON, texts in the request's language. */
import type { Notice } from "../../../domain/flows/reset/flow-view.js";
import type { FlowView } from "../../../domain/flows/reset/reset-deps.js";
import type { MethodStepDescriptor } from "../../../domain/methods/method-port.js";
import type { Language, Translate } from "../../../i18n/i18n.js";
import { noticeMessages } from "../../self-service/notice-messages.js";
import { questionText } from "../../../domain/questions/question-pool.js";
import { questionOfField } from "../../views/reset/questions-gate-page.js";
import { offeredTargetTexts } from "../../views/reset/offered-targets.js";
import type { FlowJson } from "./api-schemas.js";

type FieldJson = NonNullable<FlowJson["step"]>["fields"][number];

/**
 * A step's field as JSON: an answer field names its question and gives its text in the request's language (a
 * custom question's texts travel on the field only for this, so they are not copied as they are).
 */
function fieldJson(field: MethodStepDescriptor["fields"][number], t: Translate, lang: Language): FieldJson {
  const plain: FieldJson = { name: field.name, input: field.input, maxLength: field.maxLength };
  if (field.questionId === undefined) return plain;
  const question = questionOfField(field);
  return {
    ...plain,
    questionId: field.questionId,
    ...(question === null ? {} : { question: questionText(question, lang, t) }),
  };
}

/** The flow as JSON: what the pages show, never the form token or contact data; texts in `lang`. */
export function toFlowJson(view: FlowView, t: Translate, lang: Language = "en"): FlowJson {
  return {
    flowId: view.flowId,
    supportCode: view.supportCode,
    state: view.state,
    gate: view.gate,
    gatesShown: view.gatesShown,
    methodsOffered: [...view.methodsOffered],
    offeredTargets: offeredTargetTexts(t, view),
    currentMethod: view.currentMethod,
    gateStep: view.gateStep,
    step:
      view.step === null
        ? null
        : {
            ...view.step,
            fields: view.step.fields.map((field) => fieldJson(field, t, lang)),
            assets: [...view.step.assets],
          },
    codeLength: view.codeLength,
    expiresAt: view.expiresAt.toISOString(),
    blockedUntil: view.blockedUntil?.toISOString() ?? null,
    reason: view.shownReason,
    cancelReason: view.cancelReason,
    passwordRules: view.passwordRules.map((rule) => ({ key: rule.key, text: t(rule.key, rule.values ?? {}) })),
  };
}

/** One `{ code, text }` per notice, worded as the pages word them. */
export function toMessages(view: FlowView, notices: readonly Notice[], t: Translate): { code: string; text: string }[] {
  const texts = noticeMessages(
    t,
    notices,
    { digits: view.codeLength },
    view.step?.codeSource ?? null,
    view.currentMethod,
  );
  return notices.map((notice, index) => ({ code: notice.code, text: texts[index] ?? "" }));
}

/** Whole seconds until a blocked flow may try again, or null when it is not (or no longer) blocked. */
export function retryAfterSeconds(view: FlowView, now: Date): number | null {
  if (view.state !== "blocked" || view.blockedUntil === null) return null;
  const seconds = Math.ceil((view.blockedUntil.getTime() - now.getTime()) / 1000);
  return seconds > 0 ? seconds : null;
}
