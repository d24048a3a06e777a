/** Facts for the troubleshooter's pure checks: an ordinary user who can reset, changed one part at a time. */
import { ACCOUNT_LIMITS } from "../../../src/domain/policies/attempt-policy.js";
import { DEFAULT_POLICY, type SsprPolicy } from "../../../src/domain/policies/sspr-policy.js";
import type { VerifiedMethod } from "../../../src/domain/ports.js";
import type { AccountFacts, DiagnosisFacts } from "../../../src/domain/troubleshoot/diagnosis-facts.js";
import type { UserAccount } from "../../../src/domain/users.js";
import { createFakeClock } from "../../support/fake-clock.js";

export const clock = createFakeClock("2026-12-01T08:00:00Z");
export const NOW = clock.now();

export const POLICY: SsprPolicy = { ...DEFAULT_POLICY, scope: "all" };

export const USER: UserAccount = {
  entryId: "u-1",
  ref: "u-1",
  directoryId: "builtin",
  userId: "budi@contoh.example",
  email: "budi@contoh.example",
  displayName: "Budi Santoso",
  firstName: "Budi",
  lastName: "Santoso",
  enabled: true,
  passwordChangedAt: new Date("2026-11-01T08:00:00Z"),
  groups: ["staff"],
  adminLocked: false,
  securityHold: false,
  mustChangePassword: false,
  passwordCompromised: false,
  preferredLanguage: null,
  registration: "registered",
  registrationDates: {
    firstPromptAt: new Date("2026-10-01T08:00:00Z"),
    confirmedAt: new Date("2026-10-01T08:00:00Z"),
    forcedAt: null,
    registeredAt: new Date("2026-10-01T08:00:00Z"),
  },
  roles: [],
};

export function method(overrides: Partial<VerifiedMethod> & Pick<VerifiedMethod, "method" | "value">): VerifiedMethod {
  return {
    id: `m-${overrides.method}`,
    userRef: USER.ref,
    label: null,
    createdAt: new Date("2026-10-01T08:00:00Z"),
    lastUsedAt: null,
    verifiedAt: new Date("2026-10-01T08:00:00Z"),
    ...overrides,
  };
}

export const EMAIL = method({ method: "email", value: "budi@mail.example" });
export const PHONE = method({ method: "sms", value: "+6281234567812" });

export function account(overrides: Partial<AccountFacts> = {}): AccountFacts {
  return {
    user: USER,
    methods: [EMAIL, PHONE],
    counters: (["A1", "A2", "A3", "A4"] as const).map((counter) => ({ counter, hits: 0, lastHit: null })),
    block: null,
    lockout: null,
    directoryLock: { locked: false },
    messages: [],
    flows: [],
    groupChains: {},
    ...overrides,
  };
}

/** Facts for `budi@contoh.example` with `overrides`; `user` changes only the account's user. */
export function facts(overrides: Partial<DiagnosisFacts> = {}, user: Partial<UserAccount> = {}): DiagnosisFacts {
  return {
    now: NOW,
    subject: { via: "user_id", userId: USER.userId },
    policy: POLICY,
    policySaved: true,
    policyViolations: [],
    directory: {
      kind: "builtin",
      capabilities: { manageUsers: true, manageGroups: true, keepsHistory: false, canUnlock: false },
    },
    gateKinds: ["passkey", "totp", "sms", "voice_office", "email", "recovery_code", "questions"],
    account: account({ user: { ...USER, ...user } }),
    ...overrides,
  };
}

/** Counter readings with `hits` for one counter. */
export function countersWith(counter: keyof typeof ACCOUNT_LIMITS, hits: number): AccountFacts["counters"] {
  return (["A1", "A2", "A3", "A4"] as const).map((id) => ({
    counter: id,
    hits: id === counter ? hits : 0,
    lastHit: null,
  }));
}
