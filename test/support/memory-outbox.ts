/** An in-memory outbox (both sides: Outbox and OutboxWorkerStore) for worker tests; journeys cover the database. */
import type { ClaimedMessage, DispatchResult, Outbox, OutboxDraft, OutboxWorkerStore } from "../../src/domain/ports.js";

/** One stored message, as the worker store would keep it. */
export interface MemoryOutboxRow {
  readonly id: string;
  readonly draft: OutboxDraft;
  status: "pending" | "failed" | "sent" | "abandoned";
  /** Delivery attempts that failed so far (ClaimedMessage.attempts). */
  attempts: number;
  /** Cleared (null) once sent or abandoned, as the real store clears codes. */
  data: OutboxDraft["data"] | null;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  lastError: string | null;
  abandonReason: string | null;
  readonly createdAt: Date;
  finishedAt: Date | null;
  /** Every recorded outcome, oldest first. */
  readonly dispatches: DispatchResult[];
}

/** Both sides of the fake, plus its rows and heartbeats for assertions. */
export interface MemoryOutbox {
  readonly outbox: Outbox;
  readonly store: OutboxWorkerStore;
  readonly rows: readonly MemoryOutboxRow[];
  readonly heartbeats: readonly { instance: string; at: Date }[];
  /** Queues one draft and returns its id. */
  add(draft: OutboxDraft, now: Date): string;
  row(id: string): MemoryOutboxRow;
}

function toClaimed(row: MemoryOutboxRow): ClaimedMessage {
  const { draft } = row;
  return {
    id: row.id,
    channel: draft.channel,
    template: draft.template,
    recipient: draft.recipient,
    lang: draft.lang,
    data: row.data ?? {},
    attempts: row.attempts,
    notAfter: draft.notAfter,
    userRef: draft.userRef,
    flowId: draft.flowId,
    createdAt: row.createdAt,
  };
}

function applyDispatch(row: MemoryOutboxRow, result: DispatchResult, now: Date): void {
  row.dispatches.push(result);
  row.leaseUntil = null;
  if (result.status === "failed") {
    row.status = "failed";
    row.attempts++;
    row.lastError = result.error;
    row.nextAttemptAt = result.retryAt;
    return;
  }
  row.status = result.status;
  if (result.status === "abandoned") row.abandonReason = result.reason;
  row.data = null;
  row.finishedAt = now;
}

/** A fresh, empty outbox. */
export function createMemoryOutbox(): MemoryOutbox {
  const rows: MemoryOutboxRow[] = [];
  const heartbeats: { instance: string; at: Date }[] = [];
  const row = (id: string): MemoryOutboxRow => {
    const found = rows.find((candidate) => candidate.id === id);
    if (found === undefined) throw new Error(`no outbox row ${id}`);
    return found;
  };
  const add = (draft: OutboxDraft, now: Date): string => {
    const id = `message-${rows.length + 1}`;
    rows.push({
      id,
      draft,
      status: "pending",
      attempts: 0,
      data: draft.data,
      nextAttemptAt: now,
      leaseUntil: null,
      lastError: null,
      abandonReason: null,
      createdAt: now,
      finishedAt: null,
      dispatches: [],
    });
    return id;
  };
  const store: OutboxWorkerStore = {
    claimDueMessages({ limit, leaseSeconds, now }) {
      const due = rows
        .filter((candidate) => candidate.status === "pending" || candidate.status === "failed")
        .filter((candidate) => candidate.nextAttemptAt <= now)
        .filter((candidate) => candidate.leaseUntil === null || candidate.leaseUntil <= now)
        .slice(0, limit);
      for (const claimed of due) claimed.leaseUntil = new Date(now.getTime() + leaseSeconds * 1000);
      return Promise.resolve(due.map(toClaimed));
    },
    recordDispatch(messageId, result, now) {
      applyDispatch(row(messageId), result, now);
      return Promise.resolve();
    },
    pendingStats() {
      const waiting = rows.filter((candidate) => candidate.status === "pending" || candidate.status === "failed");
      const oldest = waiting[0]?.createdAt ?? null;
      return Promise.resolve({ depth: waiting.length, oldestCreatedAt: oldest });
    },
    heartbeat(instance, now) {
      heartbeats.push({ instance, at: now });
      return Promise.resolve();
    },
    lastHeartbeat() {
      return Promise.resolve(heartbeats.at(-1)?.at ?? null);
    },
  };
  const outbox: Outbox = {
    enqueue(drafts, now) {
      for (const draft of drafts) add(draft, now);
      return Promise.resolve();
    },
  };
  return { outbox, store, rows, heartbeats, add, row };
}
