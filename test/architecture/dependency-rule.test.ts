/** The dependency rule of docs/architecture.md holds for src/, and the checker really reads TypeScript. */
import { join } from "node:path";
import { cruise, type ICruiseResult } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const FIXTURE = join(ROOT, "test", "fixtures", "forbidden-import");

/** Cruises `baseDir/src` with the project's rules, resolving paths and the tsconfig from `baseDir`. */
async function cruiseSources(baseDir: string): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(join(ROOT, ".dependency-cruiser.mjs"));
  const tsConfigFile = join(baseDir, "tsconfig.json");
  const { output } = await cruise(
    ["src"],
    { ...options, baseDir, tsConfig: { fileName: tsConfigFile } },
    {},
    { tsConfig: extractTSConfig(tsConfigFile) },
  );
  if (typeof output === "string") throw new Error("dependency-cruiser returned text instead of a cruise result");
  return output;
}

function describeViolations(result: ICruiseResult): string[] {
  return result.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`);
}

/** Every module `start` imports, directly or through others (type-only imports included). */
function reachableFrom(start: string, result: ICruiseResult): Set<string> {
  const bySource = new Map(result.modules.map((module) => [module.source, module]));
  const seen = new Set<string>();
  const queue = [start];
  for (let source = queue.pop(); source !== undefined; source = queue.pop()) {
    if (seen.has(source)) continue;
    seen.add(source);
    for (const dependency of bySource.get(source)?.dependencies ?? [])
      if (dependency.resolved.startsWith("src/")) queue.push(dependency.resolved);
  }
  return seen;
}

describe("dependency rule", () => {
  it("src/ breaks none of the rules in .dependency-cruiser.mjs", async () => {
    const result = await cruiseSources(ROOT);
    // Without the typescript package dependency-cruiser reads no .ts file and passes: zero modules is a failure.
    expect(result.summary.totalCruised).toBeGreaterThan(0);
    expect(describeViolations(result)).toEqual([]);
  });

  it("a domain module importing fastify is refused (the check is not vacuous)", async () => {
    const result = await cruiseSources(FIXTURE);
    expect(result.modules.map((module) => module.source)).toContain("src/domain/bad.ts");
    expect(result.summary.violations).toContainEqual(
      expect.objectContaining({ rule: expect.objectContaining({ name: "domain-is-pure" }), from: "src/domain/bad.ts" }),
    );
  });

  it("a console command importing a repository is refused: commands act through the admin services", async () => {
    const result = await cruiseSources(FIXTURE);
    expect(result.summary.violations).toContainEqual(
      expect.objectContaining({
        rule: expect.objectContaining({ name: "commands-use-admin-services" }),
        from: "src/cli/commands/raw-command.ts",
      }),
    );
  });

  it("sandi worker reaching http/ through composition is refused, however many hops away", async () => {
    const result = await cruiseSources(FIXTURE);
    const workerViolations = result.summary.violations.filter(
      (violation) => violation.rule.name === "worker-never-reaches-http",
    );
    expect(workerViolations).toEqual([
      expect.objectContaining({ from: "src/cli/commands/worker.ts", to: "src/http/page.ts" }),
    ]);
  });

  it("sandi worker's own import graph, walked here without the rule, holds composition and no http/ module", async () => {
    const result = await cruiseSources(ROOT);
    const reached = reachableFrom("src/cli/commands/worker.ts", result);
    expect([...reached]).toEqual(
      expect.arrayContaining(["src/compose.ts", "src/notify/outbox-worker.ts", "src/observability/metrics.ts"]),
    );
    expect([...reached].filter((source) => source.startsWith("src/http/"))).toEqual([]);
  });
});
