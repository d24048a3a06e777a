/** Where a save goes: back to My security info with what happened, or the reason it was refused. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { SaveRefusal } from "../../../domain/registration/security-info-service.js";
import type { VerifiedMethod } from "../../../domain/ports.js";
import { SECURITY_INFO_PATH, type SecurityInfoRouteContext } from "./security-info-context.js";

/** Redirects after a save: `?notice=added` (or the refusal), with `&warn=` when the method deserves a warning. */
export function afterSave(
  _context: SecurityInfoRouteContext,
  _request: FastifyRequest,
  reply: FastifyReply,
  saved: { ok: true; method: VerifiedMethod } | { ok: false; reason: SaveRefusal },
  warning: string | null,
): FastifyReply {
  const notice = saved.ok ? "saved" : saved.reason;
  const warn = warning === null ? "" : `&warn=${encodeURIComponent(warning)}`;
  return reply.redirect(`${SECURITY_INFO_PATH}?notice=${notice}${warn}`, 303);
}
