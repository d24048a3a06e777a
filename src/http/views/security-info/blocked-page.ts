/**
 * SPEC §8.1's block page, in the user's language: paused until a time, and the helpdesk can help sooner; the layout
 * renders the explanation (SPEC §13.3) with the helpdesk link.
 */
import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../../lib/html.js";
import { formatDateTime } from "../format-time.js";
import type { UserErrorModel } from "../user-error.js";

export function blockedPage(
  request: FastifyRequest,
  until: Date,
): { title: string; body: Html; userError: UserErrorModel } {
  const time = formatDateTime(until, request.lang, request.timeZone);
  return {
    title: request.t("security_info.blocked.title"),
    body: html`<p><a href="/account">${request.t("security_info.back_account")}</a></p>`,
    userError: { id: "security_info_blocked", values: { time } },
  };
}
