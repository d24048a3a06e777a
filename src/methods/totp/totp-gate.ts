/**
 * The authenticator app at a reset gate (SPEC §4.4, §6.4 item 4): the user types the code their app shows now, and
 * Sandi tries it against every app the user has (at most 5), over the previous, current and next time step.
 *
 * Equal work: every check opens exactly `APPS_CHECKED` secret boxes and computes exactly `APPS_CHECKED` × 3 HMACs,
 * whether the user has five apps, one, none, or the flow is inert: the missing apps are a padding row sealed like
 * a real one (so opening it costs the same derivation and decryption) and padding secrets in `matchTotpAmong`. How
 * long a check takes therefore says nothing about how many apps, if any, stand behind a user ID. Only a passing
 * check does more (one UPDATE moving the app's counter on), and a passed gate may show what it proved.
 *
 * Replay: a time step accepted once for an app, at any gate of any flow or at a step-up in My security info, is
 * refused for good (SND-207). `advanceCounter` moves the app's last accepted step forward atomically, so two
 * requests racing with one code cannot both pass.
 */
import type { AppCodeCheck } from "../../domain/methods/app-code-check.js";
import type { GateCheck, GateVerdict, VerificationMethod } from "../../domain/methods/method-port.js";
import { MAX_PER_USER } from "../../domain/methods.js";
import type { CodeKeys, MethodStore, VerifiedMethod } from "../../domain/ports.js";
import { matchTotpAmong, TOTP_DIGITS, TOTP_SECRET_BYTES } from "../../lib/crypto/totp.js";
import type { Random } from "../../lib/random.js";
import { createDeviceCodeGate } from "../code-method/device-code-gate.js";
import { normaliseCode } from "../code-method/code-challenge.js";
import { openSavedSecret, sealSavedSecret } from "./totp-secret.js";

/** Apps compared per check, whatever the user has: SPEC §4.4's maximum per user. */
export const APPS_CHECKED = MAX_PER_USER.totp;
/** Room for a code typed with spaces or a dash (`123 456`); the method keeps only the digits. */
const CODE_FIELD_MAX_LENGTH = 16;
/** The owner a padding row is sealed to: no account ref has this shape. */
const PADDING_OWNER = "totp-gate:padding";

export interface TotpGateDeps {
  readonly codeKeys: CodeKeys;
  readonly random: Random;
  /** The saved apps' counters move here (`advanceCounter`). */
  readonly methods: Pick<MethodStore, "advanceCounter">;
}

/** One app as a check sees it: the row, and its secret when its box opened. */
interface OpenedApp {
  readonly method: VerifiedMethod;
  readonly secret: Uint8Array;
}

/**
 * The one TOTP check (equal work, replay refused, the counter moved on atomically): the reset gate's `verify`, and
 * "Verify caller"'s through the `AppCodeCheck` port.
 */
export function createTotpCheck(deps: Pick<TotpGateDeps, "codeKeys" | "random">): AppCodeCheck {
  const keyId = deps.codeKeys.currentId;
  // A row nobody owns, sealed exactly as an app's secret is: opening it costs what opening a real one does.
  const paddingRow: VerifiedMethod = {
    id: "",
    userRef: PADDING_OWNER,
    method: "totp",
    value: "",
    label: null,
    createdAt: new Date(0),
    lastUsedAt: null,
    secret: sealSavedSecret(deps.codeKeys, keyId, deps.random.bytes(TOTP_SECRET_BYTES), PADDING_OWNER),
    details: { keyId },
  };

  /** Opens `APPS_CHECKED` boxes (the user's apps, then padding); the apps whose box opened come back. */
  const openApps = (apps: readonly VerifiedMethod[], userRef: string): OpenedApp[] => {
    const opened: OpenedApp[] = [];
    const slots = Math.max(apps.length, APPS_CHECKED);
    for (let index = 0; index < slots; index++) {
      const method = apps[index];
      if (method === undefined) {
        openSavedSecret(deps.codeKeys, paddingRow, PADDING_OWNER);
        continue;
      }
      const secret = openSavedSecret(deps.codeKeys, method, userRef);
      // A row whose box does not open matches nothing; its share of the HMACs is padding.
      if (secret !== null) opened.push({ method, secret });
    }
    return opened;
  };

  return async (input, counters) => {
    const apps = openApps(input.apps, input.userRef);
    const candidates = apps.map((app) => ({ secret: app.secret, lastAcceptedStep: app.method.counter ?? null }));
    const slots = Math.max(input.apps.length, APPS_CHECKED);
    const found = matchTotpAmong(candidates, input.code, input.now, slots);
    const app = apps[found.index];
    if (app === undefined || found.match.outcome === "wrong") return { passed: false, reason: "SND-206" };
    if (found.match.outcome === "replayed") return { passed: false, reason: "SND-207" };
    // Two requests with one code race here: the counter moves forward for one of them only.
    if (!(await counters.advanceCounter(app.method.id, found.match.step))) return { passed: false, reason: "SND-207" };
    return { passed: true, proved: app.method.id };
  };
}

export function createTotpGate(deps: TotpGateDeps): VerificationMethod {
  const check = createTotpCheck(deps);
  const verify = (gate: GateCheck): Promise<GateVerdict> =>
    check(
      { userRef: gate.userRef ?? PADDING_OWNER, apps: gate.targets, code: gate.proof["code"] ?? "", now: gate.now },
      deps.methods,
    );

  return createDeviceCodeGate(deps, {
    id: "totp",
    fieldMaxLength: CODE_FIELD_MAX_LENGTH,
    codeDigits: TOTP_DIGITS,
    submit: (fields) => {
      const code = normaliseCode(fields["code"] ?? "", TOTP_DIGITS);
      return code === null ? { kind: "invalid", notice: "code_invalid" } : { kind: "check", proof: { code } };
    },
    verify,
  });
}
