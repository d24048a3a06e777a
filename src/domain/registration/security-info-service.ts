/**
 * My security info (SPEC §5.1) as one service the pages, the API and later the admin portal share: the overview
 * (rows, readiness, history), freshness and step-up, saving after a method's own verification, renaming, removal
 * with its warnings and the privileged floor, and the interrupt's confirm and skip.
 */
import { kindOfMethod } from "../methods.js";
import type { VerifiedMethod } from "../ports.js";
import { maskedValueOf } from "./method-display.js";
import {
  methodEvent,
  type NewMethod,
  removeOwnMethod,
  type SaveRefusal,
  saveVerifiedMethod,
} from "./method-changes.js";
import { type Readiness, readinessOf } from "./readiness.js";
import {
  type CodeCheck,
  checkContactCode,
  resendContactCode,
  type SendRefusal,
  startContactVerification,
} from "./contact-codes.js";
import type { MethodEvent } from "./registration-ports.js";
import type { CurrentPasswordCheck, SecurityInfoCaller, SecurityInfoDeps } from "./security-info-deps.js";
import { type Freshness, freshnessOf } from "./step-up.js";

export type { NewMethod, SaveRefusal, SecurityInfoCaller, SecurityInfoDeps };

export interface MethodRow {
  readonly method: VerifiedMethod;
  /** SPEC §4.2's owner view: masked value, or label. */
  readonly shown: string;
}

export interface SecurityInfoOverview {
  readonly rows: readonly MethodRow[];
  readonly readiness: Readiness;
  readonly freshness: Freshness;
  readonly history: readonly MethodEvent[];
}

/** What removing a method would do (SPEC §5.1): refused under the privileged floor, or a warning to confirm. */
export type RemovalCheck =
  | { readonly allowed: false; readonly reason: "not_found" | "privileged_floor" }
  | { readonly allowed: true; readonly losesReset: boolean; readonly method: VerifiedMethod };

export interface SecurityInfoService {
  overview(caller: SecurityInfoCaller): Promise<SecurityInfoOverview>;
  freshness(caller: SecurityInfoCaller): Promise<Freshness>;
  readiness(caller: SecurityInfoCaller): Promise<Readiness>;
  /** The user's own method `id`, or null. */
  findOwn(caller: SecurityInfoCaller, id: string): Promise<VerifiedMethod | null>;
  save(
    caller: SecurityInfoCaller,
    input: Parameters<typeof saveVerifiedMethod>[2],
  ): Promise<{ ok: true; method: VerifiedMethod } | { ok: false; reason: SaveRefusal }>;
  checkRemoval(caller: SecurityInfoCaller, id: string): Promise<RemovalCheck>;
  remove(caller: SecurityInfoCaller, id: string): Promise<RemovalCheck>;
  rename(caller: SecurityInfoCaller, id: string, label: string): Promise<boolean>;
  /** A registered method was just passed: the session is fresh for 10 minutes; history and audit record it. */
  passStepUp(caller: SecurityInfoCaller, method: VerifiedMethod): Promise<void>;
  /** A failed step-up, for the audit log. */
  failStepUp(caller: SecurityInfoCaller, method: VerifiedMethod, reason: string): Promise<void>;
  /** The password given again (users without a non-question method), under the sign-in lockout. */
  reauthenticate(caller: SecurityInfoCaller, password: string): Promise<CurrentPasswordCheck>;
  /** "Looks right" at a reconfirmation. */
  confirm(caller: SecurityInfoCaller): Promise<void>;
  /** The interrupt was skipped: the first prompt is noted and the skip audited (SPEC §5.3: Failure). */
  skip(caller: SecurityInfoCaller): Promise<void>;
  /** Notes that the interrupt was shown (the skip deadline counts from the first). */
  notePrompt(caller: SecurityInfoCaller): Promise<void>;
  /** Sent codes (a value being verified, or a step-up to a registered value): see contact-codes.ts. */
  startCode(
    caller: SecurityInfoCaller,
    input: Parameters<typeof startContactVerification>[2],
  ): Promise<{ ok: true; challengeId: string } | SendRefusal>;
  resendCode(
    caller: SecurityInfoCaller,
    input: Parameters<typeof resendContactCode>[2],
  ): Promise<{ ok: true } | SendRefusal>;
  checkCode(caller: SecurityInfoCaller, input: Parameters<typeof checkContactCode>[2]): Promise<CodeCheck>;
}

function actorOf(caller: SecurityInfoCaller) {
  return {
    actor: { type: "user" as const, id: caller.user.ref, userId: caller.user.userId },
    target: { ref: caller.user.ref, userId: caller.user.userId },
    ip: caller.ip,
    client: caller.client,
    lang: caller.lang,
  };
}

function nonQuestionKinds(methods: readonly VerifiedMethod[]): number {
  return new Set(methods.map((m) => kindOfMethod(m.method)).filter((kind) => kind !== "questions")).size;
}

