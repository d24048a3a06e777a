/** The MethodStore contract: a user's verified methods, listed oldest first, marked when used. */
import { describe, expect, it } from "vitest";
import type { VerifiedMethod } from "../../src/domain/ports.js";
import { createKyselyMethodStore } from "../../src/store/repos/kysely-method-store.js";
import type { TestDatabase } from "../support/test-databases.js";
import { at, insertUser, unique, useSharedDatabase } from "./store-fixtures.js";

function sampleMethod(userRef: string, overrides: Partial<VerifiedMethod> = {}): VerifiedMethod {
  return {
    id: unique("method"),
    userRef,
    method: "email",
    value: "alice@mail.example.com",
    label: null,
    createdAt: at(0),
    lastUsedAt: null,
    ...overrides,
  };
}

/** Registers the MethodStore contract for `database`. */
export function describeMethodStoreContract(database: TestDatabase): void {
  describe("MethodStore", () => {
    const shared = useSharedDatabase(database);
    const store = () => createKyselyMethodStore(shared.db);

    it("lists the user's methods oldest first, and nobody else's", async () => {
      const userRef = await insertUser(shared.db);
      const newer = sampleMethod(userRef, { createdAt: at(100), label: "work", value: "alice@work.example.com" });
      const older = sampleMethod(userRef, { createdAt: at(10) });
      await store().add(newer);
      await store().add(older);
      await store().add(sampleMethod(await insertUser(shared.db)));
      expect(await store().listForUser(userRef)).toEqual([older, newer]);
      expect(await store().listForUser("nobody")).toEqual([]);
    });

    it("records the last use", async () => {
      const method = sampleMethod(await insertUser(shared.db));
      await store().add(method);
      await store().markUsed(method.id, at(500));
      expect(await store().listForUser(method.userRef)).toEqual([{ ...method, lastUsedAt: at(500) }]);
    });
  });
}
