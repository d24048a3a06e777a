/** The outbox worker over a real SMTP peer: delivery, retries with backoff, expiry, attempt caps, graceful stop. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuditEvent } from "../../src/domain/audit-events.js";
import type { Clock, OutboxDraft, Random } from "../../src/domain/ports.js";
import { createTranslator } from "../../src/i18n/i18n.js";
import type { TemplateId } from "../../src/domain/messages.js";
import type { EmailChannel } from "../../src/notify/channel.js";
import { createSMTPChannel } from "../../src/notify/channels/smtp-channel.js";
import { createOutboxWorker, type OutboxWorker, type WorkerLogger } from "../../src/notify/outbox-worker.js";
import { createMemoryOutbox, type MemoryOutbox } from "../support/memory-outbox.js";
import { type SMTPTestServer, startSMTPTestServer } from "../support/services/smtp-test-server.js";

const START = "2026-03-02T08:00:00.000Z";

function createTestClock(iso: string): Clock & { advanceSeconds(seconds: number): void } {
  let now = new Date(iso).getTime();
  return { now: () => new Date(now), advanceSeconds: (seconds) => (now += seconds * 1000) };
}

/** Always the middle of the range: retryDelaySeconds then has no jitter, so waits are exact. */
const middleRandom: Random = {
  bytes: (count) => new Uint8Array(count),
  integerBelow: (maxExclusive) => Math.floor(maxExclusive / 2),
};

let server: SMTPTestServer;
let clock: ReturnType<typeof createTestClock>;
let outbox: MemoryOutbox;
let channel: EmailChannel;
let worker: OutboxWorker;
let auditEvents: AuditEvent[];
let logLines: { level: string; object: Record<string, unknown>; message: string }[];
let delivered: { lagMilliseconds: number; outcome: string }[];
const codesUsed = new Set<string>();
let sequence = 0;

function codeDraft(recipient: string, options: { notAfterSeconds?: number; template?: string } = {}): OutboxDraft {
  const code = String(10_000_000 + Math.floor(Math.random() * 89_999_999));
  codesUsed.add(code);
  return {
    channel: "email",
    // A row may name a template this build lacks (an older or newer build wrote it): the worker must cope.
    template: (options.template ?? "reset-code") as TemplateId,
    recipient,
    lang: "en",
    data: { code, expiresInMinutes: 5, requestedAt: clock.now().toISOString(), client: "Firefox on Linux" },
    notAfter: new Date(clock.now().getTime() + (options.notAfterSeconds ?? 300) * 1000),
    userRef: "user-budi",
    flowId: "flow-1",
  };
}

function uniqueRecipient(name: string): string {
  sequence++;
  return `${name}.${sequence}@example.org`;
}

function createWorker(maxDeliveryAttempts = 8): OutboxWorker {
  const logger: WorkerLogger = {
    info: (object, message) => logLines.push({ level: "info", object, message }),
    warn: (object, message) => logLines.push({ level: "warn", object, message }),
    error: (object, message) => logLines.push({ level: "error", object, message }),
  };
  return createOutboxWorker({
    store: outbox.store,
    channels: { email: channel },
    audit: { append: (events) => Promise.resolve(void auditEvents.push(...events)) },
    translator: createTranslator(),
    clock,
    random: middleRandom,
    instance: "test-instance",
    orgName: () => "Acme",
    timeZone: () => Promise.resolve("UTC"),
    maxDeliveryAttempts,
    pollIntervalMilliseconds: 20,
    logger,
    onDelivered: (lagMilliseconds, outcome) => delivered.push({ lagMilliseconds, outcome }),
  });
}