export function createSecurityInfoService(deps: SecurityInfoDeps): SecurityInfoService {
  const readinessFor = async (caller: SecurityInfoCaller, methods: readonly VerifiedMethod[]) =>
    readinessOf({
      user: caller.user,
      methods,
      policy: await deps.currentPolicy(),
      available: deps.available,
      ...(deps.gateKinds === undefined ? {} : { gateKinds: deps.gateKinds }),
    });

  const checkRemoval = async (caller: SecurityInfoCaller, id: string): Promise<RemovalCheck> => {
    const methods = await deps.methods.listForUser(caller.user.ref);
    const method = methods.find((m) => m.id === id);
    if (method === undefined) return { allowed: false, reason: "not_found" };
    const rest = methods.filter((m) => m.id !== id);
    const before = await readinessFor(caller, methods);
    if (before.privileged && kindOfMethod(method.method) !== "questions" && nonQuestionKinds(rest) < 2)
      return { allowed: false, reason: "privileged_floor" };
    const after = await readinessFor(caller, rest);
    return { allowed: true, losesReset: after.usableKinds.length < after.gatesRequired, method };
  };

  return {
    async overview(caller) {
      const methods = await deps.methods.listForUser(caller.user.ref);
      const now = deps.clock.now();
      return {
        rows: methods.map((method) => ({ method, shown: maskedValueOf(method) })),
        readiness: await readinessFor(caller, methods),
        freshness: freshnessOf(caller.session, methods, now),
        history: await deps.methodHistory.listForUser(caller.user.ref, 20),
      };
    },
    async freshness(caller) {
      return freshnessOf(caller.session, await deps.methods.listForUser(caller.user.ref), deps.clock.now());
    },
    async readiness(caller) {
      return readinessFor(caller, await deps.methods.listForUser(caller.user.ref));
    },
    findOwn: (caller, id) => deps.methods.findForUser(caller.user.ref, id),
    save: (caller, input) => saveVerifiedMethod(deps, caller, input),
    checkRemoval,
    async remove(caller, id) {
      const check = await checkRemoval(caller, id);
      if (!check.allowed) return check;
      const removed = await removeOwnMethod(deps, caller, id);
      return removed.ok ? check : { allowed: false, reason: "not_found" };
    },
    rename: (caller, id, label) => deps.methods.setLabel(caller.user.ref, id, label),
    async passStepUp(caller, method) {
      const now = deps.clock.now();
      // Only a registered non-question method is a second factor (SPEC §2); questions never step anyone up.
      const secondFactor = kindOfMethod(method.method) !== "questions";
      await deps.unitOfWork.inTransaction(async (stores) => {
        await stores.sessions.markSteppedUp(caller.session.id, now, { secondFactor });
        await stores.methods.markUsed(method.id, now);
        await stores.methodHistory.append([methodEvent(deps, caller, method, "used_step_up", now)]);
        await stores.audit.append([
          {
            ...actorOf(caller),
            activity: "security_info.step_up",
            result: "success",
            method: method.method,
            maskedTarget: maskedValueOf(method),
            time: now,
          },
        ]);
      });
    },
    async failStepUp(caller, method, reason) {
      const now = deps.clock.now();
      await deps.unitOfWork.inTransaction((stores) =>
        stores.audit.append([
          {
            ...actorOf(caller),
            activity: "security_info.step_up",
            result: "failure",
            reason,
            method: method.method,
            maskedTarget: maskedValueOf(method),
            time: now,
          },
        ]),
      );
    },
    async reauthenticate(caller, password) {
      const checked = await deps.checkCurrentPassword({ user: caller.user, password, caller });
      const { right } = checked;
      const now = deps.clock.now();
      await deps.unitOfWork.inTransaction(async (stores) => {
        if (right) await stores.sessions.markSteppedUp(caller.session.id, now);
        await stores.audit.append([
          {
            ...actorOf(caller),
            activity: "security_info.step_up",
            result: right ? "success" : "failure",
            reason: "password",
            time: now,
          },
        ]);
      });
      return checked;
    },
    async confirm(caller) {
      const now = deps.clock.now();
      await deps.unitOfWork.inTransaction(async (stores) => {
        await stores.accounts.confirmRegistration(caller.user.ref, now);
        await stores.audit.append([
          { ...actorOf(caller), activity: "security_info.confirmed", result: "success", time: now },
        ]);
      });
    },
    async skip(caller) {
      const now = deps.clock.now();
      await deps.unitOfWork.inTransaction(async (stores) => {
        await stores.accounts.noteRegistrationPrompt(caller.user.ref, now);
        await stores.audit.append([
          { ...actorOf(caller), activity: "sspr.registered", result: "failure", reason: "skipped", time: now },
        ]);
      });
    },
    startCode: (caller, input) => startContactVerification(deps, caller, input),
    resendCode: (caller, input) => resendContactCode(deps, caller, input),
    checkCode: (caller, input) => checkContactCode(deps, caller, input),
    async notePrompt(caller) {
      await deps.unitOfWork.inTransaction((stores) =>
        stores.accounts.noteRegistrationPrompt(caller.user.ref, deps.clock.now()),
      );
    },
  };
}
