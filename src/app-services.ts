/**
 * What composition hands the process's front ends: services and read-only facts, never the store itself. The HTTP
 * layer takes these as plugin options; they live outside http/ so composition (and `sandi worker`) need not import it.
 */
import type { AdminActions } from "./domain/admin/admin-actions.js";
import type { AdminConsole } from "./domain/admin/admin-console.js";
import type { AccountService } from "./domain/flows/account/account-service.js";
import type { ResetService } from "./domain/flows/reset/reset-service.js";
import type { HelpdeskService } from "./domain/helpdesk/helpdesk-service.js";
import type { SignInService } from "./domain/flows/sign-in/sign-in-service.js";
import type { NotMeService } from "./domain/not-me/not-me-service.js";
import type { SecurityInfoDeps, SecurityInfoService } from "./domain/registration/security-info-service.js";
import type { PasskeyCeremonies } from "./methods/passkey/passkey-ceremonies.js";
import type { PasskeySignIn } from "./methods/passkey/passkey-sign-in.js";
import type { SsprPolicy } from "./domain/policies/sspr-policy.js";
import type { DevMailbox } from "./domain/ports.js";
import type { Language, Translator } from "./i18n/i18n.js";
import type { Clock } from "./lib/clock.js";
import type { Random } from "./lib/random.js";
import type { Metrics } from "./observability/metrics.js";

/** Facts every page shows, read from the current policy and organisation (cached briefly). */
export interface SiteInfo {
  readonly orgName: string;
  readonly defaultLanguage: Language;
  readonly helpdesk: SsprPolicy["helpdesk"];
  /** The IANA time zone every time is shown in (the policy's `organisation.timeZone`). */
  readonly timeZone: string;
  /** The demo organisation (development only: production refuses to start with it): pages show the demo banner. */
  readonly isDemo?: boolean;
}

export interface HealthChecks {
  isDatabaseReachable(): Promise<boolean>;
  areMigrationsCurrent(): Promise<boolean>;
  isWorkerAlive(): Promise<boolean>;
}

export interface CaptchaChallenges {
  createChallenge(options: { hard: boolean }): Promise<object>;
}

/**
 * My security info: the service, and the deps the method modules' registration services are built over (each
 * method's pages build their own service from them: a method is a self-contained module).
 */
export interface SecurityInfoServices {
  readonly service: SecurityInfoService;
  readonly deps: SecurityInfoDeps;
}

/** Passkeys (SPEC §4.5): adding one and stepping up with it in My security info, and signing in with one. */
export interface PasskeyServices {
  readonly ceremonies: PasskeyCeremonies;
  readonly signIn: PasskeySignIn;
}

export interface AppServices {
  readonly reset: ResetService;
  readonly signIn: SignInService;
  /** Change password from My account. */
  readonly account: AccountService;
  /** My security info and registration (SPEC §5). */
  readonly securityInfo: SecurityInfoServices;
  readonly passkeys: PasskeyServices;
  /** The admin pages' read side, cut to each admin's roles. */
  readonly admin: AdminConsole;
  /** "Diagnose this user" (SPEC §13.1): the same domain service the `sandi user diagnose` command calls. */
  readonly troubleshoot: Pick<AdminActions, "diagnoseUser">;
  /** The admin actions the console commands run too (permissions, audit and SPEC §9.1 applied the same way). */
  readonly adminActions: AdminActions;
  /** "This wasn't me" (SPEC §9.3): the links in security notices. */
  readonly notMe: NotMeService;
  /** The helpdesk contact form and the user FAQ's facts (SPEC §6.9, §13.4). */
  readonly helpdesk: HelpdeskService;
  readonly translator: Translator;
  readonly captcha: CaptchaChallenges;
  readonly siteInfo: () => Promise<SiteInfo>;
  readonly health: HealthChecks;
  readonly devMailbox: DevMailbox | null;
  readonly clock: Clock;
  readonly random: Random;
  /** Key for stateless form tokens (sign-in, identify). */
  readonly formKey: Uint8Array;
  /** Prometheus metrics (served by /metrics; the latency hook and the reset decorator write to them). */
  readonly metrics: Metrics;
  /** How far the database is behind now (statements or clients waiting for a connection): pages shed new requests on it. */
  readonly databaseBacklog: () => number;
}
