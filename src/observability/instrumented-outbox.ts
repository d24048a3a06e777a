/** An outbox-store decorator for the worker: counts delivered codes and delivery outcomes with their lag. */
import type { ClaimedMessage, DispatchResult, OutboxWorkerStore } from "../domain/ports.js";
import type { Metrics } from "./metrics.js";

/** The template name of verification-code messages (notify/templates/reset-code.ts). */
export const CODE_TEMPLATE = "reset-code";

type DeliveryMetrics = Pick<Metrics, "countCodeSent" | "observeDelivery">;

/**
 * Wraps the worker's store: each recorded outcome is observed with the time since its message was queued, and a
 * sent `reset-code` message counts as a code sent. Claimed messages are remembered only until their outcome.
 */
export function instrumentOutboxStore<T extends OutboxWorkerStore>(store: T, metrics: DeliveryMetrics): T {
  const claimed = new Map<string, Pick<ClaimedMessage, "template" | "createdAt">>();
  return {
    ...store,
    async claimDueMessages(options: Parameters<OutboxWorkerStore["claimDueMessages"]>[0]): Promise<ClaimedMessage[]> {
      const batch = await store.claimDueMessages(options);
      for (const message of batch)
        claimed.set(message.id, { template: message.template, createdAt: message.createdAt });
      return batch;
    },
    async recordDispatch(messageId: string, result: DispatchResult, now: Date): Promise<void> {
      await store.recordDispatch(messageId, result, now);
      const message = claimed.get(messageId);
      claimed.delete(messageId);
      if (message === undefined) return;
      metrics.observeDelivery(result.status, now.getTime() - message.createdAt.getTime());
      if (result.status === "sent" && message.template === CODE_TEMPLATE) metrics.countCodeSent();
    },
  };
}
