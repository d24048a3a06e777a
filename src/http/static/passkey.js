/**
 * Passkey ceremonies (SPEC §4.5) for every `form[data-passkey]` on the page; /vendor/simplewebauthn/ must load first.
 * - `data-passkey="register"` or `"authenticate"` picks the ceremony; `data-options` is the URL that makes its
 *   options. On submit the script POSTs the form's fields (the CSRF token, a label) there, so the server can refuse
 *   before any ceremony starts; it hands the JSON it gets to startRegistration / startAuthentication, puts the
 *   browser's answer into `input[data-passkey-response]` and submits the form. The server verifies everything.
 * - Messages come from the server's catalog in data attributes: `data-message-unsupported`, `-cancelled`,
 *   `-exists` and `-failed`. They appear in the form's `[data-passkey-status]` (made when missing).
 * - A JSON error answer from the options URL with a `message` shows that message instead (a lapsed step-up, say).
 * No inline script, no inline style (CSP). Without JavaScript the form posts an empty answer and the server, like
 * the page's <noscript>, says that passkeys need JavaScript.
 */
(() => {
  const library = window.SimpleWebAuthnBrowser;

  function statusOf(form) {
    let status = form.querySelector("[data-passkey-status]");
    if (!status) {
      status = document.createElement("p");
      status.className = "errors";
      status.setAttribute("role", "alert");
      status.setAttribute("data-passkey-status", "");
      form.prepend(status);
    }
    return status;
  }

  /** A refusal the options URL explained in its own (catalog) words. */
  class ServerRefusal extends Error {}

  function show(form, text) {
    const status = statusOf(form);
    status.hidden = false;
    status.textContent = text;
  }

  function clear(form) {
    const status = form.querySelector("[data-passkey-status]");
    if (status) status.textContent = "";
  }

  function setBusy(form, busy) {
    form.setAttribute("aria-busy", busy ? "true" : "false");
    for (const button of form.querySelectorAll("button, input[type=submit]")) button.disabled = busy;
  }

  /** The options JSON; a ServerRefusal when the server explained a refusal, another Error otherwise. */
  async function fetchOptions(form, answerField) {
    const body = new URLSearchParams();
    for (const [name, value] of new FormData(form))
      if (name !== answerField.name && typeof value === "string") body.append(name, value);
    const response = await fetch(form.getAttribute("data-options"), {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { accept: "application/json" },
    });
    const json = await response.json().catch(() => null);
    if (response.ok && json !== null) return json;
    if (json !== null && typeof json.message === "string") throw new ServerRefusal(json.message);
    throw new Error(`options answered ${response.status}`);
  }

  /** Which catalog message explains `error`, thrown by the browser, the library or fetchOptions. */
  function messageName(error) {
    const code = error && typeof error === "object" ? error.code : undefined;
    if (code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED") return "exists";
    if (code === "ERROR_CEREMONY_ABORTED") return "cancelled";
    const name = error && typeof error === "object" ? error.name : undefined;
    // NotAllowedError covers "cancelled", "timed out" and "no user verification": browsers do not tell them apart.
    if (name === "NotAllowedError" || name === "AbortError") return "cancelled";
    if (name === "InvalidStateError") return "exists";
    return "failed";
  }

  async function runCeremony(form, answerField) {
    const optionsJSON = await fetchOptions(form, answerField);
    const answer =
      form.getAttribute("data-passkey") === "register"
        ? await library.startRegistration({ optionsJSON })
        : await library.startAuthentication({ optionsJSON });
    answerField.value = JSON.stringify(answer);
  }

  function setUp(form) {
    const answerField = form.querySelector("input[data-passkey-response]");
    if (!answerField || !form.getAttribute("data-options")) return;
    if (!library || !library.browserSupportsWebAuthn()) {
      show(form, form.getAttribute("data-message-unsupported") || "");
      setBusy(form, true);
      return;
    }
    let running = false;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (running) return;
      running = true;
      clear(form);
      setBusy(form, true);
      try {
        await runCeremony(form, answerField);
        form.submit();
      } catch (error) {
        answerField.value = "";
        setBusy(form, false);
        const text =
          error instanceof ServerRefusal ? error.message : form.getAttribute(`data-message-${messageName(error)}`);
        show(form, text || "");
      } finally {
        running = false;
      }
    });
    // Back from the next page may restore this one from the cache as it was left: busy, with an answer filled in.
    window.addEventListener("pageshow", (event) => {
      if (!event.persisted) return;
      answerField.value = "";
      setBusy(form, false);
    });
  }

  for (const form of document.querySelectorAll("form[data-passkey]")) setUp(form);
})();
