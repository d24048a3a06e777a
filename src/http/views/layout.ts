/**
 * The page shell: language, title, header with the language switcher, a failure's explanation (SPEC §13.3), and the
 * footer with the support code, the help page and the helpdesk link.
 */
import type { Translate } from "../../i18n/i18n.js";
import { type Html, html } from "../../lib/html.js";
import { type Helpdesk, helpdeskLink } from "./helpdesk-link.js";
import { type UserErrorContext, type UserErrorModel, userErrorPart } from "./user-error.js";

export type { Helpdesk } from "./helpdesk-link.js";

export interface LayoutModel {
  readonly lang: "en" | "id";
  readonly t: Translate;
  readonly title: string;
  readonly orgName: string;
  /** The current path, for the language switcher's links. */
  readonly path: string;
  readonly supportCode?: string | null;
  readonly helpdesk?: Helpdesk | null;
  /** Extra scripts (same-origin files only; the CSP allows no inline script). */
  readonly scripts?: readonly { src: string; module?: boolean }[];
  readonly styles?: readonly string[];
  /** Admin pages use the full width; every other page is a centred card. */
  readonly wide?: boolean;
  /** Shown above the title inside the card (the development-mode demo banner). */
  readonly banner?: Html | null;
  /** A failure page's explanation, shown under the title before the body (SPEC §13.3). */
  readonly userError?: UserErrorModel | null;
  /** Reload the page after this many seconds (a progress page that works without script). */
  readonly refreshSeconds?: number;
  /** The admin pages' navigation by area, shown above the title. */
  readonly areaNav?: Html | null;
}

function languageSwitcher(model: LayoutModel): Html {
  const other = model.lang === "en" ? "id" : "en";
  return html`<nav class="lang" aria-label="${model.t("common.language.label")}">
    <a href="${model.path}?lang=${other}" lang="${other}" hreflang="${other}">${model.t(`common.language.${other}`)}</a>
  </nav>`;
}

function footer(model: LayoutModel): Html {
  const support = model.supportCode
    ? html`<p class="support">${model.t("common.support_code")} <strong class="code">${model.supportCode}</strong></p>`
    : html``;
  const links = [
    html`<a href="/help">${model.t("common.help_link")}</a>`,
    helpdeskLink(model.t, model.helpdesk, { supportCode: model.supportCode ?? null }),
  ].filter((link) => link !== null);
  const separated = links.map((link, index) => (index === 0 ? link : html` · ${link}`));
  return html`<footer>${support}<p>${separated}</p></footer>`;
}

function errorContextOf(model: LayoutModel): UserErrorContext {
  return { t: model.t, orgName: model.orgName, helpdesk: model.helpdesk, supportCode: model.supportCode };
}

/** The logo slot: the organisation's initials until an organisation can upload a logo. */
export function initialsOf(orgName: string): string {
  const words = orgName
    .trim()
    .split(/\s+/u)
    .filter((word) => word !== "");
  return words
    .slice(0, 2)
    .map((word) => Array.from(word)[0]?.toLocaleUpperCase() ?? "")
    .join("");
}

/** A complete HTML document around `body`: a top bar, the card (logo slot, organisation, title, body), the footer. */
export function layout(model: LayoutModel, body: Html): Html {
  // sandi.js (error-summary focus, resend countdown) only where it has work: a page without it stays script-free.
  const needsPageScript = /id="(error-summary|code-help)"/.test(body.value);
  const scripts = [...(needsPageScript ? [{ src: "/static/sandi.js" }] : []), ...(model.scripts ?? [])].map(
    (script) =>
      html`<script src="${script.src}"${"module" in script && script.module ? html` type="module"` : html` defer`}></script>`,
  );
  const styles = (model.styles ?? []).map((href) => html`<link rel="stylesheet" href="${href}">`);
  return html`<!doctype html>
<html lang="${model.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${model.title} · ${model.orgName}</title>
${model.refreshSeconds === undefined ? html`` : html`<meta http-equiv="refresh" content="${String(model.refreshSeconds)}">`}
<link rel="stylesheet" href="/static/sandi.css">
${styles}${scripts}
</head>
<body${model.wide ? html` class="wide-page"` : html``}>
<a class="skip-link" href="#main">${model.t("ui.skip_to_content")}</a>
<div class="topbar">${languageSwitcher(model)}</div>
<main id="main" class="card${model.wide ? " wide" : ""}">
<header class="card-head"><span class="logo" aria-hidden="true">${initialsOf(model.orgName)}</span><p class="brand">${model.orgName}</p></header>
${model.banner ?? html``}
${model.areaNav ?? html``}
<h1>${model.title}</h1>
${model.userError ? userErrorPart(errorContextOf(model), model.userError) : html``}
${body}
</main>
${footer(model)}
</body>
</html>`;
}

/** An error message, tied to the field it is about (the input's id) or to the form as a whole. */
export type FormError = string | { readonly message: string; readonly field: string };

function messageOf(error: FormError): string {
  return typeof error === "string" ? error : error.message;
}

/**
 * The error summary at the top of the form: announced at once (role=alert, so no script is needed), each message a
 * link to its field; sandi.js moves focus here after a failed submit.
 */
export function errorSummary(t: Translate, errors: readonly FormError[]): Html {
  if (errors.length === 0) return html``;
  const item = (error: FormError): Html =>
    typeof error === "string" ? html`<li>${error}</li>` : html`<li><a href="#${error.field}">${error.message}</a></li>`;
  return html`<div class="error-summary" id="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">${t("common.errors_heading")}</h2>
<ul>${errors.map(item)}</ul></div>`;
}

/** The messages about one field, shown beside it. */
export function fieldErrors(errors: readonly FormError[], field: string): string[] {
  return errors.filter((error) => typeof error !== "string" && error.field === field).map(messageOf);
}

/** The text under a field's label: `<p id="<field>-error">`, or nothing without errors. */
export function fieldErrorText(t: Translate, field: string, messages: readonly string[]): Html {
  if (messages.length === 0) return html``;
  return html`<p class="field-error" id="${field}-error"><span class="visually-hidden">${t("ui.error_prefix")}</span> ${messages.join(" ")}</p>`;
}

/** `aria-describedby` (hints, then the error) and `aria-invalid` for a field. */
export function fieldState(field: string, messages: readonly string[], hintIds: readonly string[] = []): Html {
  const ids = [...hintIds, ...(messages.length > 0 ? [`${field}-error`] : [])];
  const described = ids.length > 0 ? html` aria-describedby="${ids.join(" ")}"` : html``;
  return messages.length > 0 ? html`${described} aria-invalid="true"` : described;
}
