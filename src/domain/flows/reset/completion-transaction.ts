/** The one transaction a reset and an unlock end in: A4's lock, the conditional save, SPEC §9.1's row, A4 counted. */
import type { AuditEvent } from "../../audit-events.js";
import { accountKey } from "../../policies/attempt-policy.js";
import type { SsprPolicy } from "../../policies/sspr-policy.js";
import type { UserAccount } from "../../ports.js";
import { applySecurityEffects, type SecurityEffectsReport } from "../../security-effects.js";
import { hitAccountCounter } from "./gate-throttles.js";
import type { FlowCaller, ResetDeps } from "./reset-deps.js";
import type { ResetFlow } from "./reset-flow.js";

/** What a completion hands the shared transaction: the saved end state, the §9.1 row and its own writes and events. */
export interface CompletionInput {
  readonly flow: ResetFlow;
  readonly policy: SsprPolicy;
  readonly user: UserAccount;
  readonly caller: FlowCaller;
  /** The one time of this completion: the end state's, the effects' and the events'. */
  readonly now: Date;
  /** The flow in its end state, saved only if `flow.version` is still current. */
  readonly done: ResetFlow;
  readonly cause: "self_reset" | "self_unlock";
  /** A reset: the user chose their own password, so must-change and the compromised and temporary marks end. */
  readonly passwordChosen: boolean;
  /** The completion's own audit events; A4's block events, if any, follow them. */
  readonly events: (effects: SecurityEffectsReport) => AuditEvent[];
}

/**
 * Saves `done` and carries out SPEC §9.1's row in one transaction; null when another request won. Nothing here may
 * stop the consequences once the save holds: A4 is only counted, under its lock, and its block applies to later flows.
 */
export async function commitCompletion(deps: ResetDeps, input: CompletionInput): Promise<ResetFlow | null> {
  const { flow, policy, user, caller, done, now } = input;
  // Read before the transaction: on PGlite a query outside it would wait for it forever.
  const organisation = await deps.organisation();
  return deps.unitOfWork.inTransaction(async (stores): Promise<ResetFlow | null> => {
    // Under A4's lock, so parallel completions of one account count A4 one after another and see its block.
    await stores.throttles.serialise("A4", accountKey(flow.userRef, flow.typedUserId));
    if (!(await stores.flows.saveIfVersion(done, flow.version))) return null;
    // SPEC §16: the stored language follows each sign-in and flow, for mail that no browser causes later.
    if (input.passwordChosen) await stores.accounts.recordOwnPasswordChosen(user.ref, flow.lang);
    else await stores.accounts.setPreferredLanguage(user.ref, flow.lang);
    // Security notices are exempt from the recipient limits (SPEC §8.2). The notice reads in the flow's language,
    // not the request's, as the journey did.
    const effects = await applySecurityEffects(stores, {
      cause: input.cause,
      user,
      now,
      causingFlowId: flow.id,
      notify: {
        enabled: policy.notify.userOnReset,
        caller: { ip: caller.ip, client: caller.client, lang: flow.lang },
        organisation,
      },
    });
    const a4Blocked = await hitAccountCounter(stores.throttles, "A4", flow, now);
    const events = input.events(effects);
    // The reset or unlock itself is done; further ones within the hour are refused (SPEC §8.1 A4, SND-304).
    if (a4Blocked !== null) events.push(...a4Blocked.events);
    await stores.audit.append(events);
    return done;
  });
}
