/**
 * Checks 6 (methods) and 7 (registration) of SPEC §13.1. Usable methods are counted by readiness.ts, exactly as the
 * reset's eligibility and the readiness panel count them, so the troubleshooter never disagrees with the flow. Pure.
 */
import { maskRecipient } from "../messages.js";
import { kindOfMethod, RECOVERY_CODES_PER_SET, type RegistrableKind } from "../methods.js";
import { isAllowedCountry } from "../phone-number.js";
import type { VerifiedMethod } from "../ports.js";
import { type Readiness, readinessOf } from "../registration/readiness.js";
import { type CheckResult, type Finding, finding, needsAccount, result } from "./diagnosis.js";
import type { AccountFacts, DiagnosisFacts } from "./diagnosis-facts.js";

const DAY_MILLISECONDS = 24 * 3600 * 1000;
const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const EXTENSION = /^\d{1,10}$/;

/** The readiness of the account under the policy, over the kinds this build's gates accept. */
export function readinessFor(facts: DiagnosisFacts, account: AccountFacts): Readiness {
  const { policy, gateKinds } = facts;
  return readinessOf({ user: account.user, methods: account.methods, policy, available: gateKinds, gateKinds });
}

/** What an admin may see of a method's target (SPEC §4.2): a masked address or number, or nothing. */
function maskedTarget(method: VerifiedMethod): string {
  if (method.method === "email") return maskRecipient("email", method.value);
  if (method.method === "sms" || method.method === "voice_office") return maskRecipient("sms", method.value);
  return "";
}

/** Why one registered method does not count, or null when it is usable. */
function problemOf(facts: DiagnosisFacts, method: VerifiedMethod, readiness: Readiness): Finding | null {
  const kind: RegistrableKind = kindOfMethod(method.method);
  const values = { kind, target: maskedTarget(method) };
  const phone = method.method === "sms" || method.method === "voice_office";
  if (phone && !E164.test(method.value)) return finding("method_bad_format", values);
  if (method.method === "email" && !EMAIL.test(method.value)) return finding("method_bad_format", values);
  if (phone && !isAllowedCountry(method.value, facts.policy.allowedPhoneCountries))
    return finding("method_country_not_allowed", values, "SND-214");
  const extension = method.extension ?? "";
  if (method.method === "voice_office" && extension !== "" && !EXTENSION.test(extension))
    return finding("method_bad_extension", values);
  if (!facts.gateKinds.includes(kind)) return finding("method_no_gate", values);
  if (readiness.usableKinds.includes(kind)) return null;
  if (kind === "questions") {
    const answers = method.details?.["answers"];
    const count = Array.isArray(answers) ? answers.length : 0;
    if (count < facts.policy.questions.toReset)
      return finding("questions_too_few", { count, needed: facts.policy.questions.toReset });
  }
  if (kind === "recovery_code" && (method.counter ?? 0) >= RECOVERY_CODES_PER_SET)
    return finding("recovery_codes_spent", values);
  return finding("method_not_enabled", values);
}

/** Check 6: each registered method (enabled, valid, dialable, allowed country) and the usable count vs required. */
export function methods(facts: DiagnosisFacts): CheckResult {
  if (facts.account === null) return needsAccount("methods");
  const readiness = readinessFor(facts, facts.account);
  const perMethod: Finding[] = [];
  let problems = 0;
  for (const method of facts.account.methods) {
    const problem = problemOf(facts, method, readiness);
    if (problem !== null) problems++;
    perMethod.push(
      problem ?? finding("method_usable", { kind: kindOfMethod(method.method), target: maskedTarget(method) }),
    );
  }
  const usable = readiness.usableKinds.length;
  const required = readiness.gatesRequired;
  if (facts.account.methods.length === 0) perMethod.push(finding("no_methods"));
  if (usable < required) {
    const count = finding("usable_count", { usable, required }, "SND-107");
    return result("methods", "fail", [...perMethod, count], "register_methods", "send_reminder");
  }
  const count = finding("usable_count", { usable, required });
  if (problems > 0) return result("methods", "warn", [...perMethod, count], "check_methods");
  return result("methods", "pass", [...perMethod, count]);
}

/** Check 7: Registered, Capable, the last confirmation, the reconfirmation due date, skip days left (SPEC §5.2–5.3). */
export function registration(facts: DiagnosisFacts): CheckResult {
  if (facts.account === null) return needsAccount("registration");
  const { user } = facts.account;
  const { policy, now } = facts;
  const readiness = readinessFor(facts, facts.account);
  const dates = user.registrationDates;
  const findings: Finding[] = [
    finding(readiness.registered ? "registered" : "not_registered", {
      have: readiness.registeredKinds.length,
      needed: readiness.toRegister,
    }),
    finding(readiness.capable ? "capable" : "not_capable"),
  ];
  const confirmedAt = dates?.confirmedAt ?? null;
  if (confirmedAt !== null) findings.push(finding("last_confirmed", { time: confirmedAt }));
  const days = policy.registration.reconfirmDays;
  const due = confirmedAt === null || days === 0 ? null : new Date(confirmedAt.getTime() + days * DAY_MILLISECONDS);
  if (due !== null) findings.push(finding(due <= now ? "reconfirm_overdue" : "reconfirm_due", { time: due }));
  const firstPromptAt = dates?.firstPromptAt ?? null;
  if (!readiness.registered && policy.registration.skipAllowed && firstPromptAt !== null) {
    const elapsed = Math.floor((now.getTime() - firstPromptAt.getTime()) / DAY_MILLISECONDS);
    findings.push(finding("skip_days_left", { count: Math.max(0, policy.registration.maxSkipDays - elapsed) }));
  }
  const forced = (dates?.forcedAt ?? null) !== null;
  if (forced) findings.push(finding("reregistration_required", { time: dates?.forcedAt ?? now }));
  if (!readiness.registered || forced) return result("registration", "warn", findings, "remind_user", "send_reminder");
  if (due !== null && due <= now) return result("registration", "warn", findings, "remind_user", "send_reminder");
  return result("registration", "pass", findings);
}
