/**
 * Loads the shipped global banned-password list G (SPEC §7.4) and builds the banned check around it: once per
 * process, at start, never per request. The list is a file beside the code, so it works offline.
 */
import { readFileSync } from "node:fs";
import { createBannedPasswordList, type BannedPasswordList } from "./domain/passwords/banned-list.js";

/** The list beside this module: `src/assets/` (the build copies it to `dist/assets/` with every other data file). */
export const GLOBAL_LIST_URL = new URL("./assets/banned-passwords/global-list.txt", import.meta.url);

let loaded: BannedPasswordList | null = null;

/** The terms of a list file, one a line. */
export function readTermFile(url: URL): string[] {
  return readFileSync(url, "utf8")
    .split("\n")
    .filter((line) => line !== "");
}

/**
 * The banned check with the shipped G, read and indexed on the first call and shared afterwards: the server, the
 * console commands and every test build in one process use one copy (indexing takes a few hundred milliseconds).
 */
export function shippedBannedPasswordList(): BannedPasswordList {
  loaded ??= createBannedPasswordList(readTermFile(GLOBAL_LIST_URL));
  return loaded;
}
