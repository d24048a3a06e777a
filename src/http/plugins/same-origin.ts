/** The first CSRF lock: a form post must come from our own origin (Sec-Fetch-Site, else Origin; missing means no). */
import type { FastifyRequest } from "fastify";

/** True when the request was sent by a page of `publicOrigin`. */
export function isSameOrigin(request: FastifyRequest, publicOrigin: string): boolean {
  const site = request.headers["sec-fetch-site"];
  if (site !== undefined) return site === "same-origin";
  return request.headers.origin === publicOrigin;
}
