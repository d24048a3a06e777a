/**
 * Help while typing a password (SPEC §6.7), as progressive enhancement: the server decides, this only shows.
 * - Every `button[data-password-toggle]` (rendered hidden) is revealed and shows or hides the input it controls.
 * - Inside `.password-help[data-password-check]`: the checklist is revealed; length, classes and match tick in the
 *   browser as the user types; a debounced POST to the check URL (with the form's CSRF token) ticks every item as the
 *   submit would judge it, and fills the strength bar. A 429 pauses the calls for its Retry-After.
 * No inline script, no inline style (CSP); nothing animates, so reduced motion needs nothing more from here.
 */
(() => {
  const DEBOUNCE_MS = 350;
  const RETRY_STRENGTH_MS = 2000;

  function setUpToggle(button) {
    const input = document.getElementById(button.getAttribute("aria-controls") || "");
    if (!input) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      const show = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", show ? "true" : "false");
      input.type = show ? "text" : "password";
    });
    // A shown password goes back to a password field before the form leaves, so no browser stores it as text.
    input.form?.addEventListener("submit", () => {
      button.setAttribute("aria-pressed", "false");
      input.type = "password";
    });
  }

  /** Length in Unicode code points after NFC, as SPEC §7.1 counts it. */
  function lengthOf(text) {
    return Array.from(text.normalize("NFC")).length;
  }

  /** SPEC §7.1's classes: lowercase, uppercase, digits, anything else; 3 of 4 are needed. */
  function classCount(text) {
    const found = new Set();
    for (const character of text) {
      if (/\p{Ll}/u.test(character)) found.add("lower");
      else if (/[\p{Lu}\p{Lt}]/u.test(character)) found.add("upper");
      else if (/\p{Nd}/u.test(character)) found.add("digit");
      else found.add("other");
    }
    return found.size;
  }

  function createChecklist(block) {
    const panel = block.querySelector(".password-checklist");
    const password = block.querySelector("#password");
    const confirmation = block.querySelector("#confirmation");
    const csrf = block.closest("form")?.querySelector('input[name="csrf"]');
    if (!panel || !password || !confirmation || !csrf) return;
    const items = new Map([...panel.querySelectorAll("li[data-item]")].map((li) => [li.dataset.item, li]));
    const status = panel.querySelector("#checklist-status");
    const paused = panel.querySelector("#checklist-paused");
    const strength = panel.querySelector("#strength");
    const meter = panel.querySelector("#strength-meter");
    const strengthText = panel.querySelector("#strength-text");
    const minLength = Number(block.dataset.minLength);
    const maxLength = Number(block.dataset.maxLength);
    const requireClasses = block.dataset.requireClasses === "true";
    const texts = { met: panel.dataset.textMet, unmet: panel.dataset.textUnmet, pending: panel.dataset.textPending };
    let timer = null;
    let sequence = 0;
    let pausedUntil = 0;
    let lastSummary = "";
    let retried = false;

    function mark(item, state) {
      const li = items.get(item);
      if (!li || li.dataset.state === state) return;
      li.dataset.state = state;
      const label = li.querySelector(".check-state");
      if (label) label.textContent = texts[state] || "";
    }

    /** Announces "n of m done" when it changes: one polite sentence, not one per keystroke per item. */
    function announce() {
      const states = [...items.values()].map((li) => li.dataset.state);
      const met = states.filter((state) => state === "met").length;
      const summary = (panel.dataset.textSummary || "")
        .replace("{{met}}", String(met))
        .replace("{{total}}", String(states.length));
      if (summary !== lastSummary && status) status.textContent = summary;
      lastSummary = summary;
    }

    /** What the browser can judge alone; the server's items wait for its answer. */
    function markLocally() {
      const value = password.value;
      const length = lengthOf(value);
      if (value === "") for (const item of items.keys()) mark(item, "pending");
      else {
        mark("length", length >= minLength && length <= maxLength ? "met" : "unmet");
        if (requireClasses) mark("classes", classCount(value) >= 3 ? "met" : "unmet");
        mark("characters", "pending");
        mark("banned", "pending");
      }
      const confirmed = confirmation.value;
      if (confirmed === "" || value === "") mark("match", "pending");
      else mark("match", confirmed.normalize("NFC") === value.normalize("NFC") ? "met" : "unmet");
    }

    function showStrength(answer) {
      if (!strength || !meter) return;
      if (!answer || password.value === "") {
        strength.hidden = true;
        return;
      }
      meter.value = answer.score;
      meter.setAttribute("aria-valuetext", answer.label);
      if (strengthText) strengthText.textContent = answer.label;
      strength.hidden = false;
    }

    async function askServer() {
      const sent = { password: password.value, confirmation: confirmation.value };
      if (sent.password === "" || Date.now() < pausedUntil) return;
      const mine = ++sequence;
      const body = new URLSearchParams({ csrf: csrf.value, ...sent });
      let response;
      try {
        response = await fetch(block.dataset.passwordCheck, { method: "POST", body, credentials: "same-origin" });
      } catch {
        return; // Offline or refused: the submit still checks everything.
      }
      if (response.status === 429) {
        const seconds = Number(response.headers.get("retry-after")) || 60;
        pausedUntil = Date.now() + seconds * 1000;
        if (paused) paused.hidden = false;
        setTimeout(() => {
          if (paused) paused.hidden = true;
        }, seconds * 1000);
        return;
      }
      if (!response.ok) return;
      const answer = await response.json();
      // A newer request is on its way, or the fields changed meanwhile: this answer is about another password.
      if (mine !== sequence || password.value !== sent.password || confirmation.value !== sent.confirmation) return;
      // No score this time (the scorer was busy or still loading): ask once more for the same password.
      if (!answer.strength && !retried) {
        retried = true;
        clearTimeout(timer);
        timer = setTimeout(askServer, RETRY_STRENGTH_MS);
      }
      for (const [item, met] of Object.entries(answer.items || {})) {
        // An empty confirmation is "not typed yet", not "does not match".
        if (item === "match" && sent.confirmation === "") continue;
        mark(item, met ? "met" : "unmet");
      }
      showStrength(answer.strength);
      announce();
    }

    function onInput() {
      retried = false;
      markLocally();
      if (password.value === "") showStrength(null);
      announce();
      clearTimeout(timer);
      timer = setTimeout(askServer, DEBOUNCE_MS);
    }

    panel.hidden = false;
    password.addEventListener("input", onInput);
    confirmation.addEventListener("input", onInput);
  }

  function start() {
    for (const button of document.querySelectorAll("button[data-password-toggle]")) setUpToggle(button);
    for (const block of document.querySelectorAll(".password-help[data-password-check]")) createChecklist(block);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
