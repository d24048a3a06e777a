/**
 * Every admin page and admin API operation declares the capability it needs in its route options
 * (`config: { capability }`, a key of CAPABILITIES). The generated role-matrix test walks every route under /admin
 * and /api/v1/admin by this field, and fails for one without it; the admin API also checks it before its handler.
 */
import type { Capability } from "../domain/admin/admin-permissions.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The capability the route needs (admin pages and admin API operations). */
    capability?: Capability;
  }
}

/** Route options naming `capability`. */
export function needs(capability: Capability): { config: { capability: Capability } } {
  return { config: { capability } };
}
