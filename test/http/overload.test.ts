/**
 * Overload sheds, never fails (issue 9, item 5): with a tiny Argon2 queue (`argon2.maxInFlight` 1, `maxWaiting` 0,
 * so four requests hash at once and a fifth is refused), a burst of sign-ins, password changes and reset passwords
 * gets 503 with Retry-After and a page in the user's language, or problem+json from API v1, and never a 500. A
 * reset whose write was shed is back at its password step, and the same submission then succeeds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOldHashes, type SeededFlow, seedFlows } from "../../bench/seed-flows.js";
import Fastify from "fastify";
import {
  DATABASE_BACKLOG_LIMIT,
  EVENT_LOOP_LAG_LIMIT_MILLISECONDS,
  shedWhenBehind,
} from "../../src/http/plugins/overload-shed.js";
import { isOverload } from "../../src/lib/overload.js";
import { buildTestApp, type TestApp } from "../support/build-test-app.js";
import { createPageClient, hiddenValue, type PageClient, type PageResponse } from "../support/page-client.js";

const BURST = 40;
const PASSWORD = "Gelombang-Senja-Pagi-41";
const NEW_PASSWORD = "Perahu-Layar-Merah-2031";
const TINY_HASHER = { argon2: { maxInFlight: 1, maxWaiting: 0, maxWaitMilliseconds: 50 } };
let nextIp = 1;

function browser(t: TestApp): PageClient {
  const ip = nextIp++;
  return createPageClient(t.app, { ip: `10.77.${String(Math.floor(ip / 250))}.${String(ip % 250)}` });
}

/** Every answer is the step's own or a shed 503 (never a 500), and the burst did shed. */
function expectShedNotFailed(responses: readonly { status: number }[], allowed: readonly number[]): void {
  const statuses = responses.map((response) => response.status);
  expect(statuses.filter((status) => ![...allowed, 503].includes(status))).toEqual([]);
  expect(statuses).toContain(503);
}

/** The shed page: 503, Retry-After in whole seconds, and the text in Indonesian. */
function expectIndonesianShedPage(response: PageResponse): void {
  expect(response.status).toBe(503);
  expect(Number(response.headers["retry-after"])).toBeGreaterThanOrEqual(1);
  expect(response.body).toContain('lang="id"');
  expect(response.body).toContain("Sandi sedang sibuk");
  expect(response.body).not.toMatch(/CapacityExceeded|at .*\.ts:/);
}

/** Each seeded flow's state and counted password submissions, by typed user ID. */
async function flowStates(
  t: TestApp,
  userIdLike: string,
): Promise<Map<string, { state: string; submissions: number }>> {
  const rows = await t.db
    .selectFrom("reset_flow")
    .select(["typed_user_id", "state", "password_submissions"])
    .where("typed_user_id", "like", userIdLike)
    .execute();
  return new Map(rows.map((row) => [row.typed_user_id, { state: row.state, submissions: row.password_submissions }]));
}

