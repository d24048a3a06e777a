/**
 * `npm run build`: compiles src/ to dist/ (tsc with tsconfig.build.json), then copies every file the runtime reads
 * beside the code, as it lies in src/: the JSON catalogs, the static files, and any other data file. Anything in
 * src/ that is not TypeScript is copied, so a new data file read through `import.meta.dirname` needs no change here.
 *
 * `npm run build -- <outDir>` builds elsewhere (the build test uses a folder inside the repository, so packages
 * still resolve from node_modules).
 */
import { execFileSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const SOURCE = join(ROOT, "src");
const outDir = resolve(ROOT, process.argv[2] ?? "dist");

/** The TypeScript compiler of node_modules, run by the Node.js that runs this script. */
function compile(): void {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json"), "--outDir", outDir], {
    stdio: "inherit",
  });
}

/** Everything but TypeScript (catalogs, CSS and scripts, data files, migrations.lock.json), kept where it lies. */
function copyRuntimeFiles(): void {
  cpSync(SOURCE, outDir, {
    recursive: true,
    filter: (path) => !path.endsWith(".ts") && !path.endsWith(".mmd"),
  });
}

rmSync(outDir, { recursive: true, force: true });
compile();
copyRuntimeFiles();
process.stdout.write(`built ${outDir}\n`);
