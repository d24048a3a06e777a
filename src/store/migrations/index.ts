/** The migrations in order, for Kysely's in-code provider (bundled builds work). Released ones are never edited. */
import type { Migration, MigrationProvider } from "kysely/migration";
import * as foundation from "./2026-11-26T1400Z-foundation.js";
import * as auditRefusesDelete from "./2026-12-06T0100Z-audit-refuses-delete.js";
import * as accountState from "./2026-12-06T0200Z-account-state.js";
import * as passwordCompromised from "./2026-12-10T0900Z-password-compromised.js";
import * as securityInfo from "./2026-12-11T0900Z-security-info.js";
import * as gateSteps from "./2026-12-12T0900Z-gate-steps.js";
import * as notMeLinks from "./2026-12-12T0910Z-not-me-links.js";
import * as nestedGroups from "./2026-12-12T0950Z-nested-groups.js";
import * as outboxUser from "./2026-12-13T0900Z-outbox-user.js";
import * as serialisedHitAndCount from "./2026-12-14T0800Z-serialised-hit-and-count.js";
import * as policyEvaluation from "./2026-12-14T1000Z-policy-evaluation.js";
import * as userAdmin from "./2026-12-14T1100Z-user-admin.js";
import * as temporaryAccess from "./2026-12-14T1200Z-temporary-access.js";
import * as scopedRoles from "./2026-12-14T1300Z-scoped-roles.js";
import * as apiTokens from "./2026-12-14T1310Z-api-tokens.js";
import * as sessionSecondFactor from "./2026-12-15T0100Z-session-second-factor.js";
import * as auditRetentionPurge from "./2026-12-15T0300Z-audit-retention-purge.js";
import * as auditFilters from "./2026-12-16T0200Z-audit-filters.js";
import * as expiryReminders from "./2026-12-16T0400Z-expiry-reminders.js";

const MIGRATIONS: Record<string, Migration> = {
  "2026-11-26T1400Z-foundation": foundation,
  "2026-12-06T0100Z-audit-refuses-delete": auditRefusesDelete,
  "2026-12-06T0200Z-account-state": accountState,
  "2026-12-10T0900Z-password-compromised": passwordCompromised,
  "2026-12-11T0900Z-security-info": securityInfo,
  "2026-12-12T0900Z-gate-steps": gateSteps,
  "2026-12-12T0910Z-not-me-links": notMeLinks,
  "2026-12-12T0950Z-nested-groups": nestedGroups,
  "2026-12-13T0900Z-outbox-user": outboxUser,
  "2026-12-14T0800Z-serialised-hit-and-count": serialisedHitAndCount,
  "2026-12-14T1000Z-policy-evaluation": policyEvaluation,
  "2026-12-14T1100Z-user-admin": userAdmin,
  "2026-12-14T1200Z-temporary-access": temporaryAccess,
  "2026-12-14T1300Z-scoped-roles": scopedRoles,
  "2026-12-14T1310Z-api-tokens": apiTokens,
  "2026-12-15T0100Z-session-second-factor": sessionSecondFactor,
  "2026-12-15T0300Z-audit-retention-purge": auditRetentionPurge,
  "2026-12-16T0200Z-audit-filters": auditFilters,
  "2026-12-16T0400Z-expiry-reminders": expiryReminders,
};

/** Provides every migration to Kysely's Migrator. */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};

/** Names of all migrations, newest last. */
export const MIGRATION_NAMES = Object.keys(MIGRATIONS);
