/**
 * Checking what an admin typed for a user (the create and edit forms, the CLI and the CSV import share it): each
 * problem names its field and a catalog code under `admin_manage.error.`, so every caller says it in its language.
 */
import { normaliseEmailAddress } from "../email-address.js";
import { parseTypedPhone } from "../phone-number.js";
import { isUserIdSyntaxValid, normaliseUserId } from "../user-id.js";
import type { Language } from "../users.js";
import type { UserEdit } from "./user-admin-ports.js";

export const NAME_MAX_LENGTH = 200;
export const GROUP_NAME_MAX_LENGTH = 100;

/** What the form or row holds, as typed. */
export interface TypedUserFields {
  readonly displayName?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly email?: string;
  readonly mobilePhone?: string;
  readonly officePhone?: string;
  readonly language?: string;
}

export type UserField =
  | "userId"
  | "displayName"
  | "firstName"
  | "lastName"
  | "email"
  | "mobilePhone"
  | "officePhone"
  | "language"
  | "groups";

export interface FieldProblem {
  readonly field: UserField;
  /** `required`, `too_long`, `invalid_email`, `invalid_phone`, `invalid_language`, `invalid_user_id`, … */
  readonly code: string;
}

function textOf(typed: string | undefined, field: UserField, problems: FieldProblem[], required: boolean): string {
  const value = (typed ?? "").trim();
  if (value === "" && required) problems.push({ field, code: "required" });
  else if (value.length > NAME_MAX_LENGTH || /[\p{Cc}]/u.test(value)) problems.push({ field, code: "too_long" });
  return value;
}

function phoneOf(typed: string | undefined, field: UserField, problems: FieldProblem[]): string | null {
  const value = (typed ?? "").trim();
  if (value === "") return null;
  // Contact numbers are kept in international form: no country is assumed for them.
  const parsed = parseTypedPhone(value, "");
  if (!parsed.ok) {
    problems.push({ field, code: "invalid_phone" });
    return null;
  }
  return parsed.value.e164;
}

function languageOf(typed: string | undefined, problems: FieldProblem[]): Language | null {
  const value = (typed ?? "").trim();
  if (value === "") return null;
  if (value === "en" || value === "id") return value;
  problems.push({ field: "language", code: "invalid_language" });
  return null;
}

/** The user ID as stored, or a problem. */
export function checkUserId(typed: string | undefined, problems: FieldProblem[]): string {
  const userId = normaliseUserId((typed ?? "").trim());
  if (userId === "") problems.push({ field: "userId", code: "required" });
  else if (!isUserIdSyntaxValid(userId)) problems.push({ field: "userId", code: "invalid_user_id" });
  return userId;
}

/**
 * The fields as stored, or the problems. The display name defaults to "first last"; an email is required when
 * `emailRequired` (a new user's notices need somewhere to go).
 */
export function checkUserFields(
  typed: TypedUserFields,
  options: { emailRequired: boolean },
): { edit: UserEdit; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const firstName = textOf(typed.firstName, "firstName", problems, true);
  const lastName = textOf(typed.lastName, "lastName", problems, true);
  const typedDisplay = (typed.displayName ?? "").trim();
  const displayName = textOf(
    typedDisplay === "" ? `${firstName} ${lastName}`.trim() : typedDisplay,
    "displayName",
    problems,
    true,
  );
  const typedEmail = (typed.email ?? "").trim();
  let email: string | null = null;
  if (typedEmail === "") {
    if (options.emailRequired) problems.push({ field: "email", code: "required" });
  } else {
    email = normaliseEmailAddress(typedEmail);
    if (email === null) problems.push({ field: "email", code: "invalid_email" });
  }
  const edit: UserEdit = {
    displayName,
    firstName,
    lastName,
    email,
    mobilePhone: phoneOf(typed.mobilePhone, "mobilePhone", problems),
    officePhone: phoneOf(typed.officePhone, "officePhone", problems),
    preferredLanguage: languageOf(typed.language, problems),
  };
  return { edit, problems };
}

/** A group name: 1–100 printable characters. */
export function isGroupNameValid(name: string): boolean {
  return name.trim() === name && name !== "" && name.length <= GROUP_NAME_MAX_LENGTH && !/[\p{Cc}\p{Cf}]/u.test(name);
}
