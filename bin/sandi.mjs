#!/usr/bin/env node
// The `sandi` binary. It runs the compiled JavaScript in dist/ (`npm run build`) when that build is current: dist/main.js
// exists and no file in src/ is newer than it (a published package ships no src/ at all). Otherwise it registers tsx
// and runs the TypeScript sources, as `npm start` always does. SANDI_RUN=source or SANDI_RUN=dist forces a choice.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const REQUIRED_NODE_MAJOR = 24;
const ROOT = join(import.meta.dirname, "..");
const COMPILED = join(ROOT, "dist", "main.js");
const SOURCE = join(ROOT, "src");

const major = Number(process.versions.node.split(".")[0]);
if (major < REQUIRED_NODE_MAJOR) {
  process.stderr.write(`sandi: needs Node.js ${REQUIRED_NODE_MAJOR} or later; this is ${process.versions.node}.\n`);
  process.exit(1);
}

/** The newest modification time of any file under `directory`. */
function newestChange(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  return newest;
}

/** Whether dist/ holds a build at least as new as every source file. */
function compiledIsCurrent() {
  if (!existsSync(COMPILED)) return false;
  if (!existsSync(SOURCE)) return true;
  return statSync(COMPILED).mtimeMs >= newestChange(SOURCE);
}

const choice = process.env.SANDI_RUN ?? (compiledIsCurrent() ? "dist" : "source");
// Not a configuration key: the config loader refuses unknown SANDI_* variables.
delete process.env.SANDI_RUN;
if (choice === "dist") await import(COMPILED);
else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/main.ts");
}
