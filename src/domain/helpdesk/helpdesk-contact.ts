/** How a notice names the helpdesk (SPEC §9.2): the policy's web page or address, or Sandi's contact form. */
import type { SsprPolicy } from "../policies/sspr-policy.js";
import { HELPDESK_FORM_PATH } from "./help-paths.js";

/**
 * The contact an email gives: in form mode the form's absolute URL (its fallback target is shown nowhere), in URL
 * and email mode the target, or "" when the policy names none (the notice then says to ask IT).
 */
export function helpdeskContactOf(helpdesk: SsprPolicy["helpdesk"], publicUrl: string | URL): string {
  if (helpdesk.mode === "form") return new URL(HELPDESK_FORM_PATH, publicUrl).href;
  return helpdesk.target ?? "";
}
