/**
 * A phone number typed at a reset gate (SPEC §4.3, §6.4). Registration has a country picker; a gate has none, and
 * its prompt asks for the full number with the country code. So `+…` and `00…` are read as international, and a
 * number typed as it is dialled at home (`0812…`, the habit the prompt cannot always break) is read as national to
 * the home country: the first of `allowedPhoneCountries`, the country registration offers first.
 *
 * Why that is safe: nothing is ever sent to what was typed. The typed number only selects a verified number that
 * equals it exactly (E.164), so a wrong reading can cost the user a match, never reach a stranger's phone. Reading
 * it in every allowed country instead would let a national number match in any of up to 50 countries, which asks
 * less of whoever types it.
 */
import { parseTypedPhone } from "../../domain/phone-number.js";
import type { SsprPolicy } from "../../domain/policies/sspr-policy.js";

/** The longest typed number the field takes (a 15-digit number with its spacing fits). */
export const GATE_PHONE_MAX_LENGTH = 40;

/**
 * The typed number in E.164, or null when it is not a valid number. The country is not checked against the policy
 * here: a number stored under an older policy still matches, and is then never dialled (O2, at the send).
 *
 * @example
 * readGatePhone("+62 812-3456-7812", policy) // "+6281234567812"
 * readGatePhone("0812 3456 7812", { allowedPhoneCountries: ["62"] }) // "+6281234567812"
 * readGatePhone("0062 812 3456 7812", policy) // "+6281234567812"
 */
export function readGatePhone(typed: string, policy: Pick<SsprPolicy, "allowedPhoneCountries">): string | null {
  const home = policy.allowedPhoneCountries[0] ?? "";
  const parsed = parseTypedPhone(typed, home);
  return parsed.ok ? parsed.value.e164 : null;
}

/** An international reading only (`+…`, `00…`), for callers without a policy at hand. */
export function readInternationalPhone(typed: string): string | null {
  const parsed = parseTypedPhone(typed, "");
  return parsed.ok ? parsed.value.e164 : null;
}
