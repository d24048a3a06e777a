/** `npm run openapi`: writes the /api/v1 OpenAPI document to docs/api/openapi.json, where review sees every API change. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Fastify from "fastify";
import { API_V1_PREFIX, apiV1 } from "../src/http/api/v1/api-v1.js";
import type { AppOptions, AppServices } from "../src/http/app-services.js";

/** Where the committed document lives; test/http/api/openapi.test.ts compares it with the served one. */
export const OPENAPI_FILE = join(import.meta.dirname, "..", "docs", "api", "openapi.json");

/** The document as the file holds it: two-space JSON and a final newline. */
export function formatOpenApi(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Builds the API context alone: routes and schemas are all the document depends on, so no service is called. */
async function readDocument(): Promise<unknown> {
  const app = Fastify({ logger: false });
  const services = {} as AppServices;
  const options = { skipCaptcha: false } as AppOptions;
  await app.register(apiV1, { prefix: API_V1_PREFIX, services, options });
  const response = await app.inject({ method: "GET", url: `${API_V1_PREFIX}/openapi.json` });
  await app.close();
  if (response.statusCode !== 200)
    throw new Error(`GET openapi.json answered ${response.statusCode}: ${response.body}`);
  return response.json();
}

writeFileSync(OPENAPI_FILE, formatOpenApi(await readDocument()));
process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
