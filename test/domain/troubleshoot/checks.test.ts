/** Each of SPEC §13.1's checks passes, warns or fails on the facts that should make it so (a fixed clock). */
import { describe, expect, it } from "vitest";
import { accountResolves, accountUsable, privilege } from "../../../src/domain/troubleshoot/account-checks.js";
import type { CheckResult } from "../../../src/domain/troubleshoot/diagnosis.js";
import { delivery, directory, passwordPolicy, recentFlows } from "../../../src/domain/troubleshoot/history-checks.js";
import { locks, ssprCounters } from "../../../src/domain/troubleshoot/lock-checks.js";
import { methods, registration } from "../../../src/domain/troubleshoot/method-checks.js";
import { organisationPolicy, scope } from "../../../src/domain/troubleshoot/policy-checks.js";
import { runChecks } from "../../../src/domain/troubleshoot/run-checks.js";
import { sampleFlow } from "../../contracts/store-fixtures.js";
import { account, countersWith, EMAIL, facts, method, NOW, PHONE, POLICY, USER } from "./diagnosis-fixtures.js";

const codes = (check: CheckResult) => check.findings.flatMap((item) => (item.code === undefined ? [] : [item.code]));
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe("a user who can reset", () => {
  it("passes every check but the LDAP one, which says it is not available", () => {
    const results = runChecks(facts());
    expect(results).toHaveLength(13);
    expect(results.map((check) => check.status)).toEqual([
      ...Array<string>(9).fill("pass"),
      "not_available",
      "pass",
      "pass",
      "pass",
    ]);
    expect(results.every((check) => check.fix === null)).toBe(true);
  });
});

describe("check 1: account resolves", () => {
  it("fails with SND-101 for an unknown user ID, and every account check says it needs the account", () => {
    const results = runChecks(facts({ account: null, subject: { via: "user_id", userId: "nobody@contoh.example" } }));
    expect(results[0]).toMatchObject({ status: "fail", fix: "check_user_id" });
    expect(codes(results[0] as CheckResult)).toEqual(["SND-101"]);
    expect(results[1]?.status).toBe("not_available");
    expect(results[2]?.status).toBe("pass"); // the organisation's policy does not need the account
  });

  it("names the flow a support code found, and fails for a code no flow has", () => {
    const flow = sampleFlow({ supportCode: "K7QF-2M9D", userRef: USER.ref, typedUserId: USER.userId });
    const found = accountResolves(facts({ subject: { via: "support_code", supportCode: "K7QF-2M9D", flow } }));
    expect(found.status).toBe("pass");
    expect(found.findings.map((item) => item.fact)).toEqual(["support_code_flow", "one_match"]);
    const unknown = accountResolves(facts({ subject: { via: "support_code", supportCode: "AAAA-BBBB", flow: null } }));
    expect(unknown).toMatchObject({ status: "fail", fix: "check_support_code" });
  });
});

describe("check 2: account usable", () => {
  it("fails for a disabled account (103), an admin lock (411) and a security hold (306), with the fix", () => {
    expect(codes(accountUsable(facts({}, { enabled: false })))).toEqual(["SND-103"]);
    expect(accountUsable(facts({}, { adminLocked: true }))).toMatchObject({ status: "fail", fixAction: "unlock" });
    const held = accountUsable(facts({}, { securityHold: true }));
    expect(held).toMatchObject({ status: "fail", fixAction: "release_hold" });
    expect(codes(held)).toEqual(["SND-306"]);
  });
});

describe("check 3: organisation policy", () => {
  it("fails for scope None (104) and an incomplete policy (105); passes otherwise", () => {
    expect(codes(organisationPolicy(facts({ policy: { ...POLICY, scope: "none" } })))).toEqual(["SND-104"]);
    const violations = [{ rule: "V2", path: "methods", message: "enable at least one method" }];
    const incomplete = organisationPolicy(facts({ policyViolations: violations }));
    expect(incomplete).toMatchObject({ status: "fail", fix: "fix_policy" });
    expect(incomplete.findings.at(-1)?.values).toEqual({ rules: "V2 (methods)" });
    expect(organisationPolicy(facts()).status).toBe("pass");
  });
});

