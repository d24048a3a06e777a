/** The PolicyStore contract: numbered versions, the last 50 kept, documents completed from today's defaults. */
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, type SsprPolicy } from "../../src/domain/policies/sspr-policy.js";
import { createKyselyPolicyStore } from "../../src/store/repos/kysely-policy-store.js";
import type { TestDatabase } from "../support/test-databases.js";
import { at, useSharedDatabase } from "./store-fixtures.js";

const CHANGED: SsprPolicy = {
  ...DEFAULT_POLICY,
  scope: "selected",
  scopeGroups: ["staff"],
  password: { ...DEFAULT_POLICY.password, minLength: 12 },
};

/** Registers the PolicyStore contract for `database`. */
export function describePolicyStoreContract(database: TestDatabase): void {
  describe("PolicyStore", () => {
    const shared = useSharedDatabase(database, { emptiedBeforeEach: ["sspr_policy"] });

    it("has no policy before the first save, then returns the newest version", async () => {
      const { db } = shared;
      const store = createKyselyPolicyStore(db);
      expect(await store.current()).toBeNull();
      const first = await store.save(DEFAULT_POLICY, "admin-1", at(0));
      const second = await store.save(CHANGED, "admin-2", at(60));
      expect(first).toEqual({ version: 1, policy: DEFAULT_POLICY, createdAt: at(0), createdBy: "admin-1" });
      expect(second).toEqual({ version: 2, policy: CHANGED, createdAt: at(60), createdBy: "admin-2" });
      expect(await store.current()).toEqual(second);
    });

    it("fills keys a stored document lacks from the defaults and drops keys it no longer knows", async () => {
      const { db } = shared;
      const stored = {
        scope: "all",
        methods: { email: true, retiredMethod: true },
        password: { minLength: 10 },
        retiredSetting: 1,
      };
      await db
        .insertInto("sspr_policy")
        .values({ version: 7, document: JSON.stringify(stored), created_by: "old-build", created_at: at(0) })
        .execute();
      const current = await createKyselyPolicyStore(db).current();
      expect(current?.version).toBe(7);
      expect(current?.policy).toEqual({
        ...DEFAULT_POLICY,
        scope: "all",
        password: { ...DEFAULT_POLICY.password, minLength: 10 },
      });
    });

    it("keeps the last 50 versions", async () => {
      const { db } = shared;
      const store = createKyselyPolicyStore(db);
      for (let index = 0; index < 52; index++) await store.save(DEFAULT_POLICY, "admin", at(index));
      const versions = await db.selectFrom("sspr_policy").select("version").orderBy("version").execute();
      expect(versions).toHaveLength(50);
      expect(versions[0]?.version).toBe(3);
      expect((await store.current())?.version).toBe(52);
    });

    it("lists the kept versions newest first and reads any one of them back", async () => {
      const { db } = shared;
      const store = createKyselyPolicyStore(db);
      expect(await store.list()).toEqual([]);
      expect(await store.get(1)).toBeNull();
      const first = await store.save(DEFAULT_POLICY, "admin-1", at(0));
      const second = await store.save(CHANGED, "admin-2", at(60));
      expect(await store.list()).toEqual([second, first]);
      expect(await store.get(1)).toEqual(first);
      expect(await store.get(2)).toEqual(second);
      expect(await store.get(3)).toBeNull();
    });

    it("lists only the 50 kept versions, and a dropped one is gone", async () => {
      const { db } = shared;
      const store = createKyselyPolicyStore(db);
      for (let index = 0; index < 51; index++) await store.save(DEFAULT_POLICY, "admin", at(index));
      const versions = (await store.list()).map((version) => version.version);
      expect(versions).toHaveLength(50);
      expect(versions[0]).toBe(51);
      expect(versions.at(-1)).toBe(2);
      expect(await store.get(1)).toBeNull();
    });

    it("reads an old version saved before per-method targeting with every method for everyone", async () => {
      const { db } = shared;
      const stored = { ...DEFAULT_POLICY, methodTargets: undefined, scope: "all" };
      await db
        .insertInto("sspr_policy")
        .values({ version: 3, document: JSON.stringify(stored), created_by: "old-build", created_at: at(0) })
        .execute();
      const old = await createKyselyPolicyStore(db).get(3);
      expect(old?.policy.methodTargets).toEqual(DEFAULT_POLICY.methodTargets);
      expect(old?.policy.methodTargets.email).toEqual({ target: "everyone", groups: [], excludedGroups: [] });
    });

    it("gives racing saves distinct versions", async () => {
      const { db } = shared;
      const store = createKyselyPolicyStore(db);
      const saved = await Promise.all(
        Array.from({ length: 4 }, (_, index) => store.save(CHANGED, `admin-${index}`, at(index))),
      );
      expect(saved.map((version) => version.version).sort()).toEqual([1, 2, 3, 4]);
    });
  });
}
