/**
 * The twelve answers of SPEC §13.4, each built from the facts the policy and the constants give (help-facts.ts):
 * a method the policy turns off is not mentioned, and every number is the one Sandi applies.
 */
import { NOT_ME_LINK_SECONDS } from "../../domain/not-me/not-me-token.js";
import type { HelpFacts } from "../../domain/helpdesk/help-facts.js";
import type { MethodId } from "../../domain/methods.js";
import { HELP_ANCHORS } from "../../domain/user-errors.js";
import type { Translate } from "../../i18n/i18n.js";
import { type Html, html } from "../../lib/html.js";

/** One question: its anchor (`/help#blocked`), the question, the answer. */
export interface HelpQuestion {
  readonly anchor: string;
  readonly question: string;
  readonly answer: Html;
}

interface AnswerContext {
  readonly t: Translate;
  readonly facts: HelpFacts;
  readonly org: string;
}

function has(facts: HelpFacts, ...methods: MethodId[]): boolean {
  return methods.some((method) => facts.methods.includes(method));
}

/** "10 minutes", "1 hour", "24 hours". */
function span(t: Translate, minutes: number): string {
  return minutes % 60 === 0
    ? t("help.span.hours", { count: minutes / 60 })
    : t("help.span.minutes", { count: minutes });
}

function list(items: readonly (string | null)[]): Html {
  return html`<ul>${items.filter((item) => item !== null).map((item) => html`<li>${item}</li>`)}</ul>`;
}

function methodsAnswer({ t, facts, org }: AnswerContext): Html {
  if (facts.methods.length === 0) return html`<p>${t("help.methods.none", { org })}</p>`;
  return html`<p>${t("help.methods.intro", { org })}</p>
${list(facts.methods.map((method) => t(`help.method.${method}`, { seconds: facts.appCodeStepSeconds })))}
<p>${t("help.methods.gates", { count: facts.methodsToReset })}</p>
<p>${t("help.methods.admins", { count: facts.privilegedGates })}</p>`;
}

function codeValidAnswer({ t, facts }: AnswerContext): Html {
  const { codeLengths } = facts;
  return html`<p>${t("help.code_valid.lifetime", { count: facts.code.lifetimeMinutes })}</p>
${list([
  has(facts, "email") ? t("help.code_valid.email_digits", { count: codeLengths.email }) : null,
  has(facts, "sms") ? t("help.code_valid.sms_digits", { count: codeLengths.phone }) : null,
  has(facts, "voice_mobile", "voice_office") ? t("help.code_valid.voice_digits", { count: codeLengths.phone }) : null,
  has(facts, "totp")
    ? t("help.code_valid.app_digits", { count: codeLengths.app, seconds: facts.appCodeStepSeconds })
    : null,
])}
<p>${t("help.code_valid.tries", { count: facts.code.wrongTries })}</p>`;
}

/** Which contact values a user types at a gate: the email address, the phone number, both or neither. */
function typedContacts(facts: HelpFacts): "email" | "phone" | "both" | null {
  const email = has(facts, "email");
  const phone = has(facts, "sms", "voice_mobile", "voice_office");
  if (email && phone) return "both";
  return email ? "email" : phone ? "phone" : null;
}

function noCodeAnswer({ t, facts }: AnswerContext): Html {
  const typed = typedContacts(facts);
  const { code } = facts;
  return list([
    t("help.no_code.wait", { span: span(t, code.deliveryMinutes) }),
    typed === null ? null : t(`help.no_code.exact_${typed}`),
    t("help.no_code.resend", { seconds: code.resendAfterSeconds, count: code.sendsPerGate }),
    t("help.no_code.other"),
  ]);
}

function blockedAnswer({ t, facts }: AnswerContext): Html {
  const { blocks } = facts;
  const item = (key: string, rule: HelpFacts["blocks"]["failedChecks"]): string => {
    const text = t(`help.blocked.${key}`, { count: rule.limit, span: span(t, rule.windowMinutes) });
    return rule.clearedByReset ? `${text} ${t("help.blocked.cleared")}` : text;
  };
  return html`<p>${t("help.blocked.intro")}</p>
${list([
  item("failed_checks", blocks.failedChecks),
  item("validations", blocks.validations),
  item("email_codes", blocks.emailCodes),
  item("resets", blocks.resets),
])}
<p>${t("help.blocked.after")}</p>`;
}

function passwordAnswer({ t, facts }: AnswerContext): Html {
  const { password } = facts;
  return html`<p>${t("help.password_refused.intro")}</p>
${list([
  t("help.password_refused.length", { min: password.minLength, max: password.maxLength }),
  t("help.password_refused.banned"),
  password.history > 0 ? t("help.password_refused.history", { count: password.history }) : null,
  password.requireClasses ? t("help.password_refused.classes") : null,
  t("help.password_refused.directory"),
])}`;
}

function paragraphs(items: readonly (string | null)[]): Html {
  return html`${items.filter((item) => item !== null).map((item) => html`<p>${item}</p>`)}`;
}

/** The questions in SPEC §13.4's order; a question about typing a contact value only when one is typed. */
export function helpQuestions(context: AnswerContext): HelpQuestion[] {
  const { t, facts, org } = context;
  const typed = typedContacts(facts);
  const questions: (HelpQuestion | null)[] = [
    { anchor: "methods", question: t("help.methods.question"), answer: methodsAnswer(context) },
    { anchor: "code-valid", question: t("help.code_valid.question"), answer: codeValidAnswer(context) },
    { anchor: HELP_ANCHORS.noCode, question: t("help.no_code.question"), answer: noCodeAnswer(context) },
    typed === null
      ? null
      : {
          anchor: "whole-address",
          question: t(`help.whole_address.question_${typed}`),
          answer: paragraphs([t("help.whole_address.answer")]),
        },
    { anchor: "same-list", question: t("help.same_list.question"), answer: paragraphs([t("help.same_list.answer")]) },
    {
      anchor: HELP_ANCHORS.blocked,
      question: t("help.blocked.question", { count: facts.blocks.pauseHours }),
      answer: blockedAnswer(context),
    },
    { anchor: "password-refused", question: t("help.password_refused.question"), answer: passwordAnswer(context) },
    {
      anchor: "locked-out",
      question: t("help.locked_out.question"),
      answer: paragraphs([t("help.locked_out.wait"), facts.resetEndsSignInLock ? t("help.locked_out.reset") : null]),
    },
    {
      anchor: HELP_ANCHORS.changeMethods,
      question: t("help.change_methods.question"),
      answer: paragraphs([
        t("help.change_methods.where"),
        t("help.change_methods.register", { org, count: facts.methodsToRegister }),
        t("help.change_methods.step_up"),
        facts.securityInfoChangesEmailed ? t("help.change_methods.emailed") : null,
      ]),
    },
    {
      anchor: "lost-phone",
      question: t("help.lost_phone.question"),
      answer: paragraphs([t("help.lost_phone.answer")]),
    },
    {
      anchor: "unexpected-email",
      question: t("help.unexpected_email.question"),
      answer: paragraphs([
        t("help.unexpected_email.code"),
        t("help.unexpected_email.changed", { days: NOT_ME_LINK_SECONDS / 86_400 }),
      ]),
    },
    {
      anchor: "privacy-language",
      question: t("help.privacy_language.question"),
      answer: paragraphs(["answers", "language", "works", "saved"].map((part) => t(`help.privacy_language.${part}`))),
    },
  ];
  return questions.filter((question) => question !== null);
}
