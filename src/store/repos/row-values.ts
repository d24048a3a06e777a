/** Narrows text columns to the domain's unions when rows are read; an unknown value is a fault, never guessed at. */
import { METHOD_IDS, type MethodId } from "../../domain/methods.js";
import type { Language } from "../../domain/users.js";

/** Thrown when a stored value is outside the union its column holds (a newer build wrote it, or a hand edit). */
export class UnexpectedColumnValueError extends Error {
  constructor(column: string, value: string) {
    super(`unexpected value in ${column}: ${JSON.stringify(value)}`);
    this.name = "UnexpectedColumnValueError";
  }
}

/** `value` as one of `allowed`, or UnexpectedColumnValueError naming `column`. */
export function asOneOf<T extends string>(allowed: readonly T[], value: string, column: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new UnexpectedColumnValueError(column, value);
  return found;
}

/** A method id read from `column`. */
export function asMethodId(value: string, column: string): MethodId {
  return asOneOf(METHOD_IDS, value, column);
}

const LANGUAGES: readonly Language[] = ["en", "id"];

/** A UI language read from `column`. */
export function asLanguage(value: string, column: string): Language {
  return asOneOf(LANGUAGES, value, column);
}

/** A nullable column narrowed with `narrow` when it holds a value. */
export function asNullable<T>(value: string | null, narrow: (present: string) => T): T | null {
  return value === null ? null : narrow(value);
}
