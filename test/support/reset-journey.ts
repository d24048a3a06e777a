/** Steps of the reset journey through the pages, for tests. */
import type { Composed } from "../../src/compose.js";
import { hiddenValue, type PageClient, type PageResponse } from "./page-client.js";

/**
 * GET /reset, then POST the user ID with a solved CAPTCHA; returns the POST's response. With a flow already open in
 * this client, GET /reset offers to continue it: the helper chooses "Start over", as a user would.
 */
export async function submitUserId(client: PageClient, userId: string): Promise<PageResponse> {
  let page = await client.get("/reset");
  if (!page.body.includes('name="form"')) {
    await client.post("/reset/start-over", { csrf: hiddenValue(page.body, "csrf") });
    page = await client.get("/reset");
  }
  const form = hiddenValue(page.body, "form");
  return client.post("/reset", { form, userId, altcha: await client.solveCaptcha() });
}

/** The CSRF token of the current step page. */
export async function currentCsrf(client: PageClient): Promise<string> {
  return hiddenValue((await client.get("/reset/verify")).body, "csrf");
}

/** Chooses email at gate 1 and types `address`; returns the response of the contact POST. */
export async function requestEmailCode(client: PageClient, address: string): Promise<PageResponse> {
  await client.post("/reset/method", { csrf: await currentCsrf(client), method: "email" });
  return client.post("/reset/contact", { csrf: await currentCsrf(client), address });
}

/** Delivers queued mail to the dev mailbox and returns the newest code sent to `address`. */
export async function latestCodeFor(composed: Composed, address: string): Promise<string | null> {
  await composed.worker.runOnce();
  const mails = await composed.stores.outbox.list(50);
  const mail = mails.find((entry) => entry.recipient === address && /\b\d{6,8}\b/.test(entry.text));
  return mail ? (/\b(\d{6,8})\b/.exec(mail.text)?.[1] ?? null) : null;
}

/** Submits a code on the code page. */
export async function submitCode(client: PageClient, code: string): Promise<PageResponse> {
  return client.post("/reset/code", { csrf: await currentCsrf(client), code });
}

/** Submits the new password twice. */
export async function submitNewPassword(
  client: PageClient,
  password: string,
  confirmation = password,
): Promise<PageResponse> {
  return client.post("/reset/password", { csrf: await currentCsrf(client), password, confirmation });
}
