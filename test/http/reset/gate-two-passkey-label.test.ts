/**
 * Gate 2 names a passkey by the label its owner gave it (SPEC §4.2: "the user's label"), on the page and in API v1's
 * `offeredTargets`: several passkeys are one choice ("YubiKey 5, +1 more"), unlabelled ones keep the generic words.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeFromMailbox, createApiClient, tokenOf } from "../api/api-client.js";
import { buildTestApp, type TestApp } from "../../support/build-test-app.js";
import { createPageClient } from "../../support/page-client.js";
import { latestCodeFor, requestEmailCode, submitCode, submitUserId } from "../../support/reset-journey.js";

/** Each person: an email for gate 1, and passkeys labelled so (null: saved without a label). */
const PEOPLE = {
  budi: { userId: "budi@contoh.example", email: "budi@mail.example", passkeys: ["YubiKey 5", "Laptop"] },
  ani: { userId: "ani@contoh.example", email: "ani@mail.example", passkeys: ["YubiKey 5"] },
  dewi: { userId: "dewi@contoh.example", email: "dewi@mail.example", passkeys: [null, null] },
} as const;
type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

let nextIp = 1;

/** The words of gate 2's choices on the page, after gate 1 by email, in `lang`. */
async function gateTwoChoices(t: TestApp, person: Person, lang = "en"): Promise<string[]> {
  const client = createPageClient(t.app, { ip: `10.81.0.${String(nextIp++)}` });
  await submitUserId(client, person.userId);
  await requestEmailCode(client, person.email);
  await submitCode(client, (await latestCodeFor(t.composed, person.email)) ?? "");
  const page = await client.get("/reset/verify", { "accept-language": lang });
  expect(page.body).toContain(lang === "en" ? "step 2 of 2" : "langkah 2 dari 2");
  return [...page.body.matchAll(/<span>([^<]*)<\/span><\/label>/g)].map((match) => match[1] ?? "");
}

/** API v1's gate 2 after gate 1 by email: the methods and their targets, in `lang`. */
async function apiGateTwo(t: TestApp, person: Person, lang = "en") {
  const api = createApiClient(t.app);
  const token = tokenOf(await api.start(person.userId));
  await api.step("/method", token, { method: "email" });
  await api.step("/contact", token, { address: person.email });
  await api.step("/code", token, { code: await codeFromMailbox(t, person.email) });
  const flow = (await api.call("GET", "/reset/flow", { token, headers: { "accept-language": lang } })).body;
  return { gate: flow.gate, methodsOffered: flow.methodsOffered, offeredTargets: flow.offeredTargets };
}

describe("gate 2 names passkeys by their labels", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    await t.seed.policy({ scope: "all", methodsToRegister: "2", methodsToReset: "2" });
    const admin = t.composed.stores.directoryAdmin;
    for (const person of Object.values(PEOPLE)) {
      const userRef = await t.seed.user({ userId: person.userId, verifiedEmail: person.email });
      for (const label of person.passkeys) {
        // A second apart, so "the first passkey" is the one added first.
        t.clock.advanceSeconds(1);
        await admin.addVerifiedMethod({ userRef, method: "passkey", value: "", label }, t.clock.now());
      }
    }
  });
  afterAll(async () => t.close());

  it("one labelled passkey: its label", async () => {
    expect(await gateTwoChoices(t, PEOPLE.ani)).toEqual(["Use my passkey (YubiKey 5)"]);
    expect(await apiGateTwo(t, PEOPLE.ani)).toEqual({
      gate: 2,
      methodsOffered: ["passkey"],
      offeredTargets: { passkey: "YubiKey 5" },
    });
  });

  it("several passkeys are one choice: the first one's label and how many more, in English and Indonesian", async () => {
    expect(await gateTwoChoices(t, PEOPLE.budi)).toEqual(["Use my passkey (YubiKey 5, +1 more)"]);
    expect(await gateTwoChoices(t, PEOPLE.budi, "id")).toEqual(["Gunakan passkey saya (YubiKey 5, +1 lainnya)"]);
    expect((await apiGateTwo(t, PEOPLE.budi)).offeredTargets).toEqual({ passkey: "YubiKey 5, +1 more" });
    expect((await apiGateTwo(t, PEOPLE.budi, "id")).offeredTargets).toEqual({ passkey: "YubiKey 5, +1 lainnya" });
  });

  it("unlabelled passkeys: the generic words, one choice, and no target in the API", async () => {
    expect(await gateTwoChoices(t, PEOPLE.dewi)).toEqual(["Use a passkey"]);
    expect(await apiGateTwo(t, PEOPLE.dewi)).toEqual({ gate: 2, methodsOffered: ["passkey"], offeredTargets: {} });
  });
});
