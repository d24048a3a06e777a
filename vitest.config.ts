import { defineConfig } from "vitest/config";

/** The reset journey tests that also run on the read-only test directory. */
const READ_ONLY_DIRECTORY_JOURNEYS = [
  "test/http/reset/reset.journey.test.ts",
  "test/http/reset/reset.enumeration.test.ts",
  "test/http/reset/reset.gate-bypass.test.ts",
  "test/http/reset/reset.admin-two-gates.test.ts",
  "test/http/reset/reset.superseded.test.ts",
  "test/http/reset/reset.sessions.test.ts",
  "test/http/reset/code.threats.test.ts",
  "test/http/reset/reset.secrets.test.ts",
  "test/http/api/reset-api.journey.test.ts",
  "test/http/api/reset-api.enumeration.test.ts",
];

/**
 * Test files that must run in a fresh process of their own: they replace modules with `vi.mock` (a module another
 * file already loaded in a shared process would keep the real one, or the mock would leak into later files), or they
 * import other test files after changing a module-level default (useMethodVariant), which a shared process would
 * already have loaded and would keep changed.
 */
const ISOLATED_FILES = [
  "test/domain/recovery-codes.test.ts",
  "test/methods/recovery-gate.test.ts",
  "test/methods/totp-app-gate.test.ts",
  "test/http/reset/reset.fake-authenticator-build.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    // One process per worker runs file after file (docs/testing.md, "Test suite time"): loading the app's modules,
    // PGlite's WebAssembly, the migrated template and the password-strength worker once per worker instead of once
    // per file more than halves the suite's CPU time. The few files that need a process of their own are listed above.
    isolate: false,
    // The JSON report lets .ci/run prove that the PostgreSQL store suite really ran.
    reporters: ["default", ["json", { outputFile: ".sandi-test/vitest-report.json" }]],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/**/*.int.test.ts", "test/**/*.browser.test.ts", ...ISOLATED_FILES],
        },
      },
      { extends: true, test: { name: "unit-isolated", include: ISOLATED_FILES, isolate: true } },
      { extends: true, test: { name: "int", include: ["test/**/*.int.test.ts"] } },
      {
        // The reset journeys again, on a directory Sandi cannot manage and whose writes can be refused: the flows
        // must need nothing of the built-in directory (issue 8). buildTestApp reads SANDI_TEST_DIRECTORY.
        extends: true,
        test: {
          name: "read-only-directory",
          include: READ_ONLY_DIRECTORY_JOURNEYS,
          env: { SANDI_TEST_DIRECTORY: "read-only" },
        },
      },
      { extends: true, test: { name: "browser", include: ["test/**/*.browser.test.ts"], testTimeout: 180_000 } },
    ],
  },
});
