import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { type ConfigError, loadConfig, REDACTED, redactConfig } from "../../src/config/load-config.js";

let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), "sandi-config-"));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function writeYaml(name: string, content: string): string {
  const path = join(cwd, name);
  writeFileSync(path, content);
  return path;
}

function load(env: NodeJS.ProcessEnv = {}, argvConfigPath?: string) {
  return loadConfig({ env, cwd, ...(argvConfigPath === undefined ? {} : { argvConfigPath }) });
}

function loaded(env: NodeJS.ProcessEnv = {}, argvConfigPath?: string) {
  const result = load(env, argvConfigPath);
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result;
}

function errorsOf(env: NodeJS.ProcessEnv = {}, argvConfigPath?: string): ConfigError[] {
  const result = load(env, argvConfigPath);
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

describe("loadConfig: sources", () => {
  it("uses the schema's defaults when there is no file and no variable", () => {
    const { config, source } = loaded();
    expect(source).toBeNull();
    expect(config.listen).toEqual({ host: "127.0.0.1", port: 8080 });
    expect(config.database).toEqual({ url: null, dataDirectory: "./data", preparedStatements: true });
  });

  it("turns PostgreSQL's prepared statements off for a pooler that cannot keep them", () => {
    const { config } = loaded({ SANDI_DATABASE__PREPAREDSTATEMENTS: "false" });
    expect(config.database.preparedStatements).toBe(false);
  });

  it("reads sandi.yaml from the working directory", () => {
    const path = writeYaml(
      "sandi.yaml",
      stringify({ publicUrl: "https://sandi.example.org", smtp: { host: "mail.example.org", port: 465 } }),
    );
    const { config, source } = loaded();
    expect(source).toBe(path);
    expect(config.publicUrl).toBe("https://sandi.example.org");
    expect(config.smtp.host).toBe("mail.example.org");
    expect(config.smtp.port).toBe(465);
    expect(config.smtp.security).toBe("starttls");
  });

  it("reads the file named by --config or SANDI_CONFIG, which must exist", () => {
    writeYaml("other.yaml", "listen:\n  port: 9000\n");
    expect(loaded({}, "other.yaml").config.listen.port).toBe(9000);
    expect(loaded({ SANDI_CONFIG: join(cwd, "other.yaml") }).config.listen.port).toBe(9000);
    expect(errorsOf({}, "missing.yaml")).toEqual([
      { path: "--config", message: expect.stringContaining("does not exist") },
    ]);
    expect(errorsOf({ SANDI_CONFIG: "gone.yaml" })).toEqual([
      { path: "SANDI_CONFIG", message: expect.stringContaining("does not exist") },
    ]);
  });

  it("reports YAML syntax errors with their line", () => {
    writeYaml("sandi.yaml", "listen:\n  port: [1, 2\n");
    const errors = errorsOf();
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]?.path).toMatch(/sandi\.yaml:\d+:\d+$/);
  });
});

describe("loadConfig: SANDI_* overrides", () => {
  it("overrides any key by its upper-case path, with __ between levels, over the file", () => {
    writeYaml("sandi.yaml", "smtp:\n  host: file.example.org\n");
    const { config } = loaded({ SANDI_SMTP__HOST: "env.example.org", SANDI_PUBLICURL: "https://env.example.org" });
    expect(config.smtp.host).toBe("env.example.org");
    expect(config.publicUrl).toBe("https://env.example.org");
  });

  it("matches keys case-insensitively and coerces numbers, booleans, null and lists", () => {
    const { config } = loaded({
      SANDI_LISTEN__PORT: "9090",
      SANDI_Worker__InProcess: "false",
      SANDI_METRICS__PORT: "null",
      SANDI_TRUSTEDPROXIES: "10.0.0.1, 192.168.0.0/16",
      SANDI_SIGNIN__LOCKOUTTHRESHOLD: "20",
    });
    expect(config.listen.port).toBe(9090);
    expect(config.worker.inProcess).toBe(false);
    expect(config.metrics.port).toBeNull();
    expect(config.trustedProxies).toEqual(["10.0.0.1", "192.168.0.0/16"]);
    expect(config.signIn.lockoutThreshold).toBe(20);
  });

  it("puts record keys (the policy seed) under the rest of the name", () => {
    expect(loaded({ SANDI_POLICY__SCOPE: "all" }).config.policy).toEqual({ scope: "all" });
  });

  it("takes DATABASE_URL as an alias; SANDI_DATABASE__URL wins when both are set", () => {
    expect(loaded({ DATABASE_URL: "postgres://alias@db/sandi" }).config.database.url).toBe("postgres://alias@db/sandi");
    const both = { DATABASE_URL: "postgres://alias@db/sandi", SANDI_DATABASE__URL: "postgresql://own@db/sandi" };
    expect(loaded(both).config.database.url).toBe("postgresql://own@db/sandi");
  });

  it("ignores SANDI_CONFIG and the test harness's SANDI_TEST_* variables as keys", () => {
    expect(load({ SANDI_TEST_POSTGRES_URL: "postgres://x@y/z", SANDI_TEST_SKIP_POSTGRES: "1" }).ok).toBe(true);
  });
});

