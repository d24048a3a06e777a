/** Pieces of composition: the policy seed and cache, the site facts, the CAPTCHA choice, the outbox worker. */
import type { Config } from "./config/config.schema.js";
import type { MethodId } from "./domain/methods.js";
import type { HumanCheck } from "./domain/ports.js";
import { applyPolicySetting } from "./domain/policies/policy-setting.js";
import { DEFAULT_POLICY, type SsprPolicy } from "./domain/policies/sspr-policy.js";
import { isAuditPurgeDue } from "./domain/audit-purge-schedule.js";
import type { SiteInfo } from "./app-services.js";
import type { Translator } from "./i18n/i18n.js";
import { DATABASE_RETRY_AFTER_SECONDS, OverloadError } from "./lib/overload.js";
import type { Clock } from "./lib/clock.js";
import type { Random } from "./lib/random.js";
import type { ChannelSet } from "./notify/channel.js";
import {
  createDevOutboxChannel,
  createDevSmsChannel,
  createDevVoiceChannel,
} from "./notify/channels/dev-outbox-channel.js";
import { createHttpSmsChannel, createHttpVoiceChannel } from "./notify/channels/http-provider-channel.js";
import { createSMTPChannel } from "./notify/channels/smtp-channel.js";
import { createOutboxWorker, type OutboxWorker } from "./notify/outbox-worker.js";
import { createPeriodicTask, type PeriodicTask } from "./lib/periodic-task.js";
import { type HousekeepingReport, runHousekeeping } from "./store/housekeeping.js";
import { createKyselyExpiryReminders } from "./store/repos/kysely-expiry-reminders.js";
import { isReminderRunDue } from "./domain/password-expiry/password-expiry.js";
import {
  type ExpiryReminderDeps,
  type ExpiryReminderReport,
  sendExpiryReminders,
} from "./domain/password-expiry/expiry-reminders.js";
import type { ComposedStores } from "./compose-stores.js";

type Logger = {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
};

/** Thrown when the configuration cannot work in this mode; the message says what to change. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupError";
  }
}

/** The policy from the config's `policy` keys over the defaults; each key as `sandi policy set` would take it. */
export function seedPolicy(config: Config, available: readonly MethodId[]): SsprPolicy {
  let policy = DEFAULT_POLICY;
  for (const [key, value] of Object.entries(config.policy)) {
    const next = applyPolicySetting(policy, key, String(value), available);
    if (!next.ok) throw new StartupError(`policy.${key}: ${(next.violations ?? []).map((v) => v.message).join("; ")}`);
    policy = next.value;
  }
  return policy;
}

/** Seeds the stored policy on first start and returns a reader cached for `cacheMilliseconds`. */
export async function ensurePolicy(
  stores: Pick<ComposedStores, "policy">,
  config: Config,
  clock: Clock,
  cacheMilliseconds: number,
  available: readonly MethodId[],
): Promise<() => Promise<SsprPolicy>> {
  if ((await stores.policy.current()) === null)
    await stores.policy.save(seedPolicy(config, available), "system (config)", clock.now());
  let cached: { policy: SsprPolicy; at: number } | null = null;
  return async () => {
    const now = clock.now().getTime();
    if (cached !== null && now - cached.at < cacheMilliseconds) return cached.policy;
    const stored = await stores.policy.current();
    cached = { policy: stored?.policy ?? DEFAULT_POLICY, at: now };
    return cached.policy;
  };
}

/**
 * Organisation name, default language, helpdesk and time zone for every request, cached for `cacheMilliseconds` by
 * the injected clock as the policy is: the language hook asks on every request, so a database round trip each time
 * would double the cost of a static file.
 */
export function createSiteInfo(
  stores: Pick<ComposedStores, "directoryAdmin">,
  config: Config,
  currentPolicy: () => Promise<SsprPolicy>,
  cache: { clock: Clock; milliseconds: number; databaseBusy: () => boolean },
): () => Promise<SiteInfo> {
  let cached: { site: SiteInfo; at: number } | null = null;
  return async () => {
    const now = cache.clock.now().getTime();
    // Every request reads this first (its language and time zone): while the database is backlogged it must not
    // queue behind the backlog, so a stale copy serves, or the request is shed at once when there is none.
    if (cached !== null && (now - cached.at < cache.milliseconds || cache.databaseBusy())) return cached.site;
    if (cache.databaseBusy()) throw new OverloadError("database backlog", DATABASE_RETRY_AFTER_SECONDS);
    const [organisation, policy] = await Promise.all([stores.directoryAdmin.getOrganisation(), currentPolicy()]);
    const site = {
      orgName: organisation?.name ?? config.organisation.name,
      defaultLanguage: organisation?.defaultLanguage ?? config.organisation.defaultLanguage,
      helpdesk: policy.helpdesk,
      timeZone: policy.organisation.timeZone,
      isDemo: organisation?.isDemo ?? false,
    };
    cached = { site, at: now };
    return site;
  };
}

