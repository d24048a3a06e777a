// Sandi's one page script (a static file: the CSP allows no inline script). Every page works without it; it only
// adds what needs a clock or focus: (1) after a failed submit, focus moves to the error summary so a keyboard or
// screen-reader user starts there; (2) on a code page, "Didn't get it?" appears after 10 s and the resend button
// counts down to 30 s (SPEC §6.6). The server still refuses an early resend and says how long to wait.
"use strict";

function focusErrorSummary() {
  const summary = document.getElementById("error-summary");
  if (summary !== null) summary.focus();
}

function secondsAttribute(element, name, fallback) {
  const value = Number.parseInt(element.getAttribute(name) ?? "", 10);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

function startResendTimers(help) {
  const button = document.getElementById("resend-button");
  const wait = document.getElementById("resend-wait");
  const showAfter = secondsAttribute(help, "data-show-after", 10);
  let remaining = secondsAttribute(help, "data-resend-after", 30);
  const waitText = wait === null ? "" : (wait.getAttribute("data-template") ?? "");
  if (showAfter > 0) {
    help.hidden = true;
    setTimeout(() => {
      help.hidden = false;
    }, showAfter * 1000);
  }
  if (button === null || wait === null || remaining === 0) return;
  button.disabled = true;
  const tick = () => {
    if (remaining <= 0) {
      button.disabled = false;
      wait.textContent = "";
      return;
    }
    wait.textContent = waitText.replace("{seconds}", String(remaining));
    remaining -= 1;
    setTimeout(tick, 1000);
  };
  tick();
}

focusErrorSummary();
const resendHelp = document.getElementById("code-help");
if (resendHelp !== null) startResendTimers(resendHelp);
