/** Server keys (code HMACs, cookie signing, altcha) in `secret_key`: made once by whichever instance starts first. */
import type { Kysely } from "kysely";
import type { CodeKeys } from "../../domain/ports.js";
import type { Random } from "../../lib/random.js";
import type { Database } from "../database.js";

const KEY_BYTES = 32;
const PURPOSES = ["code-hmac", "cookie", "altcha"] as const;
type Purpose = (typeof PURPOSES)[number];

/** The keys every instance shares. */
export interface SecretKeys {
  readonly codeKeys: CodeKeys;
  readonly cookieKey: Uint8Array;
  readonly altchaKey: Uint8Array;
}

/** The number after the purpose in ids like `code-hmac-2`; a later rotation adds a higher one. */
function generationOf(id: string): number {
  const generation = Number(id.slice(id.lastIndexOf("-") + 1));
  return Number.isInteger(generation) ? generation : 0;
}

function newestOf(keys: readonly { id: string; key: Uint8Array }[], purpose: Purpose): { id: string; key: Uint8Array } {
  const newest = keys.toSorted((a, b) => generationOf(b.id) - generationOf(a.id))[0];
  if (newest === undefined) throw new Error(`secret_key has no ${purpose} key`);
  return newest;
}

function createCodeKeys(keys: readonly { id: string; key: Uint8Array }[]): CodeKeys {
  const byId = new Map(keys.map((entry) => [entry.id, entry.key]));
  return {
    currentId: newestOf(keys, "code-hmac").id,
    get(keyId) {
      const key = byId.get(keyId);
      if (key === undefined) throw new Error(`unknown code key ${keyId}`);
      return key;
    },
  };
}

/**
 * Creates each purpose's first key unless it exists (INSERT … ON CONFLICT DO NOTHING), then reads every key
 * back, so instances starting together all end up with the same keys.
 */
export async function loadSecretKeys(db: Kysely<Database>, random: Random, now: Date): Promise<SecretKeys> {
  await db
    .insertInto("secret_key")
    .values(PURPOSES.map((purpose) => ({ id: `${purpose}-1`, purpose, key: random.bytes(KEY_BYTES), created_at: now })))
    .onConflict((conflict) => conflict.column("id").doNothing())
    .execute();
  const rows = await db
    .selectFrom("secret_key")
    .select(["id", "purpose", "key"])
    .where("purpose", "in", PURPOSES)
    .execute();
  const keysOf = (purpose: Purpose): { id: string; key: Uint8Array }[] =>
    rows.filter((row) => row.purpose === purpose).map((row) => ({ id: row.id, key: new Uint8Array(row.key) }));
  return {
    codeKeys: createCodeKeys(keysOf("code-hmac")),
    cookieKey: newestOf(keysOf("cookie"), "cookie").key,
    altchaKey: newestOf(keysOf("altcha"), "altcha").key,
  };
}
