/** What the API token service needs of storage (`kysely-api-token-store.ts`): records, never a secret, only its hash. */
import type { AdminRole } from "../users.js";

/** An API token as listed: its role, scope, lifetime and last use; never the secret or its hash. */
export interface ApiTokenRecord {
  readonly id: string;
  readonly name: string;
  readonly role: AdminRole;
  /** The group the token's role is limited to; null: unscoped. */
  readonly scopeGroup: string | null;
  /** The global admin who created it (null: the console): the token never acts on that account. */
  readonly ownerRef: string | null;
  /** Who created it as the audit names them: `admin:<userId>` or `system:console`. */
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly lastUsedIp: string | null;
}

export interface ApiTokenStore {
  /** Stores a new token under the SHA-256 of its secret (hex). */
  create(token: ApiTokenRecord, secretHash: string): Promise<void>;
  /** Every token, newest first. */
  list(): Promise<ApiTokenRecord[]>;
  find(id: string): Promise<ApiTokenRecord | null>;
  findBySecretHash(secretHash: string): Promise<ApiTokenRecord | null>;
  /** Marks the token revoked; false when it was revoked already or does not exist. */
  revoke(id: string, now: Date): Promise<boolean>;
  /** Records the last successful use. */
  recordUse(id: string, now: Date, ip: string): Promise<void>;
}
