/** Walks each reset step once through the real app and counts its SQL statements and Argon2 operations. */
import { appendFileSync } from "node:fs";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Composed } from "../src/compose.js";
import { csrfTokenFor } from "../src/domain/flows/reset/flow-guard.js";
import { argon2Operations } from "./argon2-counter.js";
import { NEW_PASSWORD } from "./passwords.js";
import { takeGateCensus } from "./gate-census.js";
import { takeRegistrationCensus } from "./registration-census.js";
import { seedFlows, seedUsers } from "./seed-flows.js";
import {
  type CapturedStatement,
  type CapturedStep,
  insertedUniqueValues,
  type SqlRecorder,
  uniqueColumns,
} from "./sql-capture.js";

/** One step as counted. */
export interface StepCount {
  readonly step: string;
  readonly status: number;
  readonly statements: number;
  readonly selects: number;
  readonly writes: number;
  readonly argon2: number;
}

/** Every step's counts, and the identify step's statements for the storage ceiling. */
export interface Census {
  readonly steps: readonly StepCount[];
  readonly identify: CapturedStep;
  /** The same for an unknown user ID (kept beside the other for comparison). */
  readonly identifyUnknown: CapturedStep;
  /** The registration steps that do work (registration-census.ts). */
  readonly registration: readonly StepCount[];
  /** Each gate kind's opening and wrong submission, known user against unknown ID (gate-census.ts). */
  readonly gates: readonly StepCount[];
}

const CENSUS_IP = "198.51.100.77";

interface Browser {
  post(path: string, form: Record<string, string>, flowHandle?: string): Promise<LightMyRequestResponse>;
}

async function createBrowser(app: FastifyInstance, ip: string): Promise<Browser> {
  const page = await app.inject({
    method: "GET",
    url: "/reset",
    remoteAddress: "127.0.0.1",
    headers: { "x-forwarded-for": ip },
  });
  const formCookie = [page.headers["set-cookie"]]
    .flat()
    .find((line) => line?.startsWith("sandi-form="))
    ?.split(";")[0];
  const formToken = /name="form" value="([^"]+)"/.exec(page.body)?.[1];
  if (formCookie === undefined || formToken === undefined) throw new Error("no form cookie or token on GET /reset");
  return {
    post: (path, form, flowHandle) =>
      app.inject({
        method: "POST",
        url: path,
        remoteAddress: "127.0.0.1",
        payload: new URLSearchParams(path === "/reset" ? { form: formToken, ...form } : form).toString(),
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "sec-fetch-site": "same-origin",
          "x-forwarded-for": ip,
          cookie: flowHandle === undefined ? formCookie : `${formCookie}; sandi-flow=${flowHandle}`,
        },
      }),
  };
}

function flowCookieOf(response: LightMyRequestResponse): string {
  const line = [response.headers["set-cookie"]].flat().find((cookie) => cookie?.startsWith("sandi-flow="));
  const handle = line?.split(";")[0]?.slice("sandi-flow=".length);
  if (handle === undefined) throw new Error(`identify answered ${String(response.statusCode)} without a flow cookie`);
  return handle;
}

/** Runs one request with the SQL log recording and the Argon2 counter read before and after. */
export async function counted<R extends { readonly statusCode: number }>(
  recorder: SqlRecorder,
  step: string,
  work: () => Promise<R>,
): Promise<{ count: StepCount; statements: CapturedStatement[]; response: R }> {
  const stop = recorder.record();
  const before = argon2Operations().total;
  const response = await work();
  const statements = stop();
  const argon2 = argon2Operations().total - before;
  // SANDI_BENCH_SQL=<file> appends each step's statements to the file, to see where a count comes from.
  const sqlFile = process.env.SANDI_BENCH_SQL;
  if (sqlFile) appendFileSync(sqlFile, `\n== ${step}\n${statements.map((line) => `  ${line.sql}`).join("\n")}\n`);
  const selects = statements.filter((statement) => /^select\b/i.test(statement.sql)).length;
  const count = {
    step,
    status: response.statusCode,
    statements: statements.length,
    selects,
    writes: statements.length - selects,
    argon2,
  };
  return { count, statements, response };
}

