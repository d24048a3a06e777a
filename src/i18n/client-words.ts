/** A stored browser summary in the reader's words: "Chrome 156 on Linux" / "Chrome 156 di Linux" (SPEC §16). */
import { clientPartsOf } from "../domain/client-summary.js";
import type { Translate } from "./i18n.js";

/** The summary in `t`'s language; a text Sandi did not compose (an unrecognised header) is shown as it is. */
export function describeClient(t: Translate, summary: string): string {
  const parts = clientPartsOf(summary);
  if (parts.kind === "unknown") return t("common.client.unknown");
  if (parts.kind === "unrecognised") return parts.text;
  const browser = parts.version === null ? parts.browser : `${parts.browser} ${parts.version}`;
  return parts.system === null ? browser : t("common.client.on_system", { browser, system: parts.system });
}
