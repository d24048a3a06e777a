/**
 * CLI parity for user and group management (issue 12 items 5 and 10): `sandi user edit|delete|import` and
 * `sandi group rename|delete|remove-member|nest|list` run the portal's services as "system (console)".
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/store/connect.js";
import { inMemoryCli, openMemoryDatabase, type RunResult, temporaryDirectory } from "./cli-harness.js";

let handle: DatabaseHandle;
let sandi: (...argv: string[]) => Promise<RunResult>;

beforeAll(async () => {
  handle = await openMemoryDatabase();
  sandi = inMemoryCli(handle);
  const person = ["--email", "tono@mail.example", "--first", "Tono", "--last", "Wijaya"];
  expect((await sandi("user", "add", "tono@contoh.example", ...person)).code).toBe(0);
  expect((await sandi("group", "add", "staff")).code).toBe(0);
  expect((await sandi("group", "add", "office")).code).toBe(0);
});
afterAll(async () => {
  await handle.close();
});

describe("sandi user edit|delete", () => {
  it("edits only the fields given, and names a bad value with its field", async () => {
    const edited = await sandi(
      "user",
      "edit",
      "tono@contoh.example",
      "--mobile",
      "+62 812 3456 7890",
      "--groups",
      "staff;office",
    );
    expect(edited.code).toBe(0);
    const shown = await sandi("user", "show", "tono@contoh.example");
    expect(shown.out.join("\n")).toMatch(/Groups:\s+office, staff/);
    expect(shown.out.join("\n")).toContain("Tono Wijaya");
    const bad = await sandi("user", "edit", "tono@contoh.example", "--email", "nope");
    expect(bad.code).toBe(1);
    expect(bad.err.join("\n")).toContain("Email: Enter an email address");
  });

  it("delete needs --yes, then removes the user", async () => {
    const person = ["--email", "x@mail.example", "--first", "X", "--last", "Y"];
    await sandi("user", "add", "leaver@contoh.example", ...person);
    expect((await sandi("user", "delete", "leaver@contoh.example")).code).toBe(2);
    expect((await sandi("user", "delete", "leaver@contoh.example", "--yes")).code).toBe(0);
    expect((await sandi("user", "show", "leaver@contoh.example")).code).toBe(1);
  });
});

describe("sandi user import", () => {
  it("--dry-run reports each bad row and imports nothing; the fixed file imports", async () => {
    const directory = temporaryDirectory();
    const file = join(directory, "users.csv");
    writeFileSync(
      file,
      "userId,email,firstName,lastName,groups\nana@contoh.example,ana@mail.example,Ana,Sari,staff\nbad,b@mail.example,B,C,\n",
    );
    const dry = await sandi("user", "import", file, "--dry-run");
    expect(dry.code).toBe(1);
    expect(dry.err.join("\n")).toContain("row 2, userId: Enter a user ID like name@example.com.");
    expect((await sandi("user", "show", "ana@contoh.example")).code).toBe(1);
    writeFileSync(file, "userId,email,firstName,lastName,groups\nana@contoh.example,ana@mail.example,Ana,Sari,staff\n");
    const imported = await sandi("user", "import", file);
    expect(imported.code).toBe(0);
    expect(imported.out.join("\n")).toContain("Imported 1 of 1 users");
    expect((await sandi("user", "show", "ana@contoh.example")).out.join("\n")).toMatch(/Groups:\s+staff/);
  });
});

describe("sandi group nest|remove-member|delete|list", () => {
  it("nests, refuses a cycle, removes a member, lists and deletes", async () => {
    expect((await sandi("group", "nest", "office", "staff")).code).toBe(0);
    const cycle = await sandi("group", "nest", "staff", "office");
    expect(cycle.code).toBe(1);
    expect(cycle.err.join("\n")).toContain("would go round");
    expect((await sandi("group", "add-member", "staff", "tono@contoh.example")).code).toBe(0);
    const removed = await sandi("group", "remove-member", "staff", "tono@contoh.example");
    expect(removed.out.join("\n")).toContain('Removed tono@contoh.example from "staff".');
    expect((await sandi("group", "list")).out.join("\n")).toContain("office  members: 1  subgroups: 1");
    expect((await sandi("group", "delete", "office")).code).toBe(0);
    expect((await sandi("group", "delete", "office")).code).toBe(1);
  });
});

describe("sandi group rename", () => {
  it("renames with the members following, refuses a taken name and a group the policy names", async () => {
    expect((await sandi("group", "add", "branch")).code).toBe(0);
    expect((await sandi("group", "add", "head-office")).code).toBe(0);
    expect((await sandi("group", "add-member", "branch", "tono@contoh.example")).code).toBe(0);
    const renamed = await sandi("group", "rename", "branch", "Branch Surabaya");
    expect(renamed.code).toBe(0);
    expect(renamed.out.join("\n")).toContain('Renamed group "branch" to "Branch Surabaya".');
    expect((await sandi("user", "show", "tono@contoh.example")).out.join("\n")).toContain("Branch Surabaya");
    const taken = await sandi("group", "rename", "Branch Surabaya", "head-office");
    expect(taken.code).toBe(1);
    expect(taken.err.join("\n")).toContain('A group named "head-office" already exists.');
    expect((await sandi("policy", "set", "excludedGroups", "head-office")).code).toBe(0);
    const named = await sandi("group", "rename", "head-office", "HQ");
    expect(named.code).toBe(1);
    expect(named.err.join("\n")).toContain('The SSPR policy names "head-office" (excludedGroups)');
  });
});
