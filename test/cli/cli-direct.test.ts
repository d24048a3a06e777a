import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { connectPGlite } from "../../src/store/connect.js";
import { runDirect, temporaryDirectory } from "./cli-harness.js";

let cwd: string;
const env = {};

beforeAll(() => {
  cwd = temporaryDirectory();
  writeFileSync(
    join(cwd, "sandi.yaml"),
    stringify({
      organisation: { name: "Contoh Test", domain: "test.example" },
      policy: { scope: "all", "helpdesk.mode": "email" },
    }),
  );
});
afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
});

describe("sandi config check", () => {
  it("prints the effective configuration as YAML with secrets redacted", async () => {
    const secretEnv = {
      SANDI_SMTP__PASSWORD: "smtp-pass-123",
      DATABASE_URL: "postgres://sandi:db-pass-456@db.example/sandi",
    };
    const run = await runDirect(["config", "check"], secretEnv, cwd);
    expect(run.code).toBe(0);
    expect(run.all).toContain("name: Contoh Test");
    expect(run.all).toContain('password: "[redacted]"');
    expect(run.all).toContain("url: postgres://sandi:[redacted]@db.example/sandi");
    expect(run.all).not.toContain("smtp-pass-123");
    expect(run.all).not.toContain("db-pass-456");
  });

  it("exits 1 and lists every error when the configuration is invalid", async () => {
    const run = await runDirect(
      ["config", "check"],
      { SANDI_LISTEN__PORT: "eighty", SANDI_NOPE: "1", SANDI_SMTP__PASSWORD: "hidden-1" },
      cwd,
    );
    expect(run.code).toBe(1);
    expect(run.err[0]).toContain("the configuration is invalid (2 errors)");
    expect(run.all).toContain("listen.port: must be an integer (from SANDI_LISTEN__PORT)");
    expect(run.all).toContain("SANDI_NOPE: is not a configuration key");
    expect(run.all).not.toContain("hidden-1");
  });

  it("names a missing --config file", async () => {
    const run = await runDirect(["--config", "absent.yaml", "config", "check"], env, cwd);
    expect(run.code).toBe(1);
    expect(run.all).toContain("--config: configuration file");
  });
});

describe("sandi migrate, init and user commands on a PGlite data directory", () => {
  it("migrates, then reports the database up to date", async () => {
    const first = await runDirect(["migrate"], env, cwd);
    expect(first.code).toBe(0);
    expect(first.out[0]).toMatch(/^Applied /);
    expect((await runDirect(["migrate"], env, cwd)).out).toEqual(["The database is up to date."]);
  });

  it("init --empty creates the organisation from the configuration and seeds the policy once", async () => {
    expect((await runDirect(["init"], env, cwd)).code).toBe(2);
    const run = await runDirect(["init", "--empty"], env, cwd);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([
      'Created organisation "Contoh Test" (test.example).',
      "Saved the initial policy (version 1).",
    ]);
    const again = await runDirect(["init", "--empty"], env, cwd);
    expect(again.out).toEqual(['Organisation "Contoh Test" exists already.', "A policy exists already (version 1)."]);
    const policy = await runDirect(["policy", "show"], env, cwd);
    expect(JSON.parse(policy.out.join("\n")).policy).toMatchObject({ scope: "all", helpdesk: { mode: "email" } });
  });

  it("keeps users between runs and releases the data directory after each", async () => {
    const add = await runDirect(
      ["user", "add", "ayu@test.example", "--email", "ayu@mail.example", "--first", "Ayu", "--last", "Lestari"],
      env,
      cwd,
    );
    expect(add.code).toBe(0);
    const list = await runDirect(["user", "list"], env, cwd);
    expect(list.out.join("\n")).toContain("ayu@test.example");
    const handle = await connectPGlite(join(cwd, "data"));
    await handle.close();
  });

  it("refuses an invalid seed policy in init, listing the violations", async () => {
    const other = temporaryDirectory();
    writeFileSync(
      join(other, "sandi.yaml"),
      stringify({ policy: { scope: "selected", "password.minLength": 3, bogus: 1 } }),
    );
    const run = await runDirect(["init", "--empty"], env, other);
    expect(run.code).toBe(1);
    expect(run.all).toContain("bogus: unknown policy key");
    expect(run.all).toContain("password.minLength");
    expect(run.all).toContain("(V1)");
    rmSync(other, { recursive: true, force: true });
  });
});
