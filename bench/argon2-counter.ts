/**
 * Counts Argon2 operations in this process by wrapping @node-rs/argon2's `hash` and `verify`. Import it before any
 * Sandi module: ESM importers of this CommonJS package read its exports once, when they first import it.
 */
import { createRequire } from "node:module";

type Argon2Function = (...args: unknown[]) => Promise<unknown>;

const counts = { hash: 0, verify: 0 };

const argon2 = createRequire(import.meta.url)("@node-rs/argon2") as Record<string, Argon2Function>;

function counted(name: "hash" | "verify"): void {
  const original = argon2[name];
  if (original === undefined) throw new Error(`@node-rs/argon2 has no ${name}`);
  argon2[name] = (...args: unknown[]) => {
    counts[name]++;
    return original(...args);
  };
}

counted("hash");
counted("verify");

/** Argon2 operations started in this process so far. */
export function argon2Operations(): { hash: number; verify: number; total: number } {
  return { ...counts, total: counts.hash + counts.verify };
}
