/** The ALTCHA widget's files under /vendor/altcha/: the strict-CSP build, its workers and id.js, nothing else. */
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { altchaAssets } from "../../../src/http/captcha/altcha-assets.js";

describe("altchaAssets", () => {
  it("serves the external build, the workers and id.js, and nothing else of the package", async () => {
    const app = Fastify();
    await app.register(altchaAssets);
    const get = (url: string) => app.inject({ method: "GET", url });
    const script = await get("/vendor/altcha/altcha.min.js");
    expect(script.statusCode).toBe(200);
    expect(script.headers["content-type"]).toMatch(/javascript/);
    expect((await get("/vendor/altcha/altcha.css")).headers["content-type"]).toMatch(/^text\/css/);
    expect((await get("/vendor/altcha/workers/pbkdf2.js")).statusCode).toBe(200);
    expect((await get("/vendor/altcha/workers/sha.js")).statusCode).toBe(200);
    expect((await get("/vendor/altcha/i18n/id.js")).body).toContain("Saya bukan robot");
    for (const url of [
      "/vendor/altcha/altcha.js",
      "/vendor/altcha/main/altcha.min.js",
      "/vendor/altcha/external/altcha.min.js",
      "/vendor/altcha/i18n/de.js",
      "/vendor/altcha/../package.json",
      "/vendor/altcha/%2e%2e/package.json",
      "/vendor/altcha/",
    ])
      expect((await get(url)).statusCode, url).toBeGreaterThanOrEqual(400);
    await app.close();
  });
});
