/** Seeds organisations, users, verified methods, roles and policy settings for tests. */
import type { Composed } from "../../src/compose.js";
import { methodsThePolicyMayEnable } from "../../src/compose-security-info.js";
import { applyPolicySetting } from "../../src/domain/policies/policy-setting.js";
import type { AdminRole } from "../../src/domain/users.js";
import type { FakeClock } from "./fake-clock.js";
import type { ReadOnlyTestDirectory } from "./read-only-directory.js";
import type { SecretHasher } from "../../src/lib/crypto/argon2id.js";
import { createLightHasher } from "./test-argon2.js";

export interface SeedUser {
  readonly userId: string;
  readonly password?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  /** Directory contact data (not a verified method). */
  readonly directoryEmail?: string | null;
  /** A verified email method. */
  readonly verifiedEmail?: string | null;
  /** A verified mobile phone (E.164), as the mobile's `sms` row. */
  readonly verifiedMobile?: string | null;
  /** A registered authenticator (the test-only fake's `totp` method). */
  readonly authenticator?: boolean;
  /**
   * A passkey row (no usable key: it counts toward Registered, it proves nobody). Privileged users need two
   * non-question methods before anything else (SPEC §5.2), so a seeded admin who should reach /account has an email
   * and this.
   */
  readonly passkey?: boolean;
  readonly roles?: readonly AdminRole[];
  readonly groups?: readonly string[];
  readonly enabled?: boolean;
  /** A temporary password the user must replace at the next sign-in. */
  readonly mustChangePassword?: boolean;
  /**
   * An admin is seeded registered (SPEC §2: 2 non-question methods, or the forced interrupt stands before every
   * page): a recovery-code row fills the gap. `unregisteredAdmin` leaves the admin as the roles alone make them.
   */
  readonly unregisteredAdmin?: boolean;
}

export interface Seeder {
  organisation(name?: string): Promise<void>;
  /** Creates the user and returns the account ref. */
  user(user: SeedUser): Promise<string>;
  /** Puts an existing user into a group (created when missing). */
  addToGroup(group: string, userId: string): Promise<void>;
  policy(settings: Readonly<Record<string, string>>): Promise<void>;
}

/** The seeder's hasher unless told otherwise: the light one (test-argon2.ts). */
const lightHasher = createLightHasher({ maxInFlight: 2, maxWaiting: 100 });

/**
 * A seeder over the composed stores. With `readOnly`, users are entries of the read-only test directory (Sandi only
 * creates their accounts, as it does the first time it meets an LDAP entry); otherwise built-in users. `policyBase`
 * settings go into every policy it saves.
 */
