/** `sandi --version`: the version of the package this code belongs to, from source (src/) or compiled (dist/). */
import { readFileSync } from "node:fs";
import { findPackageJSON } from "node:module";

/** The nearest package.json above this module (the repository's, whether this file runs from src/ or dist/). */
export function sandiVersion(): string {
  const path = findPackageJSON(import.meta.url);
  if (path === undefined) return "unknown";
  const manifest = JSON.parse(readFileSync(path, "utf8")) as { version?: unknown };
  return typeof manifest.version === "string" ? manifest.version : "unknown";
}

/** The line `sandi --version` prints: Sandi's version and the Node.js that runs it. */
export function versionLine(): string {
  return `sandi ${sandiVersion()} (Node.js ${process.versions.node})`;
}
