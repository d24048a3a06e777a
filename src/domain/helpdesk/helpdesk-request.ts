/**
 * The helpdesk contact form's fields (SPEC §6.9): a reply address, the user ID, an optional support code and a
 * message of at most 1,000 characters. Checked before anything is counted or sent; a refusal names each field.
 */
import { normaliseEmailAddress } from "../email-address.js";
import { isUserIdSyntaxValid, normaliseUserId } from "../user-id.js";

/** SPEC §6.9: the message may hold at most 1,000 characters. */
export const MESSAGE_MAX_CHARACTERS = 1000;

/** What the user typed, as the form posted it. */
export interface HelpdeskRequestInput {
  readonly replyTo: string;
  readonly userId: string;
  readonly supportCode: string;
  readonly message: string;
}

/** The fields once checked: addresses and IDs normalised, line breaks as `\n`, an empty support code as null. */
export interface HelpdeskRequest {
  readonly replyTo: string;
  readonly userId: string;
  readonly supportCode: string | null;
  readonly message: string;
}

export type HelpdeskField = keyof HelpdeskRequestInput;

/** Why a field was refused; the page words each one and keeps what was typed. */
export interface FieldProblem {
  readonly field: HelpdeskField;
  readonly problem: "missing" | "invalid" | "too_long";
  /** For a message too long: how many characters it has, so the page can say. */
  readonly characters?: number;
}

/** A support code as flows issue them (`K7QF-2M9D`: no 0, O, 1 or I); typed in any case, with or without the dash. */
const SUPPORT_CODE = /^([2-9A-HJ-NP-Z]{4})-?([2-9A-HJ-NP-Z]{4})$/;

/** The support code in its printed form, or null when `typed` is not one. */
export function normaliseSupportCode(typed: string): string | null {
  const match = SUPPORT_CODE.exec(typed.trim().toUpperCase());
  return match?.[1] && match[2] ? `${match[1]}-${match[2]}` : null;
}

const GRAPHEMES = new Intl.Segmenter("en", { granularity: "grapheme" });

/** Characters as a reader counts them: graphemes (an emoji with its modifiers is one), a line break as one. */
export function messageLength(message: string): number {
  return Array.from(GRAPHEMES.segment(message.replace(/\r\n?/g, "\n"))).length;
}

function replyToProblem(typed: string): FieldProblem | null {
  if (typed.trim() === "") return { field: "replyTo", problem: "missing" };
  return normaliseEmailAddress(typed) === null ? { field: "replyTo", problem: "invalid" } : null;
}

function userIdProblem(typed: string): FieldProblem | null {
  if (typed.trim() === "") return { field: "userId", problem: "missing" };
  return isUserIdSyntaxValid(normaliseUserId(typed)) ? null : { field: "userId", problem: "invalid" };
}

function messageProblem(typed: string): FieldProblem | null {
  if (typed.trim() === "") return { field: "message", problem: "missing" };
  const characters = messageLength(typed.trim());
  return characters > MESSAGE_MAX_CHARACTERS ? { field: "message", problem: "too_long", characters } : null;
}

function supportCodeProblem(typed: string): FieldProblem | null {
  if (typed.trim() === "") return null;
  return normaliseSupportCode(typed) === null ? { field: "supportCode", problem: "invalid" } : null;
}

/** The checked request, or every field's problem at once, so the user fixes them in one go. */
export function checkHelpdeskRequest(
  input: HelpdeskRequestInput,
): { ok: true; value: HelpdeskRequest } | { ok: false; problems: FieldProblem[] } {
  const problems = [
    replyToProblem(input.replyTo),
    userIdProblem(input.userId),
    supportCodeProblem(input.supportCode),
    messageProblem(input.message),
  ].filter((problem) => problem !== null);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      replyTo: normaliseEmailAddress(input.replyTo) ?? "",
      userId: normaliseUserId(input.userId),
      supportCode: input.supportCode.trim() === "" ? null : normaliseSupportCode(input.supportCode),
      message: input.message.replace(/\r\n?/g, "\n").trim(),
    },
  };
}