describe("overload: a full Argon2 queue answers 503 with Retry-After, never 500", () => {
  let t: TestApp;
  let hashes: string[];
  beforeAll(async () => {
    // The queue fills only while hashes take production time.
    t = await buildTestApp({ config: TINY_HASHER, argon2: "production" });
    await t.seed.organisation();
    await t.seed.policy({ scope: "all" });
    hashes = await createOldHashes();
    for (let index = 0; index < BURST; index++)
      await t.seed.user({ userId: `tamu-${String(index)}@contoh.example`, password: PASSWORD });
  });
  afterAll(async () => t.close());

  it("sign-in sheds the excess with a page in the user's language", async () => {
    const clients = Array.from({ length: BURST }, () => browser(t));
    const forms = await Promise.all(
      clients.map(async (client) => hiddenValue((await client.get("/signin?lang=id")).body, "form")),
    );
    const responses = await Promise.all(
      clients.map((client, index) =>
        client.post("/signin", {
          form: forms[index] ?? "",
          userId: `tamu-${String(index)}@contoh.example`,
          password: PASSWORD,
        }),
      ),
    );
    expectShedNotFailed(responses, [303]);
    const shed = responses.find((response) => response.status === 503);
    if (shed === undefined) throw new Error("nothing shed");
    expectIndonesianShedPage(shed);
    expect(shed.body).toContain('href="/signin"');
  });

  it("change password sheds the excess; nothing is left half-done", async () => {
    const signedIn: { client: PageClient; csrf: string }[] = [];
    for (let index = 0; index < BURST; index++) {
      const client = browser(t);
      const form = hiddenValue((await client.get("/signin?lang=id")).body, "form");
      await client.post("/signin", { form, userId: `tamu-${String(index)}@contoh.example`, password: PASSWORD });
      signedIn.push({ client, csrf: hiddenValue((await client.get("/account/password")).body, "csrf") });
    }
    const responses = await Promise.all(
      signedIn.map(({ client, csrf }) =>
        client.post("/account/password", {
          csrf,
          current: PASSWORD,
          password: NEW_PASSWORD,
          confirmation: NEW_PASSWORD,
        }),
      ),
    );
    expectShedNotFailed(responses, [303]);
    const shed = responses.find((response) => response.status === 503);
    if (shed === undefined) throw new Error("nothing shed");
    expectIndonesianShedPage(shed);
  });

  it("the reset's new password sheds the excess, and a shed flow is back at its password step", async () => {
    const flows = await seedFlows(t.composed, { prefix: "reset-page", count: BURST, at: "password", hashes });
    const post = (flow: SeededFlow) => {
      const client = browser(t);
      client.cookies.set("sandi-flow", flow.handle);
      client.cookies.set("sandi-lang", "id");
      return client.post("/reset/password", { csrf: flow.csrf, password: NEW_PASSWORD, confirmation: NEW_PASSWORD });
    };
    const responses = await Promise.all(flows.map(post));
    expectShedNotFailed(responses, [303]);
    const index = responses.findIndex((response) => response.status === 503);
    const shedResponse = responses[index];
    const shedFlow = flows[index];
    if (shedResponse === undefined || shedFlow === undefined) throw new Error("nothing shed");
    expectIndonesianShedPage(shedResponse);
    expect(shedResponse.body).toContain('href="/reset/password"');
    const states = await flowStates(t, "reset-page-%");
    expect(states.get(`reset-page-${String(index)}@contoh.example`)).toEqual({ state: "password", submissions: 0 });
    expect([...states.values()].filter(({ state }) => state !== "done" && state !== "password")).toEqual([]);
    expect((await post(shedFlow)).status).toBe(303);
    const after = await flowStates(t, `reset-page-${String(index)}@%`);
    expect([...after.values()].map(({ state }) => state)).toEqual(["done"]);
  });

  it("API v1 sheds the excess as problem+json with Retry-After", async () => {
    const flows = await seedFlows(t.composed, { prefix: "reset-api", count: BURST, at: "password", hashes });
    const call = (flow: SeededFlow) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/reset/flow/password?lang=id",
        headers: { authorization: `Bearer ${flow.handle}`, "content-type": "application/json" },
        payload: { password: NEW_PASSWORD, confirmation: NEW_PASSWORD },
      });
    const responses = (await Promise.all(flows.map(call))).map((response) => ({
      status: response.statusCode,
      headers: response.headers,
      body: response.body,
    }));
    expectShedNotFailed(responses, [200]);
    const shed = responses.find((response) => response.status === 503);
    if (shed === undefined) throw new Error("nothing shed");
    expect(shed.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(Number(shed.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(shed.body)).toMatchObject({
      type: "about:blank",
      status: 503,
      code: "overloaded",
      message: expect.stringContaining("Sandi sedang sibuk") as unknown,
      requestId: expect.any(String) as unknown,
    });
  });

  it("a database backlog sheds new page and API requests at once, in the user's language, until it drains", async () => {
    // A running server has read the organisation (language, time zone) before a backlog builds: warm that cache.
    expect((await browser(t).get("/signin")).status).toBe(200);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // One transaction holds PGlite's only connection; the statements behind it are the backlog.
    const holder = t.db.transaction().execute(() => held);
    const backlog = Array.from({ length: DATABASE_BACKLOG_LIMIT + 20 }, () =>
      t.db.selectFrom("organisation").select("name").execute(),
    );
    try {
      await new Promise((resolve) => setImmediate(resolve));
      expect(t.composed.services.databaseBacklog()).toBeGreaterThan(DATABASE_BACKLOG_LIMIT);
      const page = await browser(t).get("/signin?lang=id");
      expectIndonesianShedPage(page);
      const api = await t.app.inject({ method: "GET", url: "/api/v1/reset/flow?lang=id" });
      expect(api.statusCode).toBe(503);
      expect(api.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(Number(api.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    } finally {
      release();
      await holder;
      await Promise.all(backlog);
    }
    expect((await browser(t).get("/signin")).status).toBe(200);
  });
});

describe("overload: a late event loop", () => {
  it("sheds new requests while the loop is late (the CPU is the full resource), then lets them in again", async () => {
    const app = Fastify();
    app.setErrorHandler((error, _request, reply) => reply.status(isOverload(error) ? 503 : 500).send());
    shedWhenBehind(app, () => 0, EVENT_LOOP_LAG_LIMIT_MILLISECONDS);
    app.get("/", () => "ok");
    expect((await app.inject("/")).statusCode).toBe(200);
    // Busy in 800 ms turns for 2.5 s: every turn of the loop is late, as on a CPU that cannot keep up.
    const until = Date.now() + 2500;
    while (Date.now() < until) {
      const turnEnds = Date.now() + 800;
      while (Date.now() < turnEnds);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect((await app.inject("/")).statusCode).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await app.inject("/")).statusCode).toBe(200);
    await app.close();
  });
});
