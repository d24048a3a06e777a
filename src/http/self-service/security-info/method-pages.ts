/**
 * The methods' pages in My security info. Each method is a self-contained module: it registers its own add (and
 * change) routes and, when it can prove the user, its step-up route; the overview lists what it offers.
 */
import type { RegistrableKind } from "../../../domain/methods.js";
import { emailPages } from "./email-pages.js";
import { recoveryCodePages } from "./recovery-code-pages.js";
import type { MethodPages } from "./method-pages-port.js";
import { passkeyPages } from "./passkey-pages.js";
import { mobilePhonePages, officePhonePages } from "./phone-pages.js";
import { questionsPages } from "./questions-pages.js";
import { totpPages } from "./totp-pages.js";

export type { MethodPages } from "./method-pages-port.js";

/** Every method with pages in this build, strongest first. */
export const METHOD_PAGES: readonly MethodPages[] = [
  passkeyPages,
  totpPages,
  mobilePhonePages,
  officePhonePages,
  emailPages,
  recoveryCodePages,
  questionsPages,
];

export function pagesOfKind(kind: RegistrableKind): MethodPages | undefined {
  return METHOD_PAGES.find((pages) => pages.kind === kind);
}
