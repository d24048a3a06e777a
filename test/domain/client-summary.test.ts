import { describe, expect, it } from "vitest";
import { clientPartsOf, summariseClient } from "../../src/domain/client-summary.js";
import { describeClient } from "../../src/i18n/client-words.js";
import { createTranslator } from "../../src/i18n/i18n.js";

const AGENTS = {
  chromeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  edge: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86",
  firefoxLinux: "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
  safariIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  safariMac:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  chromeAndroid:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.39 Mobile Safari/537.36",
  headless:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/142.0.0.0 Safari/537.36",
  samsung:
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/27.0 Chrome/125.0.0.0 Mobile Safari/537.36",
} as const;

describe("summariseClient", () => {
  it("names the browser, its major version and the system", () => {
    expect(summariseClient(AGENTS.chromeWindows)).toBe("Chrome 131 on Windows");
    expect(summariseClient(AGENTS.edge)).toBe("Edge 131 on Windows");
    expect(summariseClient(AGENTS.firefoxLinux)).toBe("Firefox 140 on Linux");
    expect(summariseClient(AGENTS.safariIphone)).toBe("Safari 18 on iOS");
    expect(summariseClient(AGENTS.safariMac)).toBe("Safari 18 on macOS");
    expect(summariseClient(AGENTS.chromeAndroid)).toBe("Chrome 131 on Android");
    expect(summariseClient(AGENTS.headless)).toBe("Chrome 142 on Linux");
  });

  it("keeps an unrecognised header as sent, without control characters and at most 256 characters", () => {
    expect(summariseClient("curl/8.5.0")).toBe("curl/8.5.0");
    expect(summariseClient("evil\r\nX-Injected: 1")).toBe("evil  X-Injected: 1");
    expect(summariseClient("x".repeat(400))).toHaveLength(256);
    expect(summariseClient(undefined)).toBe("unknown");
    expect(summariseClient("   ")).toBe("unknown");
  });
});

describe("browser summaries in the reader's language", () => {
  const translator = createTranslator();
  const en = translator.forLanguage("en");
  const id = translator.forLanguage("id");

  it("reads a summary back into its parts, and says it in English or Indonesian", () => {
    const summary = summariseClient(AGENTS.firefoxLinux);
    expect(clientPartsOf(summary)).toEqual({ kind: "recognised", browser: "Firefox", version: "140", system: "Linux" });
    expect(describeClient(en, "Chrome 156 on Linux")).toBe("Chrome 156 on Linux");
    expect(describeClient(id, "Chrome 156 on Linux")).toBe("Chrome 156 di Linux");
    expect(describeClient(id, summariseClient(AGENTS.samsung))).toBe("Samsung Internet 27 di Android");
    expect(describeClient(id, "Safari")).toBe("Safari");
  });

  it("an unknown client is said in words, and a header Sandi did not recognise is shown as it was kept", () => {
    expect(describeClient(id, summariseClient(undefined))).toBe("Peramban tidak dikenal");
    expect(describeClient(en, summariseClient(""))).toBe("Unknown browser");
    expect(clientPartsOf("curl/8.5.0")).toEqual({ kind: "unrecognised", text: "curl/8.5.0" });
    expect(describeClient(id, "curl/8.5.0")).toBe("curl/8.5.0");
    // A header that merely looks like a summary is not turned into words it did not say.
    expect(describeClient(id, "Chrome 1 on Linux on Windows")).toBe("Chrome 1 on Linux on Windows");
    expect(describeClient(id, "IT Helpdesk on call")).toBe("IT Helpdesk on call");
  });
});
