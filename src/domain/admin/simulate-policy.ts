/**
 * Policy simulation (SPEC §3 "Policy simulation", issue 12 item 4): before a save, what a draft would do to every
 * person of the directory next to the live policy. Only a Global admin, who alone may save a policy, runs it
 * (`policy.edit`): it exists to prepare a save, and its list names people with their reason codes.
 */
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import { kindsServedBy } from "../methods.js";
import { diffPolicies, policyFromSettings } from "../policies/policy-seed.js";
import type { PopulationReader } from "../policies/simulation/population.js";
import { createSimulationTally, type SimulationReport } from "../policies/simulation/simulation-report.js";
import { type BuildKinds, outcomeOf } from "../policies/simulation/user-outcome.js";
import { checkPolicy, DEFAULT_POLICY, type PolicyViolation, type SsprPolicy } from "../policies/sspr-policy.js";

/** A draft that breaks the rules (the same shape as policy-actions' PolicyInvalid, which imports this module). */
interface PolicyInvalid {
  readonly ok: false;
  readonly reason: "invalid";
  readonly violations: readonly PolicyViolation[];
}
import { type AdminActor, actorMay } from "./admin-actor.js";
import type { AdminDeps } from "./admin-deps.js";

/** People read per page: a few queries each, a bounded slice of memory. */
export const POPULATION_PAGE = 5000;
/** The longest page of affected people a caller may ask for. */
export const AFFECTED_PAGE_MAX = 200;
export const AFFECTED_PAGE_DEFAULT = 50;

export type SimulationDeps = Pick<AdminDeps, "policy" | "clock" | "availableMethods" | "gateMethods"> & {
  readonly population: PopulationReader;
};

export interface SimulationInput {
  readonly draft: SsprPolicy;
  readonly page?: { readonly offset: number; readonly limit: number };
}

/** The kinds this process registers and accepts at a gate, as the reset and the readiness panel see them. */
export function buildKindsOf(deps: Pick<AdminDeps, "availableMethods" | "gateMethods">): BuildKinds {
  return { available: kindsServedBy(deps.availableMethods), gateKinds: kindsServedBy(deps.gateMethods) };
}

/** The live policy, or the defaults before one was saved. */
export async function livePolicy(deps: Pick<AdminDeps, "policy">): Promise<SsprPolicy> {
  return (await deps.policy.current())?.policy ?? DEFAULT_POLICY;
}

/** A draft made of KEY = VALUE settings (`policy set`'s keys) over the live policy, or every rule it breaks. */
export async function draftFromSettings(
  deps: Pick<AdminDeps, "policy" | "availableMethods">,
  settings: Readonly<Record<string, string>>,
): Promise<{ ok: true; value: SsprPolicy } | PolicyInvalid> {
  const built = policyFromSettings(await livePolicy(deps), settings, deps.availableMethods);
  return built.ok ? { ok: true, value: built.policy } : { ok: false, reason: "invalid", violations: built.violations };
}

function pageOf(input: SimulationInput): { offset: number; limit: number } {
  const limit = Math.min(Math.max(1, Math.trunc(input.page?.limit ?? AFFECTED_PAGE_DEFAULT)), AFFECTED_PAGE_MAX);
  return { offset: Math.max(0, Math.trunc(input.page?.offset ?? 0)), limit };
}

/** Every person under the live policy and under `draft`; "invalid" when the draft could not be saved anyway. */
export async function simulatePolicyChange(
  deps: SimulationDeps,
  actor: AdminActor,
  input: SimulationInput,
): Promise<Outcome<SimulationReport, "forbidden"> | PolicyInvalid> {
  if (!actorMay(actor, "policy.edit")) return fail("forbidden");
  const violations = checkPolicy(input.draft, deps.availableMethods);
  if (violations.length > 0) return { ok: false, reason: "invalid", violations };
  const live = await livePolicy(deps);
  const now = deps.clock.now();
  const tally = await tallyPopulation(deps, { live, draft: input.draft, now });
  const changes = diffPolicies(live, input.draft);
  return succeed(tally.report({ changes, page: pageOf(input), ranAt: now, timeZone: live.organisation.timeZone }));
}

/** Every person of the directory judged under `live` and `draft`, page by page. */
async function tallyPopulation(
  deps: SimulationDeps,
  input: { live: SsprPolicy; draft: SsprPolicy; now: Date },
): Promise<ReturnType<typeof createSimulationTally>> {
  const { live, draft, now } = input;
  const kinds = buildKindsOf(deps);
  const tally = createSimulationTally();
  let after: string | null = null;
  do {
    const page = await deps.population.readPage({ after, limit: POPULATION_PAGE });
    for (const member of page.members)
      tally.add(member, outcomeOf(member, live, kinds, now), outcomeOf(member, draft, kinds, now));
    after = page.next;
  } while (after !== null);
  return tally;
}
