/** Broken invariants: actions a state forbids, CSRF mismatches. They throw; user mistakes are returned outcomes. */
export type InvariantCode = "csrf_invalid" | "action_not_allowed" | "flow_not_found" | "origin_invalid";

/** Thrown when a request breaks a rule no honest client breaks. */
export class InvariantError extends Error {
  constructor(
    readonly code: InvariantCode,
    message?: string,
  ) {
    super(message ?? code);
    this.name = "InvariantError";
  }
}
