/** The policy pages' words: a rule's message, a setting's value in plain words, a changed field's name, the nav. */
import type { PolicyChange } from "../../../domain/policies/policy-seed.js";
import type { PolicyFinding } from "../../../domain/policies/policy-validation.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { POLICY_FIELDS, type PolicyField, scalarText } from "./policy-fields.js";

/** Rules with a message of their own; any other rule (a range, a value) says what the field allows. */
const RULES_WITH_MESSAGES = new Set([
  "V1",
  "V2",
  "V3",
  "V4",
  "V5",
  "V6",
  "V7",
  "V8",
  "V9",
  "V10",
  "NIST",
  "groups",
  "method",
  "target",
  "flood_window",
]);

/** A block or warning in the reader's language, with V10's numbers. */
export function findingMessage(t: Translate, finding: PolicyFinding, field: PolicyField | undefined): string {
  if (RULES_WITH_MESSAGES.has(finding.rule)) {
    const level = finding.rule === "V2" && finding.message.startsWith("fewer") ? "V2_warn" : finding.rule;
    return t(`policy_admin.rule.${level}`, finding.values ?? {});
  }
  // A range whose bounds depend on another setting says so (the field's own hint shows only the fixed ones).
  if (finding.rule === "range" && finding.path === "methodsToRegister") return t("policy_admin.rule.register_range");
  const label =
    field === undefined ? finding.path : t(`policy_admin.field.${field.key}`, { defaultValue: finding.path });
  return t("policy_admin.rule.value", { field: label });
}

/** A choice or switch value in words: "On", "Everyone", "Sandi's contact form"; numbers and text as they are. */
export function valueWords(t: Translate, key: string, value: string): string {
  if (value === "on" || value === "off") return t(`policy_admin.value.${value}`);
  if (key === "scope") return t(`admin.policy.scope_value.${value}`);
  if (key === "helpdesk.mode" || key === "password.charset") return t(`policy_admin.value.${key}.${value}`);
  return value;
}

/** A changed field's name in words: the setting's label, or the method and the part of its targeting. */
export function changeLabel(t: Translate, field: string): string {
  const target = /^methodTargets\.([A-Za-z]+)\.(target|groups|excludedGroups)$/.exec(field);
  if (target)
    return t("policy_admin.diff.target_field", {
      method: t(`admin.method.${target[1] ?? ""}`),
      part: t(`policy_admin.diff.part.${target[2] ?? ""}`),
    });
  if (field.startsWith("methods.")) return t(`admin.method.${field.slice("methods.".length)}`);
  return POLICY_FIELDS.some((known) => known.key === field) ? t(`policy_admin.field.${field}`) : field;
}

/** An old or new value in plain words. */
export function changeValue(t: Translate, field: string, value: PolicyChange["old"]): string {
  if (value === null || value === undefined) return t("policy_admin.default_none");
  if (typeof value === "boolean") return t(`policy_admin.value.${value ? "on" : "off"}`);
  if (Array.isArray(value)) {
    if (value.length === 0) return t("policy_admin.default_none");
    return value.map((item) => (typeof item === "object" ? JSON.stringify(item) : String(item))).join(", ");
  }
  const text = scalarText(value);
  if (field.endsWith(".target") && field.startsWith("methodTargets.")) return t(`policy_admin.target.${text}`);
  return valueWords(t, field, text);
}

/** The policy pages' own navigation, with the current page marked. */
export function policyNav(t: Translate, current: "policy" | "versions"): Html {
  const link = (href: string, key: "policy" | "versions") =>
    html`<li><a href="${href}"${current === key ? html` aria-current="page"` : ""}>${t(`policy_admin.nav.${key}`)}</a></li>`;
  return html`<nav aria-label="${t("policy_admin.nav.label")}"><ul class="inline-list">
<li><a href="/admin">${t("policy_admin.nav.admin")}</a></li>
${link("/admin/policy", "policy")}${link("/admin/policy/versions", "versions")}
</ul></nav>`;
}
