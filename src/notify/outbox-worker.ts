/** The outbox worker: each round claims due messages under a lease, delivers them one by one, records and audits. */
import type { AuditEvent } from "../domain/audit-events.js";
import { maskRecipient } from "../domain/messages.js";
import type { AuditLog, ClaimedMessage, DispatchResult, OutboxWorkerStore } from "../domain/ports.js";
import { type Delivery, type DeliveryDeps, deliverMessage, describeError } from "./message-delivery.js";

export { retryDelaySeconds } from "./message-delivery.js";

const BATCH_LIMIT = 20;
const LEASE_SECONDS = 60;

/** The slice of a pino logger the worker writes to. */
export interface WorkerLogger {
  info(object: Record<string, unknown>, message: string): void;
  warn(object: Record<string, unknown>, message: string): void;
  error(object: Record<string, unknown>, message: string): void;
}

/** How a delivery ended, for metrics. */
export type DeliveryOutcome = DispatchResult["status"];

/** Everything the worker uses; `audit` is called outside any transaction, after the outcome is recorded. */
export interface OutboxWorkerDeps extends DeliveryDeps {
  readonly store: OutboxWorkerStore;
  readonly audit: AuditLog;
  /** This process's id in heartbeats (host name and pid, say). */
  readonly instance: string;
  readonly pollIntervalMilliseconds: number;
  readonly logger: WorkerLogger;
  /** Called once per recorded outcome with the time since the message was queued. */
  readonly onDelivered?: (lagMilliseconds: number, outcome: DeliveryOutcome) => void;
}

/** The running worker, owned by `sandi serve` or `sandi worker`. */
export interface OutboxWorker {
  /** One round: heartbeat, claim up to 20 due messages, deliver them; resolves to how many were claimed. */
  runOnce(): Promise<number>;
  /** Polls every `pollIntervalMilliseconds` until `stop()`; a failed round is logged, never fatal. */
  start(): void;
  /** Stops polling and waits for the message in hand; claimed messages not yet begun wait out their lease. */
  stop(): Promise<void>;
}

const AUDIT_ACTIVITY = { sent: "message.sent", failed: "message.failed", abandoned: "message.abandoned" } as const;

/** The audit event for one outcome: masked recipient, template as reason, never the data. */
function auditEventFor(message: ClaimedMessage, result: DispatchResult, time: Date): AuditEvent {
  return {
    activity: AUDIT_ACTIVITY[result.status],
    result: result.status === "sent" ? "success" : "failure",
    reason: message.template,
    actor: { type: "system", id: "outbox-worker" },
    ...(message.userRef === null ? {} : { target: { ref: message.userRef } }),
    ...(message.flowId === null ? {} : { flowId: message.flowId }),
    method: message.channel,
    maskedTarget: maskRecipient(message.channel, message.recipient),
    lang: message.lang,
    time,
  };
}

function logDelivery(logger: WorkerLogger, message: ClaimedMessage, delivery: Delivery): void {
  const context = {
    messageId: message.id,
    template: message.template,
    channel: message.channel,
    recipient: maskRecipient(message.channel, message.recipient),
    attempt: message.attempts + 1,
    ...(delivery.error === undefined ? {} : { error: delivery.error }),
  };
  const { result } = delivery;
  if (result.status === "sent") logger.info(context, "message sent");
  else if (result.status === "failed")
    logger.warn({ ...context, retryAt: result.retryAt }, "message failed, will retry");
  else if (result.reason === "expired") logger.warn({ ...context, reason: result.reason }, "message abandoned");
  else logger.error({ ...context, reason: result.reason }, "message abandoned");
}

async function processMessage(deps: OutboxWorkerDeps, message: ClaimedMessage): Promise<void> {
  const delivery = await deliverMessage(deps, message);
  const now = deps.clock.now();
  await deps.store.recordDispatch(message.id, delivery.result, now);
  logDelivery(deps.logger, message, delivery);
  try {
    await deps.audit.append([auditEventFor(message, delivery.result, now)]);
  } catch (error) {
    deps.logger.error({ messageId: message.id, error: describeError(error) }, "audit append failed");
  }
  deps.onDelivered?.(now.getTime() - message.createdAt.getTime(), delivery.result.status);
}

async function runRound(deps: OutboxWorkerDeps, isStopping: () => boolean): Promise<number> {
  const now = deps.clock.now();
  await deps.store.heartbeat(deps.instance, now);
  // A round queued before stop() must not lease a batch it will not deliver.
  if (isStopping()) return 0;
  const batch = await deps.store.claimDueMessages({ limit: BATCH_LIMIT, leaseSeconds: LEASE_SECONDS, now });
  for (const message of batch) {
    if (isStopping()) break;
    await processMessage(deps, message);
  }
  return batch.length;
}

/** Runs tasks one at a time, in order; `idle()` settles once everything queued so far has. */
function createSerialQueue(): { run<T>(task: () => Promise<T>): Promise<T>; idle(): Promise<unknown> } {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const next = tail.then(task);
      tail = next.catch(() => undefined);
      return next;
    },
    idle: () => tail,
  };
}

/**
 * Creates the worker; rounds never overlap, whether started by the poll timer or by `runOnce`.
 * `stop()` ends every round requested before it after the message in hand.
 *
 * @example
 * const worker = createOutboxWorker({ store, channels: { email: smtp }, audit, translator, clock, random, instance: hostname(),
 *   orgName: () => organisation.name, timeZone: async () => "Asia/Jakarta", maxDeliveryAttempts: 8, pollIntervalMilliseconds: 1000, logger });
 * worker.start();
 * await worker.stop(); // on SIGTERM
 */
export function createOutboxWorker(deps: OutboxWorkerDeps): OutboxWorker {
  const rounds = createSerialQueue();
  let stopCount = 0;
  let polling = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const round = (): Promise<number> => {
    const stopCountAtRequest = stopCount;
    return rounds.run(() => runRound(deps, () => stopCount !== stopCountAtRequest));
  };
  const tick = (): void => {
    timer = undefined;
    void round()
      .catch((error: unknown) => deps.logger.error({ error: describeError(error) }, "outbox round failed"))
      .finally(() => {
        if (polling && timer === undefined) timer = setTimeout(tick, deps.pollIntervalMilliseconds);
      });
  };
  return {
    runOnce: round,
    start() {
      if (polling) return;
      polling = true;
      tick();
    },
    async stop() {
      polling = false;
      stopCount++;
      clearTimeout(timer);
      timer = undefined;
      await rounds.idle();
    },
  };
}
