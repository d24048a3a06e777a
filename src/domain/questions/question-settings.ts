/**
 * The policy's `questions` section (SPEC §3): its checks (V4, V5 and the ranges) and the `policy set` parsers for
 * `questions.builtIn` and `questions.custom`. Pure; policies/ calls these with its own shapes.
 */
import { sha256 } from "../../lib/crypto/sha256.js";
import type { MethodId } from "../methods.js";
import { codePointLength } from "../passwords/normalise.js";
import {
  ALL_BUILT_IN_NUMBERS,
  BUILT_IN_QUESTION_COUNT,
  CUSTOM_ID_PATTERN,
  type CustomQuestion,
  questionPool,
} from "./question-pool.js";

/** The policy's `questions` section. */
export interface QuestionSettings {
  readonly toRegister: number;
  readonly toReset: number;
  /** Numbers 1–35 of the built-in questions offered. */
  readonly builtIn: readonly number[];
  readonly custom: readonly CustomQuestion[];
}

/** SPEC §3's limits on the section. */
export const QUESTION_LIMITS = {
  perSet: { min: 3, max: 5 },
  maxCustom: 20,
  customText: { min: 3, max: 200 },
} as const;

/** A failed rule, shaped as sspr-policy.ts's PolicyViolation. */
export interface QuestionViolation {
  readonly rule: string;
  readonly path: string;
  readonly message: string;
}

function outside(value: number, range: { readonly min: number; readonly max: number }): boolean {
  return !Number.isInteger(value) || value < range.min || value > range.max;
}

function checkBuiltIn(builtIn: readonly number[]): QuestionViolation[] {
  const valid = builtIn.every((n) => Number.isInteger(n) && n >= 1 && n <= BUILT_IN_QUESTION_COUNT);
  return valid && new Set(builtIn).size === builtIn.length
    ? []
    : [{ rule: "value", path: "questions.builtIn", message: "distinct numbers 1–35" }];
}

/** Each custom question: a well-formed id used once, at least one text, each text 3–200 characters, no text twice. */
function checkCustom(custom: readonly CustomQuestion[]): QuestionViolation[] {
  const path = "questions.custom";
  const violations: QuestionViolation[] = [];
  if (custom.length > QUESTION_LIMITS.maxCustom)
    violations.push({ rule: "range", path, message: "at most 20 custom questions" });
  const ids = custom.map((question) => question.id);
  if (!ids.every((id) => CUSTOM_ID_PATTERN.test(id)) || new Set(ids).size !== ids.length)
    violations.push({ rule: "value", path, message: "each id once: lowercase letters, digits and hyphens" });
  if (custom.some((question) => question.en === null && question.id_ === null))
    violations.push({ rule: "value", path, message: "each question needs English or Indonesian text" });
  const texts = custom.flatMap((question) => [question.en, question.id_]).filter((text) => text !== null);
  if (texts.some((text) => outside(codePointLength(text.trim()), QUESTION_LIMITS.customText)))
    violations.push({ rule: "range", path, message: "each text must be 3–200 characters" });
  const keys = texts.map((text) => normaliseQuestionText(text).toLowerCase());
  if (new Set(keys).size !== keys.length) violations.push({ rule: "value", path, message: "a question appears twice" });
  return violations;
}

/**
 * SPEC §3's rules for the `questions` section, given the methods the policy enables: V4 (questions are not the
 * only method), V5 (`toReset` ≤ `toRegister`, and `toRegister` ≤ the questions offered while questions are on),
 * the 3–5 ranges, the built-in numbers and the custom questions.
 */
export function checkQuestionSettings(settings: QuestionSettings, enabled: readonly MethodId[]): QuestionViolation[] {
  const violations: QuestionViolation[] = [];
  const questionsOn = enabled.includes("questions");
  if (questionsOn && enabled.every((method) => method === "questions"))
    violations.push({ rule: "V4", path: "methods.securityQuestions", message: "questions cannot be the only method" });
  if (outside(settings.toRegister, QUESTION_LIMITS.perSet) || outside(settings.toReset, QUESTION_LIMITS.perSet))
    violations.push({ rule: "range", path: "questions", message: "toRegister and toReset must be 3–5" });
  if (settings.toReset > settings.toRegister)
    violations.push({ rule: "V5", path: "questions.toReset", message: "toReset must not exceed toRegister" });
  if (questionsOn && settings.toRegister > questionPool(settings).length)
    violations.push({ rule: "V5", path: "questions.toRegister", message: "more questions to register than offered" });
  return [...violations, ...checkBuiltIn(settings.builtIn), ...checkCustom(settings.custom)];
}

/** `questions.builtIn`: "all", or a comma list of numbers 1–35 ("1, 4, 7"); sorted, each once; undefined if invalid. */
export function parseBuiltInQuestions(value: string): number[] | undefined {
  if (value.trim().toLowerCase() === "all") return [...ALL_BUILT_IN_NUMBERS];
  const parts = value.split(",").map((part) => part.trim());
  if (!parts.every((part) => /^\d{1,2}$/.test(part))) return undefined;
  const numbers = parts.map(Number);
  if (!numbers.every((n) => n >= 1 && n <= BUILT_IN_QUESTION_COUNT)) return undefined;
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/** A question's text as stored: NFC, trimmed, inner whitespace runs one space; empty means none. */
export function normaliseQuestionText(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim();
}

/** A stable id for a custom question typed without one: 12 hex digits of SHA-256 over its two texts. */
export function derivedCustomId(en: string | null, indonesian: string | null): string {
  const digest = sha256(`${en ?? ""}\u0000${indonesian ?? ""}`);
  return Array.from(digest.subarray(0, 6), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function textField(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") return undefined;
  const text = normaliseQuestionText(value);
  return text === "" ? null : text;
}

function parseCustomEntry(entry: unknown): CustomQuestion | undefined {
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return undefined;
  const fields = entry as Record<string, unknown>;
  if (Object.keys(fields).some((key) => !["id", "en", "id_"].includes(key))) return undefined;
  const en = textField(fields.en);
  const indonesian = textField(fields.id_);
  if (en === undefined || indonesian === undefined) return undefined;
  if (fields.id !== undefined && typeof fields.id !== "string") return undefined;
  const id = typeof fields.id === "string" ? fields.id.trim() : derivedCustomId(en, indonesian);
  return { id, en, id_: indonesian };
}

/**
 * `questions.custom`: a JSON array in the shape the policy stores and `policy show` prints, so it round-trips:
 * `[{"id":"colour","en":"What is your favourite colour?","id_":"Apa warna favorit Anda?"}]`. `id` may be left
 * out: it is then derived from the texts (`derivedCustomId`), so typing the same list again keeps users' answers,
 * while an edited text without its id counts as a new question. `en` or `id_` may be left out; "" or "none"
 * empties the list. Undefined when the value is not such an array; the lengths are `checkQuestionSettings`'s.
 */
export function parseCustomQuestions(value: string): CustomQuestion[] | undefined {
  const trimmed = value.trim();
  if (trimmed === "" || trimmed.toLowerCase() === "none") return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  const questions = parsed.map(parseCustomEntry);
  return questions.every((question): question is CustomQuestion => question !== undefined) ? questions : undefined;
}
