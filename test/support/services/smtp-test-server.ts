/** A real SMTP peer for tests: smtp-server in-process on 127.0.0.1, keeping every message it accepts. */
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** One accepted message, parsed. */
export interface ReceivedMessage {
  /** Envelope recipients (RCPT TO). */
  readonly envelopeTo: readonly string[];
  readonly raw: string;
  readonly subject: string;
  readonly from: { readonly name: string; readonly address: string };
  readonly text: string;
  readonly html: string;
}

/** A running test server and its controls. */
export interface SMTPTestServer {
  readonly host: "127.0.0.1";
  readonly port: number;
  /** Every message accepted so far, oldest first. */
  readonly messages: readonly ReceivedMessage[];
  /** Resolves with the first message (already received or arriving) that matches; rejects after the timeout. */
  waitForMessage(predicate: (message: ReceivedMessage) => boolean, timeoutMs?: number): Promise<ReceivedMessage>;
  /** Holds every DATA reply until the returned function is called; `arrived` resolves when a message is held. */
  holdDelivery(): { arrived: Promise<void>; release: () => void };
  /** Simulates an outage: stops listening and drops open connections. */
  goDown(): Promise<void>;
  /** Ends the outage: listens again on the same port. */
  comeBack(): Promise<void>;
  /** Shuts the server down for good. */
  stop(): Promise<void>;
}

/** The received messages, their waiters, and the optional hold on DATA replies; it outlives server restarts. */
interface Inbox {
  readonly messages: ReceivedMessage[];
  accept(raw: Buffer, envelopeTo: string[]): Promise<void>;
  waitFor(predicate: (message: ReceivedMessage) => boolean, timeoutMs: number): Promise<ReceivedMessage>;
  hold(): { arrived: Promise<void>; release: () => void };
}

function listen(server: SMTPServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve((server.server.address() as AddressInfo).port));
  });
}

function close(server: SMTPServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

async function parse(raw: Buffer, envelopeTo: string[]): Promise<ReceivedMessage> {
  const parsed = await simpleParser(raw);
  const from = parsed.from?.value[0];
  return {
    envelopeTo,
    raw: raw.toString("utf8"),
    subject: parsed.subject ?? "",
    from: { name: from?.name ?? "", address: from?.address ?? "" },
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" ? parsed.html : "",
  };
}

function waitForMatch(
  inbox: { messages: ReceivedMessage[]; listeners: Set<() => void> },
  predicate: (message: ReceivedMessage) => boolean,
  timeoutMs: number,
): Promise<ReceivedMessage> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const found = inbox.messages.find(predicate);
      if (found === undefined) return;
      clearTimeout(timer);
      inbox.listeners.delete(check);
      resolve(found);
    };
    const timer = setTimeout(() => {
      inbox.listeners.delete(check);
      reject(new Error(`no matching message within ${timeoutMs} ms (${inbox.messages.length} received)`));
    }, timeoutMs);
    inbox.listeners.add(check);
    check();
  });
}

function createInbox(): Inbox {
  const messages: ReceivedMessage[] = [];
  const listeners = new Set<() => void>();
  let held: { arrive: () => void; released: Promise<void> } | null = null;
  return {
    messages,
    async accept(raw, envelopeTo) {
      const current = held;
      if (current !== null) {
        current.arrive();
        await current.released;
      }
      messages.push(await parse(raw, envelopeTo));
      for (const listener of listeners) listener();
    },
    waitFor: (predicate, timeoutMs) => waitForMatch({ messages, listeners }, predicate, timeoutMs),
    hold() {
      const arrived = Promise.withResolvers<undefined>();
      const released = Promise.withResolvers<undefined>();
      held = { arrive: () => arrived.resolve(undefined), released: released.promise };
      const release = (): void => {
        held = null;
        released.resolve(undefined);
      };
      return { arrived: arrived.promise, release };
    },
  };
}

function createServer(inbox: Inbox): SMTPServer {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // Pooled client connections would otherwise keep close() waiting for 30 s.
    closeTimeout: 50,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const envelopeTo = session.envelope.rcptTo.map((recipient) => recipient.address);
        inbox.accept(Buffer.concat(chunks), envelopeTo).then(
          () => callback(),
          (error: unknown) => callback(error instanceof Error ? error : new Error("parse failed")),
        );
      });
    },
  });
}

/** Starts the server on a free loopback port (no TLS, authentication optional). */
export async function startSMTPTestServer(): Promise<SMTPTestServer> {
  const inbox = createInbox();
  let server = createServer(inbox);
  const port = await listen(server, 0);
  let up = true;
  return {
    host: "127.0.0.1",
    port,
    messages: inbox.messages,
    waitForMessage: (predicate, timeoutMs = 5000) => inbox.waitFor(predicate, timeoutMs),
    holdDelivery: () => inbox.hold(),
    async goDown() {
      if (!up) return;
      up = false;
      await close(server);
    },
    async comeBack() {
      if (up) return;
      server = createServer(inbox);
      await listen(server, port);
      up = true;
    },
    async stop() {
      if (up) await close(server);
      up = false;
    },
  };
}
