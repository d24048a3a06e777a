/**
 * The policy pages' field table: every SPEC §3 setting Sandi's policy holds, grouped by area, with its control,
 * its allowed values and how a typed value is read (the same parsers as `sandi policy set`, so the portal and the
 * console accept the same things). Per-method targeting has its own three fields per method (policy-form.ts).
 */
import { METHOD_SWITCHES } from "../../../domain/policies/method-targeting.js";
import { DEFAULT_POLICY, type SsprPolicy } from "../../../domain/policies/sspr-policy.js";
import { FLOOD_KEYS, FLOOD_RANGES } from "../../../domain/policies/flood-limits.js";

export type FieldControl =
  | { readonly kind: "switch" }
  | { readonly kind: "choice"; readonly values: readonly string[] }
  | { readonly kind: "number"; readonly min: number; readonly max: number }
  | { readonly kind: "list"; readonly max: number }
  | { readonly kind: "text"; readonly long?: boolean };

export interface PolicyField {
  readonly key: string;
  readonly control: FieldControl;
}

export interface PolicyArea {
  readonly id: string;
  readonly fields: readonly PolicyField[];
}

const onOff = { kind: "switch" } as const;
const list = (max: number) => ({ kind: "list", max }) as const;
const range = (min: number, max: number) => ({ kind: "number", min, max }) as const;
const oneOf = (...values: string[]) => ({ kind: "choice", values }) as const;

export const POLICY_AREAS: readonly PolicyArea[] = [
  {
    id: "scope",
    fields: [
      { key: "scope", control: oneOf("none", "selected", "all") },
      { key: "scopeGroups", control: list(20) },
      { key: "excludedGroups", control: list(20) },
      { key: "protectedGroups", control: list(20) },
    ],
  },
  {
    id: "methods",
    fields: [
      ...METHOD_SWITCHES.map((name) => ({ key: `methods.${name}`, control: onOff })),
      { key: "methodsToReset", control: oneOf("1", "2") },
      { key: "methodsToRegister", control: oneOf("1", "2", "3") },
      { key: "emailCodeLength", control: oneOf("6", "8") },
      { key: "allowedPhoneCountries", control: list(50) },
      { key: "useDirectoryContactData", control: onOff },
    ],
  },
  {
    id: "questions",
    fields: [
      { key: "questions.toRegister", control: oneOf("3", "4", "5") },
      { key: "questions.toReset", control: oneOf("3", "4", "5") },
      { key: "questions.builtIn", control: list(35) },
      { key: "questions.custom", control: { kind: "text", long: true } },
    ],
  },
  {
    id: "registration",
    fields: [
      { key: "registration.requiredAtSignIn", control: onOff },
      { key: "registration.reconfirmDays", control: range(0, 730) },
      { key: "registration.skipAllowed", control: onOff },
      { key: "registration.maxSkipDays", control: range(1, 30) },
      { key: "registration.returnUrlPrefixes", control: list(20) },
    ],
  },
  {
    id: "notify",
    fields: [
      { key: "notify.userOnReset", control: onOff },
      { key: "notify.adminsOnAdminReset", control: onOff },
      { key: "notify.userOnSecurityInfoChange", control: onOff },
      { key: "notify.expiryReminders", control: onOff },
      { key: "notify.expiryReminderDays", control: { kind: "text" } },
    ],
  },
  {
    id: "helpdesk",
    fields: [
      { key: "helpdesk.mode", control: oneOf("form", "url", "email") },
      { key: "helpdesk.target", control: { kind: "text" } },
    ],
  },
  {
    id: "password",
    fields: [
      { key: "password.minLength", control: range(8, 64) },
      { key: "password.requireClasses", control: onOff },
      { key: "password.charset", control: oneOf("unicode", "ascii") },
      { key: "password.history", control: range(0, 24) },
      { key: "password.customBannedEnabled", control: onOff },
      { key: "password.customBanned", control: { kind: "text", long: true } },
      { key: "password.maxAgeDays", control: range(0, 365) },
      { key: "password.applySandiRulesToDirectoryUsers", control: onOff },
    ],
  },
  {
    id: "flood",
    fields: FLOOD_KEYS.map((name) => ({
      key: `flood.${name}`,
      control: range(FLOOD_RANGES[name].min, FLOOD_RANGES[name].max),
    })),
  },
  {
    id: "audit",
    fields: [{ key: "audit.retentionDays", control: range(7, 3650) }],
  },
  {
    id: "other",
    fields: [
      { key: "unlockWithoutReset", control: onOff },
      { key: "admins.ssprAllowed", control: onOff },
      { key: "writeback", control: onOff },
      { key: "organisation.timeZone", control: { kind: "text" } },
    ],
  },
];

export const POLICY_FIELDS: readonly PolicyField[] = POLICY_AREAS.flatMap((area) => area.fields);

/** The value at a dotted path of the policy. */
export function valueAt(policy: SsprPolicy, key: string): unknown {
  return key.split(".").reduce<unknown>((value, part) => (value as Record<string, unknown> | null)?.[part], policy);
}

/** A setting's value as its form field holds it (what `sandi policy set` would accept back). */
export function rawValueOf(policy: SsprPolicy, field: PolicyField): string {
  const value = valueAt(policy, field.key);
  if (field.control.kind === "switch") return value === true ? "on" : "off";
  if (field.key === "questions.custom") return (value as readonly unknown[]).length === 0 ? "" : JSON.stringify(value);
  if (Array.isArray(value)) return value.join(", ");
  return scalarText(value);
}

/** A number, string or boolean as text; anything else (never a leaf of the policy) as JSON. */
export function scalarText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** The default as its field shows it. */
export function defaultRawValue(field: PolicyField): string {
  return rawValueOf(DEFAULT_POLICY, field);
}

/** An HTML id for a dotted key. */
export function fieldId(key: string): string {
  return `f-${key.replaceAll(".", "-")}`;
}
