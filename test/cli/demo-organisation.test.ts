import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORDS, ensureDemoOrganisation, formatDemoCredentials } from "../../src/cli/demo-organisation.js";
import { createSystemClock } from "../../src/lib/clock.js";
import { createSecureRandom } from "../../src/lib/random.js";
import type { DatabaseHandle } from "../../src/store/connect.js";
import { createKyselyDirectoryAdmin } from "../../src/store/repos/kysely-directory-admin.js";
import { createKyselyPolicyStore } from "../../src/store/repos/kysely-policy-store.js";
import { hasher, inMemoryCli, openMemoryDatabase } from "./cli-harness.js";

let handle: DatabaseHandle;
const random = createSecureRandom();

beforeAll(async () => {
  handle = await openMemoryDatabase();
});
afterAll(async () => {
  await handle.close();
});

function context() {
  return { db: handle.db, clock: createSystemClock(), random, hasher };
}

describe("ensureDemoOrganisation", () => {
  it("creates Contoh Nusantara with one user per admin role and 20 ordinary users", async () => {
    const result = await ensureDemoOrganisation(context());
    expect(result.status).toBe("created");
    expect(result.credentials).toHaveLength(25);
    const admin = createKyselyDirectoryAdmin(handle.db, { random });
    expect(await admin.getOrganisation()).toEqual({
      name: "Contoh Nusantara",
      domain: "contoh.example",
      defaultLanguage: "id",
      isDemo: true,
    });
    expect(await admin.hasDemoAccounts()).toBe(true);
    const users = await admin.listUsers({ limit: 100 });
    expect(users).toHaveLength(25);
    const roles = users.flatMap((user) => user.roles).sort();
    expect(roles).toEqual(["global_admin", "helpdesk_admin", "password_admin", "reports_reader", "user_admin"]);
    const ordinary = users.filter((user) => user.roles.length === 0);
    expect(ordinary).toHaveLength(20);
    expect(ordinary.every((user) => user.groups.includes("Staf"))).toBe(true);
    expect(ordinary.filter((user) => user.groups.includes("Pilot SSPR")).length).toBeGreaterThan(0);
  });

  it("prepares the troubleshooter fixtures and the demo policy", async () => {
    const admin = createKyselyDirectoryAdmin(handle.db, { random });
    const budi = await admin.findUser("budi.santoso@contoh.example");
    const methods = await handle.db
      .selectFrom("verified_method")
      .selectAll()
      .where("user_ref", "=", budi?.ref ?? "")
      .execute();
    expect(methods.map((method) => [method.method, method.value])).toEqual([
      ["email", "budi.santoso@mail.contoh.example"],
    ]);
    expect((await admin.findUser("siti.rahayu@contoh.example"))?.enabled).toBe(false);
    expect((await admin.findUser("andi.pratama@contoh.example"))?.adminLockedAt).toBeInstanceOf(Date);
    const policy = (await createKyselyPolicyStore(handle.db).current())?.policy;
    expect(policy).toMatchObject({
      scope: "all",
      methods: { email: true },
      helpdesk: { mode: "email", target: "helpdesk@contoh.example" },
    });
  });

  it("stores working Argon2id hashes of the printed passwords", async () => {
    const row = await handle.db
      .selectFrom("directory_user")
      .select("password_hash")
      .where("user_id", "=", "admin@contoh.example")
      .executeTakeFirstOrThrow();
    expect(await hasher.verify(row.password_hash ?? "", DEMO_PASSWORDS.admin)).toBe(true);
  });

  it("leaves an existing demo alone and still returns the credentials to print", async () => {
    const again = await ensureDemoOrganisation(context());
    expect(again.status).toBe("exists");
    const lines = formatDemoCredentials(again.credentials);
    expect(lines.find((line) => line.includes("admin@contoh.example"))).toContain("global_admin");
    expect(await handle.db.selectFrom("directory_user").select("ref").execute()).toHaveLength(25);
    const init = await inMemoryCli(handle)("init", "--empty");
    expect(init.out[0]).toBe('Organisation "Contoh Nusantara" exists already (the demo).');
  });
});
