/** Config → services: the only place that picks adapters (database engine, mail channel, CAPTCHA, directory). */
import { createEvaluationRecorder } from "./domain/policies/evaluation/evaluation-recorder.js";
import { createKyselyEvaluationStore } from "./store/repos/kysely-evaluation-store.js";
import { DATABASE_BACKLOG_LIMIT } from "./lib/overload.js";
import type { Directory } from "./domain/ports.js";
import { hostname } from "node:os";
import { createAdminConsole } from "./domain/admin/admin-console.js";
import { createAccountService } from "./domain/flows/account/account-service.js";
import { createResetService } from "./domain/flows/reset/reset-service.js";
import { createSignInService } from "./domain/flows/sign-in/sign-in-service.js";
import { checkCurrentPassword } from "./domain/flows/sign-in/password-sign-in.js";
import { createNotMeService } from "./domain/not-me/not-me-service.js";
import type { Config } from "./config/config.schema.js";
import type { AppServices } from "./app-services.js";
import { type AltchaDifficulty, createAltchaHumanCheck } from "./captcha/altcha-human-check.js";
import { instrumentOutboxStore } from "./observability/instrumented-outbox.js";
import { instrumentResetService } from "./observability/instrumented-reset.js";
import { createMetrics, type Metrics } from "./observability/metrics.js";
import { createTranslator } from "./i18n/i18n.js";
import { parseNetworks } from "./lib/cidr.js";
import { composeSecurityInfo, methodsThePolicyMayEnable } from "./compose-security-info.js";
import { composePasskeys, passkeyRelyingParty } from "./compose-passkeys.js";
import { composeHelpdesk } from "./compose-helpdesk.js";
import { type Clock, createSystemClock } from "./lib/clock.js";
import { createArgon2idHasher, patientHasher, type SecretHasher } from "./lib/crypto/argon2id.js";
import { type CommandServices, composeAdminActions, composeCommandServices } from "./compose-admin.js";
import { createSecureRandom, type Random } from "./lib/random.js";
import { createResponseFloor } from "./lib/response-floor.js";
import { helpdeskContactOf } from "./domain/helpdesk/helpdesk-contact.js";
import { builtinMethods } from "./methods/builtin-methods.js";
import { createMethodRegistry, type MethodRegistry, type VerificationMethod } from "./domain/methods/method-port.js";
import type { CodeKeys } from "./domain/ports.js";
import { type ComposedStores, openStores } from "./compose-stores.js";
import {
  createHousekeeperFor,
  createSiteInfo,
  type HousekeeperReport,
  createWorkerFor,
  ensurePolicy,
  humanCheckFor,
  phoneChannelsConfigured,
} from "./compose-parts.js";
import type { OutboxWorker } from "./notify/outbox-worker.js";
import type { DatabaseHandle } from "./store/connect.js";
import type { PeriodicTask } from "./lib/periodic-task.js";
import { shippedBannedPasswordList } from "./compose-passwords.js";

export interface ComposeOptions {
  readonly config: Config;
  readonly mode: "development" | "production";
  readonly clock?: Clock;
  readonly random?: Random;
  /** An already open database (tests, benchmark); otherwise opened from the config. */
  readonly database?: DatabaseHandle;
  /** True when the owner of `database` migrated it already (`sandi serve`), so it is migrated once per process. */
  readonly alreadyMigrated?: boolean;
  /** Another directory than the built-in one, given the process's one hasher (tests now; LDAP is chosen here later). */
  readonly directory?: (hasher: SecretHasher) => Directory;
  readonly logger: {
    info(object: object, message: string): void;
    warn(object: object, message: string): void;
    error(object: object, message: string): void;
  };
  /** How long a read policy stays cached; SPEC §3 allows 30 s, tests use 0. */
  readonly policyCacheMilliseconds?: number;
  readonly onFloorOverrun?: (kind: string, overrunMilliseconds: number) => void;
  /** Proof-of-work difficulty; tests lower it so they solve in microseconds. */
  readonly captchaDifficulty?: Partial<AltchaDifficulty>;
  /** The process's metrics (`sandi serve` passes them with process metrics on); otherwise a fresh set without. */
  readonly metrics?: Metrics;
  /** The process's one Argon2id hasher (one limit on hashes in flight); otherwise one is made from the config. */
  readonly hasher?: SecretHasher;
  /** Methods registered beside the built-in ones: test builds only (a fake method of another kind). */
  readonly extraMethods?: (deps: { codeKeys: CodeKeys; random: Random }) => VerificationMethod[];
}

