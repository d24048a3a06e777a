/**
 * The demo organisation "Contoh Nusantara" (SPEC "Demo organisation"): one user per admin role, 20 ordinary users
 * in "Staf" and "Pilot SSPR", and troubleshooter fixtures (fully registered, disabled, locked, out of scope).
 */
import type { Kysely } from "kysely";
import { DEFAULT_POLICY } from "../domain/policies/sspr-policy.js";
import type { AdminRole } from "../domain/users.js";
import type { Database } from "../store/database.js";
import { createKyselyDirectoryAdmin } from "../store/repos/kysely-directory-admin.js";
import { createKyselyOrganisationOps } from "../store/repos/kysely-organisation.js";
import { createKyselyPolicyStore } from "../store/repos/kysely-policy-store.js";
import type { Clock } from "../lib/clock.js";
import type { SecretHasher } from "../lib/crypto/argon2id.js";
import { hashPassword } from "../lib/crypto/password-hash.js";
import type { Random } from "../lib/random.js";
import { CONSOLE_ACTIVITIES, type ConsoleAuditEvent, writeConsoleAudit } from "./console-audit.js";
import { DEMO_ADMINS, DEMO_GROUPS, DEMO_USERS, type DemoPerson } from "./demo-people.js";
import { DEMO_METHOD_NOTES, type DemoMethodHolder, seedDemoMethods } from "./demo-methods.js";
import { loadSecretKeys, type SecretKeys } from "../store/repos/kysely-secret-keys.js";
import { policyFromSettings } from "../domain/policies/policy-seed.js";
import { BUILTIN_METHOD_IDS } from "../methods/builtin-methods.js";
import { methodsThePolicyMayEnable } from "../compose-security-info.js";

/** The shared, printed passwords of the demo: readable on purpose, and refused outside development mode. */
export const DEMO_PASSWORDS = { admin: "Demo-Admin-2026!", user: "Demo-Sandi-2026!" } as const;
export const DEMO_DOMAIN = "contoh.example";
const DEMO_ACTOR = { type: "system", id: "demo-seed" } as const;

const DEMO_POLICY_SETTINGS = {
  scope: "all",
  "methods.email": "on",
  "helpdesk.mode": "email",
  "helpdesk.target": `helpdesk@${DEMO_DOMAIN}`,
  excludedGroups: "Kontraktor",
  "organisation.timeZone": "Asia/Jakarta",
  // Every method can be tried in the demo: calls and questions too (SPEC's defaults leave them off).
  "methods.mobileVoice": "on",
  "methods.officeVoice": "on",
  "methods.securityQuestions": "on",
} as const;

/** One line of the credentials list `serve --dev` prints. */
export interface DemoCredential {
  readonly userId: string;
  readonly password: string;
  readonly role: AdminRole | null;
  readonly note: string | null;
}

export type DemoSeedResult =
  | { readonly status: "created" | "exists"; readonly credentials: readonly DemoCredential[] }
  /** Another organisation lives here (`init --empty` ran): nothing to print. */
  | { readonly status: "not_demo"; readonly credentials: readonly [] };

function credentialsOf(people: readonly DemoPerson[]): DemoCredential[] {
  return people.map((person) => ({
    userId: `${person.local}@${DEMO_DOMAIN}`,
    password: person.role === null ? DEMO_PASSWORDS.user : DEMO_PASSWORDS.admin,
    role: person.role,
    note: person.local in DEMO_METHOD_NOTES ? DEMO_METHOD_NOTES[person.local as DemoMethodHolder] : person.note,
  }));
}

