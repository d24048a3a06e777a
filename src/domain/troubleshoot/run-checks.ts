/** The 13 checks of SPEC §13.1 in order, over one set of facts. Pure: the same facts always give the same answer. */
import { accountResolves, accountUsable, privilege } from "./account-checks.js";
import type { CheckResult } from "./diagnosis.js";
import type { DiagnosisFacts } from "./diagnosis-facts.js";
import { delivery, directory, passwordPolicy, recentFlows } from "./history-checks.js";
import { locks, ssprCounters } from "./lock-checks.js";
import { methods, registration } from "./method-checks.js";
import { organisationPolicy, scope } from "./policy-checks.js";

const CHECKS: readonly ((facts: DiagnosisFacts) => CheckResult)[] = [
  accountResolves,
  accountUsable,
  organisationPolicy,
  scope,
  privilege,
  methods,
  registration,
  ssprCounters,
  locks,
  directory,
  passwordPolicy,
  delivery,
  recentFlows,
];

/** Every check's result, in SPEC §13.1's order. */
export function runChecks(facts: DiagnosisFacts): CheckResult[] {
  return CHECKS.map((check) => check(facts));
}
