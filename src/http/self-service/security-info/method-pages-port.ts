/** What a method's pages in My security info offer (see method-pages.ts and docs/registration.md). */
import type { FastifyInstance } from "fastify";
import type { RegistrableKind } from "../../../domain/methods.js";
import type { VerifiedMethod } from "../../../domain/ports.js";
import type { SecurityInfoRouteContext } from "./security-info-context.js";

export interface MethodPages {
  readonly kind: RegistrableKind;
  /** Where the user adds one. */
  readonly addPath: string;
  /** Where the user replaces this one (a change verifies the new value first), or null when it cannot be changed. */
  changePath(method: VerifiedMethod): string | null;
  /** Where a step-up with this method starts (a POST with `method` = the row id), or null when it cannot prove the user. */
  readonly stepUpPath: string | null;
  register(app: FastifyInstance, context: SecurityInfoRouteContext): void;
}
