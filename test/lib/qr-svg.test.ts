/**
 * The QR code SVG: well formed, named for assistive technology, self-contained, stable for the same input, and
 * drawing exactly the modules qrcode encoded for the text (read back from the path; no QR decoder is needed).
 */
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { qrSvg } from "../../src/lib/qr-svg.js";

const URI =
  "otpauth://totp/Contoh%20Corp:budi%40contoh.co.id?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" +
  "&issuer=Contoh%20Corp&algorithm=SHA1&digits=6&period=30";
const QUIET_ZONE = 4;

/** The dark modules a qrcode SVG path draws: `M x y.5` starts a row, `m dx 0` skips, `h n` draws n modules. */
function modulesFromPath(path: string, size: number): boolean[] {
  const dark = new Array<boolean>(size * size).fill(false);
  let x = 0;
  let y = 0;
  for (const [, command, first, second] of path.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    const a = Number(first);
    if (command === "M") [x, y] = [a - QUIET_ZONE, Math.floor(Number(second)) - QUIET_ZONE];
    else if (command === "m") x += a;
    else for (let end = x + a; x < end; x++) dark[y * size + x] = true;
  }
  return dark;
}

/** Checks every tag opens and closes in order (the SVG holds no text but the title, and no comments). */
function tagsBalance(markup: string): boolean {
  const open: string[] = [];
  for (const [tag, closing, name, selfClosing] of markup.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (tag.startsWith("<?")) continue;
    if (selfClosing === "/") continue;
    if (closing === "/") {
      if (open.pop() !== name) return false;
    } else if (name !== undefined) open.push(name);
  }
  return open.length === 0;
}

describe("qrSvg", () => {
  it("is one well-formed <svg> element with a viewBox and no fixed size", async () => {
    const svg = await qrSvg(URI, "QR code");
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg.endsWith("</svg>")).toBe(true);
    expect(svg.match(/<svg /g)).toHaveLength(1);
    expect(tagsBalance(svg)).toBe(true);
    expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
    expect(svg).not.toMatch(/\s(width|height)=/);
  });

  it("has role img, an aria-label and a <title> as its first child, both escaped", async () => {
    const svg = await qrSvg(URI, 'Kode QR "A" <b>&</b>');
    const escaped = "Kode QR &quot;A&quot; &lt;b&gt;&amp;&lt;/b&gt;";
    expect(svg).toMatch(/^<svg role="img" aria-label="[^"]*" /);
    expect(svg).toContain(`aria-label="${escaped}"`);
    expect(svg).toMatch(new RegExp(`^<svg [^>]*><title>${escaped}</title><path `));
    expect(svg).not.toContain("<b>");
  });

  it("refers to nothing outside itself: no script, no link, no URL but the SVG namespace", async () => {
    const svg = await qrSvg(URI, "QR code");
    expect(svg).not.toMatch(/<script|href=|url\(|style=/i);
    expect([...svg.matchAll(/https?:\/\/[^"]+/g)].map(([url]) => url)).toEqual(["http://www.w3.org/2000/svg"]);
    expect(svg).not.toContain("GEZDGNBV"); // the secret is in the picture, never in the markup as text
  });

  it("gives the same markup for the same input, and other markup for another secret", async () => {
    expect(await qrSvg(URI, "QR code")).toBe(await qrSvg(URI, "QR code"));
    expect(await qrSvg(URI.replace("GEZD", "MZXW"), "QR code")).not.toBe(await qrSvg(URI, "QR code"));
  });

  it("draws exactly the modules qrcode encodes for the URI (error correction M), with a 4-module quiet zone", async () => {
    const svg = await qrSvg(URI, "QR code");
    const { modules } = QRCode.create(URI, { errorCorrectionLevel: "M" });
    const viewBox = /viewBox="0 0 (\d+) \1"/.exec(svg);
    expect(Number(viewBox?.[1])).toBe(modules.size + 2 * QUIET_ZONE);
    const path = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? "";
    const expected = Array.from(modules.data, (bit) => bit === 1);
    expect(modulesFromPath(path, modules.size)).toEqual(expected);
  });
});
