/** A signed-in admin who has passed My security info's step-up (a code to their registered email), with the CSRF token. */
import { expect } from "vitest";
import type { TestApp } from "./build-test-app.js";
import { createPageClient, hiddenValue, type PageClient, submitSignIn } from "./page-client.js";
import { latestCodeFor } from "./reset-journey.js";

let nextIp = 1;

/** Signs `userId` in with `password` from a fresh address. */
export async function signedInClient(t: TestApp, input: { userId: string; password: string }): Promise<PageClient> {
  const client = createPageClient(t.app, { ip: `10.9.${String(Math.floor(nextIp / 250))}.${String(nextIp++ % 250)}` });
  const response = await submitSignIn(client, input);
  expect(response.status).toBe(303);
  return client;
}

/** Signs in, passes the step-up with the code sent to `email`, and reads this session's CSRF token. */
export async function freshSession(
  t: TestApp,
  input: { userId: string; password: string; email: string },
): Promise<{ client: PageClient; csrf: string }> {
  const client = await signedInClient(t, input);
  const next = "/admin/users";
  const verify = await client.get(`/account/security-info/verify?next=${encodeURIComponent(next)}`);
  const method = /action="\/account\/security-info\/email\/step-up">[\s\S]*?name="method" value="([^"]*)"/.exec(
    verify.body,
  )?.[1];
  const sent = await client.post("/account/security-info/email/step-up", {
    csrf: hiddenValue(verify.body, "csrf"),
    method: method ?? "",
  });
  const code = (await latestCodeFor(t.composed, input.email)) ?? "";
  const passed = await client.post("/account/security-info/email/code", {
    csrf: hiddenValue(sent.body, "csrf"),
    challenge: hiddenValue(sent.body, "challenge"),
    code,
  });
  expect(passed.status).toBe(303);
  return { client, csrf: hiddenValue((await client.get("/account")).body, "csrf") };
}
