/** SPEC §8.1's block page, in the user's language: paused until a time, and the helpdesk can help sooner. */
import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../../lib/html.js";
import { formatDateTime } from "../format-time.js";

export function blockedPage(request: FastifyRequest, until: Date): { title: string; body: Html } {
  const time = formatDateTime(until, request.lang, request.timeZone);
  return {
    title: request.t("security_info.blocked.title"),
    body: html`<p role="alert">${request.t("security_info.blocked.message", { time })}</p>
<p><a href="/account">${request.t("security_info.back_account")}</a></p>`,
  };
}