describe("check 4: scope", () => {
  it("fails outside the selected groups or inside an excluded one (106), names the group that includes", () => {
    const selected = { ...POLICY, scope: "selected" as const, scopeGroups: ["pilot"] };
    expect(codes(scope(facts({ policy: selected })))).toEqual(["SND-106"]);
    expect(scope(facts({ policy: { ...selected, scopeGroups: ["staff"] } })).findings).toEqual([
      { fact: "in_scope_group", values: { group: "staff" } },
    ]);
    const excluded = scope(facts({ policy: { ...POLICY, excludedGroups: ["staff"] } }));
    expect(excluded).toMatchObject({ status: "fail", fix: "remove_exclusion" });
  });

  it("shows the nesting chain when a selected group includes the user through subgroups", () => {
    const nested = { ...POLICY, scope: "selected" as const, scopeGroups: ["everyone"] };
    const chains = { everyone: ["staff", "office", "everyone"] };
    const user = { ...USER, groups: ["staff", "office", "everyone"] };
    const result = scope(facts({ policy: nested, account: account({ user, groupChains: chains }) }));
    expect(result.status).toBe("pass");
    expect(result.findings).toEqual([
      { fact: "in_scope_group_nested", values: { group: "everyone", chain: "staff → office → everyone" } },
    ]);
  });
});

describe("check 5: privilege", () => {
  it("passes an admin with admin SSPR on, fails with it off (108) and for a protected group (109)", () => {
    expect(privilege(facts({}, { roles: ["helpdesk_admin"] })).status).toBe("pass");
    const off = { ...POLICY, admins: { ssprAllowed: false } };
    expect(codes(privilege(facts({ policy: off }, { roles: ["helpdesk_admin"] })))).toEqual(["SND-108"]);
    expect(codes(privilege(facts({ policy: { ...POLICY, protectedGroups: ["staff"] } })))).toEqual(["SND-109"]);
  });
});

describe("check 6: methods", () => {
  it("fails with SND-107 and a reminder when fewer methods are usable than a reset needs", () => {
    const twoGates = { ...POLICY, methodsToReset: 2 as const };
    const result = methods(facts({ policy: twoGates, account: account({ methods: [EMAIL] }) }));
    expect(result).toMatchObject({ status: "fail", fix: "register_methods", fixAction: "send_reminder" });
    expect(result.findings.at(-1)).toEqual({
      fact: "usable_count",
      values: { usable: 1, required: 2 },
      code: "SND-107",
    });
  });

  it("warns about a phone in a country the policy does not allow (214), and shows targets masked", () => {
    const abroad = method({ method: "sms", value: "+4915112345678" });
    const result = methods(facts({ account: account({ methods: [EMAIL, abroad] }) }));
    expect(result.status).toBe("warn");
    expect(codes(result)).toEqual(["SND-214"]);
    expect(JSON.stringify(result)).not.toContain("+4915112345678");
    expect(JSON.stringify(result)).not.toContain("budi@mail.example");
  });

  it("passes with enough usable methods", () => {
    expect(methods(facts()).status).toBe("pass");
  });
});

describe("check 7: registration", () => {
  it("warns when not registered or reconfirmation is overdue; passes a registered, confirmed user", () => {
    const one = registration(facts({ account: account({ methods: [PHONE] }) }));
    expect(one).toMatchObject({ status: "warn", fixAction: "send_reminder" });
    const stale = {
      confirmedAt: new Date("2026-01-01T08:00:00Z"),
      firstPromptAt: null,
      forcedAt: null,
      registeredAt: null,
    };
    expect(registration(facts({}, { registrationDates: stale })).findings.map((item) => item.fact)).toContain(
      "reconfirm_overdue",
    );
    expect(registration(facts()).status).toBe("pass");
  });
});

describe("check 8: SSPR counters", () => {
  it("fails while a block runs (301), warns one hit short of a limit, passes otherwise", () => {
    const blocked = account({ block: { counter: "A1", until: later(3600) }, counters: countersWith("A1", 5) });
    const result = ssprCounters(facts({ account: blocked }));
    expect(result).toMatchObject({ status: "fail", fixAction: "clear_block" });
    expect(codes(result)).toEqual(["SND-301"]);
    expect(ssprCounters(facts({ account: account({ counters: countersWith("A2", 4) }) })).status).toBe("warn");
    expect(ssprCounters(facts()).status).toBe("pass");
  });

  it("a block that has ended no longer fails", () => {
    const ended = account({ block: { counter: "A3", until: later(-1) } });
    expect(ssprCounters(facts({ account: ended })).status).toBe("pass");
  });
});

