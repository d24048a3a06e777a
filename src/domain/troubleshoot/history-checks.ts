/**
 * Checks 10 (directory for this user), 11 (effective password policy), 12 (delivery) and 13 (recent flows) of SPEC
 * §13.1. Check 10 and the directory's part of 11 read the LDAP directory; until it exists they say so (check 11's
 * expiry is the built-in directory's `password.maxAgeDays`; LDAP and AD expiry come with the adapter). Pure.
 */
import type { ReasonCode } from "../reasons.js";
import { type CheckResult, type Finding, finding, needsAccount, result } from "./diagnosis.js";
import type { DeliveryRecord, DiagnosisFacts } from "./diagnosis-facts.js";
import { isExpiredAt, passwordExpiresAt } from "../password-expiry/password-expiry.js";
import type { UserAccount } from "../users.js";

/** How many messages and flows the checks show (SPEC §13.1). */
export const MESSAGES_SHOWN = 10;
export const FLOWS_SHOWN = 5;

/** A reason safe to show as it was written: a code or a short tag, never a provider's free text. */
const SAFE_REASON = /^(SND-\d{3}(:[A-Z0-9]+)?|[a-z_]+(:[a-z_]+)?)$/;

/** Check 10: health, the service account's rights on the entry, the last writeback, `adminCount` (LDAP only). */
export function directory(facts: DiagnosisFacts): CheckResult {
  if (facts.account === null) return needsAccount("directory");
  const fact = facts.directory.kind === "builtin" ? "needs_ldap_builtin" : "needs_ldap";
  return result("directory", "not_available", [finding(fact)]);
}

/**
 * Check 11's expiry finding for a built-in password: none set, never (max age 0, or an admin's temporary password
 * with its own 72 h rule), the date it expires, or that it has expired (the next sign-in must change it).
 */
function expiryFinding(facts: DiagnosisFacts, user: UserAccount): { finding: Finding; expired: boolean } | null {
  if (user.passwordChangedAt === null) return null;
  const { maxAgeDays } = facts.policy.password;
  if (maxAgeDays === 0) return { finding: finding("no_expiry"), expired: false };
  if ((user.temporaryPasswordAt ?? null) !== null) return { finding: finding("expiry_temporary"), expired: false };
  const expiresAt = passwordExpiresAt(user, maxAgeDays, facts.directory.kind);
  if (expiresAt === null) return null;
  const expired = isExpiredAt(expiresAt, facts.now);
  return { finding: finding(expired ? "password_expired" : "password_expires", { time: expiresAt }), expired };
}

/** Check 11: the policy's source, minimum age, must-change and expiry; a directory's own policy needs LDAP. */
export function passwordPolicy(facts: DiagnosisFacts): CheckResult {
  if (facts.account === null) return needsAccount("password_policy");
  if (facts.directory.kind !== "builtin") return result("password_policy", "not_available", [finding("needs_ldap")]);
  const { user } = facts.account;
  const { password } = facts.policy;
  const expiry = expiryFinding(facts, user);
  const findings: Finding[] = [
    finding("policy_builtin", { min: password.minLength, history: password.history }),
    finding("no_minimum_age"),
    ...(expiry === null ? [] : [expiry.finding]),
  ];
  if (user.passwordChangedAt !== null) findings.push(finding("password_changed", { time: user.passwordChangedAt }));
  if (!user.mustChangePassword && expiry?.expired !== true) return result("password_policy", "pass", findings);
  if (user.mustChangePassword)
    findings.push(finding(user.passwordCompromised ? "must_change_compromised" : "must_change"));
  return result("password_policy", "warn", findings, "explain_must_change");
}

function messageCode(message: DeliveryRecord): ReasonCode | undefined {
  if (message.status === "suppressed") return "SND-213";
  if (message.status === "abandoned" || message.status === "retrying") return "SND-205";
  return undefined;
}

function messageFinding(message: DeliveryRecord): Finding {
  const reason = message.reason !== null && SAFE_REASON.test(message.reason) ? message.reason : "";
  const values = {
    about: message.about,
    target: message.maskedRecipient,
    status: message.status,
    time: message.time,
    reason,
  };
  return finding("message", values, messageCode(message));
}

/** Check 12: the last 10 messages to the user's methods: sent, failed or suppressed, and why (213; 205). */
export function delivery(facts: DiagnosisFacts): CheckResult {
  if (facts.account === null) return needsAccount("delivery");
  const messages = facts.account.messages.slice(0, MESSAGES_SHOWN);
  if (messages.length === 0) return result("delivery", "pass", [finding("no_messages")]);
  const findings = messages.map(messageFinding);
  const undelivered = messages.some((message) => messageCode(message) !== undefined);
  return undelivered ? result("delivery", "warn", findings, "fix_delivery") : result("delivery", "pass", findings);
}

/** States a flow ends in without the user getting what they came for. */
const UNHAPPY_STATES: ReadonlySet<string> = new Set(["blocked", "failed", "expired"]);

/** Check 13: the last 5 flows with their result, last reason and the hidden eligibility code (SPEC §6.4). */
export function recentFlows(facts: DiagnosisFacts): CheckResult {
  const flows =
    facts.account?.flows ??
    (facts.subject.via === "support_code" && facts.subject.flow !== null ? [facts.subject.flow] : []);
  const shown = flows.slice(0, FLOWS_SHOWN);
  if (shown.length === 0) return result("recent_flows", "pass", [finding("no_flows")]);
  const findings = shown.map((flow) =>
    finding(
      "flow",
      { code: flow.supportCode, time: flow.issuedAt, state: flow.state, end: flow.endReason ?? "" },
      flow.inertReason ?? undefined,
    ),
  );
  const troubled = shown.some((flow) => flow.inertReason !== null || UNHAPPY_STATES.has(flow.state));
  return troubled
    ? result("recent_flows", "warn", findings, "follow_user_errors")
    : result("recent_flows", "pass", findings);
}
