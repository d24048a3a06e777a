/** The one way a reset flow changes state: every move is checked against RESET_TRANSITIONS before it is made. */
import type { ResetFlow } from "./reset-flow.js";
import { isTransitionAllowed, type ResetAction, type ResetState } from "./reset-states.js";

/** Thrown when code asks for a move the state table does not allow: a bug, never a user's mistake. */
export class TransitionNotAllowedError extends Error {
  constructor(
    readonly from: ResetState,
    readonly action: ResetAction,
    readonly to: ResetState,
  ) {
    super(`reset flow: ${action} may not lead from ${from} to ${to}`);
    this.name = "TransitionNotAllowedError";
  }
}

/** Fields a step may change together with the state; the state itself only through `transition`. */
export type FlowChanges = Partial<Omit<ResetFlow, "state" | "id" | "secretHash" | "version">>;

/** `flow` moved by `action` to `to`, with `changes` applied; throws when the table does not allow the move. */
export function transition(flow: ResetFlow, action: ResetAction, to: ResetState, changes: FlowChanges = {}): ResetFlow {
  if (!isTransitionAllowed(flow.state, action, to)) throw new TransitionNotAllowedError(flow.state, action, to);
  return { ...flow, ...changes, state: to };
}

/** A new flow, in IDENTIFY: the only state a flow is born in; `transition` takes it on from there. */
export function newFlow(fields: Omit<ResetFlow, "state">): ResetFlow {
  return { ...fields, state: "identify" };
}
