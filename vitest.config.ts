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

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    // The JSON report lets .ci/run prove that the PostgreSQL store suite really ran.
    reporters: ["default", ["json", { outputFile: ".sandi-test/vitest-report.json" }]],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/**/*.int.test.ts", "test/**/*.browser.test.ts"],
        },
      },
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
