/**
 * The Directory contract every adapter must pass (built-in now, LDAP later, and the tests' read-only directory):
 * lookups by user ID and entry id, password checks, password writes with their refusals, and capabilities that tell
 * the truth about lock and unlock.
 */
import { describe, expect, it } from "vitest";
import type { Directory, PasswordWriteContext } from "../../src/domain/ports.js";
import { at, unique } from "./store-fixtures.js";

export interface DirectoryFixture {
  readonly directory: Directory;
  /** Puts a person into the directory with a password and groups, as the organisation's tooling would. */
  addEntry(input: { userId: string; password: string; groups: readonly string[] }): Promise<string>;
}

function writeContext(seconds: number): PasswordWriteContext {
  return { historyDepth: 5, cause: "self_reset", now: at(seconds) };
}

/** Registers the contract; `fixture` is called inside each test (databases open in hooks). */
export function describeDirectoryContract(name: string, fixture: () => DirectoryFixture): void {
  describe(`Directory contract: ${name}`, () => {
    it("has a stable id and says what it can do", () => {
      const { directory } = fixture();
      expect(directory.id).toMatch(/\S/);
      expect(fixture().directory.id).toBe(directory.id);
      for (const capability of ["manageUsers", "manageGroups", "keepsHistory", "canUnlock"] as const)
        expect(typeof directory.capabilities[capability]).toBe("boolean");
    });

    it("finds an entry by normalised user ID and by entry id, with its groups; unknown ones are null", async () => {
      const { directory, addEntry } = fixture();
      const local = unique("ana");
      const entryId = await addEntry({
        userId: `${local}@example.com`,
        password: "Pass-word-1",
        groups: [`${local}-ops`, `${local}-staff`],
      });
      const found = await directory.findEntryByUserId(`  ${local.toUpperCase()}@Example.COM `);
      expect(found).toMatchObject({ entryId, userId: `${local}@example.com`, enabled: true });
      expect([...(found?.groups ?? [])].sort()).toEqual([`${local}-ops`, `${local}-staff`]);
      expect(await directory.findEntryById(entryId)).toEqual(found);
      expect(await directory.findEntryByUserId(`${unique("nobody")}@example.com`)).toBeNull();
      expect(await directory.findEntryById(unique("no-such-entry"))).toBeNull();
    });

    it("verifies the password: the right one passes, a wrong one fails", async () => {
      const { directory, addEntry } = fixture();
      const entry = await directory.findEntryById(
        await addEntry({ userId: `${unique("budi")}@example.com`, password: "Right-pass-1", groups: [] }),
      );
      if (entry === null) throw new Error("entry missing");
      expect(await directory.verifyPassword(entry, "Right-pass-1")).toBe(true);
      expect(await directory.verifyPassword(entry, "Wrong-pass-1")).toBe(false);
    });

    it("writes a password: the new one works, the old one stops working, the change time is the write's", async () => {
      const { directory, addEntry } = fixture();
      const entryId = await addEntry({ userId: `${unique("citra")}@example.com`, password: "Old-pass-1", groups: [] });
      const entry = await directory.findEntryById(entryId);
      if (entry === null) throw new Error("entry missing");
      expect(await directory.setPassword(entry, "New-pass-1", writeContext(60))).toEqual({ ok: true });
      expect(await directory.verifyPassword(entry, "New-pass-1")).toBe(true);
      expect(await directory.verifyPassword(entry, "Old-pass-1")).toBe(false);
      expect((await directory.findEntryById(entryId))?.passwordChangedAt).toEqual(at(60));
    });

    it("refuses the current password with SND-508 and keeps it", async () => {
      const { directory, addEntry } = fixture();
      const entry = await directory.findEntryById(
        await addEntry({ userId: `${unique("dewi")}@example.com`, password: "Same-pass-1", groups: [] }),
      );
      if (entry === null) throw new Error("entry missing");
      expect(await directory.setPassword(entry, "Same-pass-1", writeContext(60))).toEqual({
        ok: false,
        reason: "SND-508",
      });
      expect(await directory.verifyPassword(entry, "Same-pass-1")).toBe(true);
    });

    it("refuses a recent password exactly when it says it keeps history", async () => {
      const { directory, addEntry } = fixture();
      const entry = await directory.findEntryById(
        await addEntry({ userId: `${unique("eko")}@example.com`, password: "First-pass-1", groups: [] }),
      );
      if (entry === null) throw new Error("entry missing");
      await directory.setPassword(entry, "Second-pass-1", writeContext(60));
      const again = await directory.setPassword(entry, "First-pass-1", writeContext(120));
      if (directory.capabilities.keepsHistory)
        expect(again).toMatchObject({ ok: false, reason: expect.stringMatching(/^SND-(506|510)$/) });
      else expect(again).toEqual({ ok: true });
    });

    it("reports a lock and unlocks only when it says it can", async () => {
      const { directory, addEntry } = fixture();
      const entry = await directory.findEntryById(
        await addEntry({ userId: `${unique("fajar")}@example.com`, password: "Lock-pass-1", groups: [] }),
      );
      if (entry === null) throw new Error("entry missing");
      expect(await directory.lockState(entry)).toEqual({ locked: false });
      const unlocked = await directory.unlock(entry);
      expect(unlocked).toBe(directory.capabilities.canUnlock ? "not_locked" : "unsupported");
    });
  });
}
