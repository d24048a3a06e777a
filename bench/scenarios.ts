/** The requests each scenario sends: every one from its own client IP, as a browser behind the trusted proxy. */
import type { BenchRequest } from "./load.js";

/** What a client needs to act on a seeded flow (see seed-flows.ts). */
export interface FlowTicket {
  readonly handle: string;
  readonly csrf: string;
  readonly code: string | null;
}

let clientCount = 0;

/** A client IP no earlier request of this run used: the per-IP limits (I1, I2) count for real and never block. */
export function nextClientIp(): string {
  clientCount++;
  return `10.${String((clientCount >> 16) & 255)}.${String((clientCount >> 8) & 255)}.${String(clientCount & 255)}`;
}

/** The identify form's stateless CSRF pair, read once from GET /reset (the token is an HMAC of the cookie). */
export interface IdentifyForm {
  readonly cookie: string;
  readonly token: string;
}

/** Reads the identify form's cookie and token. */
export async function fetchIdentifyForm(baseUrl: string): Promise<IdentifyForm> {
  const response = await fetch(`${baseUrl}/reset`, { headers: { "x-forwarded-for": nextClientIp() } });
  const cookie = response.headers
    .getSetCookie()
    .find((line) => line.startsWith("sandi-form="))
    ?.split(";")[0];
  const token = /name="form" value="([^"]+)"/.exec(await response.text())?.[1];
  if (cookie === undefined || token === undefined) throw new Error("GET /reset gave no form cookie or token");
  return { cookie, token };
}

/** A form POST from a fresh client IP, as the pages send it. */
export function formPost(path: string, cookie: string, form: Record<string, string>): BenchRequest {
  return {
    method: "POST",
    path,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "sec-fetch-site": "same-origin",
      "user-agent": "sandi-bench",
      "x-forwarded-for": nextClientIp(),
      cookie,
    },
    body: new URLSearchParams(form).toString(),
  };
}

/** GET / from a fresh client IP (baseline, hash ceiling). */
export function plainGet(): BenchRequest {
  return { method: "GET", path: "/", headers: { "x-forwarded-for": nextClientIp() } };
}

/** POST / from a fresh client IP (storage ceiling: the replay uses it as the identify step would). */
export function plainPost(): BenchRequest {
  return { method: "POST", path: "/", headers: { "x-forwarded-for": nextClientIp() } };
}

/** POST /reset with the user IDs in turn (CAPTCHA skipped by the bench setting). */
export function identifyRequests(form: IdentifyForm, userIds: readonly string[]): () => BenchRequest {
  let index = 0;
  return () => {
    const userId = userIds[index++ % userIds.length] ?? "";
    return formPost("/reset", form.cookie, { form: form.token, userId });
  };
}

/** Unknown user IDs, each new: the unknown path never meets a row. */
export function unknownUserIds(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `nobody-${String(index)}@contoh.example`);
}

/** Takes the next unused seeded flow; past the end it reuses the last (the run's checks then fail loudly). */
function ticketTaker(tickets: readonly FlowTicket[]): () => FlowTicket {
  let index = 0;
  return () => {
    const ticket = tickets[Math.min(index++, tickets.length - 1)];
    if (ticket === undefined) throw new Error("no seeded flows");
    return ticket;
  };
}

/** POST /reset/code with each seeded flow's right code: the gate is passed and the flow moves to the password step. */
export function codeRequests(tickets: readonly FlowTicket[]): () => BenchRequest {
  const take = ticketTaker(tickets);
  return () => {
    const ticket = take();
    return formPost("/reset/code", `sandi-flow=${ticket.handle}`, { csrf: ticket.csrf, code: ticket.code ?? "" });
  };
}

/** POST /reset/password on each seeded flow: rules, 1 + 5 old-password checks, the new hash, the completion. */
export function passwordRequests(tickets: readonly FlowTicket[], password: string): () => BenchRequest {
  const take = ticketTaker(tickets);
  return () => {
    const ticket = take();
    return formPost("/reset/password", `sandi-flow=${ticket.handle}`, {
      csrf: ticket.csrf,
      password,
      confirmation: password,
    });
  };
}
