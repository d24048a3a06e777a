/**
 * Keeps `account.registration_state` in step with the user's methods (SPEC §5.3: states are recomputed whenever
 * the user's data changes) and writes "User registered for SSPR" the first time the user reaches Registered.
 */
import type { AuditEvent } from "../audit-events.js";
import type { TransactionStores } from "../ports.js";
import type { SsprPolicy } from "../policies/sspr-policy.js";
import type { RegistrableKind } from "../methods.js";
import { readinessOf } from "./readiness.js";
import type { SecurityInfoCaller } from "./security-info-deps.js";

/** Recomputes and stores the state; the events to append (the first-time audit event, or none). */
export async function refreshRegistrationState(
  stores: Pick<TransactionStores, "methods" | "accounts">,
  input: { caller: SecurityInfoCaller; policy: SsprPolicy; available: readonly RegistrableKind[]; now: Date },
): Promise<AuditEvent[]> {
  const { caller, policy, now } = input;
  const methods = await stores.methods.listForUser(caller.user.ref);
  const readiness = readinessOf({ user: caller.user, methods, policy, available: input.available });
  const state = readiness.registered ? "registered" : "none";
  const first = await stores.accounts.setRegistrationState(caller.user.ref, state, now);
  if (readiness.registered) await stores.accounts.confirmRegistration(caller.user.ref, now);
  if (!first) return [];
  return [
    {
      activity: "sspr.registered",
      result: "success",
      reason: "first_time",
      actor: { type: "user", id: caller.user.ref, userId: caller.user.userId },
      target: { ref: caller.user.ref, userId: caller.user.userId },
      ip: caller.ip,
      client: caller.client,
      lang: caller.lang,
      time: now,
    },
  ];
}
