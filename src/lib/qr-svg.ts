/**
 * A QR code as inline SVG, drawn by Sandi itself: the otpauth URI holds the TOTP secret, so it must never be sent to
 * a QR service or sit in a URL an image request would carry. The markup has no script, no external reference and
 * no fixed size (the page's CSS sizes it); its accessible name comes from the caller, in the page's language.
 */
import QRCode from "qrcode";
import { escapeHtml } from "./html.js";

/** The quiet zone in modules: the 4 the QR standard asks for, so phone cameras find the code on any background. */
const QUIET_ZONE_MODULES = 4;

/**
 * The QR code of `text` as an `<svg>` element with `role="img"`, a `<title>` and an `aria-label` of `title`.
 * Error correction M (15 %) keeps a 160-bit otpauth URI at a size phones read from a laptop screen.
 */
export async function qrSvg(text: string, title: string): Promise<string> {
  const svg = await QRCode.toString(text, {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: QUIET_ZONE_MODULES,
    color: { dark: "#000000ff", light: "#ffffffff" },
  });
  const label = escapeHtml(title);
  // qrcode writes one `<svg xmlns=… viewBox=…>` tag; the name goes in as an attribute and as the first child.
  return svg
    .trim()
    .replace(/^<svg /, `<svg role="img" aria-label="${label}" `)
    .replace(/^(<svg [^>]*>)/, `$1<title>${label}</title>`);
}