describe("loadConfig: validation", () => {
  it("lists every error with its path, from the file and the environment together", () => {
    writeYaml(
      "sandi.yaml",
      stringify({
        publicUrl: "not a url",
        listen: { port: 70000, colour: "blue" },
        smtp: { security: "ssl", port: "x" },
        log: { level: "loud" },
        trustedProxies: ["10.0.0.1", 5],
        policy: { scope: null },
        extra: true,
      }),
    );
    const errors = errorsOf({ SANDI_SMTP_HOST: "typo", SANDI_METRICS__TOKEN: "short", DATABASE_URL: "mysql://db" });
    const paths = errors.map((error) => error.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "SANDI_SMTP_HOST",
        "listen.colour",
        "extra",
        "publicUrl",
        "listen.port",
        "smtp.security",
        "smtp.port",
        "log.level",
        "trustedProxies.1",
        "policy.scope",
        "metrics.token",
        "database.url",
      ]),
    );
    expect(errors).toHaveLength(12);
    const byPath = new Map(errors.map((error) => [error.path, error.message]));
    expect(byPath.get("log.level")).toContain('must be one of "fatal"');
    expect(byPath.get("smtp.port")).toBe("must be an integer");
    expect(byPath.get("metrics.token")).toContain("(from SANDI_METRICS__TOKEN)");
    expect(byPath.get("database.url")).toContain("(from DATABASE_URL)");
    expect(byPath.get("listen.colour")).toContain("unknown key");
  });

  it("treats a top-level key in the wrong case as unknown and suggests the right one", () => {
    writeYaml("sandi.yaml", "publicurl: https://x.example\n");
    expect(errorsOf()).toEqual([{ path: "publicurl", message: expect.stringContaining('did you mean "publicUrl"?') }]);
  });

  it("refuses a variable that names a section instead of a key", () => {
    expect(errorsOf({ SANDI_SMTP: "x" })).toEqual([
      { path: "SANDI_SMTP", message: expect.stringContaining("section") },
    ]);
  });
});

describe("loadConfig: result", () => {
  it("deep-freezes the configuration", () => {
    const { config } = loaded({ SANDI_TRUSTEDPROXIES: "10.0.0.1" });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.smtp)).toBe(true);
    expect(Object.isFrozen(config.trustedProxies)).toBe(true);
    expect(() => {
      (config.smtp as { host: string | null }).host = "evil.example";
    }).toThrow(TypeError);
  });

  it("redacts secret values and the password inside a database URL", () => {
    const { config } = loaded({
      SANDI_SMTP__PASSWORD: "smtp-secret",
      SANDI_METRICS__TOKEN: "metrics-token-0123456789",
      DATABASE_URL: "postgres://sandi:db-secret@db.example:5432/sandi",
    });
    const redacted = redactConfig(config);
    const text = JSON.stringify(redacted);
    expect(text).not.toContain("smtp-secret");
    expect(text).not.toContain("metrics-token-0123456789");
    expect(text).not.toContain("db-secret");
    expect(redacted.smtp).toMatchObject({ password: REDACTED, host: null });
    expect(redacted.metrics).toMatchObject({ token: REDACTED });
    expect(redacted.database).toMatchObject({ url: `postgres://sandi:${REDACTED}@db.example:5432/sandi` });
    expect(config.smtp.password).toBe("smtp-secret");
  });

  it("leaves unset secrets as null so the output shows they are unset", () => {
    expect(redactConfig(loaded().config).smtp).toMatchObject({ password: null });
  });
});
