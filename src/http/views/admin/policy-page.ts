/**
 * `/admin/policy`: every setting by area with its allowed values and default, the per-method targeting, and the
 * problems of the last save beside their fields. A global admin gets the form; the other admin roles see the same
 * fields disabled (read only). Warnings are listed with the checkbox that confirms them.
 */
import type { PolicyFinding } from "../../../domain/policies/policy-validation.js";
import { METHOD_SWITCHES } from "../../../domain/policies/method-targeting.js";
import type { PolicyVersion } from "../../../domain/ports.js";
import type { Translate } from "../../../i18n/i18n.js";
import { type Html, html } from "../../../lib/html.js";
import { targetFieldNames } from "../../admin/policy-form.js";
import { errorSummary, type FormError, fieldErrors, fieldErrorText, fieldState } from "../layout.js";
import { formatDateTime, type TimeLocale } from "../format-time.js";
import { findingMessage, policyNav, valueWords } from "./policy-words.js";
import { SETTINGS_FOR_BUILTIN_ONLY, SETTINGS_WITHOUT_EFFECT_YET } from "../../../domain/policies/lifecycle-settings.js";
import { builtInPicker, customQuestionRows } from "./policy-question-fields.js";
import { defaultRawValue, fieldId, POLICY_AREAS, POLICY_FIELDS, type PolicyField } from "./policy-fields.js";

export interface PolicyPageModel {
  readonly live: PolicyVersion | null;
  /** Every field's value: the policy's, or what was typed when a save was refused. */
  readonly values: Readonly<Record<string, string>>;
  /** The form's CSRF token, or null for a reader (the fields are then disabled). */
  readonly csrf: string | null;
  readonly blocks: readonly PolicyFinding[];
  readonly warnings: readonly PolicyFinding[];
  /** After a save: the new version's number, or "none" when nothing changed. */
  readonly saved: string | null;
  readonly locale: TimeLocale;
}

/** The field a finding is about, or null when it concerns the policy as a whole. */
function fieldOfPath(path: string): string | null {
  if (POLICY_FIELDS.some((field) => field.key === path)) return path;
  if (path === "methods") return "methods.email";
  if (path === "questions") return "questions.toRegister";
  if (path.startsWith("methodTargets.")) return targetFieldNames(path.slice("methodTargets.".length)).groups;
  return null;
}

function formErrors(t: Translate, findings: readonly PolicyFinding[]): FormError[] {
  return findings.map((finding) => {
    const field = fieldOfPath(finding.path);
    const message = findingMessage(
      t,
      finding,
      POLICY_FIELDS.find((candidate) => candidate.key === field),
    );
    return field === null ? message : { message, field: fieldId(field) };
  });
}

function labelOf(t: Translate, key: string): string {
  return key.startsWith("methods.")
    ? t(`admin.method.${key.slice("methods.".length)}`)
    : t(`policy_admin.field.${key}`);
}

function allowedText(t: Translate, field: PolicyField): string {
  const { control } = field;
  if (control.kind === "switch") return t("policy_admin.allowed.switch");
  if (control.kind === "choice") return control.values.map((value) => valueWords(t, field.key, value)).join(" / ");
  if (control.kind === "number") return t("policy_admin.allowed.range", { min: control.min, max: control.max });
  if (control.kind === "list") return t("policy_admin.allowed.list", { max: control.max });
  return t(`policy_admin.allowed_text.${field.key}`);
}

function defaultText(t: Translate, field: PolicyField): string {
  const raw = defaultRawValue(field);
  if (raw === "") return t("policy_admin.default_none");
  return field.control.kind === "switch" || field.control.kind === "choice" ? valueWords(t, field.key, raw) : raw;
}

function control(t: Translate, field: PolicyField, id: string, value: string, state: Html): Html {
  const { control: kind } = field;
  if (kind.kind === "switch")
    return html`<input type="checkbox" id="${id}" name="${field.key}" value="on"${value === "on" ? html` checked` : ""}${state}>`;
  if (kind.kind === "number")
    return html`<input type="number" id="${id}" name="${field.key}" value="${value}" min="${String(kind.min)}" max="${String(kind.max)}" inputmode="numeric"${state}>`;
  if (kind.kind === "text" && kind.long === true)
    return html`<textarea id="${id}" name="${field.key}" rows="3"${state}>${value}</textarea>`;
  if (kind.kind !== "choice") return html`<input type="text" id="${id}" name="${field.key}" value="${value}"${state}>`;
  return html`<select id="${id}" name="${field.key}"${state}>${kind.values.map(
    (option) =>
      html`<option value="${option}"${option === value ? html` selected` : ""}>${valueWords(t, field.key, option)}</option>`,
  )}</select>`;
}

/**
 * The note under a setting no feature reads yet, so nobody believes it already works, or under one that acts on
 * built-in users only, so nobody believes it reaches LDAP users; empty for the others.
 */
function pendingNote(t: Translate, key: string, id: string): { note: Html; ids: string[] } {
  if (SETTINGS_FOR_BUILTIN_ONLY.includes(key))
    return {
      note: html`<p class="hint" id="${id}-scope">${t(`policy_admin.builtin_only.${key}`)}</p>`,
      ids: [`${id}-scope`],
    };
  if (!SETTINGS_WITHOUT_EFFECT_YET.includes(key)) return { note: html``, ids: [] };
  return {
    note: html`<p class="hint" id="${id}-pending">${t(`policy_admin.pending.${key}`)}</p>`,
    ids: [`${id}-pending`],
  };
}

