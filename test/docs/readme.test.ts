/** The README opens with exactly the two set-up commands, and its configuration table covers every config key. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigSchema } from "../../src/config/config.schema.js";

const README = readFileSync(join(import.meta.dirname, "..", "..", "README.md"), "utf8");

/** The bodies of every fenced code block, trimmed, in order. */
function fencedBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```[^\n]*\n([\s\S]*?)^```[ \t]*$/gm)].map((match) => (match[1] ?? "").trim());
}

/** Dotted paths of the configuration's leaves (an object without `properties`, such as `policy`, is a leaf). */
function configKeys(schema: unknown, prefix = ""): string[] {
  const properties = (schema as { properties?: Record<string, unknown> }).properties;
  if (properties === undefined) return [prefix];
  return Object.entries(properties).flatMap(([key, child]) => configKeys(child, prefix ? `${prefix}.${key}` : key));
}

describe("README", () => {
  it("has exactly two set-up commands, first among its code blocks", () => {
    const blocks = fencedBlocks(README);
    expect(blocks.filter((block) => /\bnpm ci\b/.test(block))).toEqual(["npm ci && npm start", "npm ci && npm test"]);
    expect(blocks.slice(0, 2)).toEqual(["npm ci && npm start", "npm ci && npm test"]);
  });

  it("documents every configuration key in its table", () => {
    const keys = configKeys(ConfigSchema);
    expect(keys.length).toBeGreaterThan(10);
    const documented = new Set([...README.matchAll(/^\|\s*`([A-Za-z0-9.]+)`\s*\|/gm)].map((match) => match[1]));
    expect(keys.filter((key) => !documented.has(key))).toEqual([]);
  });
});