export interface Composed {
  readonly services: AppServices;
  readonly stores: ComposedStores;
  readonly worker: OutboxWorker;
  /** Deletes expired rows; started wherever the worker is (`sandi serve` in process, or `sandi worker`). */
  readonly housekeeper: PeriodicTask<HousekeeperReport>;
  readonly instance: string;
  /** The admin services and migrations the console commands run with (the control socket of `sandi serve`). */
  readonly commandServices: CommandServices;
  /** The methods this process offers; the policy may enable only these. */
  readonly methods: MethodRegistry;
  close(): Promise<void>;
}

/** Opens the database, migrates, loads keys and wires every service. */
export async function composeServices(options: ComposeOptions): Promise<Composed> {
  const { config } = options;
  const clock = options.clock ?? createSystemClock();
  const random = options.random ?? createSecureRandom();
  const instance = `${hostname()}:${String(process.pid)}`;
  const hasher = options.hasher ?? createArgon2idHasher(config.argon2);
  const stores = await openStores({
    config,
    clock,
    random,
    instance,
    hasher,
    ...(options.database ? { database: options.database } : {}),
    ...(options.alreadyMigrated === true ? { alreadyMigrated: true } : {}),
    ...(options.directory ? { directory: options.directory(hasher) } : {}),
  });
  const translator = createTranslator({
    onMissingKey: (lang, key) => options.logger.warn({ lang, key }, "missing translation"),
  });
  // The methods this build offers: the built-in ones, and any a test build adds (a fake of another kind), which
  // takes the place of the built-in method of its id.
  const extraMethods = options.extraMethods?.({ codeKeys: stores.keys.codeKeys, random }) ?? [];
  // The passkey gate's relying party is named after the organisation, read only when a ceremony starts.
  const relyingParty = passkeyRelyingParty(config.publicUrl, () => organisation());
  // A phone gate only where its channel can deliver (as registration offers only deliverable kinds).
  const phoneChannels = phoneChannelsConfigured(config, options.mode);
  const registry = createMethodRegistry([
    ...builtinMethods({
      codeKeys: stores.keys.codeKeys,
      random,
      methods: stores.methods,
      recoveryCodes: stores.recoveryCodes,
      hasher,
      accounts: stores.accounts,
      unitOfWork: stores.unitOfWork,
      relyingParty,
      phoneChannels,
    }).filter((method) => !extraMethods.some((extra) => extra.id === method.id)),
    ...extraMethods,
  ]);
  // Read and indexed once, at start: every password check of the process uses this one copy (SPEC §7.4).
  const bannedList = shippedBannedPasswordList();
  const cacheMilliseconds = options.policyCacheMilliseconds ?? 5000;
  const policyMethods = methodsThePolicyMayEnable(registry.ids);
  const currentPolicy = await ensurePolicy(stores, config, clock, cacheMilliseconds, policyMethods);
  const databaseBusy = () => stores.handle.waitingForConnection() > DATABASE_BACKLOG_LIMIT;
  const siteInfo = createSiteInfo(stores, config, currentPolicy, {
    clock,
    milliseconds: cacheMilliseconds,
    databaseBusy,
  });
  const humanCheck = createAltchaHumanCheck({
    hmacKey: stores.keys.altchaKey,
    store: stores.captcha,
    clock,
    random,
    ...(options.captchaDifficulty ? { difficulty: options.captchaDifficulty } : {}),
  });
  const metrics = options.metrics ?? createMetrics({ processMetrics: false, clock });
  const onFloorOverrun = (kind: string, overrunMilliseconds: number): void => {
    metrics.observeFloorOverrun(kind, overrunMilliseconds);
    options.onFloorOverrun?.(kind, overrunMilliseconds);
  };
  const floorsMilliseconds = {
    identify: config.reset.identifyFloorMilliseconds,
    gate: config.reset.gateFloorMilliseconds,
  };
  const floor = createResponseFloor(
    { floorsMilliseconds, jitterMilliseconds: config.reset.floorJitterMilliseconds },
    random,
    onFloorOverrun,
  );
  // One check for the identify step, the sign-in form (I3) and the helpdesk form: a solution spent once is spent.
  const checkedHuman = humanCheckFor(humanCheck, config, options.mode, options.logger);
  const organisation = async () => {
    const site = await siteInfo();
    // The notices name the helpdesk from the policy in force, so a user who did not act knows whom to call.
    return {
      name: site.orgName,
      signInUrl: new URL("/signin", config.publicUrl).href,
      helpdesk: helpdeskContactOf(site.helpdesk, config.publicUrl),
    };
  };
  const domainReset = createResetService({
    clock,
    random,
    directory: stores.directory,
    users: stores.users,
    flows: stores.flows,
    challenges: stores.challenges,
    throttles: stores.throttles,
    methods: stores.methods,
    audit: stores.audit,
    unitOfWork: stores.unitOfWork,
    codeKeys: stores.keys.codeKeys,
    csrfKey: stores.keys.cookieKey,
    humanCheck: checkedHuman,
    floor,
    registry,
    policyMethods,
    corporateEgressNetworks: parseNetworks(config.throttle.corporateEgressNetworks),
    currentPolicy,
    organisation,
    bannedList,
    evaluation: createEvaluationRecorder({
      store: createKyselyEvaluationStore(stores.handle.db),
      clock,
      policyMethods,
      cacheMilliseconds,
      onError: (error) => options.logger.warn({ err: error }, "evaluation decision not recorded"),
    }),
  });
  const signInDeps = {
    clock,
    random,
    directory: stores.directory,
    users: stores.users,
    hasher,
    sessions: stores.sessions,
    lockouts: stores.signInLockouts,
    audit: stores.audit,
    throttles: stores.throttles,
    humanCheck: checkedHuman,
    unitOfWork: stores.unitOfWork,
    lockoutKey: stores.keys.cookieKey,
    settings: config.signIn,
    currentPolicy,
    organisation,
    bannedList,
  };
  const signIn = createSignInService(signInDeps);
  const account = createAccountService(signInDeps);
  const reset = instrumentResetService(domainReset, metrics);
  const workerStores = { ...stores, outbox: instrumentOutboxStore(stores.outbox, metrics) };
  metrics.setOutboxStats(() => stores.outbox.pendingStats());
  const worker = createWorkerFor({
    config,
    mode: options.mode,
    stores: workerStores,
    translator,
    clock,
    random,
    instance,
    siteInfo,
    currentPolicy,
    logger: options.logger,
  });
  const securityInfo = composeSecurityInfo({
    stores,
    codeKeys: stores.keys.codeKeys,
    // The step-up's password counts toward the sign-in form's lockout, as change password's does.
    checkCurrentPassword: (input) => checkCurrentPassword(signInDeps, input),
    hasher,
    clock,
    random,
    currentPolicy,
    organisation,
    corporateEgressNetworks: parseNetworks(config.throttle.corporateEgressNetworks),
    gateIds: registry.ids,
    phoneChannels,
  });
  const passkeys = composePasskeys({
    stores,
    clock,
    random,
    publicUrl: config.publicUrl,
    organisation,
    currentPolicy,
    ticketKey: stores.keys.cookieKey,
  });
  const adminInput = {
    db: stores.db,
    config,
    clock,
    random,
    instance,
    availableMethods: policyMethods,
    gateMethods: registry.ids,
    directory: stores.directory,
    bannedList,
    phoneDelivery: phoneChannels,
    codeKeys: stores.keys.codeKeys,
  };
  // Console commands over the control socket are not requests: they wait for the hasher.
  const commandServices = composeCommandServices({ ...adminInput, hasher: patientHasher(hasher) });
  const services: AppServices = {
    reset,
    signIn,
    account,
    securityInfo,
    passkeys,
    admin: createAdminConsole({ policy: stores.policy, auditReader: stores.auditReader }),
    // The portal diagnoses through the console's admin actions: one service, whoever asks (SPEC §13.1).
    troubleshoot: { diagnoseUser: commandServices.admin.diagnoseUser },
    // The portal's helpdesk actions: the console's services, with the request hasher (it sheds when full).
    adminActions: composeAdminActions({
      ...adminInput,
      hasher,
    }),
    notMe: createNotMeService({
      clock,
      unitOfWork: stores.unitOfWork,
      links: stores.notMeLinks,
      users: stores.users,
      directory: stores.directory,
      organisation,
    }),
    helpdesk: composeHelpdesk({ stores, clock, humanCheck: checkedHuman, floor, currentPolicy, siteInfo }),
    translator,
    clock,
    random,
    captcha: humanCheck,
    siteInfo,
    health: stores.health,
    devMailbox: options.mode === "development" ? stores.outbox : null,
    formKey: stores.keys.cookieKey,
    metrics,
    databaseBacklog: () => stores.handle.waitingForConnection(),
  };
  const housekeeper = createHousekeeperFor({
    config,
    stores,
    clock,
    logger: options.logger,
    stamp: { random, instance },
    siteInfo,
  });
  return {
    services,
    stores,
    worker,
    housekeeper,
    instance,
    commandServices,
    methods: registry,
    close: async () => {
      await housekeeper.stop();
      await worker.stop();
      await stores.close();
    },
  };
}
