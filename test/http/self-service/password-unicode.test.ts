/**
 * SPEC §7.2: passwords are hashed and compared in NFC. Threats: a password set on a keyboard that sends decomposed
 * characters (NFD) that then cannot be typed anywhere else, and hashes made before the rule (of the raw typed form)
 * that stop working — locking out everyone whose password has an accent.
 */
import { verify } from "@node-rs/argon2";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArgon2idHasher } from "../../../src/lib/crypto/argon2id.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient, hiddenValue, type PageClient, submitSignIn } from "../../support/page-client.js";

const NFC = "Kafé-Ombak-Jingga-93";
const NFD = NFC.normalize("NFD");
const ANOTHER_NFC = "Pantai-Ñusa-Kelapa-58";
const USER_ID = "rani@contoh.example";
let nextIp = 1;

function browser(t: TestApp): PageClient {
  return createPageClient(t.app, { ip: `10.9.0.${String(nextIp++)}` });
}

async function signIn(t: TestApp, password: string): Promise<{ client: PageClient; location: string | undefined }> {
  const client = browser(t);
  const response = await submitSignIn(client, { userId: USER_ID, password });
  return { client, location: response.location };
}

async function change(client: PageClient, current: string, password: string) {
  const csrf = hiddenValue((await client.get("/account/password")).body, "csrf");
  return client.post("/account/password", { csrf, current, password, confirmation: password });
}

async function storedHash(t: TestApp): Promise<string> {
  const row = await t.db
    .selectFrom("directory_user")
    .select("password_hash")
    .where("user_id", "=", USER_ID)
    .executeTakeFirstOrThrow();
  if (row.password_hash === null) throw new Error("no hash");
  return row.password_hash;
}

/** A hash as Sandi made them before NFC: of the raw typed form. */
async function storeRawHash(t: TestApp, password: string): Promise<string> {
  const raw = await createArgon2idHasher({ maxInFlight: 1, maxWaiting: 10 }).hash(password);
  await t.db.updateTable("directory_user").set({ password_hash: raw }).where("user_id", "=", USER_ID).execute();
  return raw;
}

describe("Unicode passwords (NFC before hashing and verifying)", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    // Password tests: the registration interrupt after sign-in is not their subject.
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
    await t.seed.user({ userId: USER_ID, password: ANOTHER_NFC, firstName: "Rani" });
  });
  afterEach(async () => t.close());

  it("an NFD-set password signs in typed as NFC", async () => {
    expect(NFD).not.toBe(NFC);
    const { client } = await signIn(t, ANOTHER_NFC);
    expect((await change(client, ANOTHER_NFC, NFD)).location).toBe("/account?changed=1");
    expect(await verify(await storedHash(t), NFC)).toBe(true);
    expect((await signIn(t, NFC)).location).toBe("/account");
    expect((await signIn(t, NFD)).location).toBe("/account");
  });

  it("a hash made from the raw NFD form before this change still verifies and is rehashed", async () => {
    const raw = await storeRawHash(t, NFD);
    expect((await signIn(t, NFD)).location).toBe("/account");
    const rehashed = await storedHash(t);
    expect(rehashed).not.toBe(raw);
    expect(await verify(rehashed, NFC)).toBe(true);
    // Rehashed in place: the same password, so no history entry and the typed NFC form now works too.
    const history = await t.db.selectFrom("password_history").select("id").execute();
    expect(history).toHaveLength(0);
    expect((await signIn(t, NFC)).location).toBe("/account");
  });

  it("a hash made from the raw NFD form before this change still verifies as change password's current password and is replaced", async () => {
    const { client } = await signIn(t, ANOTHER_NFC);
    await storeRawHash(t, NFD);
    const changed = await change(client, NFD, ANOTHER_NFC.replace("58", "61"));
    expect(changed.location).toBe("/account?changed=1");
    expect((await signIn(t, ANOTHER_NFC.replace("58", "61"))).location).toBe("/account");
  });

  it("a new password equal to a raw-NFD current hash, typed in NFD, is refused as the same as the current one", async () => {
    const { client } = await signIn(t, ANOTHER_NFC);
    await storeRawHash(t, NFD);
    const refused = await change(client, NFD, NFD);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("must differ from your current one");
  });

  it("a wrong password still fails in either form", async () => {
    await storeRawHash(t, NFD);
    expect((await signIn(t, NFC.replace("93", "94"))).location).toBeUndefined();
    expect((await signIn(t, NFD.replace("93", "94"))).location).toBeUndefined();
  });
});
