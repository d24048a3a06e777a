/** A cookie-keeping client over app.inject() that submits forms like a browser on Sandi's own origin. */
import type { FastifyInstance } from "fastify";
import type { LightMyRequestResponse } from "fastify";
import { solveAltchaChallenge } from "./altcha.js";

export interface PageResponse {
  readonly status: number;
  readonly headers: LightMyRequestResponse["headers"];
  readonly body: string;
  readonly raw: string;
  readonly location: string | undefined;
  readonly setCookies: string[];
}

export interface PageClient {
  readonly cookies: Map<string, string>;
  get(path: string, headers?: Record<string, string>): Promise<PageResponse>;
  post(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<PageResponse>;
  /** Follows a 303 with a GET. */
  follow(response: PageResponse): Promise<PageResponse>;
  /** A solved proof-of-work payload from the app's own challenge endpoint. */
  solveCaptcha(): Promise<string>;
}

function setCookiesOf(response: LightMyRequestResponse): string[] {
  const raw = response.headers["set-cookie"];
  if (raw === undefined) return [];
  return Array.isArray(raw) ? raw : [raw];
}

function toPageResponse(response: LightMyRequestResponse): PageResponse {
  const location = response.headers.location;
  return {
    status: response.statusCode,
    headers: response.headers,
    // Entities decoded so tests can match sentences such as "don't"; the raw markup is `raw`.
    body: response.body.replace(/&#39;/g, "'").replace(/&quot;/g, '"'),
    raw: response.body,
    location: typeof location === "string" ? location : undefined,
    setCookies: setCookiesOf(response),
  };
}

/** The value of a hidden input (`csrf`, `form`) in a page. */
export function hiddenValue(body: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(body);
  if (!match?.[1]) throw new Error(`no hidden ${name} in page`);
  return match[1];
}

/** Signs in through the form as a browser would: the page first (for its form token), then the POST. */
export async function submitSignIn(
  client: PageClient,
  fields: { userId: string; password: string },
  headers: Record<string, string> = {},
): Promise<PageResponse> {
  const form = hiddenValue((await client.get("/signin")).body, "form");
  return client.post("/signin", { form, ...fields }, headers);
}

/** A new client with an empty cookie jar, optionally from a given peer IP. */
export function createPageClient(app: FastifyInstance, options: { ip?: string; origin?: string } = {}): PageClient {
  const cookies = new Map<string, string>();
  const origin = options.origin ?? "http://localhost:8080";
  const remember = (response: LightMyRequestResponse): void => {
    for (const line of setCookiesOf(response)) {
      const [pair = ""] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
  };
  const cookieHeader = (): string => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const request = async (method: "GET" | "POST", path: string, form?: Record<string, string>, headers = {}) => {
    const response = await app.inject({
      method,
      url: path,
      remoteAddress: options.ip ?? "127.0.0.1",
      headers: { cookie: cookieHeader(), "sec-fetch-site": "same-origin", origin, ...headers },
      ...(form
        ? {
            payload: new URLSearchParams(form).toString(),
            headers: {
              cookie: cookieHeader(),
              "content-type": "application/x-www-form-urlencoded",
              "sec-fetch-site": "same-origin",
              origin,
              ...headers,
            },
          }
        : {}),
    });
    remember(response);
    return toPageResponse(response);
  };
  const client: PageClient = {
    cookies,
    get: (path, headers) => request("GET", path, undefined, headers),
    post: (path, form, headers) => request("POST", path, form, headers),
    follow: (response) => {
      if (response.location === undefined) throw new Error(`not a redirect: ${String(response.status)}`);
      return client.get(response.location);
    },
    solveCaptcha: async () => {
      const challenge = await app.inject({
        method: "GET",
        url: "/altcha/challenge",
        remoteAddress: options.ip ?? "127.0.0.1",
      });
      return solveAltchaChallenge(challenge.json());
    },
  };
  return client;
}