function fieldRow(t: Translate, field: PolicyField, model: PolicyPageModel, errors: readonly FormError[]): Html {
  const id = fieldId(field.key);
  const messages = fieldErrors(errors, id);
  const pending = pendingNote(t, field.key, id);
  const hint = html`<p class="hint" id="${id}-hint">${t("policy_admin.allowed_default", {
    allowed: allowedText(t, field),
    default: defaultText(t, field),
  })}</p>${pending.note}`;
  const state = fieldState(id, messages, [`${id}-hint`, ...pending.ids]);
  const input = control(t, field, id, model.values[field.key] ?? "", state);
  const label = html`<label for="${id}">${labelOf(t, field.key)}</label>`;
  if (field.control.kind === "switch")
    return html`<div class="choice">${input}${label}</div>${hint}${fieldErrorText(t, id, messages)}`;
  return html`${label}${hint}${fieldErrorText(t, id, messages)}${input}`;
}

/** Who one method is for: everyone or selected groups, and the excluded groups. */
function targetFields(t: Translate, name: string, model: PolicyPageModel, errors: readonly FormError[]): Html {
  const names = targetFieldNames(name);
  const method = t(`admin.method.${name}`);
  const target = model.values[names.target] === "groups" ? "groups" : "everyone";
  const groupsId = fieldId(names.groups);
  const excludedId = fieldId(names.excluded);
  const messages = fieldErrors(errors, groupsId);
  const radio = (value: "everyone" | "groups") => {
    const id = `${fieldId(names.target)}-${value}`;
    return html`<div class="choice"><input type="radio" id="${id}" name="${names.target}" value="${value}"${target === value ? html` checked` : ""}>
<label for="${id}">${t(`policy_admin.target.${value}`)}</label></div>`;
  };
  return html`<fieldset class="method-target">
<legend>${t("policy_admin.target.legend", { method })}</legend>
${radio("everyone")}${radio("groups")}
<label for="${groupsId}">${t("policy_admin.target.groups_field", { method })}</label>
${fieldErrorText(t, groupsId, messages)}
<input type="text" id="${groupsId}" name="${names.groups}" value="${model.values[names.groups] ?? ""}"${fieldState(groupsId, messages)}>
<label for="${excludedId}">${t("policy_admin.target.excluded_field", { method })}</label>
<input type="text" id="${excludedId}" name="${names.excluded}" value="${model.values[names.excluded] ?? ""}">
</fieldset>`;
}

function area(t: Translate, id: string, fields: readonly PolicyField[], model: PolicyPageModel, errors: FormError[]) {
  const rows = fields.map((field) => {
    if (field.key === "questions.builtIn") return builtInPicker(t, model.values, errors);
    if (field.key === "questions.custom") return customQuestionRows(t, model.values, errors);
    const row = fieldRow(t, field, model, errors);
    const name = field.key.slice("methods.".length);
    if (!field.key.startsWith("methods.") || !(METHOD_SWITCHES as readonly string[]).includes(name)) return row;
    return html`${row}${targetFields(t, name, model, errors)}`;
  });
  const disabled = model.csrf === null ? html` disabled` : "";
  return html`<fieldset class="policy-area" id="area-${id}"${disabled}>
<legend><h2>${t(`policy_admin.area.${id}`)}</h2></legend>
${rows}
</fieldset>`;
}

function warningsBlock(t: Translate, warnings: readonly PolicyFinding[], editable: boolean): Html {
  if (warnings.length === 0) return html``;
  const confirm = editable
    ? html`<div class="choice"><input type="checkbox" id="confirm-warnings" name="confirmWarnings" value="on">
<label for="confirm-warnings">${t("policy_admin.warnings.confirm")}</label></div>`
    : "";
  return html`<div class="notice warning" id="policy-warnings" role="status">
<h2>${t("policy_admin.warnings.heading")}</h2>
<ul>${warnings.map((warning) => html`<li>${findingMessage(t, warning, undefined)}</li>`)}</ul>
${confirm}
</div>`;
}

function versionLine(t: Translate, model: PolicyPageModel): Html {
  if (model.live === null) return html`<p>${t("admin.policy.none")}</p>`;
  const { version, createdAt, createdBy } = model.live;
  const time = formatDateTime(createdAt, model.locale.lang, model.locale.timeZone);
  return html`<p>${t("admin.policy.version", { version, time, by: createdBy })}</p>`;
}

function savedLine(t: Translate, saved: string | null): Html {
  if (saved === null) return html``;
  const text = saved === "none" ? t("policy_admin.saved_none") : t("policy_admin.saved", { version: saved });
  return html`<p class="notice" role="status">${text}</p>`;
}

export function policyPage(t: Translate, model: PolicyPageModel): Html {
  const errors = formErrors(t, model.blocks);
  const editable = model.csrf !== null;
  const areas = POLICY_AREAS.map((each) => area(t, each.id, each.fields, model, errors));
  const intro = editable ? t("policy_admin.intro_edit") : t("admin.policy.read_only");
  const body = html`${warningsBlock(t, model.warnings, editable)}${areas}`;
  const form = editable
    ? html`<form method="post" action="/admin/policy" novalidate>
<input type="hidden" name="csrf" value="${model.csrf}">
${body}
<p class="actions"><button type="submit">${t("policy_admin.save")}</button></p>
</form>`
    : body;
  return html`${policyNav(t, "policy")}
${savedLine(t, model.saved)}
${versionLine(t, model)}
<p>${intro}</p>
${errorSummary(t, errors)}
${form}`;
}
