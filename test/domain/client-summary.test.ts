import { describe, expect, it } from "vitest";
import { summariseClient } from "../../src/domain/client-summary.js";

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