export function createSeeder(
  composed: Composed,
  clock: FakeClock,
  options: {
    readOnly: ReadOnlyTestDirectory | null;
    policyBase?: Readonly<Record<string, string>>;
    /** Hashes seeded passwords (default: the light hasher); production's where the test is about hashing. */
    hasher?: SecretHasher;
  },
): Seeder {
  const hasher = options.hasher ?? lightHasher;
  const readOnly = options.readOnly;
  const policyBase = options.policyBase ?? {};
  const admin = composed.stores.directoryAdmin;
  const { accounts } = composed.stores;

  async function addBuiltinUser(user: SeedUser): Promise<string> {
    const created = await admin.createUser(
      {
        userId: user.userId,
        email: user.directoryEmail ?? null,
        displayName: `${user.firstName ?? "Test"} ${user.lastName ?? "User"}`,
        firstName: user.firstName ?? "Test",
        lastName: user.lastName ?? "User",
        passwordHash: await hasher.hash(user.password ?? "Initial-Password-1"),
        mustChangePassword: user.mustChangePassword ?? false,
        isDemo: false,
      },
      clock.now(),
    );
    if (!created.ok) throw new Error(`seed user ${user.userId}: ${created.reason}`);
    const ref = created.value.ref;
    for (const group of user.groups ?? []) await addMember(group, ref);
    if (user.enabled === false) await admin.setEnabled(ref, false);
    return ref;
  }

  async function addReadOnlyUser(directory: ReadOnlyTestDirectory, user: SeedUser): Promise<string> {
    const entryId = await directory.add({
      userId: user.userId,
      email: user.directoryEmail ?? null,
      firstName: user.firstName ?? "Test",
      lastName: user.lastName ?? "User",
      enabled: user.enabled !== false,
      groups: user.groups ?? [],
      password: user.password ?? "Initial-Password-1",
    });
    const account = await accounts.findOrCreate({ directoryId: directory.id, entryId }, clock.now());
    if (user.mustChangePassword === true) await accounts.setMustChangePassword(account.ref, true);
    return account.ref;
  }

  async function addMember(group: string, ref: string): Promise<void> {
    await admin.addGroup(group, "", clock.now());
    await admin.addMember(group, ref);
  }

  return {
    organisation: async (name = "Contoh Nusantara") => {
      await admin.createOrganisation(
        { name, domain: "contoh.example", defaultLanguage: "en", isDemo: false },
        clock.now(),
      );
    },
    user: async (user) => {
      const ref = readOnly === null ? await addBuiltinUser(user) : await addReadOnlyUser(readOnly, user);
      if (user.verifiedEmail)
        await admin.addVerifiedMethod(
          { userRef: ref, method: "email", value: user.verifiedEmail, label: null },
          clock.now(),
        );
      if (user.verifiedMobile)
        await admin.addVerifiedMethod(
          { userRef: ref, method: "sms", value: user.verifiedMobile, label: null },
          clock.now(),
        );
      if (user.authenticator === true)
        await admin.addVerifiedMethod(
          { userRef: ref, method: "totp", value: "fake-authenticator", label: null },
          clock.now(),
        );
      if (user.passkey === true)
        await admin.addVerifiedMethod(
          { userRef: ref, method: "passkey", value: "", label: "Test passkey" },
          clock.now(),
        );
      for (const role of user.roles ?? []) await admin.grantRole(ref, role, clock.now());
      const methods = [user.verifiedEmail, user.authenticator, user.passkey].filter((given) => Boolean(given)).length;
      if ((user.roles ?? []).length > 0 && user.unregisteredAdmin !== true)
        for (let added = methods; added < 2; added++)
          await admin.addVerifiedMethod(
            {
              userRef: ref,
              method: added === 0 ? "email" : "recovery_code",
              value: added === 0 ? `${ref}@seed.example` : "",
              label: null,
            },
            clock.now(),
          );
      return ref;
    },
    addToGroup: async (group, userId) => {
      const user = await composed.stores.users.findUserByUserId(userId);
      if (user === null) throw new Error(`no user ${userId}`);
      if (readOnly === null) await addMember(group, user.ref);
      else readOnly.addToGroup(user.entryId, group);
    },
    policy: async (settings) => {
      let policy = (await composed.stores.policy.current())?.policy;
      if (policy === undefined) throw new Error("no policy");
      for (const [key, value] of Object.entries({ ...policyBase, ...settings })) {
        const next = applyPolicySetting(policy, key, value, methodsThePolicyMayEnable(composed.methods.ids));
        if (!next.ok) throw new Error(`policy ${key}=${value}: ${JSON.stringify(next.violations)}`);
        policy = next.value;
      }
      await composed.stores.policy.save(policy, "test", clock.now());
    },
  };
}

/**
 * A verified address and mobile for a privileged test user: two non-question methods make them Registered, so the
 * forced registration interrupt (SPEC §5.2) does not stand between their sign-in and the pages a test is about.
 */
export function registeredAdmin(index: number): { verifiedEmail: string; verifiedMobile: string } {
  const n = String(index).padStart(2, "0");
  return { verifiedEmail: `admin${n}@mail.example`, verifiedMobile: `+62812000000${n}` };
}