async function seedPeople(
  trx: Kysely<Database>,
  context: { readonly random: Random; readonly keys: SecretKeys; readonly hasher: SecretHasher },
  people: readonly { person: DemoPerson; passwordHash: string }[],
  now: Date,
): Promise<ConsoleAuditEvent[]> {
  const admin = createKyselyDirectoryAdmin(trx, context);
  for (const group of DEMO_GROUPS) await admin.addGroup(group, "Demo", now);
  const events: ConsoleAuditEvent[] = [];
  for (const { person, passwordHash } of people) {
    const userId = `${person.local}@${DEMO_DOMAIN}`;
    const displayName = `${person.firstName} ${person.lastName}`;
    const base = {
      userId,
      email: `${person.local}@${DEMO_DOMAIN}`,
      displayName,
      firstName: person.firstName,
      lastName: person.lastName,
    };
    const created = await admin.createUser({ ...base, passwordHash, mustChangePassword: false, isDemo: true }, now);
    if (!created.ok) continue;
    const { ref } = created.value;
    if (person.role !== null) await admin.grantRole(ref, person.role, now);
    for (const group of person.groups) await admin.addMember(group, ref);
    if (person.verifiedEmail)
      await admin.addVerifiedMethod(
        { userRef: ref, method: "email", value: `${person.local}@mail.${DEMO_DOMAIN}`, label: null },
        now,
      );
    const adminIndex = DEMO_ADMINS.indexOf(person);
    const holder = person.local in DEMO_METHOD_NOTES ? (person.local as DemoMethodHolder) : null;
    if (adminIndex >= 0 || holder !== null)
      await seedDemoMethods(trx, { ...context, local: holder ?? adminIndex + 1, userRef: ref, now });
    if (person.disabled) await admin.setEnabled(ref, false);
    if (person.adminLocked) await admin.lockUser(ref, now);
    events.push({
      activity: CONSOLE_ACTIVITIES.userCreated,
      result: "success",
      reason: "demo",
      target: { ref, userId },
    });
  }
  return events;
}

/** The seed writes the demo's rows straight to the database it is handed, once, at the first development start. */
export interface DemoSeedContext {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly random: Random;
  readonly hasher: SecretHasher;
}

/**
 * Creates the demo organisation when no organisation exists; returns the credentials to print (also when the demo
 * exists already). Hashes with the context's hasher (about 25 Argon2id hashes).
 */
export async function ensureDemoOrganisation(context: DemoSeedContext): Promise<DemoSeedResult> {
  const people = [...DEMO_ADMINS, ...DEMO_USERS];
  const existing = await createKyselyDirectoryAdmin(context.db, context).getOrganisation();
  if (existing)
    return existing.isDemo
      ? { status: "exists", credentials: credentialsOf(people) }
      : { status: "not_demo", credentials: [] };
  const seeded = policyFromSettings(
    DEFAULT_POLICY,
    DEMO_POLICY_SETTINGS,
    methodsThePolicyMayEnable(BUILTIN_METHOD_IDS),
  );
  if (!seeded.ok)
    throw new Error(
      `the demo policy is invalid: ${seeded.violations.map((violation) => violation.message).join("; ")}`,
    );
  const hashed = await Promise.all(
    people.map(async (person) => ({
      person,
      passwordHash: await hashPassword(
        context.hasher,
        person.role === null ? DEMO_PASSWORDS.user : DEMO_PASSWORDS.admin,
      ),
    })),
  );
  const now = context.clock.now();
  // The code key seals the demo app's key and keys the recovery codes, as the server's own pages would.
  const keys = await loadSecretKeys(context.db, context.random, now);
  await context.db.transaction().execute(async (trx) => {
    const organisation = {
      name: "Contoh Nusantara",
      domain: DEMO_DOMAIN,
      defaultLanguage: "id",
      isDemo: true,
    } as const;
    if (!(await createKyselyDirectoryAdmin(trx, context).createOrganisation(organisation, now))) return;
    const events = await seedPeople(trx, { ...context, keys }, hashed, now);
    await createKyselyPolicyStore(trx).save(seeded.policy, "system:demo-seed", now);
    events.push({ activity: CONSOLE_ACTIVITIES.policyChanged, result: "success", reason: "demo" });
    await writeConsoleAudit(trx, context.random, now, events, DEMO_ACTOR);
  });
  return { status: "created", credentials: credentialsOf(people) };
}

/** True when any demo user or a demo organisation exists (production start-up refuses them). */
export function hasDemoAccounts(db: Kysely<Database>): Promise<boolean> {
  return createKyselyOrganisationOps(db).hasDemoAccounts();
}

/** The credentials as lines for the console, one per account. */
export function formatDemoCredentials(credentials: readonly DemoCredential[]): string[] {
  const width = Math.max(0, ...credentials.map((credential) => credential.userId.length));
  return credentials.map((credential) => {
    const extra = [credential.role, credential.note].filter((part) => part !== null).join("; ");
    return `  ${credential.userId.padEnd(width)}  ${credential.password}${extra === "" ? "" : `  (${extra})`}`;
  });
}
