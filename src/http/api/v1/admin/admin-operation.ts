/**
 * One admin API operation: its method, path, capability, OpenAPI names, schemas and what it runs. Adding an
 * operation is one `operation({...})` entry in one of the lists (policy-, user-, group-, import- and
 * helpdesk-operations.ts): the context (admin-api.ts) registers it with `config: { capability }`, the token check,
 * the rate limit, the refusal statuses and the OpenAPI responses.
 */
import type { Static, TSchema } from "typebox";
import type { AdminActions } from "../../../../domain/admin/admin-actions.js";
import type { AdminActor } from "../../../../domain/admin/admin-actor.js";
import type { Capability } from "../../../../domain/admin/admin-permissions.js";

export interface OperationInput<P, Q, B> {
  /** The token as the domain's actions know it. */
  readonly actor: AdminActor;
  readonly actions: AdminActions;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** Where an operation that goes on after its answer (the CSV import) reports a failure. */
  readonly log: { error(context: object, message: string): void };
}

/**
 * A domain outcome: the value answers 200; a refusal's reason becomes the error code (see REFUSAL_STATUS), with the
 * rules it broke (`violations`) and what the caller needs to decide again (`details`: e.g. the loss to confirm).
 */
export type OperationResult =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false;
      readonly reason: string;
      readonly violations?: readonly unknown[];
      readonly details?: Readonly<Record<string, unknown>>;
    };

export type OperationTag = "admin-policy" | "admin-users" | "admin-groups" | "admin-helpdesk" | "admin-audit";

export interface AdminOperation {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Below /api/v1/admin. */
  readonly url: string;
  readonly capability: Capability;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: OperationTag;
  readonly params?: TSchema;
  readonly querystring?: TSchema;
  readonly body?: TSchema;
  /** The 200 body: the answer is serialised through it, so nothing unnamed leaves the server. */
  readonly response: TSchema;
  /** Media types the body may come in besides JSON (the CSV import takes text/csv). */
  readonly consumes?: readonly string[];
  /** A larger body limit than the API's 16 KiB (the CSV import). */
  readonly bodyLimit?: number;
  /** Inputs arrive validated against the entry's own schemas; `operation` typed them where the entry was built. */
  run(input: OperationInput<unknown, unknown, unknown>): Promise<OperationResult>;
}

/** Builds one operation with its inputs typed from its schemas. */
export function operation<P extends TSchema, Q extends TSchema, B extends TSchema>(
  definition: Omit<AdminOperation, "run" | "params" | "querystring" | "body"> & {
    readonly params?: P;
    readonly querystring?: Q;
    readonly body?: B;
    run(input: OperationInput<Static<P>, Static<Q>, Static<B>>): Promise<OperationResult>;
  },
): AdminOperation {
  return definition;
}

/** The status of each refusal code; anything else the domain refuses is a 409 (the state does not allow it). */
export const REFUSAL_STATUS: Readonly<Record<string, number>> = {
  forbidden: 403,
  not_found: 404,
  invalid: 422,
  policy: 422,
  invalid_name: 422,
  invalid_description: 422,
  invalid_days: 422,
  lifetime: 422,
  no_query: 400,
  note_required: 400,
  note_too_long: 400,
};

/** The value as JSON: dates as ISO 8601 text, everything else as it is. */
export function jsonOf(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(jsonOf);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, jsonOf(inner)]));
  return value;
}
