import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/store/connect.js";
import { inMemoryCli, openMemoryDatabase, type RunResult } from "./cli-harness.js";

let handle: DatabaseHandle;
let sandi: (...argv: string[]) => Promise<RunResult>;

beforeAll(async () => {
  handle = await openMemoryDatabase();
  sandi = inMemoryCli(handle);
});
afterAll(async () => {
  await handle.close();
});

describe("sandi policy", () => {
  it("shows the defaults before any save", async () => {
    const run = await sandi("policy", "show");
    expect(run.code).toBe(0);
    const shown = JSON.parse(run.out.join("\n"));
    expect(shown.version).toBeNull();
    expect(shown.policy.scope).toBe("none");
  });

  it("saves a valid setting as a new version and audits the change", async () => {
    const run = await sandi("policy", "set", "scope", "all");
    expect(run.code).toBe(0);
    expect(run.out[0]).toBe("Saved policy version 1.");
    const shown = JSON.parse((await sandi("policy", "show")).out.join("\n"));
    expect(shown).toMatchObject({ version: 1, createdBy: "system:console", policy: { scope: "all" } });
    const event = await handle.db
      .selectFrom("audit_event")
      .selectAll()
      .where("activity", "=", "policy.updated")
      .executeTakeFirstOrThrow();
    expect(event.changes).toEqual([{ field: "scope", old: "none", new: "all" }]);
    expect(event.actor_id).toBe("console");
  });

  it("refuses an invalid setting, listing every violation, with exit 1", async () => {
    const selected = await sandi("policy", "set", "scope", "selected");
    expect(selected.code).toBe(1);
    expect(selected.err.join("\n")).toContain("scopeGroups: Selected scope needs at least one group (V1)");
    const unknown = await sandi("policy", "set", "nonsense", "1");
    expect(unknown.code).toBe(1);
    expect(unknown.err.join("\n")).toContain("Keys: scope");
    const badValue = await sandi("policy", "set", "password.minLength", "4");
    expect(badValue.code).toBe(1);
    expect(badValue.err.join("\n")).toContain("password.minLength: must be 8–64");
    const shown = JSON.parse((await sandi("policy", "show")).out.join("\n"));
    expect(shown.version).toBe(1);
  });

  it("sets the organisation's time zone by its IANA name and refuses what is not one", async () => {
    const set = await sandi("policy", "set", "organisation.timeZone", "asia/jakarta");
    expect(set.code).toBe(0);
    expect(set.out).toContain('  organisation.timeZone: "UTC" -> "Asia/Jakarta"');
    for (const bad of ["Mars/Olympus_Mons", "+07:00", "WIB"]) {
      const refused = await sandi("policy", "set", "organisation.timeZone", bad);
      expect(refused.code, bad).toBe(1);
      expect(refused.err.join("\n")).toContain("organisation.timeZone");
    }
    const shown = JSON.parse((await sandi("policy", "show")).out.join("\n"));
    expect(shown.policy.organisation).toEqual({ timeZone: "Asia/Jakarta" });
  });

  it("needs exactly KEY and VALUE", async () => {
    const run = await sandi("policy", "set", "scope");
    expect(run.code).toBe(2);
    expect(run.err.join("\n")).toContain("Usage: sandi policy set KEY VALUE");
  });

  it("saves a setting that only warns (V6: texts without a provider; questions' NIST note) and prints the warnings", async () => {
    const run = await sandi("policy", "set", "methods.securityQuestions", "on");
    expect(run.code).toBe(0);
    const printed = run.out.join("\n");
    expect(printed).toContain("Warning:  methods.mobileSms: no SMS provider is configured (phone.url) (V6)");
    expect(printed).toContain("(NIST)");
    expect((await sandi("policy", "set", "methods.securityQuestions", "off")).out.join("\n")).not.toContain("NIST");
  });
});

describe("sandi audit tail", () => {
  it("prints one line per event, oldest first, filtered by user and limited", async () => {
    await sandi(
      "user",
      "add",
      "tail.user@contoh.example",
      "--email",
      "t@mail.example",
      "--first",
      "Tail",
      "--last",
      "User",
    );
    await sandi("user", "disable", "tail.user@contoh.example");
    const all = await sandi("audit", "tail");
    expect(all.code).toBe(0);
    expect(all.out.length).toBeGreaterThanOrEqual(3);
    // Disabling ends the user's sessions too (SPEC §9.1's admin row), audited right after the change.
    expect(all.out.at(-2)).toMatch(
      /^\d{4}-\d\d-\d\dT\S+Z {2}directory\.user\.changed {2}success {2}disable {2}system:console {2}tail\.user@contoh\.example {2}- {2}# User changed · Account disabled · System \(console\)$/,
    );
    expect(all.out.at(-1)).toMatch(
      / {2}sessions\.revoked {2}success {2}admin:0 {2}system:console {2}tail\.user@contoh\.example /,
    );
    const mine = await sandi("audit", "tail", "--user", "tail.user@contoh.example", "--limit", "2");
    expect(mine.out).toHaveLength(2);
    expect(mine.out[0]).toContain("directory.user.changed");
    expect((await sandi("audit", "tail", "--limit", "0")).code).toBe(2);
  });

  it("keeps the codes and adds the activity, reason and actor in words, in Indonesian with --lang id", async () => {
    const indonesian = await sandi("audit", "tail", "--user", "tail.user@contoh.example", "--lang", "id");
    expect(indonesian.out.at(-1)).toMatch(
      / {2}sessions\.revoked {2}success {2}admin:0 {2}system:console .* # Sesi diakhiri · Diakhiri oleh admin: 0 sesi · Sistem \(console\)$/,
    );
    expect((await sandi("audit", "tail", "--lang", "fr")).code).toBe(2);
  });

  it("narrows by the audit page's filters: activity, actor, target, result and a time window", async () => {
    const target = ["--target", "tail.user@contoh.example"];
    const revoked = await sandi("audit", "tail", ...target, "--activity", "sessions.revoked");
    expect(revoked.out).toHaveLength(1);
    expect(revoked.out[0]).toContain("  sessions.revoked  success  ");
    const byConsole = await sandi("audit", "tail", ...target, "--actor", "console");
    expect(byConsole.out.length).toBeGreaterThanOrEqual(2);
    for (const line of byConsole.out) expect(line).toContain("  system:console  tail.user@contoh.example  ");
    expect((await sandi("audit", "tail", ...target, "--actor", "someone.else")).out).toEqual(["No audit events."]);
    expect((await sandi("audit", "tail", ...target, "--result", "failure")).out).toEqual(["No audit events."]);
    const window = await sandi(
      "audit",
      "tail",
      ...target,
      "--from",
      "2000-01-01T00:00:00Z",
      "--to",
      "2999-01-01T00:00:00+07:00",
    );
    expect(window.out).toEqual(byConsole.out);
    expect((await sandi("audit", "tail", ...target, "--from", "2999-01-01T00:00:00Z")).out).toEqual([
      "No audit events.",
    ]);
  });

  it("refuses a filter it cannot read, with a usage message and exit code 2", async () => {
    for (const bad of [
      ["--activity", "password.stolen"],
      ["--result", "maybe"],
      ["--from", "2026-12-07"],
      ["--to", "yesterday"],
    ]) {
      const refused = await sandi("audit", "tail", ...bad);
      expect(refused.code).toBe(2);
      expect(refused.err.join("\n")).toMatch(/^sandi: --(activity|result|from|to) must be /m);
    }
  });
});
