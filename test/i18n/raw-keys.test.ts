/** Every page of the journey renders real sentences in both languages: no raw catalog key, no missing-key fallback. */
import {} from "../support/seed.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stepUp } from "../support/admin-session.js";
import { buildTestApp, type TestApp } from "../support/build-test-app.js";
import { createPageClient, type PageClient, submitSignIn } from "../support/page-client.js";
import {
  currentCsrf,
  latestCodeFor,
  requestEmailCode,
  submitCode,
  submitNewPassword,
  submitUserId,
} from "../support/reset-journey.js";

const RAW_KEY =
  /\b(common|reset|reason|password-help|password|signin|account|admin|dev|email|audit)\.[a-z_]+(\.[A-Za-z0-9_-]+)*\b/;

const ADMIN = { userId: "ayu@contoh.example", password: "Admin-Password-2026" };

async function journeyPages(t: TestApp, client: PageClient, lang: "en" | "id"): Promise<string[]> {
  const pages: string[] = [];
  const keep = async (path: string) => pages.push((await client.get(path)).body);
  await keep(`/signin?lang=${lang}`);
  await keep("/reset");
  await submitUserId(client, "ratna@contoh.example");
  await keep("/reset/verify");
  await requestEmailCode(client, "wrong@mail.example");
  pages.push((await submitCode(client, "12345678")).body);
  await client.post("/reset/back", { csrf: await currentCsrf(client) });
  await client.post("/reset/method", { csrf: await currentCsrf(client), method: "email" });
  await keep("/reset/verify");
  await client.post("/reset/contact", { csrf: await currentCsrf(client), address: "ratna@mail.example" });
  await keep("/reset/verify");
  await submitCode(client, (await latestCodeFor(t.composed, "ratna@mail.example")) ?? "");
  await keep("/reset/verify");
  pages.push((await submitNewPassword(client, "x", "y")).body);
  await submitNewPassword(client, `Teh-Manis-Hangat-${lang}-2026`);
  await keep("/reset/verify");
  await keep("/dev/outbox");
  await submitSignIn(client, ADMIN);
  await keep("/account");
  await keep("/account/password");
  const csrf = (await client.get("/account")).body.match(/name="csrf" value="([^"]+)"/)?.[1] ?? "";
  pages.push(
    (await client.post("/account/password", { csrf, current: "wrong", password: "x", confirmation: "y" })).body,
  );
  // The admin pages' second factor (SPEC §2): its page, then the overview once passed.
  await keep(`/account/security-info/verify?next=${encodeURIComponent("/admin")}`);
  await stepUp(t, client, ADMIN.userId);
  await keep("/admin");
  return pages;
}

describe("catalogs in use", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.seed.organisation();
    // Password tests: the registration interrupt after sign-in is not their subject.
    await t.seed.policy({ scope: "all", "registration.requiredAtSignIn": "off" });
    await t.seed.user({ userId: "ratna@contoh.example", verifiedEmail: "ratna@mail.example" });
    // An admin needs two non-question methods before anything else (SPEC §5.2).
    await t.seed.user({ ...ADMIN, roles: ["global_admin"], verifiedEmail: "ayu@mail.example", passkey: true });
  });
  afterAll(async () => t.close());

  for (const lang of ["en", "id"] as const)
    it(`no page of the journey shows a raw key (${lang})`, async () => {
      const pages = await journeyPages(
        t,
        createPageClient(t.app, { ip: lang === "en" ? "10.9.0.1" : "10.9.0.2" }),
        lang,
      );
      expect(pages.length).toBeGreaterThan(10);
      expect(pages.at(-1)).toContain('<table class="stack">');
      for (const page of pages) {
        expect(page).toContain(`<html lang="${lang}">`);
        // Audit activities (`signin.succeeded`) are data shown as code on the admin page, not catalog keys.
        const text = page.replace(/<span class="code">[^<]*<\/span>/g, " ").replace(/<[^>]+>/g, " ");
        expect(text).not.toMatch(RAW_KEY);
      }
      expect(t.logLines.filter((line) => line.includes("missing translation"))).toEqual([]);
    });
});
