/**
 * `sandi user verify-caller`: list the ways, send (the challenge id printed), then check in a second run, as "system
 * (console)" through the same admin service as the portal. Threats: the code printed or audited; bad arguments
 * mistaken for a check; a code checked more than once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCodeAt } from "../../src/lib/crypto/totp.js";
import { createSecureRandom } from "../../src/lib/random.js";
import { totpMethodFor } from "../../src/methods/totp/totp-registration.js";
import type { DatabaseHandle } from "../../src/store/connect.js";
import { createKyselyMethodStore } from "../../src/store/repos/kysely-method-store.js";
import { loadSecretKeys } from "../../src/store/repos/kysely-secret-keys.js";
import { inMemoryCli, openMemoryDatabase, type RunResult } from "./cli-harness.js";

let handle: DatabaseHandle;
let sandi: (...argv: string[]) => Promise<RunResult>;
const USER = "putri.maharani@contoh.example";
const EMAIL = "putri@mail.example";

async function codeInOutbox(): Promise<string> {
  const row = await handle.db
    .selectFrom("outbox_message")
    .select("data")
    .where("template", "=", "caller-code")
    .where("recipient", "=", EMAIL)
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  const code = (row.data as Record<string, unknown> | null)?.["code"];
  return typeof code === "string" ? code : "";
}

beforeAll(async () => {
  handle = await openMemoryDatabase();
  sandi = inMemoryCli(handle);
  const added = await sandi("user", "add", USER, "--email", EMAIL, "--first", "Putri", "--last", "M");
  expect(added.code).toBe(0);
  const ref = (await handle.db.selectFrom("directory_user").select("ref").executeTakeFirstOrThrow()).ref;
  await handle.db
    .insertInto("verified_method")
    .values({
      id: "email-1",
      user_ref: ref,
      method: "email",
      value: EMAIL,
      label: null,
      created_at: new Date(),
      last_used_at: null,
      secret: null,
      credential_id: null,
      extension: null,
      details: null,
      verified_at: new Date(),
    })
    .execute();
});
afterAll(async () => {
  await handle.close();
});

describe("sandi user verify-caller", () => {
  it("without --method lists the masked ways a code can go", async () => {
    const listed = await sandi("user", "verify-caller", USER);
    expect(listed.code).toBe(0);
    expect(listed.all).toContain("--method email-1 --via email");
    expect(listed.all).toContain("p***@m***.example");
    expect(listed.all).not.toContain(EMAIL);
  });

  it("sends a code, prints how to check it (never the code), and a second run verifies it once", async () => {
    const sent = await sandi("user", "verify-caller", USER, "--method", "email-1");
    expect(sent.code).toBe(0);
    const challengeId = /--check (\S+) --code/.exec(sent.all)?.[1] ?? "";
    expect(challengeId).not.toBe("");
    const code = await codeInOutbox();
    expect(code).toMatch(/^\d{8}$/);
    expect(sent.all).not.toContain(code);
    const wrong = code.startsWith("1") ? `2${code.slice(1)}` : `1${code.slice(1)}`;
    const missed = await sandi("user", "verify-caller", USER, "--check", challengeId, "--code", wrong);
    expect(missed.code).toBe(1);
    expect(missed.all).toContain("did not match. Tries left on this code: 2.");
    const checked = await sandi("user", "verify-caller", USER, "--check", challengeId, "--code", code);
    expect(checked.code).toBe(0);
    expect(checked.all).toContain("Caller verified");
    const again = await sandi("user", "verify-caller", USER, "--check", challengeId, "--code", code);
    expect(again.code).toBe(1);
    const events = await handle.db
      .selectFrom("audit_event")
      .selectAll()
      .where("activity", "like", "caller.%")
      .orderBy("seq")
      .execute();
    expect(events.map((event) => [event.actor_type, event.reason])).toEqual([
      ["system", "caller_code_sent:email"],
      ["system", "caller_wrong_code"],
      ["system", "caller_verified"],
      ["system", "caller_code_expired"],
    ]);
    expect(JSON.stringify(events)).not.toContain(code);
  });

  it("--via app sends nothing; the second run checks the code the caller's app shows, once", async () => {
    const random = createSecureRandom();
    const { codeKeys } = await loadSecretKeys(handle.db, random, new Date());
    const ref = (await handle.db.selectFrom("directory_user").select("ref").executeTakeFirstOrThrow()).ref;
    const secret = random.bytes(20);
    const app = totpMethodFor(codeKeys, ref, { secret, label: "Pixel" });
    await createKyselyMethodStore(handle.db).add({
      ...app,
      id: "totp-1",
      userRef: ref,
      createdAt: new Date(),
      lastUsedAt: null,
    });
    expect((await sandi("user", "verify-caller", USER)).all).toContain("--method totp-1 --via app");
    const outbox = await handle.db.selectFrom("outbox_message").select("id").execute();
    const begun = await sandi("user", "verify-caller", USER, "--method", "totp-1", "--via", "app");
    expect(begun.code).toBe(0);
    expect(begun.all).toContain('Nothing was sent: ask the caller to read the code their authenticator app "Pixel"');
    expect(await handle.db.selectFrom("outbox_message").select("id").execute()).toHaveLength(outbox.length);
    const challengeId = /--check (\S+) --code/.exec(begun.all)?.[1] ?? "";
    const code = totpCodeAt(secret, new Date());
    const checked = await sandi("user", "verify-caller", USER, "--check", challengeId, "--code", code);
    expect(checked.all).toContain("Caller verified");
    const again = await sandi("user", "verify-caller", USER, "--method", "totp-1", "--via", "app");
    const secondId = /--check (\S+) --code/.exec(again.all)?.[1] ?? "";
    const replayed = await sandi("user", "verify-caller", USER, "--check", secondId, "--code", code);
    expect(replayed.code).toBe(1);
    expect(replayed.all).toContain("That app code was used already");
  });

  it("refuses a method the user does not have, and arguments that do not go together", async () => {
    expect((await sandi("user", "verify-caller", USER, "--method", "nothing")).code).toBe(1);
    expect((await sandi("user", "verify-caller", USER, "--check", "x")).code).toBe(2);
    expect((await sandi("user", "verify-caller", USER, "--code", "123456")).code).toBe(2);
    expect((await sandi("user", "verify-caller", USER, "--method", "email-1", "--via", "fax")).code).toBe(2);
  });
});