beforeAll(async () => {
  server = await startSMTPTestServer();
});
beforeEach(() => {
  clock = createTestClock(START);
  outbox = createMemoryOutbox();
  channel = createSMTPChannel({
    host: "127.0.0.1",
    port: server.port,
    security: "none",
    user: null,
    password: null,
    from: "sandi@example.org",
  });
  auditEvents = [];
  logLines = [];
  delivered = [];
  worker = createWorker();
});
afterEach(async () => {
  await worker.stop();
  await channel.close();
  await server.comeBack();
  // Threat: a code or a full address copied into a log line or an audit event outlives the message.
  const recorded = JSON.stringify({ auditEvents, logLines });
  for (const code of codesUsed) expect(recorded).not.toContain(code);
  expect(recorded).not.toMatch(/[a-z]+\.\d+@example\.org/);
});
afterAll(async () => {
  await server.stop();
});

describe("outbox worker", () => {
  it("delivers a due message, records it sent, audits it masked and reports the lag", async () => {
    const recipient = uniqueRecipient("budi");
    const id = outbox.add(codeDraft(recipient), clock.now());
    clock.advanceSeconds(2);
    expect(await worker.runOnce()).toBe(1);
    const received = await server.waitForMessage((message) => message.envelopeTo.includes(recipient));
    expect(received.subject).toBe("Acme verification code");
    expect(received.from).toEqual({ name: "Acme via Sandi", address: "sandi@example.org" });
    expect(received.text).toContain(String(outbox.row(id).draft.data.code));
    expect(outbox.row(id)).toMatchObject({ status: "sent", data: null });
    expect(auditEvents).toEqual([
      {
        activity: "message.sent",
        result: "success",
        reason: "reset-code",
        actor: { type: "system", id: "outbox-worker" },
        target: { ref: "user-budi" },
        flowId: "flow-1",
        method: "email",
        maskedTarget: "b***@e***.org",
        lang: "en",
        time: clock.now(),
      },
    ]);
    expect(delivered).toEqual([{ lagMilliseconds: 2000, outcome: "sent" }]);
    expect(outbox.heartbeats).toEqual([{ instance: "test-instance", at: clock.now() }]);
  });

  it("keeps a message while SMTP is down and retries it with backoff until the server returns", async () => {
    const recipient = uniqueRecipient("siti");
    const id = outbox.add(codeDraft(recipient, { template: "password-changed" }), clock.now());
    Object.assign(outbox.row(id), {
      data: {
        changedAt: START,
        client: "Firefox on Linux",
        ip: "203.0.113.7",
        signInUrl: "https://sso.example.org/",
        userId: "budi@contoh.example",
        helpdesk: "helpdesk@contoh.example",
      },
    });
    await server.goDown();

    await worker.runOnce();
    expect(outbox.row(id)).toMatchObject({
      status: "failed",
      attempts: 1,
      nextAttemptAt: new Date("2026-03-02T08:00:30Z"),
    });
    clock.advanceSeconds(29);
    expect(await worker.runOnce()).toBe(0);
    clock.advanceSeconds(1);
    expect(await worker.runOnce()).toBe(1);
    expect(outbox.row(id)).toMatchObject({
      status: "failed",
      attempts: 2,
      nextAttemptAt: new Date("2026-03-02T08:01:30Z"),
    });

    await server.comeBack();
    clock.advanceSeconds(60);
    expect(await worker.runOnce()).toBe(1);
    expect(outbox.row(id).status).toBe("sent");
    const received = await server.waitForMessage((message) => message.envelopeTo.includes(recipient));
    expect(received.subject).toBe("Your Acme password was reset");
    expect(auditEvents.map((event) => event.activity)).toEqual(["message.failed", "message.failed", "message.sent"]);
    expect(logLines.filter((line) => line.level === "warn")).toHaveLength(2);
    expect(outbox.row(id).lastError).not.toContain(recipient);
  });

  it("abandons a message past its notAfter without sending it", async () => {
    const recipient = uniqueRecipient("late");
    const id = outbox.add(codeDraft(recipient, { notAfterSeconds: 300 }), clock.now());
    clock.advanceSeconds(300);
    expect(await worker.runOnce()).toBe(1);
    expect(outbox.row(id)).toMatchObject({ status: "abandoned", abandonReason: "expired", data: null });
    expect(auditEvents.map((event) => [event.activity, event.reason])).toEqual([["message.abandoned", "reset-code"]]);
    expect(delivered.map((entry) => entry.outcome)).toEqual(["abandoned"]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.messages.some((message) => message.envelopeTo.includes(recipient))).toBe(false);
  });

  it("abandons a message after maxDeliveryAttempts failed sends", async () => {
    worker = createWorker(3);
    const id = outbox.add(codeDraft(uniqueRecipient("capped"), { notAfterSeconds: 3600 }), clock.now());
    await server.goDown();
    for (const waitSeconds of [0, 30, 60]) {
      clock.advanceSeconds(waitSeconds);
      expect(await worker.runOnce()).toBe(1);
    }
    expect(outbox.row(id)).toMatchObject({ status: "abandoned", abandonReason: "max_attempts", attempts: 2 });
    expect(outbox.row(id).dispatches.map((result) => result.status)).toEqual(["failed", "failed", "abandoned"]);
    expect(auditEvents.map((event) => event.activity)).toEqual([
      "message.failed",
      "message.failed",
      "message.abandoned",
    ]);
    clock.advanceSeconds(3600);
    expect(await worker.runOnce()).toBe(0);
  });

  it("abandons a message it cannot render and goes on with the rest of the batch", async () => {
    const broken = outbox.add(codeDraft(uniqueRecipient("broken"), { template: "no-such-template" }), clock.now());
    const good = uniqueRecipient("good");
    const fine = outbox.add(codeDraft(good), clock.now());
    expect(await worker.runOnce()).toBe(2);
    expect(outbox.row(broken)).toMatchObject({ status: "abandoned", abandonReason: "render_failed" });
    expect(outbox.row(fine).status).toBe("sent");
    await server.waitForMessage((message) => message.envelopeTo.includes(good));
    expect(logLines.find((line) => line.level === "error")?.object.error).toMatch(/unknown email template/);
  });

  it("stop() waits for the message in flight and leaves the rest of the batch for later", async () => {
    const first = outbox.add(codeDraft(uniqueRecipient("first")), clock.now());
    const second = outbox.add(codeDraft(uniqueRecipient("second")), clock.now());
    const hold = server.holdDelivery();
    worker.start();
    await hold.arrived;
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);
    hold.release();
    await stopping;
    expect(outbox.row(first).status).toBe("sent");
    expect(outbox.row(second)).toMatchObject({ status: "pending", attempts: 0 });
    clock.advanceSeconds(60);
    expect(await worker.runOnce()).toBe(1);
    expect(outbox.row(second).status).toBe("sent");
  });

  it("polls after start() and delivers what is queued later", async () => {
    worker.start();
    await vi.waitFor(() => expect(outbox.heartbeats.length).toBeGreaterThan(0));
    const recipient = uniqueRecipient("later");
    const id = outbox.add(codeDraft(recipient), clock.now());
    await server.waitForMessage((message) => message.envelopeTo.includes(recipient));
    await worker.stop();
    expect(outbox.row(id).status).toBe("sent");
    expect(outbox.heartbeats.length).toBeGreaterThan(1);
  });

  it("logs a failed round and keeps polling", async () => {
    const claim = outbox.store.claimDueMessages;
    let failures = 1;
    outbox.store.claimDueMessages = (options) =>
      failures-- > 0 ? Promise.reject(new Error("database away")) : claim(options);
    const recipient = uniqueRecipient("after");
    outbox.add(codeDraft(recipient), clock.now());
    worker.start();
    await server.waitForMessage((message) => message.envelopeTo.includes(recipient));
    expect(logLines.some((line) => line.message === "outbox round failed")).toBe(true);
  });
});
