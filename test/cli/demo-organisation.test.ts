import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ANSWERS, DEMO_APP_SECRET, demoRecoveryCodesShown } from "../../src/cli/demo-methods.js";
import { checkRecoveryCode, parseTypedRecoveryCode } from "../../src/domain/recovery-codes.js";
import { checkAnswers } from "../../src/domain/questions/answers.js";
import { base32Groups } from "../../src/lib/crypto/totp.js";
import { loadSecretKeys } from "../../src/store/repos/kysely-secret-keys.js";
import { createKyselyRecoveryCodeStore } from "../../src/store/repos/kysely-recovery-code-store.js";
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
      ["sms", "+6281234567812"],
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

  it("gives a newcomer every method to try: the printed app key, recovery codes and answers work", async () => {
    const kinds = async (userId: string) => {
      const user = await createKyselyDirectoryAdmin(handle.db, { random }).findUser(userId);
      const rows = await handle.db
        .selectFrom("verified_method")
        .selectAll()
        .where("user_ref", "=", user?.ref ?? "")
        .execute();
      return rows.map((row) => row.method).sort();
    };
    expect(await kinds("putri.maharani@contoh.example")).toEqual(["recovery_code", "totp"]);
    expect(await kinds("eko.prasetyo@contoh.example")).toEqual(["email", "voice_office"]);
    expect(await kinds("fitri.handayani@contoh.example")).toEqual(["email", "questions"]);
    // Every demo admin holds two non-question methods, so the printed sign-in reaches /admin after a code (SPEC §2).
    for (const admin of ["admin", "useradmin", "helpdesk", "passwordadmin", "reports"])
      expect(await kinds(`${admin}@contoh.example`), admin).toEqual(["email", "sms"]);
    const printed = formatDemoCredentials((await ensureDemoOrganisation(context())).credentials).join("\n");
    expect(printed).toContain(base32Groups(DEMO_APP_SECRET));
    const keys = await loadSecretKeys(handle.db, random, new Date());
    const putri = await createKyselyDirectoryAdmin(handle.db, { random }).findUser("putri.maharani@contoh.example");
    const codes = createKyselyRecoveryCodeStore(handle.db);
    for (const shown of demoRecoveryCodesShown()) {
      expect(printed).toContain(shown);
      const typed = parseTypedRecoveryCode(shown);
      const stored = typed === null ? null : await codes.findUnspent(putri?.ref ?? "", typed.lookup);
      expect(
        stored !== null && typed !== null && checkRecoveryCode(stored, typed, keys.codeKeys.get(stored.keyId)),
      ).toBe(true);
    }
    const fitri = await createKyselyDirectoryAdmin(handle.db, { random }).findUser("fitri.handayani@contoh.example");
    const row = await handle.db
      .selectFrom("verified_method")
      .selectAll()
      .where("user_ref", "=", fitri?.ref ?? "")
      .where("method", "=", "questions")
      .executeTakeFirstOrThrow();
    const answers = (row.details as { answers: { questionId: string; answerHash: string }[] }).answers;
    expect(await checkAnswers(hasher, answers, DEMO_ANSWERS)).toBe(true);
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
