/**
 * The user list's "Capable" filter (SPEC §5.3, issue 12 item 5): Capable is decided by the policy in force, not
 * stored, so the list asks the same function the readiness panel and the simulation ask, over the population reader
 * the simulation reads (a few queries per 5,000 people). The cost grows with the directory; only a list filtered by
 * Capable pays it.
 */
import { buildKindsOf, livePolicy, POPULATION_PAGE } from "./simulate-policy.js";
import { outcomeOf } from "../policies/simulation/user-outcome.js";
import type { AdminDeps } from "./admin-deps.js";

/** The directory refs of everyone whose Capable state is `capable` under the live policy at `now`. */
export async function refsByCapable(
  deps: Pick<AdminDeps, "policy" | "population" | "availableMethods" | "gateMethods" | "clock">,
  capable: boolean,
): Promise<string[]> {
  const policy = await livePolicy(deps);
  const kinds = buildKindsOf(deps);
  const now = deps.clock.now();
  const refs: string[] = [];
  let after: string | null = null;
  do {
    const page = await deps.population.readPage({ after, limit: POPULATION_PAGE });
    for (const member of page.members)
      if (outcomeOf(member, policy, kinds, now).capable === capable) refs.push(member.user.entryId);
    after = page.next;
  } while (after !== null);
  return refs;
}
