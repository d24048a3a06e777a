/**
 * The development-mode banner on the sign-in and identify pages of the demo organisation: what to try, with which
 * user, and the address that user registered (typing the user ID as the address sends nothing, by design).
 * The accounts are the demo seed's (src/cli/demo-people.ts); a test keeps the two in step.
 */
import type { Translate } from "../../i18n/i18n.js";
import { type Html, html } from "../../lib/html.js";

export const DEMO_BANNER_ACCOUNTS = {
  resetUser: "budi.santoso@contoh.example",
  resetAddress: "budi.santoso@mail.contoh.example",
  disabled: "siti.rahayu@contoh.example",
  locked: "andi.pratama@contoh.example",
  outOfScope: "teguh.wibowo@contoh.example",
  admin: "admin@contoh.example",
  appUser: "putri.maharani@contoh.example",
  officeUser: "eko.prasetyo@contoh.example",
  questionsUser: "fitri.handayani@contoh.example",
  userPassword: "Demo-Sandi-2026!",
  adminPassword: "Demo-Admin-2026!",
} as const;

function code(text: string): Html {
  return html`<span class="code">${text}</span>`;
}

/** The banner; the values are set in code elements, so each is read and copied whole. */
export function demoBanner(t: Translate): Html {
  const a = DEMO_BANNER_ACCOUNTS;
  // i18next fills the placeholders with markers; the markers are then swapped for the escaped code elements.
  const withCodes = (key: string, values: Record<string, string>): Html => {
    const markers = Object.fromEntries(Object.keys(values).map((name) => [name, `\u0000${name}\u0000`]));
    const parts = t(key, markers).split("\u0000");
    return html`${parts.map((part, index) => (index % 2 === 1 ? code(values[part] ?? "") : html`${part}`))}`;
  };
  return html`<aside class="demo-banner" aria-labelledby="demo-heading">
<h2 id="demo-heading">${t("ui.demo.heading")}</h2>
<p>${t("ui.demo.intro")} <a href="/dev/outbox">${t("ui.demo.mailbox_link")}</a></p>
<ul>
<li>${withCodes("ui.demo.try_reset", { userId: a.resetUser, address: a.resetAddress })}</li>
<li>${withCodes("ui.demo.try_refused", { disabled: a.disabled, locked: a.locked, outOfScope: a.outOfScope })}</li>
<li>${withCodes("ui.demo.try_methods", { app: a.appUser, office: a.officeUser, questions: a.questionsUser })}</li>
<li>${withCodes("ui.demo.try_signin", { password: a.userPassword, admin: a.admin, adminPassword: a.adminPassword })}</li>
</ul>
<p>${t("ui.demo.more")}</p>
</aside>`;
}
