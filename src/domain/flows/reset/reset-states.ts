/** SPEC §6.8's state table for reset flows, in lowercase. */
export type ResetState =
  | "identify"
  | "action"
  | "gate_select"
  | "gate_challenge"
  | "password"
  | "writing"
  | "unlocking"
  | "not_locked"
  | "done"
  | "done_unlock"
  | "blocked"
  | "expired"
  | "cancelled"
  | "failed";

export type ResetAction =
  | "submit_user_id"
  | "choose_action"
  | "choose_method"
  | "submit_proof"
  | "resend"
  | "back"
  | "cancel"
  | "submit_password"
  | "finish_write"
  | "write_timed_out"
  | "finish_unlock"
  | "reset_instead"
  | "finish"
  | "expire";

// gate k of GATE_SELECT(k) and GATE_CHALLENGE(k) is methodsPassed.length + 1
export const RESET_TRANSITIONS = {
  identify: { submit_user_id: ["action", "gate_select", "blocked"] },
  action: { choose_action: ["gate_select"], cancel: ["cancelled"], expire: ["expired"] },
  gate_select: { choose_method: ["gate_challenge"], cancel: ["cancelled"], expire: ["expired"] },
  gate_challenge: {
    // `failed`: checks 4–9 are re-run when a gate is passed, and an account no longer eligible ends there (SPEC §6.4).
    submit_proof: ["gate_challenge", "gate_select", "password", "unlocking", "blocked", "failed"],
    resend: ["gate_challenge", "blocked"],
    back: ["gate_select"],
    cancel: ["cancelled"],
    expire: ["expired"],
  },
  password: {
    submit_password: ["writing", "password", "failed", "blocked"],
    cancel: ["cancelled"],
    expire: ["expired"],
  },
  // A refused write that was the 10th submission ends the flow, as a 10th rejected password does in PASSWORD.
  writing: { finish_write: ["done", "password", "failed"], write_timed_out: ["failed"] },
  // `blocked`: a block set after the gate was passed still stops the unlock, as it stops a password write. `expire`:
  // a flow left here (the directory could not be reached; the page offers to try again) ends with the flow's time.
  unlocking: { finish_unlock: ["done_unlock", "not_locked", "failed", "blocked"], expire: ["expired"] },
  // "Finish" ends the flow, so a browser left open cannot "reset instead" later without the gates.
  not_locked: { reset_instead: ["password"], finish: ["cancelled"], expire: ["expired"] },
  done: {},
  done_unlock: {},
  blocked: {},
  expired: {},
  cancelled: {},
  failed: {},
} as const satisfies Record<ResetState, Partial<Record<ResetAction, readonly ResetState[]>>>;

/** True when the state table allows `action` in `state`. */
export function isActionAllowed(state: ResetState, action: ResetAction): boolean {
  return Object.hasOwn(RESET_TRANSITIONS[state], action);
}

/** True when `action` in `from` may lead to `to`. */
export function isTransitionAllowed(from: ResetState, action: ResetAction, to: ResetState): boolean {
  const targets = (RESET_TRANSITIONS[from] as Partial<Record<ResetAction, readonly ResetState[]>>)[action];
  return targets?.includes(to) ?? false;
}

/** States no action leaves. */
export function isTerminal(state: ResetState): boolean {
  return Object.keys(RESET_TRANSITIONS[state]).length === 0;
}
