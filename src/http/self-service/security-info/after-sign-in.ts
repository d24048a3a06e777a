/**
 * Where a sign-in lands, and the page it was asked for kept across what must come first. A must-change password
 * (temporary, expired, common) and a due registration interrupt come before the page behind `next=`; the page is kept
 * in a short-lived cookie on /account, and the step that was in the way (the password changed, the interrupt skipped
 * or confirmed) goes on to it, as the sign-in would have.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { interruptFor } from "../../../domain/registration/interrupt.js";
import type { SecurityInfoCaller } from "../../../domain/registration/security-info-service.js";
import { signInReturnPath } from "../../return-path.js";
import { callerOf, PASSWORD_PAGE, type RouteContext } from "../session-context.js";
import { SECURITY_INFO_PATH } from "./security-info-context.js";

export const INTERRUPT_PATH = `${SECURITY_INFO_PATH}/register`;

/** The page a sign-in was asked for, while a step before it is done (the cookie's name). */
const KEPT_PAGE_COOKIE = "sandi_after_signin";
/** The steps before it live under /account; half an hour is time enough to change a password or add a method. */
const KEPT_PAGE_COOKIE_PATH = "/account";
const KEPT_PAGE_SECONDS = 1800;

/** The interrupt due for this caller now. */
export async function interruptOf(context: Pick<RouteContext, "services">, caller: SecurityInfoCaller) {
  const service = context.services.securityInfo.service;
  const readiness = await service.readiness(caller);
  const policy = await context.services.securityInfo.deps.currentPolicy();
  return {
    decision: interruptFor({ readiness, account: caller.user, policy, now: context.services.clock.now() }),
    readiness,
  };
}

/** The password change first, then a due interrupt, else `next`, else My account; /signin without a live session. */
async function landingOf(
  context: Pick<RouteContext, "services">,
  request: FastifyRequest,
  token: string | undefined,
  next: string | null,
): Promise<string> {
  const live = token === undefined ? null : await context.services.signIn.sessionUser(token);
  if (live === null) return "/signin";
  if (live.user.mustChangePassword) return PASSWORD_PAGE;
  const caller = { user: live.user, session: live.session, ...callerOf(request) };
  const { decision } = await interruptOf(context, caller);
  return decision.show ? INTERRUPT_PATH : (next ?? "/account");
}

/**
 * Where a fresh sign-in lands (`next` already checked by `signInReturnPath`). When a step comes before `next`, the
 * page is kept for `continueAfterSignIn`.
 */
export async function homeAfterSignIn(
  context: Pick<RouteContext, "services">,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { token: string; next?: string | null },
): Promise<string> {
  const next = input.next ?? null;
  const landing = await landingOf(context, request, input.token, next);
  if (next !== null && landing !== next && landing !== "/signin")
    reply.setCookie(KEPT_PAGE_COOKIE, next, {
      path: KEPT_PAGE_COOKIE_PATH,
      httpOnly: true,
      sameSite: "lax",
      secure: request.protocol === "https",
      maxAge: KEPT_PAGE_SECONDS,
    });
  return landing;
}

/** Drops the kept page: the step before it ends on a page of its own that must be read (a warning). */
export function forgetKeptPage(reply: FastifyReply): FastifyReply {
  return reply.clearCookie(KEPT_PAGE_COOKIE, { path: KEPT_PAGE_COOKIE_PATH });
}

/**
 * After a step that came before the page a sign-in was asked for (`done`): the next step still due (the interrupt
 * after a password change), else that page (the cookie then goes), else `fallback` when no page was kept. The kept
 * value is checked again as any `next=` is.
 */
export async function continueAfterSignIn(
  context: Pick<RouteContext, "services" | "sessionCookie">,
  request: FastifyRequest,
  reply: FastifyReply,
  step: { readonly done: "password" | "interrupt"; readonly fallback: string },
): Promise<string> {
  const kept = signInReturnPath(request.cookies[KEPT_PAGE_COOKIE]);
  if (kept === null) return step.fallback;
  // A skipped or confirmed interrupt is done for this sign-in, though it would show again at the next one.
  const landing =
    step.done === "interrupt" ? kept : await landingOf(context, request, request.cookies[context.sessionCookie], kept);
  if (landing === kept) forgetKeptPage(reply);
  return landing;
}
