/** The page shell: language, title, header with the language switcher, footer with support code and helpdesk link. */
import type { Translate } from "../../i18n/i18n.js";
import { type Html, html } from "../../lib/html.js";

export interface Helpdesk {
  readonly mode: "url" | "email";
  readonly target: string | null;
}

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
}

function helpdeskLink(t: Translate, helpdesk: Helpdesk | null | undefined): Html {
  if (!helpdesk?.target) return html``;
  if (helpdesk.mode === "email") return html`<a href="mailto:${helpdesk.target}">${t("common.helpdesk.link")}</a>`;
  return html`<a href="${helpdesk.target}" target="_blank" rel="noopener noreferrer">${t("common.helpdesk.link")}
    <span class="visually-hidden">${t("common.opens_new_tab")}</span></a>`;
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
  return html`<footer>${support}<p>${helpdeskLink(model.t, model.helpdesk)}</p></footer>`;
}

/** A complete HTML document around `body`. */
export function layout(model: LayoutModel, body: Html): Html {
  const scripts = (model.scripts ?? []).map(
    (script) => html`<script src="${script.src}"${script.module ? html` type="module"` : html` defer`}></script>`,
  );
  const styles = (model.styles ?? []).map((href) => html`<link rel="stylesheet" href="${href}">`);
  return html`<!doctype html>
<html lang="${model.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${model.title} · ${model.orgName}</title>
<link rel="stylesheet" href="/static/sandi.css">
${styles}${scripts}
</head>
<body>
<header><p class="brand">${model.orgName}</p>${languageSwitcher(model)}</header>
<main id="main">
<h1>${model.title}</h1>
${body}
</main>
${footer(model)}
</body>
</html>`;
}

/** A list of error messages, announced to screen readers. */
export function errorSummary(t: Translate, messages: readonly string[]): Html {
  if (messages.length === 0) return html``;
  return html`<div class="errors" role="alert"><h2>${t("common.errors_heading")}</h2>
    <ul>${messages.map((message) => html`<li>${message}</li>`)}</ul></div>`;
}
