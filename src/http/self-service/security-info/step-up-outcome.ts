/** A step-up passed: the session is fresh, and the user goes on to where they were heading. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { RegistrationChallenge } from "../../../domain/registration/registration-ports.js";
import type { SecurityInfoCaller } from "../../../domain/registration/security-info-service.js";
import { safeNextPath, SECURITY_INFO_PATH, type SecurityInfoRouteContext } from "./security-info-context.js";

/** Marks the step-up passed for the method the challenge proved, then goes to the page the user asked for. */
export async function passedStepUp(
  context: SecurityInfoRouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  caller: SecurityInfoCaller,
  challenge: RegistrationChallenge,
): Promise<FastifyReply> {
  const service = context.services.securityInfo.service;
  const method = challenge.replacesId === null ? null : await service.findOwn(caller, challenge.replacesId);
  if (method === null) return reply.redirect(`${SECURITY_INFO_PATH}/verify?notice=not_found`, 303);
  await service.passStepUp(caller, method);
  const next = request.cookies["sandi_next"];
  return reply.clearCookie("sandi_next", { path: SECURITY_INFO_PATH }).redirect(safeNextPath(next), 303);
}
