/**
 * API tokens for the admin API (issue 12 item 8, ADR 0020): a global admin creates one with a role, an optional
 * group scope and an expiry; the secret is shown once and only its SHA-256 is kept; it can be revoked; each use is
 * recorded, and each refused use audited (refused tokens count per IP, T2, so a guesser is stopped and the audit log
 * does not grow with every guess). A token acts as an AdminActor of type "token" with that one assignment.
 */
import { toBase64url } from "../../lib/crypto/base64url.js";
import { sha256 } from "../../lib/crypto/sha256.js";
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import { uuidv7 } from "../../lib/uuidv7.js";
import type { AuditEvent } from "../audit-events.js";
import type { AdminRole } from "../users.js";
import { type AdminActor, actorMay, auditActorOf } from "./admin-actor.js";
import type { AdminDeps } from "./admin-deps.js";
import type { ApiTokenRecord } from "./api-token-ports.js";
import { policyAuthorOf } from "./policy-actions.js";
import { SCOPABLE_ROLES } from "./admin-permissions.js";
import { countRefusedToken, refusedTokenBlock } from "./api-rate-limit.js";

/** Every token starts so, which lets secret scanners and people recognise one. */
export const TOKEN_PREFIX = "sandi_at_";
/** 256 bits: guessing is hopeless, so a fast hash is enough to store it (ADR 0020). */
const SECRET_BYTES = 32;
export const TOKEN_NAME_MAX_LENGTH = 100;
export const TOKEN_MAX_DAYS = 365;
const DAY_MS = 86_400_000;

export interface NewApiToken {
  readonly name: string;
  readonly role: AdminRole;
  readonly group?: string | null;
  /** Whole days from now, 1–365. */
  readonly expiresInDays: number;
}

export type TokenRefusal = "forbidden" | "invalid_name" | "invalid_expiry" | "no_group" | "scope_not_allowed";

/** The stored form of a presented secret: lowercase hex SHA-256. */
export function tokenHashOf(secret: string): string {
  return Buffer.from(sha256(secret)).toString("hex");
}

function isValidName(name: string): boolean {
  return name !== "" && name.length <= TOKEN_NAME_MAX_LENGTH && !/[\p{Cc}\p{Cf}]/u.test(name);
}

/** Tokens are managed by signed-in global admins or the console; a token never mints or revokes another. */
function mayManage(actor: AdminActor): boolean {
  return actor.type !== "token" && actorMay(actor, "tokens.manage");
}

function tokenEvent(actor: AdminActor, now: Date, event: Omit<AuditEvent, "actor" | "time">): AuditEvent {
  return { ...event, ...auditActorOf(actor), time: now };
}

async function checkedInput(deps: AdminDeps, input: NewApiToken): Promise<Outcome<string | null, TokenRefusal>> {
  if (!isValidName(input.name.trim())) return fail("invalid_name");
  const days = input.expiresInDays;
  if (!Number.isInteger(days) || days < 1 || days > TOKEN_MAX_DAYS) return fail("invalid_expiry");
  const group = input.group ?? null;
  if (group === null) return succeed(null);
  if (!SCOPABLE_ROLES.includes(input.role)) return fail("scope_not_allowed");
  const groups = await deps.directoryAdmin.listGroups();
  return groups.some((known) => known.name === group) ? succeed(group) : fail("no_group");
}

/** Creates a token; the secret in the result is the only copy there will ever be. */
export async function createApiToken(
  deps: AdminDeps,
  actor: AdminActor,
  input: NewApiToken,
): Promise<Outcome<{ token: ApiTokenRecord; secret: string }, TokenRefusal>> {
  if (!mayManage(actor)) return fail("forbidden");
  const scope = await checkedInput(deps, input);
  if (!scope.ok) return scope;
  const now = deps.clock.now();
  const secret = TOKEN_PREFIX + toBase64url(deps.random.bytes(SECRET_BYTES));
  const token: ApiTokenRecord = {
    id: uuidv7(now, deps.random),
    name: input.name.trim(),
    role: input.role,
    scopeGroup: scope.value,
    ownerRef: actor.type === "admin" ? actor.ref : null,
    createdBy: policyAuthorOf(actor),
    createdAt: now,
    expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
    revokedAt: null,
    lastUsedAt: null,
    lastUsedIp: null,
  };
  await deps.unitOfWork.inTransaction(async (stores) => {
    await stores.apiTokens.create(token, tokenHashOf(secret));
    const changes = [
      { field: "name", old: null, new: token.name },
      { field: "role", old: null, new: token.role },
      { field: "scopeGroup", old: null, new: token.scopeGroup },
      { field: "expiresAt", old: null, new: token.expiresAt.toISOString() },
    ];
    await stores.audit.append([
      tokenEvent(actor, now, { activity: "token.created", result: "success", reason: `token:${token.id}`, changes }),
    ]);
  });
  return succeed({ token, secret });
}

