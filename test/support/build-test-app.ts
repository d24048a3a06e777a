/** The whole Sandi app on an in-memory PGlite clone (or a given database), a fake clock and the dev mailbox. */
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { type Composed, composeServices } from "../../src/compose.js";
import type { Config } from "../../src/config/config.schema.js";
import { buildApp } from "../../src/http/build-app.js";
import type { AppOptions } from "../../src/http/app-services.js";
import { createArgon2idHasher, type SecretHasher } from "../../src/lib/crypto/argon2id.js";
import type { Database } from "../../src/store/database.js";
import { createFakeAuthenticator } from "./fake-authenticator.js";
import { createFakeClock, type FakeClock } from "./fake-clock.js";
import { createReadOnlyTestDirectory, type ReadOnlyTestDirectory } from "./read-only-directory.js";
import { createSeeder, type Seeder } from "./seed.js";
import { createLightHasher } from "./test-argon2.js";
import { type DeepPartial, testConfig } from "./test-config.js";
import { type TestDatabaseHandle, testDatabases } from "./test-databases.js";

export interface TestApp {
  readonly app: FastifyInstance;
  readonly composed: Composed;
  readonly clock: FakeClock;
  readonly db: Kysely<Database>;
  readonly config: Config;
  readonly seed: Seeder;
  /** The read-only test directory when the app runs on it; null on the built-in directory. */
  readonly readOnlyDirectory: ReadOnlyTestDirectory | null;
  /** Every log line the app wrote (pino JSON), for secret scans. */
  readonly logLines: string[];
  /** Runs the outbox worker once; returns how many messages it handled. */
  deliverMail(): Promise<number>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  readonly config?: DeepPartial<Config>;
  readonly clock?: FakeClock;
  /** Use the real clock (for response-floor timing tests). */
  readonly realClock?: boolean;
  readonly database?: TestDatabaseHandle;
  readonly mode?: "development" | "production";
  /** Drop the database when the app closes (default: true for the PGlite clone made here). */
  readonly dropDatabase?: boolean;
  /**
   * The methods of the build: `email` (the built-in ones), or `email+fake-authenticator`, which registers the
   * test-only fake authenticator beside them and enables it in every policy the seeder saves.
   */
  readonly methods?: MethodVariant;
  /**
   * The directory people live in: the built-in one, or the read-only test directory. Default: SANDI_TEST_DIRECTORY
   * (set by the vitest project that reruns the reset journeys on the read-only directory), else built-in.
   */
  readonly directory?: TestDirectoryKind;
  /** The process's one hasher, when a test must control it (an overload); otherwise one made from the config. */
  readonly hasher?: SecretHasher;
  /**
   * The cost of the hasher made from the config, and of the seeder's: `light` (default; test-argon2.ts) or
   * `production`, for tests about hashing itself (the Argon2 queue under overload, response timing).
   */
  readonly argon2?: "light" | "production";
  /** Told of every route as the app adds it (the role matrix). */
  readonly onRoute?: AppOptions["onRoute"];
}

/** The method builds a journey test runs under; each must answer its journeys alike. */
export const METHOD_VARIANTS = ["email", "email+fake-authenticator"] as const;
export type MethodVariant = (typeof METHOD_VARIANTS)[number];

let defaultVariant: MethodVariant = "email";

/**
 * Sets the method build of every app this test file builds without saying: a file that imports existing test files
 * after calling it runs them, unchanged, in that build.
 */
export function useMethodVariant(variant: MethodVariant): void {
  defaultVariant = variant;
}

export type TestDirectoryKind = "builtin" | "read-only";

function directoryKindOf(options: TestAppOptions): TestDirectoryKind {
  if (options.directory !== undefined) return options.directory;
  return process.env.SANDI_TEST_DIRECTORY === "read-only" ? "read-only" : "builtin";
}

/** Quick proof-of-work for tests: the same check, a trivial puzzle. */
export const TEST_CAPTCHA_DIFFICULTY = { cost: 1, counterMin: 5, counterMax: 10, hardFactor: 10 } as const;

function captureLogger(lines: string[]): object {
  return { level: "info", stream: { write: (line: string) => lines.push(line) } };
}

/** The hasher compose gets: the test's own, the light one with the config's limits, or none (production's). */
function hasherOption(options: TestAppOptions, config: Config): { hasher?: SecretHasher } {
  if (options.hasher !== undefined) return { hasher: options.hasher };
  return options.argon2 === "production" ? {} : { hasher: createLightHasher(config.argon2) };
}

/** Builds the app; call `close()` when done. */
export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? createFakeClock();
  const config = testConfig(options.config ?? {});
  const pglite = testDatabases().find((database) => database.name === "pglite");
  const database = options.database ?? (await pglite?.open());
  if (database === undefined) throw new Error("no test database");
  const logLines: string[] = [];
  const logger = {
    info: (object: object, message: string) => logLines.push(JSON.stringify({ ...object, msg: message })),
    warn: (object: object, message: string) => logLines.push(JSON.stringify({ ...object, msg: message })),
    error: (object: object, message: string) => logLines.push(JSON.stringify({ ...object, msg: message })),
  };
  const withFake = (options.methods ?? defaultVariant) === "email+fake-authenticator";
  let readOnlyDirectory: ReadOnlyTestDirectory | null = null;
  const useReadOnly = directoryKindOf(options) === "read-only";
  const composed = await composeServices({
    config,
    mode: options.mode ?? "development",
    ...(options.realClock ? {} : { clock }),
    database,
    ...(useReadOnly
      ? {
          directory: (hasher) => {
            readOnlyDirectory = createReadOnlyTestDirectory(hasher);
            return readOnlyDirectory;
          },
        }
      : {}),
    ...hasherOption(options, config),
    logger,
    policyCacheMilliseconds: 0,
    captchaDifficulty: TEST_CAPTCHA_DIFFICULTY,
    ...(withFake ? { extraMethods: (deps) => [createFakeAuthenticator(deps)] } : {}),
  });
  const app = await buildApp(composed.services, {
    mode: options.mode ?? "development",
    publicUrl: new URL(config.publicUrl),
    trustedProxies: config.trustedProxies,
    logger: captureLogger(logLines),
    metricsToken: config.metrics.token,
    skipCaptcha: false,
    ...(options.onRoute === undefined ? {} : { onRoute: options.onRoute }),
  });
  await app.ready();
  const seed = createSeeder(composed, clock, {
    readOnly: readOnlyDirectory,
    ...(options.argon2 === "production" ? { hasher: createArgon2idHasher({ maxInFlight: 2, maxWaiting: 100 }) } : {}),
    policyBase: withFake ? { "methods.authenticatorApp": "on" } : {},
  });
  const drop = options.dropDatabase ?? options.database === undefined;
  return {
    app,
    composed,
    clock,
    db: database.db,
    config,
    seed,
    readOnlyDirectory,
    logLines,
    deliverMail: () => composed.worker.runOnce(),
    close: async () => {
      await app.close();
      await composed.worker.stop();
      if (drop) await database.drop();
      else await database.close();
    },
  };
}
