/** The state table is law: every move goes through `transition`, which refuses what RESET_TRANSITIONS does not draw. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ResetFlow } from "../../../../src/domain/flows/reset/reset-flow.js";
import {
  RESET_TRANSITIONS,
  type ResetAction,
  type ResetState,
} from "../../../../src/domain/flows/reset/reset-states.js";
import { newFlow, TransitionNotAllowedError, transition } from "../../../../src/domain/flows/reset/reset-transition.js";

const FLOW_DIR = join(import.meta.dirname, "../../../../src/domain/flows/reset");

function flowIn(state: ResetState): ResetFlow {
  const opened = newFlow({
    id: "f1",
    secretHash: new Uint8Array(32),
    supportCode: "AAAA-BBBB",
    action: "reset",
    typedUserId: "budi@contoh.example",
    userRef: null,
    inertReason: null,
    methodsPassed: [],
    currentMethod: null,
    gateStep: null,
    passwordSubmissions: 0,
    issuedAt: new Date(0),
    expiresAt: new Date(900_000),
    endedAt: null,
    endReason: null,
    lang: "en",
    ip: "10.0.0.1",
    version: 0,
  });
  return { ...opened, ...{ state } };
}

const STATES = Object.keys(RESET_TRANSITIONS) as ResetState[];
const ACTIONS = [
  ...new Set(Object.values(RESET_TRANSITIONS).flatMap((actions) => Object.keys(actions))),
] as ResetAction[];

describe("the reset transition function", () => {
  it("allows exactly the table's moves and throws on every other", () => {
    for (const from of STATES)
      for (const action of ACTIONS)
        for (const to of STATES) {
          const drawn =
            (RESET_TRANSITIONS[from] as Partial<Record<ResetAction, readonly ResetState[]>>)[action]?.includes(to) ??
            false;
          const move = () => transition(flowIn(from), action, to);
          if (drawn) expect(move().state, `${from} -${action}-> ${to}`).toBe(to);
          else expect(move, `${from} -${action}-> ${to}`).toThrow(TransitionNotAllowedError);
        }
  });

  it("a reset completes through WRITING, never straight from PASSWORD to DONE", () => {
    expect(() => transition(flowIn("password"), "submit_password", "done")).toThrow(TransitionNotAllowedError);
    const writing = transition(flowIn("password"), "submit_password", "writing");
    expect(transition(writing, "finish_write", "done").state).toBe("done");
  });

  it("applies the step's other changes with the state, and a new flow is born in IDENTIFY", () => {
    const moved = transition(flowIn("gate_select"), "choose_method", "gate_challenge", { currentMethod: "email" });
    expect(moved).toMatchObject({ state: "gate_challenge", currentMethod: "email" });
    expect(flowIn("identify").state).toBe("identify");
  });

  it("no reset step writes a state by hand: `state:` appears only in the transition function", () => {
    const handWritten = readdirSync(FLOW_DIR)
      .filter((file) => file.endsWith(".ts") && file !== "reset-transition.ts")
      .flatMap((file) =>
        readFileSync(join(FLOW_DIR, file), "utf8")
          .split("\n")
          .map((line, index) => ({ where: `${file}:${String(index + 1)}`, line }))
          // A state written into a flow object: `state: "…"` or `state: someVariable`, not a type or a view's copy.
          .filter(
            ({ line }) => /\bstate:\s*(?!ResetState\b)["'`a-z]/.test(line) && !/state:\s*flow\.state\b/.test(line),
          ),
      );
    expect(handWritten).toEqual([]);
  });
});
