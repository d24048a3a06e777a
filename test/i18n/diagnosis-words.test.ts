/**
 * "Diagnose this user" has words for everything it can say, in both catalogs: each check, status, fact, fix, fix
 * action, method kind, message status and flow state; and a finding reads as a sentence with its values worded.
 */
import { describe, expect, it } from "vitest";
import { REGISTRABLE_KINDS } from "../../src/domain/methods.js";
import { RESET_TRANSITIONS } from "../../src/domain/flows/reset/reset-states.js";
import { CHECK_IDS, FACT_KEYS, FIX_ACTIONS, FIX_KEYS } from "../../src/domain/troubleshoot/diagnosis.js";
import { describeFinding } from "../../src/i18n/diagnosis-words.js";
import { createTranslator, LANGUAGES } from "../../src/i18n/i18n.js";

const translator = createTranslator();

function keysWithoutWords(keys: readonly string[]): string[] {
  return LANGUAGES.flatMap((lang) =>
    keys.filter((key) => !translator.hasKey(lang, key)).map((key) => `${lang}: ${key}`),
  );
}

describe("diagnosis words", () => {
  it("every check, status, fact, fix and fix action has words in both catalogs", () => {
    const keys = [
      ...CHECK_IDS.map((check) => `diagnose.check.${check}`),
      ...["pass", "warn", "fail", "not_available"].map((status) => `diagnose.status.${status}`),
      ...FACT_KEYS.map((fact) => `diagnose.fact.${fact}`),
      ...FIX_KEYS.map((fix) => `diagnose.fix.${fix}`),
      ...FIX_ACTIONS.map((action) => `diagnose.fix_action.${action}`),
      ...REGISTRABLE_KINDS.map((kind) => `diagnose.kind.${kind}`),
      ...["waiting", "sent", "retrying", "abandoned", "suppressed"].map(
        (status) => `diagnose.message_status.${status}`,
      ),
      ...Object.keys(RESET_TRANSITIONS).map((state) => `diagnose.flow_state.${state}`),
    ];
    expect(keysWithoutWords(keys)).toEqual([]);
  });

  it("words a finding's kind, state, end and time in the reader's language", () => {
    const locale = { lang: "id" as const, timeZone: "Asia/Jakarta" };
    const t = translator.forLanguage("id");
    const flow = describeFinding(
      t,
      {
        fact: "flow",
        values: { code: "K7QF-2M9D", time: new Date("2026-12-01T08:00:00Z"), state: "done", end: "succeeded:reset" },
      },
      locale,
    );
    expect(flow).toContain("K7QF-2M9D");
    expect(flow).toContain("kata sandi diatur ulang");
    expect(flow).toContain("15.00 WIB");
    const method = describeFinding(
      translator.forLanguage("en"),
      { fact: "method_usable", values: { kind: "totp", target: "" } },
      locale,
    );
    expect(method).toBe("Authenticator app: verified and usable.");
  });
});
