/**
 * The temporary access pass's code: 16 characters from 31 without look-alikes (79 bits), shown in groups of four.
 * Typed back, case, spaces and dashes do not matter.
 */
import type { Random } from "../../lib/random.js";

// No 0 O 1 I L: read out over the phone or copied by hand, nothing is ambiguous.
const SYMBOLS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const LENGTH = 16;

/** Lifetimes the admin may choose (SPEC §18: 10 min to 8 h), the default 1 h. */
export const ACCESS_PASS_MINUTES = { min: 10, max: 480, default: 60 } as const;

/** A fresh code, grouped as `ABCD-EFGH-JKMN-PQRS`. */
export function generateAccessPassCode(random: Random): string {
  let code = "";
  for (let index = 0; index < LENGTH; index++) code += SYMBOLS[random.integerBelow(SYMBOLS.length)] ?? "";
  return code.match(/.{4}/g)?.join("-") ?? code;
}

/** The code as hashed and compared: upper case, without spaces or dashes. */
export function normaliseAccessPassCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, "");
}

/** True when `minutes` is a whole number within the allowed lifetimes. */
export function isAccessPassLifetime(minutes: number): boolean {
  return Number.isInteger(minutes) && minutes >= ACCESS_PASS_MINUTES.min && minutes <= ACCESS_PASS_MINUTES.max;
}
