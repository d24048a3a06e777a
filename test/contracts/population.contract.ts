/** The PopulationReader contract: every person in pages, with account state, roles, nested groups and methods. */
import { describe, expect, it } from "vitest";
import { createKyselyPopulationReader } from "../../src/store/repos/kysely-population.js";
import type { PopulationMember } from "../../src/domain/policies/simulation/population.js";
import type { TestDatabase } from "../support/test-databases.js";
import { createBuiltinDirectory } from "../../src/store/repos/kysely-builtin-directory.js";
import { createCountingHasher, T0, useSharedDatabase } from "./store-fixtures.js";

/** Registers the PopulationReader contract for `database`. */
export function describePopulationReaderContract(database: TestDatabase): void {
  describe("PopulationReader", () => {
    const shared = useSharedDatabase(database);

    async function seed(): Promise<void> {
      const { db } = shared;
      const people = ["p-ana", "p-budi", "p-citra", "p-dewi", "p-eko"];
      for (const ref of people)
        await db
          .insertInto("directory_user")
          .values({
            ref,
            user_id: `${ref}@contoh.example`,
            email: null,
            display_name: ref,
            first_name: ref,
            last_name: "",
            password_hash: null,
            created_at: T0,
            enabled: ref !== "p-dewi",
          })
          .execute();
      // p-eko has no account row yet: Sandi has not met them.
      for (const ref of people.slice(0, 4))
        await db
          .insertInto("account")
          .values({
            ref,
            directory_id: "builtin",
            entry_id: ref,
            created_at: T0,
            admin_locked_at: ref === "p-citra" ? T0 : null,
            registration_forced_at: ref === "p-budi" ? T0 : null,
          })
          .execute();
      for (const name of ["all", "office", "team"])
        await db.insertInto("directory_group").values({ name, description: "", created_at: T0 }).execute();
      // team ⊂ office ⊂ all, and a cycle all ⊂ team an older version let in.
      for (const [parent_name, child_name] of [
        ["office", "team"],
        ["all", "office"],
        ["team", "all"],
      ] as const)
        await db.insertInto("group_nesting").values({ parent_name, child_name }).execute();
      await db.insertInto("group_member").values({ group_name: "team", user_ref: "p-ana" }).execute();
      await db.insertInto("group_member").values({ group_name: "office", user_ref: "p-eko" }).execute();
      await db.insertInto("admin_role").values({ user_ref: "p-budi", role: "user_admin", granted_at: T0 }).execute();
      await db.insertInto("admin_role").values({ user_ref: "p-budi", role: "global_admin", granted_at: T0 }).execute();
      for (const [id, user_ref, method] of [
        ["m1", "p-ana", "email"],
        ["m2", "p-ana", "totp"],
        ["m3", "p-budi", "passkey"],
      ] as const)
        await db
          .insertInto("verified_method")
          .values({ id, user_ref, method, value: "", label: null, created_at: T0, last_used_at: null, counter: 0 })
          .execute();
    }

    async function readAll(limit: number): Promise<{ members: PopulationMember[]; pages: number }> {
      const reader = createKyselyPopulationReader(shared.db);
      const members: PopulationMember[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const page = await reader.readPage({ after, limit });
        members.push(...page.members);
        after = page.next;
        pages += 1;
      } while (after !== null);
      return { members, pages };
    }

    it("reads every person once across pages, in entry order, with what the policy's rules read", async () => {
      await seed();
      const { members, pages } = await readAll(2);
      expect(pages).toBe(3);
      expect(members.map((member) => member.user.ref)).toEqual(["p-ana", "p-budi", "p-citra", "p-dewi", "p-eko"]);
      const [ana, budi, citra, dewi, eko] = members;
      expect(ana?.user.groups).toEqual(["all", "office", "team"]);
      expect(ana?.methods.map((method) => method.method).sort()).toEqual(["email", "totp"]);
      expect(budi?.user.roles).toEqual(["global_admin", "user_admin"]);
      expect(budi?.user.registrationDates?.forcedAt).toEqual(T0);
      expect(budi?.methods.map((method) => method.method)).toEqual(["passkey"]);
      expect(citra?.user.adminLocked).toBe(true);
      expect(dewi?.user.enabled).toBe(false);
      // The cycle all ⊂ team takes p-eko (in office) round to team as well, exactly as the directory says.
      expect(eko?.user).toMatchObject({
        ref: "p-eko",
        roles: [],
        adminLocked: false,
        groups: ["all", "office", "team"],
      });
      expect(eko?.methods).toEqual([]);
      const directory = createBuiltinDirectory(shared.db, { hasher: createCountingHasher() });
      for (const member of members)
        expect(member.user.groups).toEqual((await directory.findEntryById(member.user.entryId))?.groups);
    });

    it("a page larger than the population ends at once", async () => {
      const { members, pages } = await readAll(1000);
      expect(pages).toBe(1);
      expect(members).toHaveLength(5);
    });

    it("never hands out a method's secret", async () => {
      await shared.db
        .updateTable("verified_method")
        .set({ secret: new Uint8Array([1, 2, 3]), credential_id: "cred-1" })
        .where("id", "=", "m3")
        .execute();
      const { members } = await readAll(10);
      const passkey = members.find((member) => member.user.ref === "p-budi")?.methods[0];
      expect(passkey?.secret ?? null).toBeNull();
      expect(passkey?.credentialId ?? null).toBeNull();
    });
  });
}
