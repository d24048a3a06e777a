/**
 * JSON text with `{{name}}` placeholders inside its strings, filled with JSON-escaped values: an operator writes a
 * provider's request body once, and no value (a quote, a newline, a `}`) can change the body's structure.
 */

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** The value as it may stand inside a JSON string: `"` → `\"`, newline → `\n`, control characters escaped. */
function escapeForJsonString(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** The placeholder names the template uses, each once, in order of first use. */
export function jsonTemplatePlaceholders(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), (match) => match[1] ?? ""))];
}

/** Which placeholders a template may use, and which it must: each entry of `required` lists alternatives. */
export interface TemplateNames {
  readonly allowed: readonly string[];
  readonly required: readonly (readonly string[])[];
}

const braced = (names: readonly string[]): string => names.map((name) => `{{${name}}}`).join(" or ");

/**
 * What is wrong with a template, or null: a placeholder outside `allowed`, a required one missing, or text that
 * is not JSON once filled (for instance a placeholder outside quotes, `{"to": {{to}}}`).
 *
 * @example
 * checkJsonTemplate('{"to":"{{to}}"}', { allowed: ["to", "message"], required: [["to"]] }) // null
 */
export function checkJsonTemplate(template: string, names: TemplateNames): string | null {
  const used = jsonTemplatePlaceholders(template);
  const unknown = used.filter((name) => !names.allowed.includes(name));
  if (unknown.length > 0) return `unknown placeholder ${unknown.map((name) => `{{${name}}}`).join(", ")}`;
  const missing = names.required.find((alternatives) => !alternatives.some((name) => used.includes(name)));
  if (missing !== undefined) return `missing placeholder ${braced(missing)}`;
  try {
    JSON.parse(fillJsonTemplate(template, Object.fromEntries(used.map((name) => [name, 'a"b\\c\n']))));
    return null;
  } catch {
    return "not JSON once filled: placeholders must stand inside quoted strings";
  }
}

/**
 * The template with each placeholder replaced by its value, JSON-escaped; a missing value counts as empty. One
 * pass: a value holding `{{to}}` is not expanded again.
 */
export function fillJsonTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => escapeForJsonString(values[name] ?? ""));
}
