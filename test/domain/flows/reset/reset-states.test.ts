/** The state picture (reset-flow.mmd) and the transition table cannot drift apart. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isActionAllowed, isTerminal, RESET_TRANSITIONS } from "../../../../src/domain/flows/reset/reset-states.js";

const diagram = readFileSync(join(import.meta.dirname, "../../../../src/domain/flows/reset/reset-flow.mmd"), "utf8");

function edgesFromDiagram(): string[] {
  return [...diagram.matchAll(/^\s*(\w+) --> (\w+) : (\w+)$/gm)]
    .map((match) => `${String(match[1])} -${String(match[3])}-> ${String(match[2])}`)
    .sort();
}

function edgesFromTable(): string[] {
  return Object.entries(RESET_TRANSITIONS)
    .flatMap(([from, actions]) =>
      Object.entries(actions as Record<string, readonly string[]>).flatMap(([action, targets]) =>
        targets.map((to) => `${from} -${action}-> ${to}`),
      ),
    )
    .sort();
}

describe("reset states", () => {
  it("the diagram draws exactly the table's edges", () => {
    expect(edgesFromDiagram()).toEqual(edgesFromTable());
  });

  it("terminal states allow nothing", () => {
    for (const state of ["done", "done_unlock", "blocked", "expired", "cancelled", "failed"] as const) {
      expect(isTerminal(state)).toBe(true);
      expect(isActionAllowed(state, "submit_password")).toBe(false);
    }
  });

  it("the password can be submitted only in the password state", () => {
    const states = Object.keys(RESET_TRANSITIONS) as (keyof typeof RESET_TRANSITIONS)[];
    expect(states.filter((state) => isActionAllowed(state, "submit_password"))).toEqual(["password"]);
  });
});
