/**
 * Every admin route names the capability it needs in its options (`config: { capability }`), so the generated role
 * matrix can walk the routes and check each against the permission table. The domain services check it again.
 */
import type { Capability } from "../../domain/admin/admin-permissions.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The SPEC §2 capability the route's action needs (a key of CAPABILITIES). */
    capability?: Capability;
  }
}

/** The route option naming `capability`. */
export function needs(capability: Capability): { config: { capability: Capability } } {
  return { config: { capability } };
}
