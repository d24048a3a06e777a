/** A small /api/v1 client for tests: JSON in and out, the flow token as a bearer, CAPTCHAs solved in Node. */
import type { Challenge } from "altcha-lib";
import type { FastifyInstance } from "fastify";
import { solveAltchaChallenge } from "../../support/altcha.js";
import type { FlowJson } from "../../../src/http/api/v1/api-schemas.js";
import type { TestApp } from "../../support/build-test-app.js";

/** Whatever an /api/v1 answer may hold: an error, a started flow, a step, or (GET /reset/flow) the flow itself. */
export type ApiBody = Partial<FlowJson> & {
  readonly code?: string;
  readonly message?: string;
  readonly requestId?: string;
  readonly flowToken?: string;
  readonly flow?: FlowJson;
  readonly messages?: readonly { code: string; text: string }[];
};

export interface ApiResponse {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  /** The parsed JSON body (empty when the body is not JSON). */
  readonly body: ApiBody;
  readonly raw: string;
}

export interface CallOptions {
  readonly body?: unknown;
  readonly token?: string;
  readonly headers?: Record<string, string>;
}

export interface ApiClient {
  call(method: "GET" | "POST", path: string, options?: CallOptions): Promise<ApiResponse>;
  solveCaptcha(): Promise<string>;
  /** Solves a CAPTCHA and starts a reset for `userId`. */
  start(userId: string, headers?: Record<string, string>): Promise<ApiResponse>;
  step(path: string, token: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
}

function parse(raw: string): ApiBody {
  try {
    return JSON.parse(raw) as ApiBody;
  } catch {
    return {};
  }
}

/** A client over `app.inject`. */
export function createApiClient(app: FastifyInstance): ApiClient {
  const call: ApiClient["call"] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const response = await app.inject({
      method,
      url: `/api/v1${path}`,
      headers,
      ...(payload === undefined ? {} : { payload }),
    });
    return { status: response.statusCode, headers: response.headers, body: parse(response.body), raw: response.body };
  };
  const solveCaptcha = async () => {
    const challenge = await call("GET", "/captcha/challenge");
    return solveAltchaChallenge(challenge.body as Challenge);
  };
  return {
    call,
    solveCaptcha,
    start: async (userId, headers = {}) =>
      call("POST", "/reset/flows", { body: { userId, captcha: await solveCaptcha() }, headers }),
    step: (path, token, body = {}, headers = {}) => call("POST", `/reset/flow${path}`, { token, body, headers }),
  };
}

/** The flow token of a 201, or an error naming what came instead. */
export function tokenOf(response: ApiResponse): string {
  if (response.body.flowToken === undefined)
    throw new Error(`no flow token: ${String(response.status)} ${response.raw}`);
  return response.body.flowToken;
}

/** Delivers queued mail to the dev mailbox and reads the newest 8-digit code sent to `address`. */
export async function codeFromMailbox(t: TestApp, address: string): Promise<string> {
  await t.deliverMail();
  const mails = await t.composed.stores.outbox.list(50);
  const mail = mails.find((entry) => entry.recipient === address && /\b\d{8}\b/.test(entry.text));
  const code = mail === undefined ? undefined : /\b(\d{8})\b/.exec(mail.text)?.[1];
  if (code === undefined) throw new Error(`no code in the mailbox for ${address}`);
  return code;
}

export const BUDI = {
  userId: "budi.santoso@contoh.example",
  verifiedEmail: "budi@mail.example",
  password: "Old-Password-2026",
  firstName: "Budi",
  lastName: "Santoso",
} as const;

/** A test app with an organisation, reset open to all, and Budi with a verified email. */
export async function buildApiTestApp(): Promise<TestApp> {
  const { buildTestApp } = await import("../../support/build-test-app.js");
  const t = await buildTestApp();
  await t.seed.organisation();
  await t.seed.policy({ scope: "all", "helpdesk.mode": "email", "helpdesk.target": "helpdesk@contoh.example" });
  await t.seed.user(BUDI);
  return t;
}
