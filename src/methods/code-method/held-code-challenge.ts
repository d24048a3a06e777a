/**
 * The challenge of a gate whose proof the user already holds (an authenticator app's code, a recovery code): no code
 * is issued or stored, so it holds no HMAC and names no target. It exists so the flow has one row per gate opening
 * to count attempts on and to consume once, as for every other method.
 */
import { FLOW_LIFETIME_SECONDS } from "../../domain/flows/reset/reset-flow.js";
import type { GateRequest } from "../../domain/methods/method-port.js";
import type { MethodId } from "../../domain/methods.js";
import type { Challenge, CodeKeys } from "../../domain/ports.js";
import { toBase64url } from "../../lib/crypto/base64url.js";
import type { Random } from "../../lib/random.js";
import { secondsAfter } from "../../lib/time.js";

/**
 * A challenge for the gate `request` opens. It lasts a whole flow's lifetime from now, which is never less than what
 * is left of the flow, so the flow's own expiry (SND-212, "start again") always comes first. A 5-minute expiry, as a
 * sent code has, would void nothing a thief could use (the app's code itself changes every 30 s; a recovery code is
 * spent when it passes) and would only turn a fresh app code typed by a slow user into "expired, 0 tries left".
 */
export function heldCodeChallenge(
  deps: { method: MethodId; codeKeys: CodeKeys; random: Random },
  request: Pick<GateRequest, "flowId" | "gate" | "now">,
): Challenge {
  return {
    id: toBase64url(deps.random.bytes(16)),
    flowId: request.flowId,
    gate: request.gate,
    method: deps.method,
    codeHmac: null,
    targetRef: null,
    keyId: deps.codeKeys.currentId,
    attempts: 0,
    expiresAt: secondsAfter(request.now, FLOW_LIFETIME_SECONDS),
    consumedAt: null,
    voidedAt: null,
    createdAt: request.now,
  };
}
