/** The HTTP SMS and voice channel against a real receiver on 127.0.0.1: outcomes, secrets, escaping, redirects. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Value from "typebox/value";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PhoneProviderSchema } from "../../src/config/phone-provider.schema.js";
import {
  createHttpSmsChannel,
  createHttpVoiceChannel,
  type HttpProviderConfig,
  providerDialsExtensions,
} from "../../src/notify/channels/http-provider-channel.js";
import { codeFromRequest, type SmsReceiver, startSmsReceiver } from "../support/sms-receiver.js";

const SECRET = "sk_live_do-not-log-4f9a";
const BUDI = "+6281234567812";
const TEXT =
  "Acme: your verification code is 482019. It expires in 5 minutes. Never share it.\n\n@sandi.example #482019";

let receiver: SmsReceiver;

beforeAll(async () => {
  receiver = await startSmsReceiver();
});
afterAll(async () => {
  await receiver.close();
});
afterEach(() => {
  receiver.clear();
});

function providerConfig(overrides: Partial<HttpProviderConfig> = {}): HttpProviderConfig {
  return {
    url: `${receiver.url}/v1/messages`,
    method: "POST",
    headers: { "x-account": "acme" },
    secretHeader: { name: "x-api-key", valueFrom: "env:SMS_API_KEY" },
    from: "ACME",
    smsBodyTemplate: '{"to":"{{to}}","text":"{{message}}","sender":"{{from}}"}',
    voiceBodyTemplate:
      '{"to":"{{toDigits}}","say":"{{message}}","lang":"{{language}}","dtmf":"{{extension}}","code":"{{digits}}"}',
    timeoutMilliseconds: 1000,
    ...overrides,
  };
}

const ENVIRONMENT = { SMS_API_KEY: SECRET };

describe("sending a text", () => {
  it("a 2xx is sent: one request with the JSON body, the plain headers and the secret header", async () => {
    const result = await createHttpSmsChannel(providerConfig(), ENVIRONMENT).send({ to: BUDI, text: TEXT });
    expect(result).toEqual({ ok: true });
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/v1/messages");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["x-account"]).toBe("acme");
    expect(request?.headers["x-api-key"]).toBe(SECRET);
    expect(request?.body).toEqual({ to: BUDI, text: TEXT, sender: "ACME" });
    expect(request && codeFromRequest(request)).toBe("482019");
  });

  it("a literal secret value is sent as it is, with PUT when configured", async () => {
    const config = providerConfig({ method: "PUT", secretHeader: { name: "authorization", valueFrom: "Bearer abc" } });
    await createHttpSmsChannel(config, {}).send({ to: BUDI, text: "hi" });
    expect(receiver.requests[0]?.method).toBe("PUT");
    expect(receiver.requests[0]?.headers.authorization).toBe("Bearer abc");
  });

  it("escapes quotes, backslashes, newlines and braces so the body stays the operator's JSON", async () => {
    const text = 'He said "hi" \\ {{to}} }\n\t\u0001 ✓';
    await createHttpSmsChannel(providerConfig(), ENVIRONMENT).send({ to: BUDI, text });
    expect(receiver.requests[0]?.body).toEqual({ to: BUDI, text, sender: "ACME" });
  });

  it("a 500 is a retryable failure that names neither the number, the text nor the secret", async () => {
    receiver.failNext(1, 500);
    const result = await createHttpSmsChannel(providerConfig(), ENVIRONMENT).send({ to: BUDI, text: TEXT });
    expect(result).toEqual({ ok: false, error: "provider answered 500", retryable: true });
  });

  it("a 4xx is permanent, except 429 (too many requests), which is worth a retry", async () => {
    const channel = createHttpSmsChannel(providerConfig(), ENVIRONMENT);
    receiver.failNext(1, 400);
    expect(await channel.send({ to: BUDI, text: TEXT })).toEqual({
      ok: false,
      error: "provider answered 400",
      retryable: false,
    });
    receiver.failNext(1, 429);
    expect(await channel.send({ to: BUDI, text: TEXT })).toMatchObject({ ok: false, retryable: true });
  });

  it("a provider that never answers is a retryable timeout", async () => {
    receiver.hangNext(1);
    const result = await createHttpSmsChannel(providerConfig(), ENVIRONMENT).send({ to: BUDI, text: TEXT });
    expect(result).toEqual({ ok: false, error: "no answer within 1000 ms", retryable: true });
    expect(receiver.requests).toHaveLength(1);
  });

  it("an unreachable provider is a retryable failure that does not show the URL or the secret", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const url = `http://127.0.0.1:${String(port)}/send?key=${SECRET}`;
    const result = await createHttpSmsChannel(providerConfig({ url }), ENVIRONMENT).send({ to: BUDI, text: TEXT });
    expect(result).toMatchObject({ ok: false, retryable: true });
    const error = result.ok ? "" : result.error;
    expect(error).toMatch(/^provider unreachable/);
    for (const secretPart of [SECRET, String(port), BUDI, "81234567812", "482019"])
      expect(error).not.toContain(secretPart);
  });

  it("does not follow a redirect, which would carry the secret header elsewhere", async () => {
    const other = await startSmsReceiver();
    const redirecting = createServer((_request, response) => {
      response.writeHead(307, { location: `${other.url}/stolen` }).end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, "127.0.0.1", resolve));
    const { port } = redirecting.address() as AddressInfo;
    const config = providerConfig({ url: `http://127.0.0.1:${String(port)}/` });
    const result = await createHttpSmsChannel(config, ENVIRONMENT).send({ to: BUDI, text: TEXT });
    redirecting.closeAllConnections();
    await new Promise((resolve) => redirecting.close(resolve));
    await other.close();
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(other.requests).toHaveLength(0);
  });
});

describe("placing a call", () => {
  it("sends the script, the spaced digits, the language and the extension", async () => {
    const call = { to: BUDI, extension: "204", script: "Hello. 4, 8, 2, 0, 1, 9.", digits: "4, 8, 2, 0, 1, 9" };
    const result = await createHttpVoiceChannel(providerConfig(), ENVIRONMENT).call({ ...call, language: "id" });
    expect(result).toEqual({ ok: true });
    expect(receiver.requests[0]?.body).toEqual({
      to: "6281234567812",
      say: call.script,
      lang: "id",
      dtmf: "204",
      code: call.digits,
    });
    expect(await receiver.waitForCode(BUDI)).toBe("482019");
  });

  it("no extension leaves the DTMF field empty", async () => {
    const call = { to: BUDI, extension: null, script: "Hi.", digits: "1, 2, 3, 4, 5, 6", language: "en" };
    await createHttpVoiceChannel(providerConfig(), ENVIRONMENT).call(call);
    expect(receiver.requests[0]?.body).toMatchObject({ dtmf: "" });
  });

  it("knows whether the provider dials extensions at all", () => {
    expect(providerDialsExtensions(providerConfig())).toBe(true);
    const withoutExtension = '{"to":"{{to}}","say":"{{message}}"}';
    expect(providerDialsExtensions(providerConfig({ voiceBodyTemplate: withoutExtension }))).toBe(false);
    expect(providerDialsExtensions(providerConfig({ voiceBodyTemplate: null }))).toBe(false);
  });
});

describe("configuration", () => {
  it("the schema fills the defaults and accepts a working template", () => {
    const config = Value.Default(PhoneProviderSchema, {
      url: "https://sms.example/v1",
      smsBodyTemplate: '{"to":"{{to}}","text":"{{message}}"}',
    });
    expect(Value.Check(PhoneProviderSchema, config)).toBe(true);
    expect(config).toMatchObject({ method: "POST", headers: {}, secretHeader: null, timeoutMilliseconds: 10_000 });
  });

  it.each([
    ['{"to":{{to}},"text":"{{message}}"}', "a placeholder outside quotes"],
    ['{"to":"{{to}}","text":"{{message}}","x":"{{code}}"}', "an unknown placeholder"],
    ['{"text":"{{message}}"}', "no recipient"],
    ['{"to":"{{to}}"', "broken JSON"],
  ])("the schema refuses %s (%s)", (smsBodyTemplate) => {
    expect(Value.Check(PhoneProviderSchema, { url: "https://sms.example", smsBodyTemplate })).toBe(false);
    expect(() => createHttpSmsChannel(providerConfig({ smsBodyTemplate }), ENVIRONMENT)).toThrow(/smsBodyTemplate/);
  });

  it("a missing template or environment variable stops the start, naming the variable but no value", () => {
    expect(() => createHttpVoiceChannel(providerConfig({ voiceBodyTemplate: null }), ENVIRONMENT)).toThrow(
      /no voiceBodyTemplate/,
    );
    expect(() => createHttpSmsChannel(providerConfig(), {})).toThrow(/SMS_API_KEY/);
  });
});

describe("the receiver itself", () => {
  it("waits for a request still to come, and gives up after its timeout", async () => {
    const later = receiver.waitForCode(BUDI, 2000);
    await createHttpSmsChannel(providerConfig(), ENVIRONMENT).send({ to: BUDI, text: TEXT });
    expect(await later).toBe("482019");
    await expect(receiver.waitFor(() => false, 50)).rejects.toThrow(/within 50 ms/);
  });
});
