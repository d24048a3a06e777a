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
    verifiedAt: at(0),
    secret: null,
    credentialId: null,
    counter: 0,
    extension: null,
    details: null,
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

    it("keeps every kind's fields: a sealed secret, a credential id, a counter, an extension and details", async () => {
      const userRef = await insertUser(shared.db);
      const passkey = sampleMethod(userRef, {
        method: "passkey",
        value: "",
        label: "Laptop",
        verifiedAt: at(5),
        secret: new Uint8Array([1, 2, 3]),
        credentialId: unique("cred"),
        counter: 7,
        details: { transports: ["internal"] },
      });
      const office = sampleMethod(userRef, { method: "voice_office", value: "+62215551234", extension: "204" });
      await store().add(passkey);
      await store().add(office);
      expect(await store().findForUser(userRef, passkey.id)).toEqual(passkey);
      expect(await store().findByCredentialId(passkey.credentialId ?? "")).toEqual(passkey);
      expect(await store().findForUser(userRef, office.id)).toEqual(office);
    });

    it("finds, renames and removes only the owner's method: another user's id finds nothing", async () => {
      const owner = await insertUser(shared.db);
      const stranger = await insertUser(shared.db);
      const method = sampleMethod(owner);
      await store().add(method);
      expect(await store().findForUser(stranger, method.id)).toBeNull();
      expect(await store().setLabel(stranger, method.id, "mine")).toBe(false);
      expect(await store().remove(stranger, method.id)).toBe(false);
      expect(await store().setLabel(owner, method.id, "home")).toBe(true);
      expect((await store().findForUser(owner, method.id))?.label).toBe("home");
      expect(await store().remove(owner, method.id)).toBe(true);
      expect(await store().listForUser(owner)).toEqual([]);
    });

    it("advances a counter only forward, so one TOTP step or passkey count is accepted once however many race", async () => {
      const method = sampleMethod(await insertUser(shared.db), { method: "totp", value: "", counter: 100 });
      await store().add(method);
      expect(await store().advanceCounter(method.id, 100)).toBe(false);
      const racing = await Promise.all([101, 101, 101].map((step) => store().advanceCounter(method.id, step)));
      expect(racing.filter(Boolean)).toHaveLength(1);
      expect((await store().findForUser(method.userRef, method.id))?.counter).toBe(101);
    });
  });
}