describe("check 9: locks", () => {
  const lockout = { key: USER.userId, failures: 10, lockLevel: 1, lastFailureAt: NOW, recentWrong: [] };

  it("fails while Sandi's sign-in lock runs (307), warns after failures without a lock, passes unlocked", () => {
    const locked = locks(facts({ account: account({ lockout: { ...lockout, lockedUntil: later(60) } }) }));
    expect(locked).toMatchObject({ status: "fail", fixAction: "unlock" });
    expect(codes(locked)).toEqual(["SND-307"]);
    const ended = locks(facts({ account: account({ lockout: { ...lockout, lockedUntil: later(-60) } }) }));
    expect(ended.status).toBe("warn");
    expect(locks(facts()).status).toBe("pass");
  });

  it("fails for the directory's own lock where the directory has one", () => {
    const ldapLike = { kind: "test" as const, capabilities: { ...facts().directory.capabilities, canUnlock: true } };
    const result = locks(
      facts({ directory: ldapLike, account: account({ directoryLock: { locked: true, until: null } }) }),
    );
    expect(result.status).toBe("fail");
  });
});

describe("check 10 and 11: directory and password policy", () => {
  it("check 10 is not available without LDAP; check 11 warns about must-change", () => {
    expect(directory(facts()).status).toBe("not_available");
    expect(passwordPolicy(facts()).status).toBe("pass");
    const compromised = passwordPolicy(facts({}, { mustChangePassword: true, passwordCompromised: true }));
    expect(compromised).toMatchObject({ status: "warn", fix: "explain_must_change" });
    expect(compromised.findings.at(-1)?.fact).toBe("must_change_compromised");
  });

  // Threat: the helpdesk tells a user their password is fine while the next sign-in forces a change.
  it("check 11 shows a built-in password's expiry date, and warns once it has expired", () => {
    const withMaxAge = (days: number) => ({
      policy: { ...POLICY, password: { ...POLICY.password, maxAgeDays: days } },
    });
    // Set 2026-11-01 08:00 UTC; now is 2026-12-01 08:00 UTC.
    expect(passwordPolicy(facts()).findings.map((item) => item.fact)).toContain("no_expiry");
    const later = passwordPolicy(facts(withMaxAge(90)));
    expect(later.status).toBe("pass");
    expect(later.findings).toContainEqual({
      fact: "password_expires",
      values: { time: new Date("2027-01-30T08:00:00Z") },
    });
    const expired = passwordPolicy(facts(withMaxAge(30)));
    expect(expired).toMatchObject({ status: "warn", fix: "explain_must_change" });
    expect(expired.findings).toContainEqual({
      fact: "password_expired",
      values: { time: new Date("2026-12-01T08:00:00Z") },
    });
    const temporary = passwordPolicy(facts(withMaxAge(1), { temporaryPasswordAt: NOW }));
    expect(temporary.findings.map((item) => item.fact)).toContain("expiry_temporary");
    expect(
      passwordPolicy(
        facts({ ...withMaxAge(30), directory: { kind: "ldap", capabilities: facts().directory.capabilities } }),
      ).status,
    ).toBe("not_available");
  });
});

describe("check 12: delivery", () => {
  it("warns about a suppressed (213) or undelivered (205) message, and passes sent ones", () => {
    const base = { time: NOW, channel: "email" as const, about: "reset-code", maskedRecipient: "b***@m***.example" };
    const messages = [
      { ...base, status: "suppressed" as const, reason: "SND-213:R1" },
      { ...base, status: "abandoned" as const, reason: "provider said: +6281234567812 is unknown" },
      { ...base, status: "sent" as const, reason: null },
    ];
    const result = delivery(facts({ account: account({ messages }) }));
    expect(result.status).toBe("warn");
    expect(codes(result)).toEqual(["SND-213", "SND-205"]);
    // A provider's free text is never shown: it might carry a full number.
    expect(JSON.stringify(result)).not.toContain("+6281234567812");
    expect(delivery(facts({ account: account({ messages: messages.slice(2) }) })).status).toBe("pass");
  });
});

describe("check 13: recent flows", () => {
  it("warns with the hidden eligibility code of an inert flow; passes a finished reset", () => {
    const inert = sampleFlow({ userRef: USER.ref, inertReason: "SND-107", state: "expired" });
    const result = recentFlows(facts({ account: account({ flows: [inert] }) }));
    expect(result).toMatchObject({ status: "warn", fix: "follow_user_errors" });
    expect(codes(result)).toEqual(["SND-107"]);
    const done = sampleFlow({ userRef: USER.ref, state: "done", endReason: "succeeded:reset" });
    expect(recentFlows(facts({ account: account({ flows: [done] }) })).status).toBe("pass");
  });

  it("shows an unknown ID's flow found by its support code", () => {
    const flow = sampleFlow({ inertReason: "SND-101" });
    const result = recentFlows(
      facts({ account: null, subject: { via: "support_code", supportCode: flow.supportCode, flow } }),
    );
    expect(codes(result)).toEqual(["SND-101"]);
  });
});
