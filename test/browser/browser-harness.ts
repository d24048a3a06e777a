/** The real parts for browser tests: Sandi listening on loopback with the real clock, SMTP and worker, and console capture. */
import { createServer } from "node:net";
import type { Browser, BrowserContext, ConsoleMessage, Page } from "playwright-core";
import type { Config } from "../../src/config/config.schema.js";
import { buildTestApp, type TestApp } from "../support/build-test-app.js";
import type { DeepPartial } from "../support/test-config.js";
import { createFakeClock } from "../support/fake-clock.js";
import { launchChromium } from "../support/services/chromium.js";
import { type SMTPTestServer, startSMTPTestServer } from "../support/services/smtp-test-server.js";

/** A port the kernel just handed out on 127.0.0.1 (closed again, so the app can take it). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => (port === 0 ? reject(new Error("no port")) : resolve(port)));
    });
  });
}

export interface ListeningSandi {
  readonly t: TestApp;
  readonly smtp: SMTPTestServer;
  /** `http://localhost:<port>`: the app's publicUrl, and what the browser opens (a secure context for the widget). */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Sandi on 127.0.0.1 with publicUrl `http://localhost:<port>`, the real clock, response floors at 0, the harness's
 * quick proof-of-work difficulty (the widget still solves it), and the outbox worker polling into a real SMTP server.
 * `extra` adds configuration (a phone provider, say).
 */
export async function startListeningSandi(extra: DeepPartial<Config> = {}): Promise<ListeningSandi> {
  const smtp = await startSMTPTestServer();
  const port = await freeLoopbackPort();
  const origin = `http://localhost:${port}`;
  const t = await buildTestApp({
    realClock: true,
    // Only the seeder reads this clock: accounts are created "now".
    clock: createFakeClock(new Date().toISOString()),
    config: {
      publicUrl: origin,
      smtp: { host: smtp.host, port: smtp.port, security: "none", from: "sandi@contoh.example" },
      worker: { pollIntervalMilliseconds: 50 },
      ...extra,
    },
  });
  await t.app.listen({ host: "127.0.0.1", port });
  t.composed.worker.start();
  return {
    t,
    smtp,
    origin,
    close: async () => {
      await t.close();
      await smtp.stop();
    },
  };
}

/** What a page printed to its console, and its uncaught errors. */
export interface ConsoleLog {
  readonly lines: string[];
  /** Lines that report a Content Security Policy violation. */
  cspViolations(): string[];
}

const CSP_VIOLATION = /Content Security Policy|Refused to (load|execute|apply|create|connect|frame)/i;

/** Starts recording `page`'s console (every type) and uncaught page errors. */
export function captureConsole(page: Page): ConsoleLog {
  const lines: string[] = [];
  page.on("console", (message: ConsoleMessage) => lines.push(`[${message.type()}] ${message.text()} (${page.url()})`));
  page.on("response", (response) => {
    if (response.status() >= 400) lines.push(`[http ${response.status()}] ${response.url()}`);
  });
  page.on("pageerror", (error: Error) => lines.push(`[pageerror] ${error.message} (${page.url()})`));
  return { lines, cspViolations: () => lines.filter((line) => CSP_VIOLATION.test(line)) };
}

/**
 * Chromium for one test file, and one page per test in a fresh context (axe needs one of its own) with its console
 * recorded. `closePage` (after each test) returns the CSP violations the page's console reported.
 */
export class BrowserPages {
  private browser: Browser | null = null;
  private context: BrowserContext | null = null;
  /** The console of the page the current test opened. */
  log: ConsoleLog | null = null;

  async launch(): Promise<void> {
    this.browser = await launchChromium();
  }

  async open(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    if (this.browser === null) throw new Error("BrowserPages.open before launch");
    this.context = await this.browser.newContext(options);
    const page = await this.context.newPage();
    this.log = captureConsole(page);
    return page;
  }

  async closePage(): Promise<string[]> {
    await this.context?.close();
    this.context = null;
    const violations = this.log?.cspViolations() ?? [];
    this.log = null;
    return violations;
  }

  async shutdown(): Promise<void> {
    await this.browser?.close();
  }
}