/** Runs each step once (the policy cache warmed first, the outbox worker not yet started) and counts it. */
export async function takeCensus(input: {
  app: FastifyInstance;
  composed: Composed;
  recorder: SqlRecorder;
  knownUserIds: readonly string[];
  hashes: readonly string[];
}): Promise<Census> {
  const { app, composed, recorder } = input;
  const [warmUser = "", knownUser = "", unknownFlowUser = ""] = input.knownUserIds;
  const browser = await createBrowser(app, CENSUS_IP);
  await browser.post("/reset", { userId: warmUser });
  const csrf = (handle: string): string => csrfTokenFor(composed.stores.keys.cookieKey, handle.split(".")[0] ?? "");
  const capturedAt = new Date().toISOString();
  const known = await counted(recorder, "identify (known user)", () => browser.post("/reset", { userId: knownUser }));
  const unknown = await counted(recorder, "identify (unknown user)", () =>
    browser.post("/reset", { userId: "nobody-here@contoh.example" }),
  );
  const knownFlow = flowCookieOf(known.response);
  const unknownFlow = flowCookieOf(unknown.response);
  const steps: StepCount[] = [known.count, unknown.count];
  steps.push(
    (
      await counted(recorder, "choose method", () =>
        browser.post("/reset/method", { csrf: csrf(knownFlow), method: "email" }, knownFlow),
      )
    ).count,
  );
  steps.push(
    (
      await counted(recorder, "type address (matches: code sent)", () =>
        browser.post("/reset/contact", { csrf: csrf(knownFlow), address: knownUser }, knownFlow),
      )
    ).count,
  );
  await browser.post("/reset/method", { csrf: csrf(unknownFlow), method: "email" }, unknownFlow);
  steps.push(
    (
      await counted(recorder, "type address (unknown user: inert)", () =>
        browser.post("/reset/contact", { csrf: csrf(unknownFlow), address: unknownFlowUser }, unknownFlow),
      )
    ).count,
  );
  const [right, wrong] = await seedFlows(composed, {
    prefix: "census-code",
    count: 2,
    at: "code",
    hashes: input.hashes,
  });
  const [password] = await seedFlows(composed, {
    prefix: "census-password",
    count: 1,
    at: "password",
    hashes: input.hashes,
  });
  if (right === undefined || wrong === undefined || password === undefined) throw new Error("census seeding failed");
  steps.push(
    (
      await counted(recorder, "code (right)", () =>
        browser.post("/reset/code", { csrf: right.csrf, code: right.code ?? "" }, right.handle),
      )
    ).count,
  );
  steps.push(
    (
      await counted(recorder, "code (wrong)", () =>
        browser.post("/reset/code", { csrf: wrong.csrf, code: "00000000" }, wrong.handle),
      )
    ).count,
  );
  const newPassword = { csrf: password.csrf, password: NEW_PASSWORD, confirmation: NEW_PASSWORD };
  steps.push(
    (await counted(recorder, "new password", () => browser.post("/reset/password", newPassword, password.handle)))
      .count,
  );
  const unique = await uniqueColumns(composed.stores.db);
  const captured = (statements: CapturedStatement[]): CapturedStep => ({
    statements,
    capturedAt,
    clientIp: CENSUS_IP,
    uniqueValues: insertedUniqueValues(statements, unique),
  });
  // A user of its own, so no reset scenario meets its app, phone challenge or recovery codes.
  const [registrationUser = ""] = await seedUsers(composed.stores.db, {
    prefix: "census-registration",
    count: 1,
    hashes: input.hashes,
  });
  const registration = await takeRegistrationCensus({ app, composed, recorder, userId: registrationUser });
  const gates = await takeGateCensus({
    app,
    composed,
    recorder,
    userId: registrationUser,
    methods: composed.methods.ids,
  });
  return {
    steps,
    identify: captured(known.statements),
    identifyUnknown: captured(unknown.statements),
    registration,
    gates,
  };
}