/** Every token, newest first (never a secret). */
export async function listApiTokens(
  deps: AdminDeps,
  actor: AdminActor,
): Promise<Outcome<ApiTokenRecord[], "forbidden">> {
  if (!mayManage(actor)) return fail("forbidden");
  return succeed(await deps.apiTokens.list());
}

/** Revokes a token at once; `revoked` false when it was revoked already. */
export async function revokeApiToken(
  deps: AdminDeps,
  actor: AdminActor,
  tokenId: string,
): Promise<Outcome<{ token: ApiTokenRecord; revoked: boolean }, "forbidden" | "not_found">> {
  if (!mayManage(actor)) return fail("forbidden");
  const token = await deps.apiTokens.find(tokenId);
  if (token === null) return fail("not_found");
  const now = deps.clock.now();
  const revoked = await deps.unitOfWork.inTransaction(async (stores) => {
    const changed = await stores.apiTokens.revoke(token.id, now);
    if (changed)
      await stores.audit.append([
        tokenEvent(actor, now, {
          activity: "token.revoked",
          result: "success",
          reason: `token:${token.id}`,
          changes: [{ field: "name", old: token.name, new: null }],
        }),
      ]);
    return changed;
  });
  return succeed({ token, revoked });
}

export type TokenDenial = "unknown" | "expired" | "revoked";

/** The presented token's actor; why it is refused; or its IP has sent too many refused tokens (T2, 429). */
export type TokenAuthentication =
  | { readonly ok: true; readonly value: AdminActor }
  | { readonly ok: false; readonly reason: TokenDenial }
  | { readonly ok: false; readonly reason: "rate_limited"; readonly retryAfterSeconds: number };

/** Where an API request came from, for the actor and the audit. */
export interface ApiCaller {
  readonly ip: string;
  readonly client: string;
}

/**
 * The actor a presented bearer token stands for, with its use recorded; or why it is refused, audited as
 * "token.used_denied" (an unknown token is named by nothing: it may be a typo of a real one). Refusals count per
 * client IP (T2): past the limit the IP is answered "rate_limited" before any token it sends is looked up.
 */
export async function authenticateApiToken(
  deps: AdminDeps,
  presented: string,
  caller: ApiCaller,
): Promise<TokenAuthentication> {
  const held = await refusedTokenBlock(deps, caller.ip);
  if (!held.admitted) return { ok: false, reason: "rate_limited", retryAfterSeconds: held.retryAfterSeconds };
  const now = deps.clock.now();
  const token = presented.startsWith(TOKEN_PREFIX)
    ? await deps.apiTokens.findBySecretHash(tokenHashOf(presented))
    : null;
  const denial: TokenDenial | null =
    token === null ? "unknown" : token.revokedAt !== null ? "revoked" : token.expiresAt <= now ? "expired" : null;
  if (denial !== null || token === null) {
    const reason = denial ?? "unknown";
    const counted = await countRefusedToken(
      deps,
      caller.ip,
      denialEvent({ tokenId: token?.id ?? null, reason, caller, now }),
    );
    if (!counted.admitted) return { ok: false, reason: "rate_limited", retryAfterSeconds: counted.retryAfterSeconds };
    return fail(reason);
  }
  await deps.apiTokens.recordUse(token.id, now, caller.ip);
  const owner = token.ownerRef === null ? null : await deps.directoryAdmin.findUserByRef(token.ownerRef);
  return succeed({
    type: "token",
    tokenId: token.id,
    name: token.name,
    ownerRef: token.ownerRef,
    ownerUserId: owner?.userId ?? null,
    assignment: { role: token.role, scopeGroup: token.scopeGroup },
    ip: caller.ip,
    client: caller.client,
  });
}

/** Audits a token request the token's role or scope does not allow (the operation answered 403). */
export async function recordTokenForbidden(deps: AdminDeps, actor: AdminActor, operation: string): Promise<void> {
  if (actor.type !== "token") return;
  const now = deps.clock.now();
  await deps.unitOfWork.inTransaction((stores) =>
    stores.audit.append([
      tokenEvent(actor, now, { activity: "token.used_denied", result: "failure", reason: `forbidden:${operation}` }),
    ]),
  );
}

/** The audit event of a refused token; `countRefusedToken` decides whether it is written. */
function denialEvent(denial: {
  tokenId: string | null;
  reason: TokenDenial;
  caller: ApiCaller;
  now: Date;
}): AuditEvent {
  return {
    activity: "token.used_denied",
    result: "failure",
    reason: denial.reason,
    actor: denial.tokenId === null ? { type: "anonymous" } : { type: "token", id: denial.tokenId },
    ip: denial.caller.ip,
    client: denial.caller.client,
    time: denial.now,
  };
}