/** The CAPTCHA check, or — for the benchmark only, outside production, on a loopback listener — a pass-through. */
export function humanCheckFor(check: HumanCheck, config: Config, mode: string, logger: Logger): HumanCheck {
  if (!config.bench.skipCaptcha) return check;
  const loopback = ["127.0.0.1", "::1", "localhost"].includes(config.listen.host);
  if (mode === "production" || !loopback)
    throw new StartupError("bench.skipCaptcha is refused in production mode and on non-loopback listeners");
  logger.warn({ setting: "bench.skipCaptcha" }, "CAPTCHA checks are OFF (benchmark setting)");
  return { verify: () => Promise.resolve("ok") };
}

/** Which phone channels `phoneChannelsFor` will build, without building them. */
export function phoneChannelsConfigured(
  config: Config,
  mode: "development" | "production",
): { sms: boolean; voice: boolean } {
  if (config.phone.url === null) return { sms: mode === "development", voice: mode === "development" };
  return { sms: config.phone.smsBodyTemplate !== null, voice: config.phone.voiceBodyTemplate !== null };
}

/**
 * The text and call channels: the configured provider's, for each body template it has; in development without a
 * provider, the dev mailbox; otherwise none (phone messages are then abandoned, never sent another way).
 */
function phoneChannelsFor(
  config: Config,
  mode: "development" | "production",
  mailbox: Parameters<typeof createDevSmsChannel>[0],
  clock: Clock,
): Pick<ChannelSet, "sms" | "voice"> {
  const { phone } = config;
  if (phone.url === null)
    return mode === "development"
      ? { sms: createDevSmsChannel(mailbox, clock), voice: createDevVoiceChannel(mailbox, clock) }
      : {};
  const provider = { ...phone, url: phone.url };
  try {
    return {
      ...(phone.smsBodyTemplate === null ? {} : { sms: createHttpSmsChannel(provider) }),
      ...(phone.voiceBodyTemplate === null ? {} : { voice: createHttpVoiceChannel(provider) }),
    };
  } catch (error) {
    throw new StartupError(`phone: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The outbox worker on SMTP, or in development without SMTP, on the dev mailbox; texts and calls likewise. */
export function createWorkerFor(input: {
  config: Config;
  mode: "development" | "production";
  stores: ComposedStores;
  translator: Translator;
  clock: Clock;
  random: Random;
  instance: string;
  siteInfo: () => Promise<SiteInfo>;
  currentPolicy: () => Promise<SsprPolicy>;
  logger: Logger;
}): OutboxWorker {
  const { config, stores } = input;
  if (config.smtp.host === null && input.mode === "production")
    throw new StartupError("smtp.host is not set: production mode needs an SMTP server (SANDI_SMTP__HOST)");
  const channel =
    config.smtp.host === null ? createDevOutboxChannel(stores.outbox, input.clock) : createSMTPChannel(config.smtp);
  let orgName = config.organisation.name;
  void input.siteInfo().then(
    (site) => (orgName = site.orgName),
    () => undefined,
  );
  return createOutboxWorker({
    store: stores.outbox,
    channels: { email: channel, ...phoneChannelsFor(config, input.mode, stores.outbox, input.clock) },
    phone: {
      publicHost: new URL(config.publicUrl).hostname,
      allowedCountries: async () => (await input.currentPolicy()).allowedPhoneCountries,
    },
    audit: stores.audit,
    translator: input.translator,
    clock: input.clock,
    random: input.random,
    instance: input.instance,
    orgName: () => orgName,
    timeZone: async () => (await input.siteInfo()).timeZone,
    maxDeliveryAttempts: config.worker.maxDeliveryAttempts,
    pollIntervalMilliseconds: config.worker.pollIntervalMilliseconds,
    logger: input.logger,
  });
}

/** The first housekeeping run waits this long, so start-up and the first requests come first. */
const FIRST_HOUSEKEEPING_AFTER_MILLISECONDS = 30_000;

/** A housekeeping run's report, with the day's expiry reminders when they ran (null otherwise). */
export type HousekeeperReport = HousekeepingReport & { readonly expiryReminders: ExpiryReminderReport | null };

/** The expiry reminder job's deps over the composed stores (SPEC §15.5). */
function expiryReminderDeps(
  input: { config: Config; stores: ComposedStores; clock: Clock },
  siteInfo: () => Promise<SiteInfo>,
): ExpiryReminderDeps {
  return {
    clock: input.clock,
    unitOfWork: input.stores.unitOfWork,
    reminders: createKyselyExpiryReminders(input.stores.db),
    directoryKind: input.stores.directory.kind,
    organisation: async () => {
      const site = await siteInfo();
      return { name: site.orgName, defaultLanguage: site.defaultLanguage };
    },
    changePasswordUrl: new URL("/account/password", input.config.publicUrl).href,
  };
}

/**
 * Housekeeping on the worker's schedule: it runs wherever the outbox worker runs. Beside it, once a day from 09:00
 * organisation time, the password expiry reminders (domain/password-expiry/expiry-reminders.ts).
 */
export function createHousekeeperFor(input: {
  config: Config;
  stores: ComposedStores;
  clock: Clock;
  logger: Logger;
  /** For the audit events of flows housekeeping ends in WRITING. */
  stamp: { random: Random; instance: string };
  /** The organisation's name and language for the reminders. */
  siteInfo: () => Promise<SiteInfo>;
}): PeriodicTask<HousekeeperReport> {
  let lastAuditPurgeAt: Date | null = null;
  let lastReminderRunAt: Date | null = null;
  const reminderDeps = expiryReminderDeps(input, input.siteInfo);
  return createPeriodicTask({
    run: async () => {
      // The policy in force at each run: a changed `audit.retentionDays` counts from the next purge (SPEC §11.4).
      const policy = (await input.stores.policy.current())?.policy ?? DEFAULT_POLICY;
      const now = input.clock.now();
      const { timeZone } = policy.organisation;
      const due = isAuditPurgeDue(lastAuditPurgeAt, now, timeZone);
      const report = await runHousekeeping(input.stores.handle, now, {
        ...input.stamp,
        auditRetentionDays: due ? policy.audit.retentionDays : null,
      });
      if (due) lastAuditPurgeAt = now;
      const remindersDue = isReminderRunDue(lastReminderRunAt, now, timeZone);
      const expiryReminders = remindersDue ? await sendExpiryReminders(reminderDeps, policy) : null;
      if (remindersDue) lastReminderRunAt = now;
      return { ...report, expiryReminders };
    },
    intervalMilliseconds: input.config.worker.housekeepingIntervalSeconds * 1000,
    firstRunAfterMilliseconds: FIRST_HOUSEKEEPING_AFTER_MILLISECONDS,
    onResult: (report, milliseconds) => {
      const deleted = Object.values(report.deleted).reduce((sum, count) => sum + count, 0);
      const context = { deleted: report.deleted, vacuumed: report.vacuumed, milliseconds: Math.round(milliseconds) };
      if (deleted > 0) input.logger.info(context, "housekeeping: expired rows deleted");
      if (report.auditEventsPurged !== null && report.auditEventsPurged > 0)
        input.logger.info(
          { auditEvents: report.auditEventsPurged },
          "housekeeping: audit events past retention purged",
        );
      if (report.stuckWritesEnded > 0)
        input.logger.warn({ flows: report.stuckWritesEnded }, "housekeeping: flows stuck in WRITING ended (SND-410)");
      if (report.accessPassesExpired > 0)
        input.logger.info(
          { passes: report.accessPassesExpired },
          "housekeeping: temporary access passes that expired unused closed and audited",
        );
      if (report.stuckImportsEnded > 0)
        input.logger.warn(
          { jobs: report.stuckImportsEnded },
          "housekeeping: import jobs left running by a stopped process marked failed",
        );
      if (report.expiryReminders !== null && report.expiryReminders.reminded + report.expiryReminders.suppressed > 0)
        input.logger.info({ ...report.expiryReminders }, "housekeeping: password expiry reminders queued");
    },
    onError: (error) => input.logger.error({ err: error }, "housekeeping failed; it runs again at the next interval"),
  });
}
