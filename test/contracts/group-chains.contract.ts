/** The GroupChains contract (SPEC §13.1 check 4): how a built-in user is in a group, through nesting, shortest first. */
import { describe, expect, it } from "vitest";
import { createKyselyGroupChains } from "../../src/store/repos/kysely-group-chains.js";
import type { TestDatabase } from "../support/test-databases.js";
import { insertUser, T0, unique, useSharedDatabase } from "./store-fixtures.js";

/** Registers the GroupChains contract for `database`. */
export function describeGroupChainsContract(database: TestDatabase): void {
  describe("GroupChains", () => {
    const shared = useSharedDatabase(database);

    it("gives each asked group's shortest chain from the user's own group, and nothing for others", async () => {
      const { db } = shared;
      const [team, office, all, other] = ["team", "office", "all", "other"].map((name) => unique(name));
      for (const name of [team, office, all, other])
        await db
          .insertInto("directory_group")
          .values({ name: name ?? "", description: "", created_at: T0 })
          .execute();
      // team ⊂ office ⊂ all, and team ⊂ all directly too: the shorter way wins. A cycle back to team is ignored.
      const nesting = [
        [office, team],
        [all, office],
        [all, team],
        [team, all],
      ];
      for (const [parent, child] of nesting)
        await db
          .insertInto("group_nesting")
          .values({ parent_name: parent ?? "", child_name: child ?? "" })
          .execute();
      const ref = await insertUser(db);
      await db
        .insertInto("group_member")
        .values({ group_name: team ?? "", user_ref: ref })
        .execute();
      const chains = await createKyselyGroupChains(db).chainsOf(ref, [
        all ?? "",
        office ?? "",
        team ?? "",
        other ?? "",
      ]);
      expect(chains).toEqual({ [team ?? ""]: [team], [office ?? ""]: [team, office], [all ?? ""]: [team, all] });
      expect(await createKyselyGroupChains(db).chainsOf(ref, [])).toEqual({});
    });
  });
}
