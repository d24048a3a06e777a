/**
 * The passkey gate of a password reset (SPEC §4.5): for `form[data-passkey-gate]`, whose `data-options` holds the
 * request options the server made for this step (no allowCredentials: the browser lists the user's passkeys).
 * /vendor/simplewebauthn/ must load first. "Use a passkey" ([data-passkey-start]) starts hidden and is shown here;
 * on submit the script runs startAuthentication with those options, puts the browser's answer into
 * `input[data-passkey-response]` and submits the form to /reset/step. The server verifies everything and, after a
 * failure, answers with a page holding a new ceremony.
 * Messages come from the server's catalog in data attributes (`data-message-unsupported`, `-cancelled`, `-failed`)
 * and appear in the form's `[data-passkey-status]`. No inline script, no inline style (CSP).
 */
(() => {
  const library = window.SimpleWebAuthnBrowser;

  function show(form, name) {
    const status = form.querySelector("[data-passkey-status]");
    if (!status) return;
    status.textContent = form.getAttribute(`data-message-${name}`) || "";
    status.hidden = false;
  }

  function clear(form) {
    const status = form.querySelector("[data-passkey-status]");
    if (!status) return;
    status.textContent = "";
    status.hidden = true;
  }

  function optionsOf(form) {
    try {
      const options = JSON.parse(form.getAttribute("data-options") || "");
      return options && typeof options.challenge === "string" ? options : null;
    } catch {
      return null;
    }
  }

  /** Which catalog message explains `error`; browsers do not tell "cancelled", "timed out" and "not verified" apart. */
  function messageName(error) {
    const code = error && typeof error === "object" ? error.code : undefined;
    if (code === "ERROR_CEREMONY_ABORTED") return "cancelled";
    const name = error && typeof error === "object" ? error.name : undefined;
    if (name === "NotAllowedError" || name === "AbortError") return "cancelled";
    return "failed";
  }

  function setUp(form) {
    const answer = form.querySelector("input[data-passkey-response]");
    const start = form.querySelector("[data-passkey-start]");
    const optionsJSON = optionsOf(form);
    if (!answer || !start) return;
    if (!library || !library.browserSupportsWebAuthn() || optionsJSON === null) {
      show(form, "unsupported");
      return;
    }
    start.hidden = false;
    let running = false;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (running) return;
      running = true;
      clear(form);
      start.disabled = true;
      form.setAttribute("aria-busy", "true");
      try {
        answer.value = JSON.stringify(await library.startAuthentication({ optionsJSON }));
        form.submit();
      } catch (error) {
        answer.value = "";
        start.disabled = false;
        form.setAttribute("aria-busy", "false");
        running = false;
        show(form, messageName(error));
      }
    });
    // Back from the next page may restore this one from the cache as it was left: busy, with an answer filled in.
    window.addEventListener("pageshow", (event) => {
      if (!event.persisted) return;
      answer.value = "";
      start.disabled = false;
      form.setAttribute("aria-busy", "false");
      running = false;
    });
  }

  for (const form of document.querySelectorAll("form[data-passkey-gate]")) setUp(form);
})();
