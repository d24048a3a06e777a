/** The SMTP channel: nodemailer over a small connection pool, with failures returned as values. */
import { createTransport } from "nodemailer";
import type { SmtpConfig } from "../../config/config.schema.js";
import { maskRecipient } from "../../domain/messages.js";
import type { EmailChannel, EmailMessage, SendResult } from "../channel.js";

const TIMEOUT_MILLISECONDS = 10_000;
const MAX_ERROR_LENGTH = 300;

/** Security modes mapped to nodemailer's three flags. */
function tlsOptions(security: SmtpConfig["security"]): { secure: boolean; requireTLS: boolean; ignoreTLS: boolean } {
  return { secure: security === "tls", requireTLS: security === "starttls", ignoreTLS: security === "none" };
}

/**
 * A short, single-line description of a failed send. Servers often echo the recipient in a refusal,
 * so it is masked here: the text goes to logs and the outbox row.
 */
function describeFailure(error: unknown, recipient: string): string {
  if (!(error instanceof Error)) return "smtp send failed";
  const details = error as Error & { code?: unknown; responseCode?: unknown };
  const prefix = [details.code, details.responseCode].filter((part) => part !== undefined).map(String);
  const text = [...prefix, error.message].join(" ").replace(/[\r\n]+/g, " ");
  return text.replaceAll(recipient, maskRecipient("email", recipient)).slice(0, MAX_ERROR_LENGTH);
}

/**
 * A channel sending through the configured SMTP server (`smtp.host` must be set).
 *
 * @example
 * const channel = createSMTPChannel(config.smtp);
 * const result = await channel.send({ to: "budi@example.org", fromName: "Acme via Sandi", email });
 */
export function createSMTPChannel(config: SmtpConfig): EmailChannel {
  if (config.host === null) throw new Error("smtp.host is not set");
  const transport = createTransport({
    pool: true,
    maxConnections: 2,
    host: config.host,
    port: config.port,
    ...tlsOptions(config.security),
    ...(config.user === null ? {} : { auth: { user: config.user, pass: config.password ?? "" } }),
    connectionTimeout: TIMEOUT_MILLISECONDS,
    greetingTimeout: TIMEOUT_MILLISECONDS,
    socketTimeout: TIMEOUT_MILLISECONDS,
  });
  return {
    id: "smtp",
    async send(message: EmailMessage): Promise<SendResult> {
      try {
        await transport.sendMail({
          from: { name: message.fromName, address: config.from },
          to: message.to,
          subject: message.email.subject,
          text: message.email.text,
          html: message.email.html,
          // Our HTML never references files or URLs to inline; refuse them in case a template ever does.
          disableFileAccess: true,
          disableUrlAccess: true,
        });
        return { ok: true };
      } catch (error) {
        return { ok: false, error: describeFailure(error, message.to) };
      }
    },
    close() {
      transport.close();
      return Promise.resolve();
    },
  };
}
