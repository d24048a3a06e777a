/**
 * A throwaway Fastify app for the passkey ceremony tests: Sandi's security headers (the real CSP), /static/passkey.js,
 * the SimpleWebAuthn bundle, and one page with a register form and a sign-in form wired to the webauthn wrapper.
 * One user, one store of passkeys in memory; the results show as text the test reads.
 */
import formbody from "@fastify/formbody";
import Fastify, { type FastifyInstance } from "fastify";
import { passkeyAssets } from "../../src/http/passkey/passkey-assets.js";
import { securityHeaders } from "../../src/http/plugins/security-headers.js";
import { staticAssets } from "../../src/http/plugins/static-assets.js";
import { html } from "../../src/lib/html.js";
import { createSecureRandom } from "../../src/lib/random.js";
import {
  type AssertionResult,
  authenticationOptions,
  newUserHandle,
  PASSKEY_CHALLENGE_BYTES,
  readAssertionClaim,
  registrationOptions,
  relyingParty,
  type StoredPasskey,
  verifyAssertion,
  verifyRegistration,
} from "../../src/methods/passkey/webauthn.js";
import { freeLoopbackPort } from "../browser/browser-harness.js";

export const MESSAGES = {
  unsupported: "No passkeys in this browser.",
  cancelled: "Cancelled or timed out.",
  exists: "Already registered here.",
  failed: "Something failed.",
} as const;

/** What the page's server saw: the stored passkeys, every result, and the hidden fields posted for options. */
export interface PasskeyTestPage {
  readonly origin: string;
  readonly passkeys: StoredPasskey[];
  readonly assertions: AssertionResult["kind"][];
  readonly optionsBodies: Record<string, string>[];
  /** When set, the options URLs answer 403 with this message, as a lapsed step-up would. */
  refuseOptionsWith: string | null;
  close(): Promise<void>;
}

function page(csrf: string) {
  const messages = html`data-message-unsupported="${MESSAGES.unsupported}" data-message-cancelled="${MESSAGES.cancelled}"
 data-message-exists="${MESSAGES.exists}" data-message-failed="${MESSAGES.failed}"`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Passkeys</title>
<script src="/vendor/simplewebauthn/index.umd.min.js" defer></script>
<script src="/static/passkey.js" defer></script></head>
<body><main>
<form id="register" method="post" action="/register" data-passkey="register" data-options="/register/options" ${messages}>
<p data-passkey-status role="alert"></p>
<input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="credential" data-passkey-response>
<label for="label">Label</label><input id="label" name="label" required maxlength="40">
<button type="submit">Add a passkey</button></form>
<form id="signin" method="post" action="/signin" data-passkey="authenticate" data-options="/signin/options" ${messages}>
<input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="credential" data-passkey-response>
<button type="submit">Sign in with a passkey</button></form>
<noscript><p>Passkeys need JavaScript.</p></noscript>
</main></body></html>`;
}

type Form = Record<string, string | undefined>;

function routes(app: FastifyInstance, state: PasskeyTestPage): void {
  const random = createSecureRandom();
  const rp = relyingParty(state.origin, "Contoh Organisation");
  const userHandle = newUserHandle(random);
  const challenges = new Map<"register" | "signin", Uint8Array>();
  const issue = (kind: "register" | "signin") => {
    const challenge = random.bytes(PASSKEY_CHALLENGE_BYTES);
    challenges.set(kind, challenge);
    return challenge;
  };
  const result = (text: string) =>
    html`<!doctype html><html lang="en"><head><title>Result</title></head>
<body><main><p id="result">${text}</p></main></body></html>`.value;

  app.get("/", async (_request, reply) => reply.type("text/html").send(page("csrf-token-1").value));
  app.post("/register/options", async (request, reply) => {
    state.optionsBodies.push(request.body as Record<string, string>);
    if (state.refuseOptionsWith !== null) return reply.code(403).send({ message: state.refuseOptionsWith });
    const excludeCredentials = state.passkeys.map(({ credentialId, transports }) => ({ credentialId, transports }));
    const userName = "ratna@contoh.example";
    return registrationOptions(rp, {
      userHandle,
      userName,
      displayName: "Ratna",
      challenge: issue("register"),
      excludeCredentials,
    });
  });
  app.post("/register", async (request, reply) => {
    const expectedChallenge = challenges.get("register");
    challenges.delete("register");
    if (expectedChallenge === undefined) return reply.type("text/html").send(result("no challenge"));
    const outcome = await verifyRegistration(rp, {
      responseJson: (request.body as Form).credential ?? "",
      expectedChallenge,
    });
    if (outcome.ok) state.passkeys.push(outcome.value);
    return reply.type("text/html").send(result(outcome.ok ? "registered" : `refused: ${outcome.reason}`));
  });
  app.post("/signin/options", async (request, reply) => {
    state.optionsBodies.push(request.body as Record<string, string>);
    if (state.refuseOptionsWith !== null) return reply.code(403).send({ message: state.refuseOptionsWith });
    return authenticationOptions(rp, { challenge: issue("signin") });
  });
  app.post("/signin", async (request, reply) => {
    const expectedChallenge = challenges.get("signin");
    challenges.delete("signin");
    const responseJson = (request.body as Form).credential ?? "";
    const claim = readAssertionClaim(responseJson);
    const index = state.passkeys.findIndex((passkey) => passkey.credentialId === claim?.credentialId);
    const passkey = state.passkeys[index];
    if (expectedChallenge === undefined || passkey === undefined)
      return reply.type("text/html").send(result("unknown passkey"));
    const outcome = await verifyAssertion(rp, {
      responseJson,
      expectedChallenge,
      passkey,
      ownerUserHandle: userHandle,
    });
    state.assertions.push(outcome.kind);
    if (outcome.kind === "verified") state.passkeys[index] = { ...passkey, counter: outcome.newCounter };
    return reply.type("text/html").send(result(outcome.kind));
  });
}

/** Starts the page's server on 127.0.0.1; the browser opens it as `localhost` (an IP cannot be an RP ID). */
export async function startPasskeyTestPage(): Promise<PasskeyTestPage> {
  const port = await freeLoopbackPort();
  const app = Fastify();
  const state: PasskeyTestPage = {
    origin: `http://localhost:${port}`,
    passkeys: [],
    assertions: [],
    optionsBodies: [],
    refuseOptionsWith: null,
    close: () => app.close(),
  };
  await app.register(securityHeaders);
  await app.register(formbody);
  await app.register(staticAssets);
  await app.register(passkeyAssets);
  routes(app, state);
  await app.listen({ host: "127.0.0.1", port });
  return state;
}
