/**
 * The policy form as typed ↔ a draft policy. A draft is read whole from the form (every field is posted; an
 * unticked switch is off), each value with `sandi policy set`'s parser; a value that does not parse is a problem at
 * its field, and the form is shown again with what was typed.
 */
import { type MethodTarget, METHOD_SWITCHES } from "../../domain/policies/method-targeting.js";
import { parsePolicyValue, withValue } from "../../domain/policies/policy-setting.js";
import type { PolicyFinding } from "../../domain/policies/policy-validation.js";
import type { SsprPolicy } from "../../domain/policies/sspr-policy.js";
import { POLICY_FIELDS, rawValueOf } from "../views/admin/policy-fields.js";
import {
  QUESTION_PICKER_KEYS,
  questionsFromForm,
  questionValuesOf,
  typedQuestionValues,
} from "./policy-question-form.js";

export type FormValues = Readonly<Record<string, string>>;

/** The three targeting fields of one method. */
export function targetFieldNames(name: string) {
  return { target: `target.${name}`, groups: `targetGroups.${name}`, excluded: `targetExcluded.${name}` };
}

/** The fields the generic loop reads: all but the question pickers (policy-question-form.ts). */
const PLAIN_FIELDS = POLICY_FIELDS.filter((field) => !QUESTION_PICKER_KEYS.includes(field.key));

/** Every field's value for `policy`, as the form shows it. */
export function formValuesOf(policy: SsprPolicy): Record<string, string> {
  const values: Record<string, string> = questionValuesOf(policy);
  for (const field of PLAIN_FIELDS) values[field.key] = rawValueOf(policy, field);
  for (const name of METHOD_SWITCHES) {
    const names = targetFieldNames(name);
    const target = policy.methodTargets[name];
    values[names.target] = target.target;
    values[names.groups] = target.groups.join(", ");
    values[names.excluded] = target.excludedGroups.join(", ");
  }
  return values;
}

function groupList(text: string | undefined): string[] {
  return (text ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
}

function targetOf(body: FormValues, name: string): MethodTarget {
  const names = targetFieldNames(name);
  const target = body[names.target] === "groups" ? "groups" : "everyone";
  // Groups typed for "everyone" are not kept: the switch would not read them, and the diff would show noise.
  const groups = target === "groups" ? groupList(body[names.groups]) : [];
  return { target, groups, excludedGroups: groupList(body[names.excluded]) };
}

/** The draft the form describes over `base`, and the fields whose values could not be read. */
export function draftFromForm(base: SsprPolicy, body: FormValues): { draft: SsprPolicy; problems: PolicyFinding[] } {
  let draft = base;
  const problems: PolicyFinding[] = [];
  for (const field of PLAIN_FIELDS) {
    const raw = body[field.key] ?? (field.control.kind === "switch" ? "off" : "");
    const value = parsePolicyValue(field.key, field.control.kind === "switch" && raw !== "on" ? "off" : raw);
    if (value === undefined) problems.push({ rule: "value", path: field.key, message: "not a valid value" });
    else draft = withValue(draft, field.key, value);
  }
  const methodTargets = Object.fromEntries(METHOD_SWITCHES.map((name) => [name, targetOf(body, name)]));
  draft = { ...draft, methodTargets: methodTargets as SsprPolicy["methodTargets"] };
  const { builtIn, custom } = questionsFromForm(body);
  draft = withValue(draft, "questions.builtIn", builtIn);
  if (custom === undefined) problems.push({ rule: "value", path: "questions.custom", message: "not a valid value" });
  else draft = withValue(draft, "questions.custom", custom);
  return { draft, problems };
}

/** The form's values as posted, over the policy's own for any field the post left out. */
export function typedValues(policy: SsprPolicy, body: FormValues): Record<string, string> {
  // The pickers' fields come from the post alone (typedQuestionValues): an unposted row is a removed one.
  const values = Object.fromEntries(
    Object.entries(formValuesOf(policy)).filter(([key]) => !/^questions\.(builtIn|custom)\./.test(key)),
  );
  for (const key of Object.keys(values)) {
    const typed = body[key];
    if (typed !== undefined) values[key] = typed;
    else if (POLICY_FIELDS.some((field) => field.key === key && field.control.kind === "switch")) values[key] = "off";
  }
  return { ...values, ...typedQuestionValues(body) };
}
