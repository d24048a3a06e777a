/** `/help`: the user FAQ of SPEC §13.4, a list of the questions, one section per answer with its own anchor. */
import type { HelpFacts } from "../../domain/helpdesk/help-facts.js";
import type { Translate } from "../../i18n/i18n.js";
import { type Html, html } from "../../lib/html.js";
import { helpQuestions } from "./help-answers.js";
import { type Helpdesk, helpdeskLink } from "./helpdesk-link.js";

export interface HelpPageModel {
  readonly facts: HelpFacts;
  readonly orgName: string;
  readonly helpdesk: Helpdesk;
}

/** The page body: intro, the questions as links, the answers, and the way to the helpdesk. */
export function helpPage(t: Translate, model: HelpPageModel): Html {
  const org = model.orgName;
  const questions = helpQuestions({ t, facts: model.facts, org });
  const link = helpdeskLink(t, model.helpdesk);
  return html`<p>${t("help.intro", { org })}</p>
${model.facts.selfServiceOn ? html`` : html`<p class="notice" role="status">${t("help.sspr_off", { org })}</p>`}
<nav aria-labelledby="help-toc"><h2 id="help-toc">${t("help.toc_label")}</h2>
<ol>${questions.map((question) => html`<li><a href="#${question.anchor}">${question.question}</a></li>`)}</ol></nav>
${questions.map(
  (question) => html`<section aria-labelledby="${question.anchor}"><h2 id="${question.anchor}">${question.question}</h2>
${question.answer}</section>`,
)}
<section aria-labelledby="still-stuck"><h2 id="still-stuck">${t("help.still_stuck.heading")}</h2>
<p>${t("help.still_stuck.text")}</p>
${link === null ? html`<p>${t("user_error.helpdesk_without_link")}</p>` : html`<p>${link}</p>`}</section>`;
}
