/** Released migrations are frozen: migrations.lock.json holds each file's SHA-256, and every file must be in it. */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MIGRATION_NAMES } from "../../src/store/migrations/index.js";

const MIGRATIONS_DIRECTORY = new URL("../../src/store/migrations/", import.meta.url);
const LOCK: Record<string, string> = JSON.parse(
  readFileSync(new URL("migrations.lock.json", MIGRATIONS_DIRECTORY), "utf8"),
) as Record<string, string>;

function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIRECTORY)
    .filter((name) => /^\d{4}-\d{2}-\d{2}T\d{4}Z-[a-z0-9-]+\.ts$/.test(name))
    .sort();
}

function sha256Of(file: string): string {
  return createHash("sha256")
    .update(readFileSync(new URL(file, MIGRATIONS_DIRECTORY)))
    .digest("hex");
}

describe("migrations.lock.json", () => {
  // A migration already applied somewhere is never edited: a changed file would leave those databases behind.
  it.each(migrationFiles())("%s is locked and unchanged", (file) => {
    const actual = sha256Of(file);
    expect(
      LOCK[file],
      `${file} is not in migrations.lock.json; a new migration adds "${file}": "${actual}"`,
    ).toBeDefined();
    expect(actual, `${file} changed after it was locked: add a new migration instead of editing this one`).toBe(
      LOCK[file],
    );
  });

  it("names no file that is missing", () => {
    expect(Object.keys(LOCK).sort()).toEqual(migrationFiles());
  });

  it("lists every migration in index.ts, in file-name order", () => {
    expect(MIGRATION_NAMES.map((name) => `${name}.ts`)).toEqual(migrationFiles());
  });
});
