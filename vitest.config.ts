import { defineConfig } from "vitest/config";

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
      { extends: true, test: { name: "browser", include: ["test/**/*.browser.test.ts"], testTimeout: 180_000 } },
    ],
  },
});
