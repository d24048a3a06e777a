/**
 * Recovery codes in My security info (SPEC §18): a set of 10 shown once, saved as lookup ids and keyed hashes
 * under one method row; a new set replaces the row, and the old codes go with it (the rows cascade). A code proves
 * the user at a step-up: the attempt counts in A2 first (SPEC §8.1), then one HMAC decides, and a match is spent
 * at once, so a code works once even when two requests race.
 */
import type { SecurityInfoCaller, SecurityInfoDeps } from "../../domain/registration/security-info-deps.js";
import { type SaveRefusal, saveVerifiedMethod } from "../../domain/registration/method-changes.js";
import { hitOwnAccountCounter, ownAccountBlock } from "../../domain/registration/registration-throttles.js";
import type { VerifiedMethod } from "../../domain/ports.js";
import { generateRecoveryCodes, matchRecoveryCode, parseTypedRecoveryCode } from "../../domain/recovery-codes.js";

export type RecoveryCodeRefusal =
  | { readonly ok: false; readonly reason: "wrong" | "not_found" }
  | { readonly ok: false; readonly reason: "blocked"; readonly until: Date };

export interface RecoveryCodeRegistration {
  /** A new set, replacing the caller's old one; the codes come back this once, to be shown and downloaded. */
  generate(
    caller: SecurityInfoCaller,
  ): Promise<{ ok: true; codes: readonly string[]; method: VerifiedMethod } | { ok: false; reason: SaveRefusal }>;
  /** The caller's set, if any, with its unspent codes counted. */
  current(caller: SecurityInfoCaller): Promise<{ method: VerifiedMethod; left: number } | null>;
  /** A step-up with one code of the set `methodId`; the code is spent when it matches. */
  stepUp(
    caller: SecurityInfoCaller,
    input: { methodId: string; code: string },
  ): Promise<{ ok: true; method: VerifiedMethod; left: number } | RecoveryCodeRefusal>;
}

export function createRecoveryCodeRegistration(deps: SecurityInfoDeps): RecoveryCodeRegistration {
  const ownSet = async (caller: SecurityInfoCaller) =>
    (await deps.methods.listForUser(caller.user.ref)).find((method) => method.method === "recovery_code") ?? null;

  return {
    async generate(caller) {
      const keyId = deps.codeKeys.currentId;
      const set = generateRecoveryCodes(deps.random, deps.codeKeys.get(keyId));
      const old = await ownSet(caller);
      const saved = await saveVerifiedMethod(deps, caller, {
        method: { method: "recovery_code", value: "", label: null, counter: 0 },
        replacesId: old?.id ?? null,
        afterSave: (stores, method) =>
          stores.recoveryCodes.addSet(
            method.id,
            set.stored.map((code) => ({ ...code, keyId })),
          ),
      });
      return saved.ok ? { ok: true, codes: set.display, method: saved.method } : saved;
    },

    async current(caller) {
      const method = await ownSet(caller);
      return method === null ? null : { method, left: await deps.recoveryCodes.countLeft(method.id) };
    },

    async stepUp(caller, input) {
      const now = deps.clock.now();
      return deps.unitOfWork.inTransaction(async (stores) => {
        const method = await stores.methods.findForUser(caller.user.ref, input.methodId);
        if (method === null || method.method !== "recovery_code") return { ok: false, reason: "not_found" } as const;
        const block = await ownAccountBlock(stores.throttles, caller, now);
        if (block !== null) return { ok: false, reason: "blocked", until: block } as const;
        const blocked = await hitOwnAccountCounter(stores.throttles, "A2", caller, now);
        await stores.audit.append(blocked?.events ?? []);
        if (blocked !== null) return { ok: false, reason: "blocked", until: blocked.until } as const;
        const typed = parseTypedRecoveryCode(input.code);
        if (typed === null) return { ok: false, reason: "wrong" } as const;
        const found = await stores.recoveryCodes.findUnspent(caller.user.ref, typed.lookup);
        const candidate = found !== null && found.methodId === method.id ? found : null;
        const key = deps.codeKeys.get(candidate?.keyId ?? deps.codeKeys.currentId);
        if (!matchRecoveryCode(candidate, typed, key) || candidate === null)
          return { ok: false, reason: "wrong" } as const;
        if (!(await stores.recoveryCodes.spend(method.id, candidate.lookup, now)))
          return { ok: false, reason: "wrong" } as const;
        return { ok: true, method, left: await stores.recoveryCodes.countLeft(method.id) } as const;
      });
    },
  };
}
